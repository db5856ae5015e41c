// Statement merging (minimize on) and its absence (minimize off): which statements combine.
import { expect } from "chai";
import { parity } from "./oracle";

type Doc = { Statement: Record<string, unknown>[] };
const count = (out: unknown) => (out as Doc).Statement.length;

describe("parity: statement merging", () => {
  parity(
    "same resource, different actions: one statement when minimizing",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b"] }),
          new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b"] }),
          new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a"] }),
          new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b"] }),
        ],
      });
    },
    (out) => {
      expect(count(out.on)).to.equal(2);
      expect(count(out.off)).to.equal(3);
    },
  );

  parity(
    "transitive merges across passes collapse to one statement",
    (iam) => {
      const st = (a: string, r: string) => new iam.PolicyStatement({ actions: [a], resources: [r] });
      return new iam.PolicyDocument({
        statements: [st("a:One", "r1"), st("a:Two", "r2"), st("a:Two", "r1"), st("a:One", "r2")],
      });
    },
    (out) => expect(count(out.on)).to.equal(1),
  );

  parity(
    "different effects never merge",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] }),
          new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: ["*"], effect: iam.Effect.DENY }),
          new iam.PolicyStatement({ actions: ["s3:DeleteObject"], resources: ["*"], effect: iam.Effect.DENY }),
        ],
      });
    },
    (out) => expect(count(out.on)).to.equal(2),
  );

  parity(
    "statements with a sid never merge; identical ones are dropped",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ sid: "A", actions: ["s3:GetObject"], resources: ["*"] }),
          new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: ["*"] }),
          new iam.PolicyStatement({ sid: "A", actions: ["s3:GetObject"], resources: ["*"] }),
          new iam.PolicyStatement({ sid: "B", actions: ["s3:PutObject"], resources: ["*"] }),
        ],
      });
    },
    (out) => expect(count(out.on)).to.equal(3),
  );

  parity("an empty-string sid does not stop merging", (iam) => {
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ sid: "", actions: ["s3:GetObject"], resources: ["*"] }),
        new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: ["*"] }),
      ],
    });
  });

  parity(
    "conditions must match as JSON text, key order included",
    (iam) => {
      const c1 = { StringEquals: { a: "1", b: "2" } };
      const c2 = { StringEquals: { b: "2", a: "1" } };
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"], conditions: c1 }),
          new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: ["*"], conditions: c2 }),
          new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: ["*"], conditions: c1 }),
        ],
      });
    },
    (out) => expect(count(out.on)).to.equal(2),
  );

  parity(
    "NotAction statements merge only with equal NotAction sets",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ notActions: ["iam:*", "s3:*"], resources: ["arn:1"], effect: iam.Effect.DENY }),
          new iam.PolicyStatement({ notActions: ["s3:*", "iam:*"], resources: ["arn:2"], effect: iam.Effect.DENY }),
          new iam.PolicyStatement({ notActions: ["iam:*"], resources: ["arn:3"], effect: iam.Effect.DENY }),
        ],
      });
    },
    (out) => expect(count(out.on)).to.equal(2),
  );

  parity(
    "NotResource statements merge only with equal NotResource sets",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ actions: ["s3:GetObject"], notResources: ["arn:x"] }),
          new iam.PolicyStatement({ actions: ["s3:PutObject"], notResources: ["arn:x"] }),
          new iam.PolicyStatement({ actions: ["s3:ListBucket"], notResources: ["arn:y"] }),
        ],
      });
    },
    (out) => expect(count(out.on)).to.equal(2),
  );

  parity(
    "statements differing in two dimensions stay apart",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:a"] }),
          new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:b"] }),
        ],
      });
    },
    (out) => expect(count(out.on)).to.equal(2),
  );

  parity(
    "same actions and resources, different principals: principals merge",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["*"],
            principals: [new iam.ServicePrincipal("lambda")],
          }),
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["*"],
            principals: [new iam.ArnPrincipal("arn:aws:iam::1:root")],
          }),
        ],
      });
    },
    (out) => expect(count(out.on)).to.equal(1),
  );

  parity("merged statement keeps the first statement's position", (iam) => {
    const st = (a: string, r: string) => new iam.PolicyStatement({ actions: [a], resources: [r] });
    return new iam.PolicyDocument({
      statements: [st("a:X", "r9"), st("b:Y", "r1"), st("a:Z", "r9"), st("c:W", "r5"), st("b:Y", "r2")],
    });
  });

  parity(
    "merged condition order comes from the copy, comparison from the first statement",
    (iam) => {
      // The copy made by a merge adds principal conditions before the statement's own, which can
      // reorder the Condition keys; later comparisons still use the first statement's JSON.
      const p = new iam.ArnPrincipal("arn:aws:iam::1:role/r").withConditions({ StringLike: { "aws:userid": "A*" } });
      const early = (action: string) => {
        const s = new iam.PolicyStatement({ actions: [action], resources: ["*"] });
        s.addCondition("StringEquals", { "aws:RequestedRegion": "us-east-1" });
        s.addPrincipals(p);
        return s;
      };
      const late = (action: string) => {
        const s = new iam.PolicyStatement({ actions: [action], resources: ["*"], principals: [p] });
        s.addCondition("StringEquals", { "aws:RequestedRegion": "us-east-1" });
        return s;
      };
      return new iam.PolicyDocument({ statements: [early("a:One"), early("a:Two"), late("a:Three"), late("a:Four")] });
    },
    (out) => expect(count(out.on)).to.equal(2),
  );

  parity(
    "literal '*' principal never merges with {AWS: '*'}",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["*"],
            principals: [new iam.StarPrincipal()],
          }),
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["*"],
            principals: [new iam.AnyPrincipal()],
          }),
          new iam.PolicyStatement({
            actions: ["s3:PutObject"],
            resources: ["*"],
            principals: [new iam.StarPrincipal()],
          }),
        ],
      });
    },
    (out) => expect(count(out.on)).to.equal(2),
  );

  parity(
    "equal service principals from different objects count as the same",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ["sqs:SendMessage"],
            resources: ["arn:q1"],
            principals: [new iam.ServicePrincipal("sns")],
          }),
          new iam.PolicyStatement({
            actions: ["sqs:SendMessage"],
            resources: ["arn:q2"],
            principals: [new iam.ServicePrincipal("sns")],
          }),
        ],
      });
    },
    (out) => expect(count(out.on)).to.equal(1),
  );

  parity(
    "account principals are unique per object and block merging on principals",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["arn:1"],
            principals: [new iam.AccountPrincipal("111111111111")],
          }),
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["arn:2"],
            principals: [new iam.AccountPrincipal("111111111111")],
          }),
        ],
      });
    },
    (out) => expect(count(out.on)).to.equal(2),
  );

  parity(
    "a principal-less statement does not merge with a principal one on the other two",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:1"] }),
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["arn:1"],
            principals: [new iam.ArnPrincipal("arn:p")],
          }),
        ],
      });
    },
    (out) => expect(count(out.on)).to.equal(1),
  );

  parity("merging dedupes and sorts actions and resources", (iam) => {
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ actions: ["s3:PutObject", "s3:GetObject"], resources: ["arn:z", "arn:a"] }),
        new iam.PolicyStatement({ actions: ["s3:GetObject", "s3:PutObject"], resources: ["arn:m", "arn:a"] }),
      ],
    });
  });

  // Each scenario renders with the setting on and off, so one document per prop value covers both.
  for (const minimize of [true, false]) {
    parity(`the minimize prop ${minimize} on the document beats the setting`, (iam) => {
      const st = (a: string) => new iam.PolicyStatement({ actions: [a], resources: ["*"] });
      return new iam.PolicyDocument({ minimize, statements: [st("a:B"), st("a:A")] });
    });
  }
});
