/**
 * LazyRole against aws-cdk-lib's: nothing exists until something needs the role; then the role
 * and what was queued appear at CDK's logical ids. And Role.fromLookup: Pulumi's lookup under
 * mocks, CDK's rendering of the same role by ARN in the export when the program gives the ARN, and
 * a clear error naming the role when it does not.
 */
import type * as cdk from "aws-cdk-lib";
import type * as cdkIam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import * as iamx from "../../src";
import { exportTemplate } from "../../src/render/cloudformation/export";
import { T, run } from "../components/iamx-helpers";
import { cdkResources, componentParity } from "./components-harness";

const s3Read = { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/*"] };
const lambda = "lambda.amazonaws.com";

describe("CDK parity: LazyRole", () => {
  componentParity(
    "never used: no resources at all, even with statements, policies and managed policies queued",
    (stack, iam) => {
      const lazy = new iam.LazyRole(stack, "Lazy", { assumedBy: new iam.ServicePrincipal(lambda) });
      lazy.addToPrincipalPolicy(new iam.PolicyStatement(s3Read));
      lazy.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      new iam.Role(stack, "Other", { assumedBy: new iam.ServicePrincipal(lambda) });
    },
    () => {
      const lazy = new iamx.LazyRole("Lazy", { assumedBy: new iamx.ServicePrincipal(lambda) });
      expect(lazy.addToPrincipalPolicy(new iamx.PolicyStatement(s3Read)).statementAdded).to.equal(true);
      lazy.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      new iamx.Role("Other", { assumedBy: new iamx.ServicePrincipal(lambda) });
      expect(lazy.isInstantiated).to.equal(false);
    },
    (p) => {
      // Only the other role, on both sides (the harness compares the logical ids).
      expect(Object.values(p.theirs).map((r) => r.Type)).to.deep.equal(["AWS::IAM::Role"]);
      expect(p.ours.all(T.role).map((r) => r.name)).to.deep.equal(["Other"]);
      expect(p.ours.all(T.rolePolicy)).to.deep.equal([]);
    },
  );

  componentParity(
    "used (its ARN in a policy, a grant): the role at CDK's logical ids, with the queued statement and policies",
    (stack, iam) => {
      const lazy = new iam.LazyRole(stack, "Lazy", { assumedBy: new iam.ServicePrincipal(lambda) });
      lazy.addToPrincipalPolicy(new iam.PolicyStatement(s3Read));
      lazy.attachInlinePolicy(
        new iam.Policy(stack, "Extra", {
          statements: [new iam.PolicyStatement({ actions: ["sqs:*"], resources: ["*"] })],
        }),
      );
      lazy.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      const user = new iam.Role(stack, "User", { assumedBy: new iam.ServicePrincipal(lambda) });
      user.addToPolicy(new iam.PolicyStatement({ actions: ["iam:GetRole"], resources: [lazy.roleArn] }));
      lazy.grantPassRole(user);
    },
    () => {
      const lazy = new iamx.LazyRole("Lazy", { assumedBy: new iamx.ServicePrincipal(lambda) });
      lazy.addToPrincipalPolicy(new iamx.PolicyStatement(s3Read));
      lazy.attachInlinePolicy(
        new iamx.Policy("Extra", { statements: [new iamx.PolicyStatement({ actions: ["sqs:*"], resources: ["*"] })] }),
      );
      lazy.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      const user = new iamx.Role("User", { assumedBy: new iamx.ServicePrincipal(lambda) });
      user.addToPolicy(new iamx.PolicyStatement({ actions: ["iam:GetRole"], resources: [lazy.roleArn] }));
      lazy.grantPassRole(user);
      expect(lazy.isInstantiated).to.equal(true);
    },
    async (p) => {
      expect(p.theirs).to.have.property("Lazy399F7F48");
      expect(p.theirs).to.have.property("LazyDefaultPolicy5055B4A2");
      expect(p.ours.get(T.role, "Lazy").inputs.name).to.equal(undefined);
      await p.expectPulumiJson(
        T.rolePolicy,
        "Lazy-default-policy",
        "policy",
        "LazyDefaultPolicy5055B4A2",
        "PolicyDocument",
      );
    },
  );

  componentParity(
    "used only through ManagedPolicy.attachToRole: the role comes into existence, the policy attached to it",
    (stack, iam) => {
      const lazy = new iam.LazyRole(stack, "Lazy", { assumedBy: new iam.ServicePrincipal(lambda) });
      new iam.ManagedPolicy(stack, "MP", { statements: [new iam.PolicyStatement(s3Read)] }).attachToRole(lazy);
    },
    () => {
      const lazy = new iamx.LazyRole("Lazy", { assumedBy: new iamx.ServicePrincipal(lambda) });
      new iamx.ManagedPolicy("MP", { statements: [new iamx.PolicyStatement(s3Read)] }).attachToRole(lazy);
    },
    (p) => {
      expect(p.theirs).to.have.property("Lazy399F7F48");
      expect(p.ours.all(T.role).map((r) => r.name)).to.deep.equal(["Lazy"]);
      const attach = p.ours.all(T.roleAttach);
      expect(attach).to.have.length(1);
      expect(attach[0].inputs.role).to.equal(p.ours.get(T.role, "Lazy").outputs.name);
    },
  );

  describe("used only through a Policy (its roles, or attachToRole)", () => {
    const lazyCdk = (stack: cdk.Stack, iam: typeof cdkIam) =>
      new iam.LazyRole(stack, "Lazy", { assumedBy: new iam.ServicePrincipal(lambda) });
    const lazyIamx = () => new iamx.LazyRole("Lazy", { assumedBy: new iamx.ServicePrincipal(lambda) });
    const viaRoles = (lazy: iamx.LazyRole) =>
      new iamx.Policy("P", { statements: [new iamx.PolicyStatement(s3Read)], roles: [lazy] });
    const viaAttach = (lazy: iamx.LazyRole) =>
      new iamx.Policy("P", { statements: [new iamx.PolicyStatement(s3Read)] }).attachToRole(lazy);

    it("aws-cdk-lib fails to synthesize (its LazyRole is made twice while the policy resolves its roles)", () => {
      for (const build of [
        (stack: cdk.Stack, iam: typeof cdkIam) =>
          void new iam.Policy(stack, "P", {
            statements: [new iam.PolicyStatement(s3Read)],
            roles: [lazyCdk(stack, iam)],
          }),
        (stack: cdk.Stack, iam: typeof cdkIam) =>
          new iam.Policy(stack, "P", { statements: [new iam.PolicyStatement(s3Read)] }).attachToRole(
            lazyCdk(stack, iam),
          ),
      ]) {
        expect(() => cdkResources(build)).to.throw(/There is already a Construct with name 'Default' in LazyRole/);
      }
    });

    for (const [how, attach] of [
      ["roles", viaRoles],
      ["attachToRole", viaAttach],
    ] as const) {
      componentParity(
        `through ${how}: the role comes into existence with the policy attached once, as CDK renders it when the role already exists`,
        (stack, iam) => {
          const lazy = lazyCdk(stack, iam);
          void lazy.roleArn; // CDK makes the role first; then the policy attaches to it
          new iam.Policy(stack, "P", { statements: [new iam.PolicyStatement(s3Read)], roles: [lazy] });
        },
        () => {
          const lazy = lazyIamx();
          attach(lazy);
        },
        (p) => {
          expect(p.ours.all(T.role).map((r) => r.name)).to.deep.equal(["Lazy"]);
          const policies = p.ours.all(T.rolePolicy);
          expect(policies).to.have.length(1);
          expect(policies[0].inputs.role).to.equal(p.ours.get(T.role, "Lazy").outputs.name);
        },
      );
    }
  });
});

describe("Role.fromLookup", () => {
  const program = (roleArn?: string) => () => {
    const found = iamx.Role.fromLookup("Deployer", { roleName: "deployer", ...(roleArn ? { roleArn } : {}) });
    found.addToPrincipalPolicy(new iamx.PolicyStatement(s3Read));
    const ci = new iamx.Role("Ci", { assumedBy: new iamx.ServicePrincipal(lambda) });
    ci.addToPolicy(new iamx.PolicyStatement({ actions: ["sts:AssumeRole"], resources: [found.roleArn] }));
  };

  it("Pulumi looks the role up (aws.iam.getRoleOutput, answered by the mocks) and adds to it by name", async () => {
    const r = await run(program());
    expect(r.get(T.rolePolicy, "Deployer-policy").inputs.role).to.equal("deployer");
    const doc = JSON.parse(r.get(T.rolePolicy, "Ci-default-policy").inputs.policy as string);
    expect(doc.Statement[0].Resource).to.equal("arn:aws:iam::123456789012:role/deployer");
  });

  it("the export fails naming the role and the fix when the ARN is used and not given", async () => {
    let error: Error | undefined;
    try {
      await exportTemplate(program());
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/CloudFormation has no lookups/);
    expect(error?.message).to.match(/the role deployer looked up by Role.fromLookup Deployer; give its ARN/);
    expect(error?.message).to.contain('roleArn: "arn:aws:iam::<account>:role/<path>deployer"');
  });

  it("with roleArn, the export is CDK's rendering of the role by that ARN", async () => {
    const arn = "arn:aws:iam::123456789012:role/ops/deployer";
    const ours = await exportTemplate(program(arn));
    const byArn = await exportTemplate(() => {
      const found = iamx.Role.fromRoleArn("Deployer", arn);
      found.addToPrincipalPolicy(new iamx.PolicyStatement(s3Read));
      const ci = new iamx.Role("Ci", { assumedBy: new iamx.ServicePrincipal(lambda) });
      ci.addToPolicy(new iamx.PolicyStatement({ actions: ["sts:AssumeRole"], resources: [found.roleArn] }));
    });
    expect(ours).to.deep.equal(byArn);
    expect(JSON.stringify(ours)).to.contain(`"Resource":"${arn}"`);
    expect(ours.Parameters).to.equal(undefined);
  });

  it("refuses a role name that is not a literal, or an ARN that is no role ARN", async () => {
    await run(() => {
      expect(() => iamx.Role.fromLookup("X", { roleName: iamx.Aws.ACCOUNT_ID as never })).to.throw(
        /must be concrete \(no Tokens\)/,
      );
      expect(() => iamx.Role.fromLookup("Y", { roleName: "r", roleArn: "arn:aws:s3:::b" })).to.throw(
        /must be a role ARN/,
      );
    });
  });
});
