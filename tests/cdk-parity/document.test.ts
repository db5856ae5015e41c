// PolicyDocument: props, addStatements, sids, the minimize prop, fromJson, empty documents.
import { expect } from "chai";
import { cdkStack, configureIamx, expectSameJson, parity, parityValue } from "./oracle";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import * as core from "../../src/core";

type Doc = { Statement: { Sid?: string }[] };
const st = (iam: typeof core, a: string, r = "*") => new iam.PolicyStatement({ actions: [a], resources: [r] });
const twoStatements = (iam: typeof core) => new iam.PolicyDocument({ statements: [st(iam, "a:B"), st(iam, "a:A")] });

describe("parity: policy documents", () => {
  parity(
    "an empty document renders nothing",
    (iam) => new iam.PolicyDocument(),
    (out) => {
      expect(out.on).to.equal(undefined);
      expect(out.off).to.equal(undefined);
    },
  );

  parity("addStatements appends in order", (iam) => {
    const doc = new iam.PolicyDocument({ statements: [st(iam, "a:One", "r1")] });
    doc.addStatements(st(iam, "a:Two", "r2"), st(iam, "a:Three", "r3"));
    return doc;
  });

  parity(
    "identical statements are dropped even without minimizing",
    (iam) => {
      return new iam.PolicyDocument({ statements: [st(iam, "a:One"), st(iam, "a:One"), st(iam, "a:One")] });
    },
    (out) => expect((out.off as Doc).Statement).to.have.length(1),
  );

  parity(
    "assignSids numbers statements without a sid by position",
    (iam) => {
      const named = new iam.PolicyStatement({ sid: "Mine", actions: ["a:Two"], resources: ["r2"] });
      return new iam.PolicyDocument({
        assignSids: true,
        statements: [st(iam, "a:One", "r1"), named, st(iam, "a:Three", "r3")],
      });
    },
    (out) => expect((out.off as Doc).Statement.map((s) => s.Sid)).to.deep.equal(["0", "Mine", "2"]),
  );

  parity("assignSids counts after duplicates are dropped and replaces an empty sid", (iam) => {
    const empty = new iam.PolicyStatement({ sid: "", actions: ["a:Four"], resources: ["r4"] });
    return new iam.PolicyDocument({
      assignSids: true,
      statements: [st(iam, "a:One", "r1"), st(iam, "a:One", "r1"), empty, st(iam, "a:Two", "r2")],
    });
  });

  parity(
    "minimize: true on the document merges whatever the setting",
    (iam) => {
      return new iam.PolicyDocument({ minimize: true, statements: [st(iam, "a:B"), st(iam, "a:A")] });
    },
    (out) => expect(out.off).to.deep.equal(out.on),
  );

  parity(
    "minimize: false on the document neither merges nor sorts",
    (iam) => {
      return new iam.PolicyDocument({ minimize: false, statements: [st(iam, "a:B"), st(iam, "a:A")] });
    },
    (out) => {
      expect(out.on).to.deep.equal(out.off);
      expect((out.on as Doc).Statement).to.have.length(2);
    },
  );

  parityValue(
    "isEmpty and statementCount before rendering",
    (iam) => {
      const doc = new iam.PolicyDocument();
      const before = [doc.isEmpty, doc.statementCount];
      doc.addStatements(st(iam, "a:One"), st(iam, "a:Two"));
      return [...before, doc.isEmpty, doc.statementCount];
    },
    (v) => expect(v).to.deep.equal([true, 0, false, 2]),
  );

  parityValue("document validation concatenates statement messages", (iam) => {
    const doc = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()] }),
        new iam.PolicyStatement({ actions: ["a:B"] }),
      ],
    });
    return {
      any: doc.validateForAnyPolicy(),
      identity: doc.validateForIdentityPolicy(),
      resource: doc.validateForResourcePolicy(),
      trust: doc.validateForTrustPolicy(),
    };
  });

  parity("fromJson reads the statements and ignores Version", (iam) => {
    return iam.PolicyDocument.fromJson({
      Version: "2008-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:ListBucket"],
          Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
        },
        {
          Effect: "Deny",
          NotAction: "iam:*",
          NotResource: "*",
          Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
        },
      ],
    });
  });

  parity("fromJson of an empty statement list is an empty document", (iam) =>
    iam.PolicyDocument.fromJson({ Statement: [] }),
  );

  parity("fromJson then more statements added and merged", (iam) => {
    const doc = iam.PolicyDocument.fromJson({
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:a" }],
    });
    doc.addStatements(st(iam, "s3:PutObject", "arn:a"));
    return doc;
  });

  parity("a statement object added twice renders once", (iam) => {
    const s = st(iam, "a:One");
    return new iam.PolicyDocument({ statements: [s, s, st(iam, "a:Two", "r2")] });
  });

  it("statementCount drops once a minimizing document is synthesized (CDK: resolved)", () => {
    for (const minimize of [true, false]) {
      const stack = cdkStack(minimize);
      const theirs = twoStatements(cdkIam as unknown as typeof core) as unknown as cdkIam.PolicyDocument;
      const resolved = stack.resolve(theirs);
      configureIamx(minimize);
      const ours = twoStatements(core);
      // Our toJSON() renders without changing the document; _synthesize() is the in-place step CDK's resolve does.
      expect(ours.statementCount).to.equal(2);
      const synthesized = core.toCfnJson(ours._synthesize());
      expectSameJson(synthesized, resolved);
      expect(ours.statementCount).to.equal(theirs.statementCount);
      expect(ours.statementCount).to.equal(minimize ? 1 : 2);
    }
  });

  it("synthesizing freezes the statements, as CDK's resolve does (toJSON does not)", () => {
    configureIamx(true);
    const stack = cdkStack(true);
    const theirStatement = new cdkIam.PolicyStatement({ actions: ["a:B"], resources: ["*"] });
    stack.resolve(new cdkIam.PolicyDocument({ statements: [theirStatement] }));
    const ourStatement = new core.PolicyStatement({ actions: ["a:B"], resources: ["*"] });
    const doc = new core.PolicyDocument({ statements: [ourStatement] });
    doc.toJSON();
    expect(ourStatement.frozen).to.equal(false);
    doc._synthesize();
    expect(ourStatement.frozen).to.equal(theirStatement.frozen).and.to.equal(true);
  });

  it("rendering twice gives the same JSON", () => {
    configureIamx(true);
    const doc = new core.PolicyDocument({ statements: [st(core, "a:B"), st(core, "a:A"), st(core, "a:C", "r")] });
    const first = doc.toJSON();
    expectSameJson(doc.toJSON(), first);
    expectSameJson(core.toCfnJson(doc._synthesize()), first);
    expectSameJson(core.toCfnJson(doc._synthesize()), first);
  });
});
