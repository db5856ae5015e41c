// Whole-program export parity with aws-cdk-lib: roles, their policies, grants and imports.
import { expect } from "chai";
import { exportParity } from "./export-harness";

const S3_READ = { actions: ["s3:GetObject", "s3:ListBucket"], resources: ["arn:aws:s3:::data", "arn:aws:s3:::data/*"] };
const SQS_SEND = { actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111111111111:jobs"] };

describe("cdk-parity: export of roles", () => {
  exportParity("a role trusted by a service", (s) => {
    s.role("MyRole", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
  });

  exportParity("a role with every plain property", (s) => {
    s.role("Admin", {
      assumedBy: new s.lib.AccountRootPrincipal(),
      roleName: "admin-role",
      description: "Break-glass admin",
      path: "/ops/",
      maxSessionDuration: s.hours(4),
    });
  });

  exportParity("statements added with addToPolicy land in one merged DefaultPolicy", (s) => {
    const r = s.role("Worker", { assumedBy: new s.lib.ServicePrincipal("ecs-tasks.amazonaws.com") });
    r.addToPolicy(new s.lib.PolicyStatement(S3_READ));
    r.addToPolicy(new s.lib.PolicyStatement(SQS_SEND));
    r.addToPolicy(new s.lib.PolicyStatement({ ...SQS_SEND, actions: ["sqs:DeleteMessage"] }));
  });

  exportParity(
    "the same statements without minimizing",
    (s) => {
      const r = s.role("Worker", { assumedBy: new s.lib.ServicePrincipal("ecs-tasks.amazonaws.com") });
      r.addToPolicy(new s.lib.PolicyStatement(S3_READ));
      r.addToPolicy(new s.lib.PolicyStatement(SQS_SEND));
      r.addToPolicy(new s.lib.PolicyStatement({ ...SQS_SEND, actions: ["sqs:DeleteMessage"] }));
    },
    { minimize: false },
  );

  exportParity("a statement added after the program yielded still lands", async (s, later) => {
    const r = s.role("Late", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    r.addToPolicy(new s.lib.PolicyStatement(S3_READ));
    await later(() => r.addToPolicy(new s.lib.PolicyStatement(SQS_SEND)));
  });

  exportParity("external ids and a composite principal", (s) => {
    s.role("Partner", {
      assumedBy: new s.lib.CompositePrincipal(
        new s.lib.AccountPrincipal("222222222222"),
        new s.lib.ArnPrincipal("arn:aws:iam::333333333333:role/ci"),
      ),
      externalIds: ["partner-1", "partner-2"],
    });
  });

  exportParity("principals with conditions, session tags and an organization", (s) => {
    s.role("Conditional", {
      assumedBy: new s.lib.ArnPrincipal("arn:aws:iam::111111111111:user/alice")
        .withConditions({ Bool: { "aws:MultiFactorAuthPresent": "true" } })
        .withSessionTags(),
    });
    s.role("Org", { assumedBy: new s.lib.OrganizationPrincipal("o-abcdef1234") });
  });

  exportParity("a role trusting another role of the program", (s) => {
    const a = s.role("Base", { assumedBy: new s.lib.ServicePrincipal("ec2.amazonaws.com") });
    s.role("Chained", { assumedBy: a });
  });

  exportParity("inline policies and AWS managed policies", (s) => {
    s.role("Reader", {
      assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com"),
      inlinePolicies: {
        Read: new s.lib.PolicyDocument({ statements: [new s.lib.PolicyStatement(S3_READ)] }),
        Send: new s.lib.PolicyDocument({ statements: [new s.lib.PolicyStatement(SQS_SEND)] }),
      },
      managedPolicies: [
        s.lib.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"),
        s.lib.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole"),
      ],
    });
  });

  exportParity("managed policies by name and ARN, added late and de-duplicated", (s) => {
    const r = s.role("R", {
      assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com"),
      managedPolicies: [s.managedPolicyFromName("ByName", "team-policy")],
    });
    r.addManagedPolicy(s.managedPolicyFromArn("ByArn", "arn:aws:iam::111111111111:policy/shared"));
    r.addManagedPolicy(s.lib.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
    r.addManagedPolicy(s.lib.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
  });

  exportParity("a permissions boundary from a ManagedPolicy of the program", (s) => {
    const boundary = s.managedPolicy("Boundary", {
      statements: [new s.lib.PolicyStatement({ actions: ["s3:*", "sqs:*"], resources: ["*"] })],
    });
    s.role("Bounded", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com"), permissionsBoundary: boundary });
  });

  exportParity("grantPassRole, grantAssumeRole and grant between roles", (s) => {
    const target = s.role("Target", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    const deployer = s.role("Deployer", { assumedBy: new s.lib.ServicePrincipal("codebuild.amazonaws.com") });
    const user = s.role("Operator", { assumedBy: new s.lib.AccountRootPrincipal() });
    target.grantPassRole(deployer);
    target.grantAssumeRole(user);
    target.grant(deployer, "iam:GetRole", "iam:TagRole");
  });

  exportParity("a role's ARN and name in another role's policy (GetAtt and Ref)", (s) => {
    const a = s.role("A", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    const b = s.role("B", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    b.addToPolicy(new s.lib.PolicyStatement({ actions: ["iam:GetRole"], resources: [a.roleArn] }));
    b.addToPolicy(
      new s.lib.PolicyStatement({
        actions: ["iam:ListRoleTags"],
        resources: ["*"],
        conditions: { StringEquals: { "aws:ResourceTag/role": a.roleName } },
      }),
    );
  });

  exportParity("withoutPolicyUpdates: grants to the immutable role add nothing", (s) => {
    const r = s.role("Fixed", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
    const immutable = r.withoutPolicyUpdates();
    immutable.addToPrincipalPolicy(new s.lib.PolicyStatement(S3_READ));
    s.lib.Grant.addToPrincipal({ grantee: immutable, actions: ["sqs:SendMessage"], resourceArns: ["*"] });
  });

  exportParity("an imported role (fromRoleArn) gets its own Policy", (s) => {
    const imported = s.roleFromArn("Imported", "arn:aws:iam::111111111111:role/path/existing");
    imported.addToPrincipalPolicy(new s.lib.PolicyStatement(S3_READ));
    const byName = s.roleFromName("ByName", "other-role");
    byName.addToPrincipalPolicy(new s.lib.PolicyStatement(SQS_SEND));
  });

  exportParity("an immutable imported role adds nothing", (s) => {
    const imported = s.roleFromArn("Frozen", "arn:aws:iam::111111111111:role/frozen", { mutable: false });
    imported.addToPrincipalPolicy(new s.lib.PolicyStatement(S3_READ));
    s.role("Other", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
  });

  exportParity(
    "a default policy too large for one document overflows into managed policies",
    (s) => {
      const r = s.role("Big", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
      for (let i = 0; i < 60; i++) {
        r.addToPolicy(
          new s.lib.PolicyStatement({
            actions: [`s3:GetObject`, `s3:PutObject${i % 2 ? "Acl" : ""}`],
            resources: [`arn:aws:s3:::bucket-with-a-fairly-long-name-number-${i}/some/prefix/*`],
            conditions: { StringEquals: { "aws:PrincipalTag/team": `team-${i}` } },
          }),
        );
      }
    },
    {
      check: (t) => {
        const types = Object.values(t.Resources).map((r) => r.Type);
        expect(types.filter((x) => x === "AWS::IAM::ManagedPolicy").length).to.be.greaterThan(0);
      },
    },
  );
});
