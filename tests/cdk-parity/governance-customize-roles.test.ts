import { expect } from "chai";
import * as iamx from "../../src";
import { accessTriples, cdkRun, iamxRun, iamxTemplate, type GovScenario } from "./governance-harness";

const stmt = (gov: Parameters<GovScenario>[0], actions: string[], resources: unknown[]) =>
  new gov.lib.PolicyStatement({ actions, resources: resources as string[] });

/**
 * Precreated roles of all kinds: inline, default and attached inline policies; AWS managed, by-ARN
 * and program-made managed policies (attached from either side); grants between precreated roles;
 * an InstanceProfile's implicit role; a user (still created) referring to precreated roles.
 */
const precreated: GovScenario = (gov) => {
  gov.customizeRoles(undefined, {
    usePrecreatedRoles: { Api: "api-role", "Team/Worker": "worker-role", "IP/InstanceRole": "ec2-role" },
  });
  const { lib } = gov;
  const api = gov.role("Api", {
    assumedBy: new lib.ServicePrincipal("lambda.amazonaws.com"),
    inlinePolicies: {
      Logs: new lib.PolicyDocument({ statements: [stmt(gov, ["logs:CreateLogStream"], ["*"])] }),
    },
    managedPolicies: [
      gov.awsManagedPolicy("ReadOnlyAccess"),
      gov.managedPolicyFromArn("Ext", "arn:aws:iam::111122223333:policy/ext"),
    ],
  });
  api.addToPolicy(stmt(gov, ["sqs:SendMessage"], ["arn:aws:sqs:us-east-1:111122223333:q"]));
  api.addToPolicy(stmt(gov, ["sqs:ReceiveMessage"], ["arn:aws:sqs:us-east-1:111122223333:q"]));
  const shared = gov.managedPolicy("Shared", { statements: [stmt(gov, ["ec2:DescribeInstances"], ["*"])] });
  api.addManagedPolicy(shared);
  const team = gov.scope("Team");
  const worker = gov.role("Worker", { assumedBy: new lib.AccountRootPrincipal(), externalIds: ["ext-1"] }, team);
  gov.managedPolicy("WorkerPolicy", { roles: [worker], statements: [stmt(gov, ["s3:ListAllMyBuckets"], ["*"])] });
  worker.grantPassRole(api);
  const user = gov.user("Deployer");
  worker.addToPolicy(stmt(gov, ["iam:GetUser"], [user.userArn]));
  user.addToPolicy(stmt(gov, ["iam:PassRole"], [api.roleArn, worker.roleArn]));
  const attached = gov.policy("Attached", { statements: [stmt(gov, ["s3:GetObject"], ["arn:aws:s3:::b/*"])] });
  api.attachInlinePolicy(attached);
  gov.instanceProfile("IP");
};

