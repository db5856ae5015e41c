import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import * as iamx from "../../src";
import { toCfnJson } from "../../src/core/value";
import { logicalIdFromPath } from "../../src/render/cloudformation/logical-id";
import { T, run } from "../components/iamx-helpers";
import { STACK, componentParity } from "./components-harness";

const lid = (...path: string[]) => logicalIdFromPath([...path, "Resource"]);
const s3Read = { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/*"] };
const OTHER_ROLE = "arn:aws:iam::222222222222:role/path/to/MyRole";

describe("CDK parity: imported roles, immutable roles, grants", () => {
  componentParity(
    "fromRoleArn (mutable: the program is environment-agnostic): statements go to a Policy named after the import",
    (stack, iam) => {
      const imp = iam.Role.fromRoleArn(stack, "Imp", OTHER_ROLE);
      imp.addToPrincipalPolicy(new iam.PolicyStatement(s3Read));
      const named = iam.Role.fromRoleArn(stack, "Named", "arn:aws:iam::123456789012:role/other", {
        defaultPolicyName: "MyPol",
      });
      named.addToPrincipalPolicy(new iam.PolicyStatement(s3Read));
      const byName = iam.Role.fromRoleName(stack, "ByName", "by-name");
      byName.attachInlinePolicy(new iam.Policy(stack, "Extra", { statements: [new iam.PolicyStatement(s3Read)] }));
      const r = new iam.Role(stack, "R", { assumedBy: new iam.ServicePrincipal("lambda") });
      byName.grantPassRole(r);
      imp.grantAssumeRole(r);
    },
    () => {
      const imp = iamx.Role.fromRoleArn("Imp", OTHER_ROLE);
      imp.addToPrincipalPolicy(new iamx.PolicyStatement(s3Read));
      const named = iamx.Role.fromRoleArn("Named", "arn:aws:iam::123456789012:role/other", {
        defaultPolicyName: "MyPol",
      });
      named.addToPrincipalPolicy(new iamx.PolicyStatement(s3Read));
      const byName = iamx.Role.fromRoleName("ByName", "by-name");
      byName.attachInlinePolicy(new iamx.Policy("Extra", { statements: [new iamx.PolicyStatement(s3Read)] }));
      const r = new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda") });
      byName.grantPassRole(r);
      imp.grantAssumeRole(r);
    },
    async (p) => {
      // Stack-safe names (a new CDK project's flag): `Policy` + the import's unique id from the stack.
      const name = `Policy${logicalIdFromPath([STACK, "Imp"])}`;
      expect(name).to.match(/^PolicystackImp[0-9A-F]{8}$/);
      expect(p.theirs).to.have.property(lid("Imp", name));
      expect(p.ours.get(T.rolePolicy, "Imp-policy").inputs).to.include({ role: "MyRole", name });
      expect(p.ours.get(T.rolePolicy, "Named-policy").inputs).to.include({ role: "other", name: "MyPol" });
      expect(p.ours.get(T.rolePolicy, "Extra-role-by-name-1ffaad52").inputs.role).to.equal("by-name");
      await p.expectPulumiJson(T.rolePolicy, "R-default-policy", "policy", lid("R", "DefaultPolicy"), "PolicyDocument");
    },
  );

  componentParity(
    "fromRoleArn with importedRoleStackSafeDefaultPolicyName off: defaultPolicyName is the construct id, PolicyName the logical id",
    (stack, iam) => {
      const imp = iam.Role.fromRoleArn(stack, "ImportedRole", "arn:aws:iam::123456789012:role/x", {
        defaultPolicyName: "UserSpecifiedDefaultPolicy",
      });
      imp.addToPrincipalPolicy(new iam.PolicyStatement(s3Read));
      iam.Role.fromRoleArn(stack, "Plain", OTHER_ROLE).addToPrincipalPolicy(new iam.PolicyStatement(s3Read));
    },
    () => {
      iamx.configure({ importedRoleStackSafeDefaultPolicyName: false });
      const imp = iamx.Role.fromRoleArn("ImportedRole", "arn:aws:iam::123456789012:role/x", {
        defaultPolicyName: "UserSpecifiedDefaultPolicy",
      });
      imp.addToPrincipalPolicy(new iamx.PolicyStatement(s3Read));
      iamx.Role.fromRoleArn("Plain", OTHER_ROLE).addToPrincipalPolicy(new iamx.PolicyStatement(s3Read));
    },
    (p) => {
      // CDK's own integration test names this policy so.
      const id = "ImportedRoleUserSpecifiedDefaultPolicy7CBF6E85";
      expect(p.theirs[id].Properties).to.include({ PolicyName: id });
      expect(p.ours.get(T.rolePolicy, "ImportedRole-policy").inputs).to.include({ role: "x", name: id });
      expect(p.ours.get(T.rolePolicy, "Plain-policy").inputs.name).to.match(/^PlainPolicy[0-9A-F]{8}$/);
    },
    { context: { "@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName": false } },
  );

  componentParity(
    "immutable imports and withoutPolicyUpdates add nothing; a policy still names them",
    (stack, iam) => {
      const imp = iam.Role.fromRoleArn(stack, "Imp", OTHER_ROLE, { mutable: false });
      imp.addToPrincipalPolicy(new iam.PolicyStatement(s3Read));
      imp.attachInlinePolicy(new iam.Policy(stack, "Ignored", { statements: [new iam.PolicyStatement(s3Read)] }));
      const r = new iam.Role(stack, "R", { assumedBy: new iam.ServicePrincipal("lambda") });
      const frozen = r.withoutPolicyUpdates();
      frozen.addToPrincipalPolicy(new iam.PolicyStatement(s3Read));
      frozen.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      new iam.Policy(stack, "Names", { statements: [new iam.PolicyStatement(s3Read)] }).attachToRole(frozen);
      expect(r.withoutPolicyUpdates()).to.equal(frozen);
    },
    () => {
      const imp = iamx.Role.fromRoleArn("Imp", OTHER_ROLE, { mutable: false });
      imp.addToPrincipalPolicy(new iamx.PolicyStatement(s3Read));
      imp.attachInlinePolicy(new iamx.Policy("Ignored", { statements: [new iamx.PolicyStatement(s3Read)] }));
      const r = new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda") });
      const frozen = r.withoutPolicyUpdates();
      frozen.addToPrincipalPolicy(new iamx.PolicyStatement(s3Read));
      frozen.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      new iamx.Policy("Names", { statements: [new iamx.PolicyStatement(s3Read)] }).attachToRole(frozen);
      expect(r.withoutPolicyUpdates()).to.equal(frozen);
    },
    (p) => {
      expect(p.ours.all(T.roleAttach)).to.have.length(0);
      expect(p.ours.all(T.rolePolicy).map((x) => x.name)).to.deep.equal(["Names-role-R-091cabef"]);
    },
  );

  componentParity(
    "role grants: grant, grantPassRole, grantAssumeRole to roles of the program; applyBefore adds DependsOn",
    (stack, iam) => {
      const target = new iam.Role(stack, "Target", { assumedBy: new iam.ServicePrincipal("ec2") });
      const a = new iam.Role(stack, "A", { assumedBy: new iam.ServicePrincipal("lambda") });
      const b = new iam.Role(stack, "B", { assumedBy: new iam.AccountRootPrincipal() });
      const c = new iam.Role(stack, "C", { assumedBy: new iam.AccountRootPrincipal() });
      c.addToPolicy(new iam.PolicyStatement(s3Read));
      const g = target.grant(a, "iam:GetRole", "iam:TagRole").combine(target.grantPassRole(a));
      target.grantAssumeRole(b).applyBefore(a);
      g.applyBefore(c);
    },
    () => {
      const target = new iamx.Role("Target", { assumedBy: new iamx.ServicePrincipal("ec2") });
      const a = new iamx.Role("A", { assumedBy: new iamx.ServicePrincipal("lambda") });
      const b = new iamx.Role("B", { assumedBy: new iamx.AccountRootPrincipal() });
      const c = new iamx.Role("C", { assumedBy: new iamx.AccountRootPrincipal() });
      c.addToPolicy(new iamx.PolicyStatement(s3Read));
      const g = target.grant(a, "iam:GetRole", "iam:TagRole").combine(target.grantPassRole(a));
      target.grantAssumeRole(b).applyBefore(a);
      g.applyBefore(c);
    },
    (p) => {
      expect(p.ours.cfn[lid("A")].DependsOn).to.deep.equal([lid("B", "DefaultPolicy")]);
      expect(p.ours.cfn[lid("C", "DefaultPolicy")].DependsOn).to.deep.equal([lid("A", "DefaultPolicy")]);
    },
  );

  it("Grant.addToPrincipalOrResource: same account, other account, service principal (statements and results)", async () => {
    const outcome = (kind: "cdk" | "iamx") => {
      const stack = new cdk.Stack(new cdk.App({ context: { "@aws-cdk/aws-iam:minimizePolicies": true } }), STACK);
      const lib = (kind === "cdk" ? cdkIam : iamx) as unknown as typeof iamx;
      const resourceStatements: unknown[] = [];
      const render = (x: unknown) => (kind === "cdk" ? stack.resolve(x) : toCfnJson(x));
      const resource = {
        env: {
          account: kind === "cdk" ? stack.account : iamx.Aws.ACCOUNT_ID,
          region: kind === "cdk" ? stack.region : iamx.Aws.REGION,
        },
        addToResourcePolicy: (s: iamx.PolicyStatement) => {
          resourceStatements.push(render(s.toStatementJson()));
          return { statementAdded: true, policyDependable: kind === "cdk" ? stack : undefined };
        },
      };
      const imported =
        kind === "cdk"
          ? (cdkIam.Role.fromRoleArn(stack, "Imp", OTHER_ROLE) as unknown as iamx.IRole)
          : iamx.Role.fromRoleArn("Imp", OTHER_ROLE);
      const grants = [
        lib.Grant.addToPrincipalOrResource({
          grantee: imported,
          actions: ["s3:GetObject"],
          resourceArns: ["arn:aws:s3:::b/*"],
          resourceSelfArns: ["arn:aws:s3:::b"],
          resource: resource as never,
        }),
        lib.Grant.addToPrincipalOrResource({
          grantee: new lib.ServicePrincipal("sns.amazonaws.com"),
          actions: ["s3:PutObject"],
          resourceArns: ["arn:aws:s3:::b/*"],
          resource: resource as never,
        }),
        lib.Grant.addToPrincipalOrResource({
          grantee: new lib.AccountPrincipal("111111111111"),
          actions: ["s3:PutObject"],
          resourceArns: ["arn:aws:s3:::b/*"],
          conditions: { Bool: { "aws:SecureTransport": "true" } },
          resource: resource as never,
        }),
      ];
      return {
        resourceStatements,
        results: grants.map((g) => ({
          success: g.success,
          principal: g.principalStatements.map((s) => render(s.toStatementJson())),
          resource: g.resourceStatements.map((s) => render(s.toStatementJson())),
        })),
      };
    };
    const theirs = outcome("cdk");
    let ours: ReturnType<typeof outcome> | undefined;
    await run(() => {
      ours = outcome("iamx");
    });
    expect(ours).to.deep.equal(theirs);
    expect(ours!.resourceStatements).to.have.length(3);
  });

  it("Grant results: drop, assertSuccess message, addToPrincipalAndResource quirk", async () => {
    const build = (kind: "cdk" | "iamx") => {
      const stack = new cdk.Stack(new cdk.App(), STACK);
      const lib = (kind === "cdk" ? cdkIam : iamx) as unknown as typeof iamx;
      const render = (x: unknown) => (kind === "cdk" ? stack.resolve(x) : toCfnJson(x));
      const messages: string[] = [];
      const fail = (f: () => void) => {
        try {
          f();
        } catch (e) {
          messages.push((e as Error).message);
        }
      };
      const svc = new lib.ServicePrincipal("sqs.amazonaws.com");
      const unsuccessful = lib.Grant.addToPrincipal({
        grantee: svc,
        actions: ["s3:GetObject", "s3:PutObject"],
        resourceArns: ["arn:1", "arn:2"],
      });
      fail(() => unsuccessful.assertSuccess());
      const dropped = lib.Grant.drop(new lib.ArnPrincipal("arn:aws:iam::1:user/u"), "nothing");
      fail(() => dropped.assertSuccess());
      const resource = {
        env: { account: "111111111111", region: "r" },
        addToResourcePolicy: () => ({ statementAdded: false }),
      };
      const both = lib.Grant.addToPrincipalAndResource({
        grantee: svc,
        actions: ["s3:GetObject"],
        resourceArns: ["arn:1"],
        resource: resource as never,
        resourcePolicyPrincipal: new lib.ArnPrincipal("arn:aws:iam::1:role/x"),
      });
      return {
        messages,
        success: [unsuccessful.success, dropped.success, both.success],
        both: {
          principal: both.principalStatement && render(both.principalStatement.toStatementJson()),
          resource: both.resourceStatement,
        },
      };
    };
    let ours: ReturnType<typeof build> | undefined;
    await run(() => {
      ours = build("iamx");
    });
    expect(ours).to.deep.equal(build("cdk"));
  });

  it("dependsOn: grant follows a statement into the overflow policy that holds it", async () => {
    const r = await run(() => {
      iamx.configure({ minimizePolicies: false, checkActions: false });
      const role = new iamx.Role("MyRole", { assumedBy: new iamx.ServicePrincipal("lambda") });
      const grants: iamx.Grant[] = [];
      for (let i = 0; i < 60; i++) {
        grants.push(
          iamx.Grant.addToPrincipal({
            grantee: role,
            actions: [`svc${i}:Action${i}`],
            resourceArns: [`arn:aws:s3:::bucket-${i}/${"x".repeat(120)}`],
          }),
        );
      }
      new iamx.ManagedPolicy("Dep", { statements: [new iamx.PolicyStatement(s3Read)] }, { dependsOn: grants[59] });
      new iamx.ManagedPolicy("Dep0", { statements: [new iamx.PolicyStatement(s3Read)] }, { dependsOn: grants[0] });
    });
    expect(r.depsOf("iamx:index:ManagedPolicy", "Dep")).to.include(
      r.urnOf(T.policy, "MyRole-overflow-policy-d2ce41c0"),
    );
    expect(r.depsOf("iamx:index:ManagedPolicy", "Dep")).to.include(
      r.urnOf(T.roleAttach, "MyRole-overflow-policy-d2ce41c0-role-MyRole-82b4bd95"),
    );
    expect(r.depsOf("iamx:index:ManagedPolicy", "Dep")).not.to.include(r.urnOf(T.rolePolicy, "MyRole-default-policy"));
    expect(r.depsOf("iamx:index:ManagedPolicy", "Dep0")).to.include(r.urnOf(T.rolePolicy, "MyRole-default-policy"));
  });
});
