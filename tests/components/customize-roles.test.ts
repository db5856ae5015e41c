import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";
import { finalize } from "../../src/render/pulumi/lifecycle";
import { renderTemplate } from "../../src/render/cloudformation/template";
import { rejection, run, validationError, valueOf } from "./iamx-helpers";

const lambda = () => new iamx.ServicePrincipal("lambda.amazonaws.com");
const stmt = (actions: string[], resources: unknown[]) =>
  new iamx.PolicyStatement({ actions, resources: resources as string[] });
const scope = (name: string, parent?: pulumi.Resource) =>
  new pulumi.ComponentResource("test:index:Scope", name, {}, { parent });

/** A program using every kind of role and policy; `customize` runs first. */
function program(customize: () => void) {
  return () => {
    customize();
    const api = new iamx.Role("Api", {
      assumedBy: lambda(),
      inlinePolicies: { Logs: new iamx.PolicyDocument({ statements: [stmt(["logs:PutLogEvents"], ["*"])] }) },
      managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
    });
    api.addToPolicy(stmt(["sqs:SendMessage"], ["*"]));
    const mp = new iamx.ManagedPolicy("Shared", { statements: [stmt(["ec2:DescribeInstances"], ["*"])] });
    api.addManagedPolicy(mp);
    new iamx.InstanceProfile("IP");
    const user = new iamx.User("Deployer");
    user.addToPolicy(stmt(["iam:PassRole"], [api.roleArn]));
    return { apiArn: api.roleArn, apiName: api.roleName };
  };
}

const NAMES = { Api: "api-role", "IP/InstanceRole": "ec2-role" };

