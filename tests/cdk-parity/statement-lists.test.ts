// Actions, NotActions, Resources, NotResources, effect and sid of a PolicyStatement.
import { expect } from "chai";
import { parity } from "./oracle";

describe("parity: statement lists", () => {
  parity(
    "one action and one resource render as bare strings",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] })],
      });
    },
    (out) => {
      expect(out.on).to.deep.equal({
        Statement: [{ Action: "s3:GetObject", Effect: "Allow", Resource: "arn:aws:s3:::b/*" }],
        Version: "2012-10-17",
      });
    },
  );

  parity("addActions keeps first-insertion order and drops repeats", (iam) => {
    const s = new iam.PolicyStatement({ resources: ["*"] });
    s.addActions("sqs:SendMessage", "s3:PutObject", "sqs:SendMessage");
    s.addActions("s3:GetObject", "s3:PutObject");
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("wildcard actions and the bare '*' action", (iam) => {
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ actions: ["*"], resources: ["*"] }),
        new iam.PolicyStatement({ actions: ["s3:Get*", "s3:*Object", "ec2-instance-connect:*"], resources: ["*"] }),
      ],
    });
  });

  parity("addNotActions renders NotAction and is never sorted", (iam) => {
    const s = new iam.PolicyStatement({ resources: ["*"] });
    s.addNotActions("z:Last", "a:First", "m:Middle");
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("addResources keeps order and drops repeats; addAllResources adds '*'", (iam) => {
    const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
    s.addResources("arn:aws:s3:::z", "arn:aws:s3:::a", "arn:aws:s3:::z");
    s.addAllResources();
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("addNotResources renders NotResource unsorted", (iam) => {
    const s = new iam.PolicyStatement({ actions: ["s3:*"], effect: iam.Effect.DENY });
    s.addNotResources("arn:aws:s3:::z/*", "arn:aws:s3:::a/*");
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("Deny effect from props and from the effect setter", (iam) => {
    const a = new iam.PolicyStatement({ actions: ["s3:DeleteObject"], resources: ["*"], effect: iam.Effect.DENY });
    const b = new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: ["*"] });
    b.effect = iam.Effect.DENY;
    return new iam.PolicyDocument({ statements: [a, b] });
  });

  parity("sid from props and from the sid setter, placed last", (iam) => {
    const a = new iam.PolicyStatement({ sid: "First", actions: ["s3:GetObject"], resources: ["*"] });
    const b = new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: ["*"] });
    b.sid = "Second";
    return new iam.PolicyDocument({ statements: [a, b] });
  });

  parity(
    "a statement with no fields renders only its effect",
    (iam) => {
      return new iam.PolicyDocument({ statements: [new iam.PolicyStatement()] });
    },
    (out) => {
      expect(out.off).to.deep.equal({ Statement: [{ Effect: "Allow" }], Version: "2012-10-17" });
    },
  );

  parity("adders called with no arguments change nothing", (iam) => {
    const s = new iam.PolicyStatement({ notActions: ["s3:*"], notResources: ["*"] });
    s.addActions();
    s.addResources();
    s.addPrincipals();
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity(
    "many actions and resources in one statement, unsorted when minimize is off",
    (iam) => {
      const actions = ["sqs:SendMessage", "s3:PutObject", "kms:Decrypt", "s3:GetObject", "dynamodb:Query"];
      const resources = ["arn:aws:sqs:us-east-1:1:q", "arn:aws:s3:::b/*", "*", "arn:aws:kms:us-east-1:1:key/k"];
      return new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions, resources })] });
    },
    (out) => {
      const on = out.on as { Statement: { Action: string[] }[] };
      expect(on.Statement[0].Action[0]).to.equal("dynamodb:Query");
    },
  );
});