describe("parity: customizeRoles report", () => {
  it("precreated roles: the report equals CDK's iam-policy-report.json (minimize off: statements as added)", async () => {
    const cdk = cdkRun(precreated, false);
    const ours = await iamxRun(precreated, false);
    expect(ours.errors).to.deep.equal([]);
    expect(cdk.errors).to.deep.equal([]);
    expect(ours.report).to.deep.equal(cdk.report);
    expect(ours.report.roles.map((r) => r.roleName)).to.deep.equal(["api-role", "worker-role", "ec2-role"]);
  });

  it("precreated roles: the template equals CDK's (no roles, no managed policies; ARNs by name)", async () => {
    for (const minimize of [false, true]) {
      const cdk = cdkRun(precreated, minimize);
      const ours = await iamxTemplate(precreated, minimize);
      expect(ours.Resources, `minimize ${minimize}`).to.deep.equal(cdk.template.Resources);
      expect(Object.values(ours.Resources).map((r) => r.Type)).to.deep.equal([
        "AWS::IAM::User",
        "AWS::IAM::Policy",
        "AWS::IAM::InstanceProfile",
      ]);
    }
  });

  it("the text rendering equals CDK's iam-policy-report.txt", async () => {
    const scenario: GovScenario = (gov) => {
      gov.customizeRoles(undefined, { usePrecreatedRoles: { Fn: "fn-role" } });
      const fn = gov.role("Fn", {
        assumedBy: new gov.lib.ServicePrincipal("lambda.amazonaws.com"),
        managedPolicies: [gov.awsManagedPolicy("service-role/AWSLambdaBasicExecutionRole")],
      });
      fn.addToPolicy(stmt(gov, ["dynamodb:GetItem"], ["arn:aws:dynamodb:us-east-1:111122223333:table/t"]));
      gov.role("Idle", { assumedBy: new gov.lib.ServicePrincipal("ec2.amazonaws.com") });
    };
    const cdk = cdkRun(scenario, false);
    const ours = await iamxRun(scenario, false);
    // CDK ends the file without a newline; iamx ends it with one.
    expect(iamx.formatReportText(ours.report)).to.equal(cdk.text + "\n");
    expect(cdk.text).to.contain("<missing role> (Idle)\n\nAssumeRole Policy:");
  });

  it("minimize on: the same roles and the same access, statements merged as they would be deployed", async () => {
    const cdk = cdkRun(precreated, true);
    const ours = await iamxRun(precreated, true);
    expect(ours.report.roles.map((r) => [r.roleConstructPath, r.roleName, r.missing])).to.deep.equal(
      cdk.report!.roles.map((r) => [r.roleConstructPath, r.roleName, r.missing]),
    );
    ours.report.roles.forEach((role, i) => {
      const theirs = cdk.report!.roles[i];
      expect(role.assumeRolePolicy, role.roleConstructPath).to.deep.equal(theirs.assumeRolePolicy);
      expect(role.managedPolicyArns).to.deep.equal(theirs.managedPolicyArns);
      for (const key of ["managedPolicyStatements", "identityPolicyStatements"] as const) {
        expect(accessTriples(role[key]), `${role.roleConstructPath} ${key}`).to.deep.equal(accessTriples(theirs[key]));
      }
    });
    const api = ours.report.roles[0];
    expect(api.identityPolicyStatements).to.deep.include({
      Action: ["sqs:ReceiveMessage", "sqs:SendMessage"],
      Effect: "Allow",
      Resource: "arn:aws:sqs:us-east-1:111122223333:q",
    });
  });

  it("missing and unresolvable names: CDK's errors, and the report still lists the roles as missing", async () => {
    const scenario: GovScenario = (gov) => {
      gov.customizeRoles(undefined, { usePrecreatedRoles: { Named: "named-role", Late: gov.unresolvedName() } });
      const named = gov.role("Named", { assumedBy: new gov.lib.ServicePrincipal("ec2.amazonaws.com") });
      gov.role("Late", { assumedBy: new gov.lib.ArnPrincipal(named.roleArn) });
      gov.instanceProfile("IP", { role: undefined });
    };
    const cdk = cdkRun(scenario, true);
    const ours = await iamxRun(scenario, true);
    expect(ours.errors).to.deep.equal(cdk.errors);
    expect(ours.errors).to.deep.equal([
      '[Late] Cannot resolve precreated role name at path "Late". The value may be a token.',
      '[IP/InstanceRole] IAM Role is being created at path "IP/InstanceRole" and customizeRoles.preventSynthesis is ' +
        "enabled. You must provide a precreated role name in customizeRoles.precreatedRoles",
    ]);
    expect(ours.report).to.deep.equal(cdk.report);
    expect(ours.report.roles.map((r) => r.roleName)).to.deep.equal(["named-role", "missing role", "missing role"]);
    expect(ours.origins).to.deep.equal(["precreated", "missing", "missing"]);
  });

  it("a scope below the program: paths relative to it, roles outside are created (and also reported)", async () => {
    const scenario: GovScenario = (gov) => {
      const legacy = gov.scope("Legacy");
      gov.customizeRoles(legacy, {
        usePrecreatedRoles: { Reader: "legacy-reader", [gov.path("Legacy/Writer")]: "legacy-writer" },
      });
      const reader = gov.role("Reader", { assumedBy: new gov.lib.ServicePrincipal("lambda.amazonaws.com") }, legacy);
      gov.role("Writer", { assumedBy: new gov.lib.ServicePrincipal("lambda.amazonaws.com") }, legacy);
      const outside = gov.role("Outside", { assumedBy: new gov.lib.ServicePrincipal("lambda.amazonaws.com") });
      outside.addToPolicy(stmt(gov, ["sts:AssumeRole"], [reader.roleArn]));
    };
    const cdk = cdkRun(scenario, true);
    const ours = await iamxRun(scenario, true);
    // CDK reports the customized roles only; iamx reports every role, the created ones too.
    expect(ours.report.roles.slice(0, 2)).to.deep.equal(cdk.report!.roles);
    expect(ours.origins).to.deep.equal(["precreated", "precreated", "created"]);
    expect(ours.report.roles[2]).to.deep.equal({
      roleConstructPath: "Outside",
      roleName: "(Outside/Resource.Ref)",
      missing: false,
      assumeRolePolicy: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } }],
      managedPolicyArns: [],
      managedPolicyStatements: [],
      identityPolicyStatements: [
        { Action: "sts:AssumeRole", Effect: "Allow", Resource: "arn:(PARTITION):iam::(ACCOUNT):role/legacy-reader" },
      ],
    });
    expect((await iamxTemplate(scenario, true)).Resources).to.deep.equal(cdk.template.Resources);
  });

  it("nested scopes: a relative path that shares a prefix with the scope's name resolves below the scope, as in CDK", async () => {
    const scenario: GovScenario = (gov) => {
      const team = gov.scope("Team");
      gov.customizeRoles(team, { usePrecreatedRoles: { TeamLead: "lead-role", "Leads/TeamLead": "leads-lead-role" } });
      const leads = gov.scope("Leads", team);
      gov.role("TeamLead", { assumedBy: new gov.lib.ServicePrincipal("lambda.amazonaws.com") }, team);
      gov.role("TeamLead", { assumedBy: new gov.lib.ServicePrincipal("lambda.amazonaws.com") }, leads);
    };
    const cdk = cdkRun(scenario, true);
    const ours = await iamxRun(scenario, true);
    expect(cdk.errors).to.deep.equal([]);
    expect(ours.errors).to.deep.equal([]);
    expect(ours.report).to.deep.equal(cdk.report);
    expect(ours.report.roles.map((r) => [r.roleConstructPath, r.roleName])).to.deep.equal([
      ["Team/TeamLead", "lead-role"],
      ["Team/Leads/TeamLead", "leads-lead-role"],
    ]);
    expect(ours.origins).to.deep.equal(["precreated", "precreated"]);
  });

  it("imported roles: what the program gives them is recorded, not deployed; grants on them still work", async () => {
    const scenario: GovScenario = (gov) => {
      gov.customizeRoles(undefined, { usePrecreatedRoles: { R: "r" } });
      const team = gov.scope("Team");
      const imp = gov.roleFromArn("Imp", "arn:aws:iam::123456789012:role/path/existing", team);
      imp.addToPrincipalPolicy(stmt(gov, ["s3:GetObject"], ["*"]));
      const byName = gov.roleFromName("ByName", "named");
      byName.addManagedPolicy(gov.awsManagedPolicy("ReadOnlyAccess"));
      byName.attachInlinePolicy(gov.policy("P", { statements: [stmt(gov, ["sqs:SendMessage"], ["*"])] }));
      const r = gov.role("R", { assumedBy: new gov.lib.ServicePrincipal("lambda.amazonaws.com") });
      imp.grantPassRole(r);
      gov.user("U").addToPolicy(stmt(gov, ["iam:PassRole"], [imp.roleArn, byName.roleArn]));
    };
    const cdk = cdkRun(scenario, true);
    const ours = await iamxRun(scenario, true);
    expect(ours.report).to.deep.equal(cdk.report);
    expect(ours.report.roles.map((r) => [r.roleConstructPath, r.roleName, r.missing])).to.deep.equal([
      ["Team/Imp", "existing", undefined],
      ["ByName", "named", undefined],
      ["R", "r", false],
    ]);
    expect(ours.origins).to.deep.equal(["imported", "imported", "precreated"]);
    expect(iamx.formatReportMarkdown(ours)).to.contain(
      "3 roles: 0 created by the program, 1 precreated, 0 missing a precreated name, 2 imported.",
    );
    expect((await iamxTemplate(scenario, true)).Resources).to.deep.equal(cdk.template.Resources);
  });

  it("a policy attached from its own side is still deployed on the precreated role, as in CDK", async () => {
    const scenario: GovScenario = (gov) => {
      gov.customizeRoles(undefined, { usePrecreatedRoles: { App: "app-role" } });
      const app = gov.role("App", { assumedBy: new gov.lib.ServicePrincipal("lambda.amazonaws.com") });
      gov.policy("Extra", { roles: [app], statements: [stmt(gov, ["s3:PutObject"], ["*"])] });
    };
    const cdk = cdkRun(scenario, true);
    expect((await iamxTemplate(scenario, true)).Resources).to.deep.equal(cdk.template.Resources);
    const policies = Object.values(cdk.template.Resources).filter((r) => r.Type === "AWS::IAM::Policy");
    expect(policies.map((p) => p.Properties?.Roles)).to.deep.equal([["app-role"]]);
    // CDK copies the policy's statements when it is attached (here before they are added), so its
    // report misses them; iamx reads the policy at the end and lists them.
    const ours = await iamxRun(scenario, true);
    expect(cdk.report!.roles[0].identityPolicyStatements).to.deep.equal([]);
    expect(ours.report.roles[0].identityPolicyStatements).to.deep.equal([
      { Action: "s3:PutObject", Effect: "Allow", Resource: "*" },
    ]);
  });
});
