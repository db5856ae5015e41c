// CDK parity of the "IAM Statement Changes" and "Managed Policy Changes" tables: the same change
// made to a CDK program and to the same pulumi-iamx program gives the same rows.
import { tablesParity } from "./cdk-tables-harness";
import type { Side } from "../cdk-parity/export-harness";

const S3_READ = { actions: ["s3:GetObject", "s3:ListBucket"], resources: ["arn:aws:s3:::data", "arn:aws:s3:::data/*"] };
const SQS_SEND = { actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111111111111:jobs"] };

function worker(s: Side, extra: (r: ReturnType<Side["role"]>) => void = () => undefined) {
  const r = s.role("Worker", { assumedBy: new s.lib.ServicePrincipal("ecs-tasks.amazonaws.com") });
  r.addToPolicy(new s.lib.PolicyStatement(S3_READ));
  extra(r);
  return r;
}

describe("diff: IAM tables equal cdk diff's (@aws-cdk/cloudformation-diff)", () => {
  tablesParity(
    "a statement added to a role's default policy",
    (s) => void worker(s),
    (s) => void worker(s, (r) => r.addToPolicy(new s.lib.PolicyStatement(SQS_SEND))),
  );

  tablesParity(
    "a statement removed",
    (s) => void worker(s, (r) => r.addToPolicy(new s.lib.PolicyStatement(SQS_SEND))),
    (s) => void worker(s),
  );

  tablesParity(
    "an action merged into an existing statement (minimized)",
    (s) => void worker(s),
    (s) => void worker(s, (r) => r.addToPolicy(new s.lib.PolicyStatement({ ...S3_READ, actions: ["s3:PutObject"] }))),
  );

  tablesParity(
    "a trust change: another service may assume the role",
    (s) => void s.role("R", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") }),
    (s) =>
      void s.role("R", {
        assumedBy: new s.lib.CompositePrincipal(
          new s.lib.ServicePrincipal("lambda.amazonaws.com"),
          new s.lib.ServicePrincipal("edgelambda.amazonaws.com"),
        ),
      }),
  );

  tablesParity(
    "a condition added to the trust (an external id)",
    (s) => void s.role("Partner", { assumedBy: new s.lib.AccountPrincipal("222222222222") }),
    (s) => void s.role("Partner", { assumedBy: new s.lib.AccountPrincipal("222222222222"), externalIds: ["x-1"] }),
  );

  tablesParity(
    "a deny statement added (narrowing, not broadening)",
    (s) => void worker(s),
    (s) =>
      void worker(s, (r) =>
        r.addToPolicy(
          new s.lib.PolicyStatement({ effect: s.lib.Effect.DENY, actions: ["s3:DeleteObject"], resources: ["*"] }),
        ),
      ),
  );

  tablesParity(
    "an AWS managed policy attached and another detached",
    (s) =>
      void s.role("Fn", {
        assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com"),
        managedPolicies: [s.lib.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
      }),
    (s) =>
      void s.role("Fn", {
        assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com"),
        managedPolicies: [s.lib.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole")],
      }),
    { managedPolicies: true },
  );

  tablesParity(
    "a new role with an inline policy and a customer managed policy",
    (s) => void worker(s),
    (s) => {
      worker(s);
      const mp = s.managedPolicy("Shared", { statements: [new s.lib.PolicyStatement(SQS_SEND)] });
      s.role("Reporter", {
        assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com"),
        inlinePolicies: {
          read: new s.lib.PolicyDocument({ statements: [new s.lib.PolicyStatement(S3_READ)] }),
        },
        managedPolicies: [mp],
      });
    },
    { statements: true, managedPolicies: true },
  );

  tablesParity(
    "a role removed",
    (s) => {
      worker(s);
      s.role("Old", { assumedBy: new s.lib.AccountRootPrincipal() }).addToPolicy(new s.lib.PolicyStatement(SQS_SEND));
    },
    (s) => void worker(s),
  );

  tablesParity(
    "a policy attached to a user and a group, with NotAction",
    (s) => {
      s.user("Alice");
      s.group("Ops");
    },
    (s) => {
      const u = s.user("Alice");
      const g = s.group("Ops");
      const p = s.policy("Guard", {
        statements: [new s.lib.PolicyStatement({ notActions: ["iam:*"], resources: ["*"] })],
      });
      p.attachToUser(u);
      p.attachToGroup(g);
    },
  );

  tablesParity(
    "a statement with a condition and a sid changes its condition",
    (s) =>
      void worker(s, (r) =>
        r.addToPolicy(
          new s.lib.PolicyStatement({
            ...SQS_SEND,
            sid: "Send",
            conditions: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
          }),
        ),
      ),
    (s) =>
      void worker(s, (r) =>
        r.addToPolicy(
          new s.lib.PolicyStatement({
            ...SQS_SEND,
            sid: "Send",
            conditions: { StringEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"] } },
          }),
        ),
      ),
  );
});
