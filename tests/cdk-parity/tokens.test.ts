// Non-literal values: pseudo parameters, resource references and joins render the same
// CloudFormation intrinsics with both libraries, and merge/dedupe the same way.
import { expect } from "chai";
import { parity } from "./oracle";

type Doc = { Statement: { Action?: unknown; Resource?: unknown; Principal?: unknown }[] };

describe("parity: tokens", () => {
  parity("pseudo parameters inside a resource ARN", (iam, env) => {
    const arn = env.concat("arn:", env.partition, ":s3:::bucket-", env.accountId, "/*");
    return new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: [arn] })],
    });
  });

  parity("a whole resource that is a GetAtt and a Ref", (iam, env) => {
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          actions: ["sqs:SendMessage"],
          resources: [env.getAtt("Queue", "Arn"), env.ref("Topic")],
        }),
      ],
    });
  });

  parity(
    "literal and token resources sort strings first, then intrinsics by JSON",
    (iam, env) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: [env.accountId, "arn:z", env.getAtt("X", "Arn"), "arn:a", env.ref("B")],
          }),
        ],
      });
    },
    (out) => {
      const r = (out.on as Doc).Statement[0].Resource as unknown[];
      expect(r.slice(0, 2)).to.deep.equal(["arn:a", "arn:z"]);
    },
  );

  parity("the same reference twice in one statement is kept once", (iam, env) => {
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          actions: ["s3:GetObject"],
          resources: [env.getAtt("X", "Arn"), env.getAtt("X", "Arn")],
        }),
      ],
    });
  });

  parity(
    "statements on the same reference merge",
    (iam, env) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [env.getAtt("Q", "Arn")] }),
          new iam.PolicyStatement({ actions: ["sqs:ReceiveMessage"], resources: [env.getAtt("Q", "Arn")] }),
          new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:1:other"] }),
        ],
      });
    },
    (out) => expect((out.on as Doc).Statement).to.have.length(2),
  );

  parity(
    "statements on the same joined ARN merge",
    (iam, env) => {
      const arn = () => env.concat("arn:", env.partition, ":s3:::bucket/*");
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: [arn()] }),
          new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: [arn()] }),
        ],
      });
    },
    (out) => expect((out.on as Doc).Statement).to.have.length(1),
  );

  parity(
    "merging a literal resource with token resources",
    (iam, env) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ actions: ["kms:Decrypt"], resources: ["arn:aws:kms:us-east-1:1:key/k"] }),
          new iam.PolicyStatement({ actions: ["kms:Decrypt"], resources: [env.getAtt("Key", "Arn")] }),
          new iam.PolicyStatement({
            actions: ["kms:Decrypt"],
            resources: [env.concat("arn:", env.partition, ":kms:*:", env.accountId, ":key/*")],
          }),
        ],
      });
    },
    (out) => expect((out.on as Doc).Statement).to.have.length(1),
  );

  parity("a join nested in a join flattens like a CDK template string", (iam, env) => {
    const bucket = env.concat("bucket-", env.accountId);
    const arn = env.concat("arn:", env.partition, ":s3:::", bucket, "/*");
    return new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: [arn] })],
    });
  });

  parity("an account principal with a joined account id", (iam, env) => {
    const account = env.concat("1234", env.accountId);
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          actions: ["s3:GetObject"],
          resources: ["*"],
          principals: [new iam.AccountPrincipal(account)],
        }),
      ],
    });
  });

  parity(
    "an ArnPrincipal on a reference, twice and merged",
    (iam, env) => {
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["arn:1"],
            principals: [new iam.ArnPrincipal(env.getAtt("Role", "Arn"))],
          }),
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["arn:2"],
            principals: [new iam.ArnPrincipal(env.getAtt("Role", "Arn"))],
          }),
          new iam.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: ["arn:2"],
            principals: [new iam.ArnPrincipal(env.getAtt("Other", "Arn"))],
          }),
        ],
      });
    },
    (out) => expect((out.on as Doc).Statement).to.have.length(2),
  );

  parity("a principal mixing literal and token ARNs sorts literals first", (iam, env) => {
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          actions: ["s3:GetObject"],
          resources: ["*"],
          principals: [
            new iam.ArnPrincipal(env.getAtt("Role", "Arn")),
            new iam.ArnPrincipal("arn:aws:iam::1:root"),
            new iam.AccountRootPrincipal(),
          ],
        }),
      ],
    });
  });

  parity("token values in conditions", (iam, env) => {
    const s = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] });
    s.addCondition("StringEquals", { "aws:PrincipalAccount": env.accountId, "aws:SourceArn": env.getAtt("Fn", "Arn") });
    s.addCondition("StringLike", { "aws:userid": env.concat(env.ref("User"), ":*") });
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity(
    "equal token conditions let statements merge",
    (iam, env) => {
      const cond = () => ({ StringEquals: { "aws:SourceAccount": env.accountId } });
      return new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({ actions: ["sns:Publish"], resources: ["arn:t"], conditions: cond() }),
          new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: ["arn:t"], conditions: cond() }),
        ],
      });
    },
    (out) => expect((out.on as Doc).Statement).to.have.length(1),
  );

  parity("federated, canonical user and organization ids from tokens", (iam, env) => {
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          actions: ["sts:AssumeRoleWithWebIdentity"],
          principals: [new iam.WebIdentityPrincipal(env.ref("Idp"))],
        }),
        new iam.PolicyStatement({
          actions: ["s3:GetObject"],
          resources: ["*"],
          principals: [new iam.CanonicalUserPrincipal(env.getAtt("Oai", "S3CanonicalUserId"))],
        }),
        new iam.PolicyStatement({
          actions: ["s3:GetObject"],
          resources: ["*"],
          principals: [new iam.OrganizationPrincipal(env.ref("Org"))],
        }),
      ],
    });
  });

  parity("a token sid is kept", (iam, env) => {
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ sid: env.ref("SidParam") as string, actions: ["s3:GetObject"], resources: ["*"] }),
      ],
    });
  });

  parity("a token action is not format-checked and sorts after literal actions", (iam, env) => {
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ actions: [env.ref("ActionParam"), "s3:GetObject"], resources: ["arn:1"] }),
        new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:1"] }),
      ],
    });
  });

  parity("an empty resource string is kept", (iam) => {
    return new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["", "arn:1"] })],
    });
  });
});
