// Less common corners of rendering and merging, and the one place tokens cannot behave alike.
import { expect } from "chai";
import { parity, parityError, renderCdk, renderIamx, type Env, type Iam } from "./oracle";

type Doc = { Statement: Record<string, unknown>[] };

describe("parity: edge cases", () => {
  parity("fromJson keeps an unknown effect and a numeric sid as given", (iam) => {
    return iam.PolicyDocument.fromJson({
      Statement: [
        { Effect: "Maybe", Action: "a:B", Resource: "*" },
        { Sid: 7, Action: "a:C", Resource: "*" },
      ],
    });
  });

  parity(
    "JSON principals compare by their JSON as written: a string and a one-element list differ",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Resource: "arn:1", Principal: { AWS: "arn:p" } }),
          iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Resource: "arn:2", Principal: { AWS: ["arn:p"] } }),
          iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Resource: "arn:3", Principal: { AWS: "arn:p" } }),
        ],
      });
    },
    (out) => expect((out.on as Doc).Statement).to.have.length(2),
  );

  parity(
    "AnyPrincipal and ArnPrincipal('*') count as the same principal",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["arn:1"],
            principals: [new iam.AnyPrincipal()],
          }),
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["arn:2"],
            principals: [new iam.ArnPrincipal("*")],
          }),
        ],
      });
    },
    (out) => expect((out.on as Doc).Statement).to.have.length(1),
  );

  parity(
    "a later principal with the same dedupe string takes the earlier one's place",
    (iam) => {
      // Same dedupe string (`ServicePrincipal:lambda:{}`), different names: the merged statement
      // keeps the second statement's object, so only the normalized name is left.
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ["a:One"],
            resources: ["*"],
            principals: [iam.ServicePrincipal.fromStaticServicePrincipleName("lambda")],
          }),
          new iam.PolicyStatement({
            actions: ["a:Two"],
            resources: ["*"],
            principals: [new iam.ServicePrincipal("lambda")],
          }),
        ],
      });
    },
    (out) => expect((out.on as Doc).Statement[0].Principal).to.deep.equal({ Service: "lambda.amazonaws.com" }),
  );

  parity("assignSids numbers merged statements", (iam) => {
    const st = (a: string, r: string) => new iam.PolicyStatement({ actions: [a], resources: [r] });
    return new iam.PolicyDocument({
      assignSids: true,
      statements: [st("a:X", "r1"), st("a:Y", "r1"), st("a:Z", "r2"), st("a:X", "r3")],
    });
  });

  parity("merging keeps NotPrincipal and Condition from the first statement", (iam) => {
    const st = (a: string) =>
      new iam.PolicyStatement({
        actions: [a],
        resources: ["*"],
        effect: iam.Effect.DENY,
        notPrincipals: [new iam.ArnPrincipal("arn:aws:iam::1:role/z"), new iam.ArnPrincipal("arn:aws:iam::1:role/a")],
        conditions: { Bool: { "aws:SecureTransport": "false" } },
      });
    return new iam.PolicyDocument({ statements: [st("s3:PutObject"), st("s3:DeleteObject")] });
  });

  parity(
    "many identical grant statements collapse into one",
    (iam) => {
      const statements = [];
      for (let i = 0; i < 50; i++)
        statements.push(new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [`arn:q${i % 7}`] }));
      return new iam.PolicyDocument({ statements });
    },
    (out) => expect((out.on as Doc).Statement).to.have.length(1),
  );

  parityError(
    "merging statements whose principals disagree on conditions throws when rendering",
    (iam) => {
      // The condition text is the same, so they merge; the merged copy then holds a conditioned and
      // an unconditioned principal.
      const conditioned = new iam.ArnPrincipal("arn:aws:iam::1:role/a").withConditions({ Bool: { b: "true" } });
      const a = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"], principals: [conditioned] });
      const b = new iam.PolicyStatement({
        actions: ["s3:GetObject"],
        resources: ["*"],
        principals: [new iam.ArnPrincipal("arn:aws:iam::1:role/b")],
      });
      b.addCondition("Bool", { b: "true" });
      const doc = new iam.PolicyDocument({ minimize: true, statements: [a, b] });
      return doc;
    },
    { code: "PrincipalsPolicystatementSameConditions" },
  );

  parity("a GetAtt made once renders the same", (iam, env) => {
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [env.fnGetAtt("Queue", "Arn")] }),
      ],
    });
  });

  // Not identical, by design: CDK's `Fn.getAtt('Q', 'Arn')` called twice gives two different
  // tokens, which merging compares as different strings; a pulumi-iamx reference to the same
  // target and attribute is one value. (A CDK resource's own `getAtt`/`attrArn` is cached per
  // resource and behaves like ours: see the token scenarios.) The rendered JSON differs only in
  // how far the statements merge; both grant the same.
  const twoGetAtts = (iam: Iam, env: Env) =>
    new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [env.fnGetAtt("Q", "Arn")] }),
        new iam.PolicyStatement({ actions: ["sqs:ReceiveMessage"], resources: [env.fnGetAtt("Q", "Arn")] }),
      ],
    });

  it("Fn.getAtt called twice: CDK keeps two statements, pulumi-iamx merges one reference", () => {
    const theirs = renderCdk(twoGetAtts, true) as Doc;
    const ours = renderIamx(twoGetAtts, true) as Doc;
    expect(theirs.Statement).to.have.length(2);
    expect(ours.Statement).to.deep.equal([
      { Action: ["sqs:ReceiveMessage", "sqs:SendMessage"], Effect: "Allow", Resource: { "Fn::GetAtt": ["Q", "Arn"] } },
    ]);
    // Without minimizing both render the two statements alike.
    expect(renderIamx(twoGetAtts, false)).to.deep.equal(renderCdk(twoGetAtts, false));
  });
});