describe("Role.customizeRoles", () => {
  it("preventSynthesis: no Pulumi role, inline/default/attached policy or managed policy; names and ARNs by precreated name", async () => {
    const r = await run(program(() => iamx.Role.customizeRoles(iamx.program, { usePrecreatedRoles: NAMES })));
    const cloud = r.resources.filter((x) => x.custom).map((x) => `${x.type} ${x.name}`);
    expect(cloud.sort()).to.deep.equal([
      "aws:iam/instanceProfile:InstanceProfile IP",
      "aws:iam/user:User Deployer",
      "aws:iam/userPolicy:UserPolicy Deployer-default-policy",
    ]);
    expect(r.get("aws:iam/instanceProfile:InstanceProfile", "IP").inputs.role).to.equal("ec2-role");
    expect(JSON.parse(r.get("aws:iam/userPolicy:UserPolicy", "Deployer-default-policy").inputs.policy)).to.deep.equal({
      Statement: [{ Action: "iam:PassRole", Effect: "Allow", Resource: "arn:aws:iam::123456789012:role/api-role" }],
      Version: "2012-10-17",
    });
    const template = renderTemplate(r.model);
    expect(Object.values(template.Resources).map((x) => x.Type)).to.deep.equal([
      "AWS::IAM::InstanceProfile",
      "AWS::IAM::User",
      "AWS::IAM::Policy",
    ]);
  });

  it("precreated roles' attributes: roleArn/roleName as Outputs and references; roleId, resource and cfn throw", async () => {
    let api: iamx.Role | undefined;
    let mp: iamx.ManagedPolicy | undefined;
    const r = await run(() => {
      iamx.Role.customizeRoles(iamx.program, { usePrecreatedRoles: { Api: "api-role" } });
      api = new iamx.Role("Api", { assumedBy: lambda() });
      mp = new iamx.ManagedPolicy("Shared", { statements: [stmt(["s3:GetObject"], ["*"])] });
      expect(api.addToPolicy(stmt(["s3:GetObject"], ["*"]))).to.equal(true);
      const e = validationError(() => api!.roleId);
      expect([e.code, e.message]).to.deep.equal([
        "RoleidAvailablePrecreatedRoles",
        '[Api] "roleId" is not available on precreated roles',
      ]);
      expect(validationError(() => api!.resource).code).to.equal("SynthesisPrevented");
      expect(validationError(() => api!.cfn).message).to.contain("Cannot access cfn of Api");
      expect(validationError(() => mp!.resource).code).to.equal("SynthesisPrevented");
      return { arn: api.roleArn, name: api.roleName, mpArn: mp.managedPolicyArn, mpName: mp.managedPolicyName };
    });
    expect(r.resources.filter((x) => x.custom)).to.deep.equal([]);
    expect(await valueOf(api!.roleArn)).to.equal("arn:aws:iam::123456789012:role/api-role");
    expect(await valueOf(api!.roleName)).to.equal("api-role");
    expect(await valueOf(mp!.managedPolicyArn)).to.equal("arn:aws:iam::123456789012:policy/Shared");
    expect(await valueOf(mp!.managedPolicyName)).to.equal("Shared");
    expect(JSON.parse(JSON.stringify(iamx.toValue(api!.roleArn)))).to.deep.equal({
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::", { Ref: "AWS::AccountId" }, ":role/api-role"]],
    });
  });

  it("preventSynthesis false: resources and template as without customizeRoles; the report lists the roles", async () => {
    const plain = await run(program(() => undefined));
    const customized = await run(
      program(() => iamx.Role.customizeRoles(iamx.program, { usePrecreatedRoles: NAMES, preventSynthesis: false })),
    );
    const list = (x: typeof plain) => x.resources.map((res) => `${res.type} ${res.name}`);
    expect(list(customized)).to.deep.equal(list(plain));
    expect(renderTemplate(customized.model)).to.deep.equal(renderTemplate(plain.model));
    const report = iamx.policyReport(customized.model);
    expect(report.roles.map((x) => [x.roleConstructPath, x.missing])).to.deep.equal([
      ["Api", false],
      ["IP/InstanceRole", false],
    ]);
  });

  it("the closest scope's setting wins; paths not starting with the scope's path are relative to it", async () => {
    const r = await run(() => {
      const team = scope("Team");
      const lab = scope("Lab", team);
      iamx.Role.customizeRoles(iamx.program, { usePrecreatedRoles: { Top: "top-role" } });
      iamx.Role.customizeRoles(team, { usePrecreatedRoles: { Worker: "team-worker" } });
      iamx.Role.customizeRoles(lab, { preventSynthesis: false });
      new iamx.Role("Top", { assumedBy: lambda() });
      new iamx.Role("Worker", { assumedBy: lambda() }, { parent: team });
      new iamx.Role("Experiment", { assumedBy: lambda() }, { parent: lab });
    });
    expect(r.all("aws:iam/role:Role").map((x) => x.name)).to.deep.equal(["Experiment"]);
    const report = iamx.detailedPolicyReport(r.model);
    expect(report.report.roles.map((x) => [x.roleConstructPath, x.roleName])).to.deep.equal([
      ["Top", "top-role"],
      ["Team/Worker", "team-worker"],
      ["Team/Lab/Experiment", "(Team/Lab/Experiment/Resource.Ref)"],
    ]);
    expect(report.origins).to.deep.equal(["precreated", "precreated", "created"]);
  });

  it("a later call on the same scope replaces the earlier one (before any role exists)", async () => {
    const r = await run(() => {
      iamx.Role.customizeRoles(iamx.program, { usePrecreatedRoles: { A: "first" } });
      iamx.Role.customizeRoles(iamx.program, { usePrecreatedRoles: { A: "second" } });
      new iamx.Role("A", { assumedBy: lambda() });
    });
    expect(iamx.policyReport(r.model).roles[0].roleName).to.equal("second");
  });

  it("a missing name fails the program with CDK's message after the whole program ran", async () => {
    const e = await rejection(
      run(() => {
        iamx.Role.customizeRoles(iamx.program, { usePrecreatedRoles: { Named: "named" } });
        new iamx.Role("Named", { assumedBy: lambda() });
        new iamx.Role("Unnamed", { assumedBy: lambda() });
      }),
    );
    expect(e.message).to.equal(
      "Validation failed with the following errors:\n" +
        '  [Unnamed] IAM Role is being created at path "Unnamed" and customizeRoles.preventSynthesis is enabled. ' +
        "You must provide a precreated role name in customizeRoles.precreatedRoles",
    );
  });

  it("statements, policies and managed policies given to a precreated role go to the report, late ones too", async () => {
    const r = await run(async () => {
      iamx.Role.customizeRoles(iamx.program, { usePrecreatedRoles: { App: "app" } });
      const app = new iamx.Role("App", { assumedBy: lambda() });
      const attached = new iamx.Policy("Attached");
      app.attachInlinePolicy(attached);
      attached.addStatements(stmt(["s3:PutObject"], ["*"]));
      await new Promise((resolve) => setTimeout(resolve, 5));
      app.addToPolicy(stmt(["sqs:SendMessage"], ["*"]));
      app.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      app.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      new iamx.ManagedPolicy("FromItsSide", { roles: [app], statements: [stmt(["ec2:DescribeVpcs"], ["*"])] });
      iamx.PermissionsBoundary.of(app).apply(iamx.ManagedPolicy.fromAwsManagedPolicyName("Boundary"));
    });
    // The policy attached from the role's side is not deployed (as in CDK).
    expect(r.resources.filter((x) => x.custom)).to.deep.equal([]);
    const report = iamx.detailedPolicyReport(r.model);
    expect(report.report.roles).to.deep.equal([
      {
        roleConstructPath: "App",
        roleName: "app",
        missing: false,
        assumeRolePolicy: [
          { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } },
        ],
        managedPolicyArns: ["arn:(PARTITION):iam::aws:policy/ReadOnlyAccess"],
        managedPolicyStatements: [{ Action: "ec2:DescribeVpcs", Effect: "Allow", Resource: "*" }],
        identityPolicyStatements: [
          { Action: "s3:PutObject", Effect: "Allow", Resource: "*" },
          { Action: "sqs:SendMessage", Effect: "Allow", Resource: "*" },
        ],
      },
    ]);
    expect(report.permissionsBoundaries).to.deep.equal(["arn:(PARTITION):iam::aws:policy/Boundary"]);
  });

  it("imported roles in the scope: statements recorded, nothing deployed; outside the scope imports are unchanged", async () => {
    let inside: iamx.IRole | undefined;
    const r = await run(() => {
      const legacy = scope("Legacy");
      iamx.Role.customizeRoles(legacy, {});
      inside = iamx.Role.fromRoleArn("Imp", "arn:aws:iam::123456789012:role/existing", {}, { parent: legacy });
      expect(inside.addToPolicy(stmt(["s3:GetObject"], ["*"]))).to.equal(true);
      const outside = iamx.Role.fromRoleName("Out", "other");
      outside.addToPrincipalPolicy(stmt(["s3:PutObject"], ["*"]));
    });
    expect(r.all("aws:iam/rolePolicy:RolePolicy").map((x) => x.inputs.role)).to.deep.equal(["other"]);
    expect(await valueOf(inside!.roleName)).to.equal("existing");
    expect(String(inside)).to.equal("Legacy/Imp");
    expect(iamx.policyReport(r.model).roles).to.deep.equal([
      {
        roleConstructPath: "Legacy/Imp",
        roleName: "existing",
        assumeRolePolicy: [],
        managedPolicyArns: [],
        managedPolicyStatements: [],
        identityPolicyStatements: [{ Action: "s3:GetObject", Effect: "Allow", Resource: "*" }],
      },
    ]);
    expect(validationError(() => inside!.addToPolicy(stmt(["s3:GetObject"], ["*"]))).code).to.equal(
      "ModifiedAfterFinalize",
    );
  });

  it("calls too late, bad scopes and bad options are clear errors", async () => {
    await run(() => {
      const team = scope("Team");
      new iamx.Role("Early", { assumedBy: lambda() }, { parent: team });
      const late = validationError(() => iamx.Role.customizeRoles(team, {}));
      expect(late.code).to.equal("CustomizeRolesAfterRoles");
      expect(late.message).to.contain("already created: Team/Early");
      expect(validationError(() => iamx.Role.customizeRoles(iamx.program)).code).to.equal("CustomizeRolesAfterRoles");
      const other = scope("Other");
      for (const bad of [null, 3, "x", []]) {
        expect(validationError(() => iamx.Role.customizeRoles(other, bad as never)).code).to.equal(
          "InvalidCustomizeRolesOptions",
        );
      }
      for (const bad of [
        { preventSynthesis: "no" },
        { usePrecreatedRoles: ["a"] },
        { usePrecreatedRoles: { A: "" } },
        { usePrecreatedRoles: { A: 3 } },
        { usePrecreatedRoles: { A: null } },
      ]) {
        const e = validationError(() => iamx.Role.customizeRoles(other, bad as never));
        expect(e.code, JSON.stringify(bad)).to.equal("InvalidCustomizeRolesOptions");
      }
      for (const bad of [undefined, null, {}, "scope"]) {
        expect(validationError(() => iamx.Role.customizeRoles(bad as never, {})).code).to.equal("InvalidScope");
      }
      finalize();
      expect(validationError(() => iamx.Role.customizeRoles(other, {})).code).to.equal("ModifiedAfterFinalize");
    });
  });
});
