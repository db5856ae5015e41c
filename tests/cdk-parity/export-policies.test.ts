// Whole-program export parity with aws-cdk-lib: inline and managed policies, grants and DependsOn.
import { expect } from "chai";
import { exportParity } from "./export-harness";

const S3_READ = { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::data/*"] };
const LOGS = { actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: ["*"] };

describe("cdk-parity: export of policies and grants", () => {
  exportParity("a Policy attached to a role, a user and a group", (s) => {
    const role = s.role("App", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    const user = s.user("Dev");
    const group = s.group("Devs");
    s.policy("Shared", {
      statements: [new s.lib.PolicyStatement(S3_READ)],
      roles: [role],
      users: [user],
      groups: [group],
    });
  });

  exportParity("a named Policy with a document, attached later; an unattached Policy is left out", (s) => {
    const role = s.role("App", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    const p = s.policy("Logs", {
      policyName: "logging",
      document: new s.lib.PolicyDocument({ statements: [new s.lib.PolicyStatement(LOGS)] }),
    });
    p.attachToRole(role);
    s.policy("Orphan", { statements: [new s.lib.PolicyStatement(S3_READ)] });
  });

  exportParity("statements added to a Policy after it was attached", (s) => {
    const role = s.role("App", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    const p = s.policy("Grow", { roles: [role] });
    p.addStatements(new s.lib.PolicyStatement(S3_READ));
    p.addStatements(new s.lib.PolicyStatement({ ...S3_READ, actions: ["s3:PutObject"] }));
  });

  exportParity("a role with its DefaultPolicy and another attached Policy", (s) => {
    const role = s.role("App", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    role.addToPolicy(new s.lib.PolicyStatement(LOGS));
    role.attachInlinePolicy(s.policy("Extra", { statements: [new s.lib.PolicyStatement(S3_READ)] }));
  });

  exportParity("a ManagedPolicy with every property, attached to a role, a user and a group", (s) => {
    const role = s.role("App", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    const user = s.user("Dev");
    const group = s.group("Devs");
    s.managedPolicy("ReadData", {
      managedPolicyName: "read-data",
      description: "Read the data bucket",
      path: "/data/",
      statements: [new s.lib.PolicyStatement(S3_READ)],
      roles: [role],
      users: [user],
      groups: [group],
    });
  });

  exportParity("a ManagedPolicy with defaults, given to a role with addManagedPolicy (Ref)", (s) => {
    const mp = s.managedPolicy("Defaults", { statements: [new s.lib.PolicyStatement(LOGS)] });
    const role = s.role("App", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    role.addManagedPolicy(mp);
    mp.addStatements(new s.lib.PolicyStatement(S3_READ));
  });

  exportParity("Grant.addToPrincipal with conditions", (s) => {
    const role = s.role("App", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    const grant = s.lib.Grant.addToPrincipal({
      grantee: role,
      actions: ["kms:Decrypt"],
      resourceArns: ["arn:aws:kms:us-east-1:111111111111:key/1234"],
      conditions: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
    });
    grant.assertSuccess();
  });

  exportParity("applyBefore: resources wait for the policy holding the grant (DependsOn)", (s) => {
    const role = s.role("App", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    const consumer = s.role("Consumer", { assumedBy: new s.lib.ServicePrincipal("ec2.amazonaws.com") });
    const profile = s.instanceProfile("Profile", { role: consumer });
    const grant = s.lib.Grant.addToPrincipal({ grantee: role, actions: ["sqs:SendMessage"], resourceArns: ["*"] });
    grant.applyBefore(consumer as never, profile as never);
  });

  exportParity("grants to a user, a group and a Policy's grantPrincipal", (s) => {
    const user = s.user("Dev");
    const group = s.group("Devs");
    const role = s.role("App", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    role.grantPassRole(user);
    role.grant(group, "iam:GetRole");
    const p = s.policy("Holder", {
      roles: [s.role("Other", { assumedBy: new s.lib.ServicePrincipal("ec2.amazonaws.com") })],
    });
    s.lib.Grant.addToPrincipal({ grantee: p, actions: ["s3:GetObject"], resourceArns: ["*"] });
  });

  exportParity(
    "many statements on one DefaultPolicy merge into few",
    (s) => {
      const role = s.role("Busy", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
      for (let i = 0; i < 20; i++) {
        role.addToPolicy(
          new s.lib.PolicyStatement({
            actions: [["s3:GetObject", "s3:ListBucket"], ["sqs:SendMessage"], ["kms:Decrypt"]][i % 3],
            resources: [`arn:aws:s3:::bucket-${i % 5}/*`],
          }),
        );
      }
    },
    {
      check: (t) => {
        const policy = Object.values(t.Resources).find((r) => r.Type === "AWS::IAM::Policy")!;
        const statements = (policy.Properties!.PolicyDocument as { Statement: unknown[] }).Statement;
        expect(statements.length).to.be.lessThan(20);
      },
    },
  );
});
