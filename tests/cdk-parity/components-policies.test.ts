import * as awsIam from "@pulumi/aws/iam";
import { expect } from "chai";
import * as iamx from "../../src";
import { logicalIdFromPath } from "../../src/render/cloudformation/logical-id";
import { T, rejection, run } from "../components/iamx-helpers";
import { cdkResources, componentParity } from "./components-harness";

const lid = (...path: string[]) => logicalIdFromPath([...path, "Resource"]);
const s3Read = { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/*"] };
const sqsSend = { actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111111111111:q"] };

describe("CDK parity: Policy and ManagedPolicy", () => {
  componentParity(
    "Policy attached through props, attachToRole and attachInlinePolicy; explicit and generated names",
    (stack, iam) => {
      const a = new iam.Role(stack, "A", { assumedBy: new iam.ServicePrincipal("lambda") });
      const b = new iam.Role(stack, "B", { assumedBy: new iam.ServicePrincipal("ec2") });
      const p = new iam.Policy(stack, "Pol", { statements: [new iam.PolicyStatement(s3Read)], roles: [a] });
      p.attachToRole(b);
      p.attachToRole(a);
      const named = new iam.Policy(stack, "Named", { policyName: "named-policy" });
      b.attachInlinePolicy(named);
      named.addStatements(new iam.PolicyStatement(sqsSend));
    },
    () => {
      const a = new iamx.Role("A", { assumedBy: new iamx.ServicePrincipal("lambda") });
      const b = new iamx.Role("B", { assumedBy: new iamx.ServicePrincipal("ec2") });
      const p = new iamx.Policy("Pol", { statements: [new iamx.PolicyStatement(s3Read)], roles: [a] });
      p.attachToRole(b);
      p.attachToRole(a);
      const named = new iamx.Policy("Named", { policyName: "named-policy" });
      b.attachInlinePolicy(named);
      named.addStatements(new iamx.PolicyStatement(sqsSend));
    },
    async (p) => {
      await p.expectPulumiJson(T.rolePolicy, "Pol-role-A-09803842", "policy", lid("Pol"), "PolicyDocument");
      await p.expectPulumiJson(T.rolePolicy, "Pol-role-B-f8c31572", "policy", lid("Pol"), "PolicyDocument");
      expect(p.ours.get(T.rolePolicy, "Pol-role-A-09803842").inputs.name).to.equal(lid("Pol"));
      expect(p.ours.get(T.rolePolicy, "Named-role-B-f8c31572").inputs).to.include({ name: "named-policy" });
      expect(p.ours.get(T.rolePolicy, "Named-role-B-f8c31572").inputs.role).to.equal(
        p.ours.get(T.role, "B").outputs.name,
      );
    },
  );

  componentParity(
    "an unattached Policy and an empty attached Policy are left out",
    (stack, iam) => {
      new iam.Policy(stack, "Lonely", { statements: [new iam.PolicyStatement(s3Read)] });
      new iam.Policy(stack, "Empty", {
        roles: [new iam.Role(stack, "R", { assumedBy: new iam.ServicePrincipal("lambda") })],
      });
    },
    () => {
      new iamx.Policy("Lonely", { statements: [new iamx.PolicyStatement(s3Read)] });
      new iamx.Policy("Empty", { roles: [new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda") })] });
    },
    (p) => {
      expect(p.ours.all(T.rolePolicy)).to.have.length(0);
    },
  );

  componentParity(
    "a forced policy with statements and a role; the DefaultPolicy next to another inline policy",
    (stack, iam) => {
      const r = new iam.Role(stack, "R", { assumedBy: new iam.ServicePrincipal("lambda") });
      new iam.Policy(stack, "Forced", { force: true, roles: [r], statements: [new iam.PolicyStatement(sqsSend)] });
      r.addToPolicy(new iam.PolicyStatement(s3Read));
    },
    () => {
      const r = new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda") });
      new iamx.Policy("Forced", { force: true, roles: [r], statements: [new iamx.PolicyStatement(sqsSend)] });
      r.addToPolicy(new iamx.PolicyStatement(s3Read));
    },
  );

  componentParity(
    "ManagedPolicy: description, path, name, roles from props and attachToRole (role untouched)",
    (stack, iam) => {
      const r = new iam.Role(stack, "R", { assumedBy: new iam.ServicePrincipal("lambda") });
      const mp = new iam.ManagedPolicy(stack, "MP", {
        managedPolicyName: "my-mp",
        description: "for tests",
        path: "/team/",
        statements: [new iam.PolicyStatement(s3Read)],
        roles: [r],
      });
      mp.attachToRole(r);
      mp.attachToRole(iam.Role.fromRoleArn(stack, "Imp", "arn:aws:iam::111111111111:role/path/ext"));
      mp.addStatements(new iam.PolicyStatement(sqsSend));
      new iam.ManagedPolicy(stack, "Defaults", {
        document: new iam.PolicyDocument({ statements: [new iam.PolicyStatement(sqsSend)] }),
      });
    },
    () => {
      const r = new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda") });
      const mp = new iamx.ManagedPolicy("MP", {
        managedPolicyName: "my-mp",
        description: "for tests",
        path: "/team/",
        statements: [new iamx.PolicyStatement(s3Read)],
        roles: [r],
      });
      mp.attachToRole(r);
      mp.attachToRole(iamx.Role.fromRoleArn("Imp", "arn:aws:iam::111111111111:role/path/ext"));
      mp.addStatements(new iamx.PolicyStatement(sqsSend));
      new iamx.ManagedPolicy("Defaults", {
        document: new iamx.PolicyDocument({ statements: [new iamx.PolicyStatement(sqsSend)] }),
      });
    },
    async (p) => {
      await p.expectPulumiJson(T.policy, "MP", "policy", lid("MP"), "PolicyDocument");
      expect(p.ours.get(T.policy, "MP").inputs).to.include({ name: "my-mp", description: "for tests", path: "/team/" });
      expect(p.ours.all(T.roleAttach).map((a) => a.inputs.role)).to.have.members([
        p.ours.get(T.role, "R").outputs.name,
        "ext",
      ]);
    },
  );

  componentParity(
    "ManagedPolicy attached from the role's side only renders in the role's ManagedPolicyArns",
    (stack, iam) => {
      const mp = new iam.ManagedPolicy(stack, "MP", { statements: [new iam.PolicyStatement(s3Read)] });
      new iam.Role(stack, "R", { assumedBy: new iam.ServicePrincipal("lambda") }).addManagedPolicy(mp);
    },
    () => {
      const mp = new iamx.ManagedPolicy("MP", { statements: [new iamx.PolicyStatement(s3Read)] });
      new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda") }).addManagedPolicy(mp);
    },
  );

  componentParity(
    "grants to a Policy's and a ManagedPolicy's grantPrincipal land in the policy",
    (stack, iam) => {
      const r = new iam.Role(stack, "R", { assumedBy: new iam.ServicePrincipal("lambda") });
      const target = new iam.Role(stack, "Target", { assumedBy: new iam.ServicePrincipal("ec2") });
      const p = new iam.Policy(stack, "P", { roles: [r] });
      target.grantPassRole(p.grantPrincipal);
      const mp = new iam.ManagedPolicy(stack, "MP", { roles: [r] });
      target.grant(mp.grantPrincipal, "iam:GetRole", "iam:TagRole");
    },
    () => {
      const r = new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda") });
      const target = new iamx.Role("Target", { assumedBy: new iamx.ServicePrincipal("ec2") });
      const p = new iamx.Policy("P", { roles: [r] });
      target.grantPassRole(p.grantPrincipal);
      const mp = new iamx.ManagedPolicy("MP", { roles: [r] });
      target.grant(mp.grantPrincipal, "iam:GetRole", "iam:TagRole");
    },
  );

  it("the synthesis errors of Policy and ManagedPolicy, in CDK's words", async () => {
    const scenarios: [string, (stack: any, iam: any) => void, () => void][] = [
      [
        "forced, empty, unattached",
        (stack, iam) => new iam.Policy(stack, "P", { force: true }),
        () => new iamx.Policy("P", { force: true }),
      ],
      [
        "referenced (two policies on one role), the empty one",
        (stack, iam) => {
          const r = new iam.Role(stack, "R", { assumedBy: new iam.ServicePrincipal("lambda") });
          r.attachInlinePolicy(new iam.Policy(stack, "Empty"));
          r.addToPolicy(new iam.PolicyStatement(s3Read));
        },
        () => {
          const r = new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda") });
          r.attachInlinePolicy(new iamx.Policy("Empty"));
          r.addToPolicy(new iamx.PolicyStatement(s3Read));
        },
      ],
      [
        "referenced and unattached",
        (stack, iam) => void new iam.Policy(stack, "P", { statements: [new iam.PolicyStatement(s3Read)] }).policyName,
        () => void new iamx.Policy("P", { statements: [new iamx.PolicyStatement(s3Read)] }).policyName,
      ],
      [
        "identity validation of a policy, a managed policy, an empty managed policy, a role's trust and inline policies",
        (stack, iam) => {
          const r = new iam.Role(stack, "R", {
            assumedBy: new iam.ServicePrincipal("lambda"),
            inlinePolicies: {
              In: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["s3:GetObject"] })] }),
            },
          });
          r.assumeRolePolicy!.addStatements(new iam.PolicyStatement({ actions: ["sts:AssumeRole"] }));
          new iam.Policy(stack, "P", {
            roles: [r],
            statements: [
              new iam.PolicyStatement({ sid: "no-dash", resources: ["*"], principals: [new iam.AnyPrincipal()] }),
            ],
          });
          new iam.ManagedPolicy(stack, "Empty");
          new iam.ManagedPolicy(stack, "MP", { statements: [new iam.PolicyStatement({ actions: ["s3:GetObject"] })] });
        },
        () => {
          const r = new iamx.Role("R", {
            assumedBy: new iamx.ServicePrincipal("lambda"),
            inlinePolicies: {
              In: new iamx.PolicyDocument({ statements: [new iamx.PolicyStatement({ actions: ["s3:GetObject"] })] }),
            },
          });
          r.assumeRolePolicy.addStatements(new iamx.PolicyStatement({ actions: ["sts:AssumeRole"] }));
          new iamx.Policy("P", {
            roles: [r],
            statements: [
              new iamx.PolicyStatement({ sid: "no-dash", resources: ["*"], principals: [new iamx.AnyPrincipal()] }),
            ],
          });
          new iamx.ManagedPolicy("Empty");
          new iamx.ManagedPolicy("MP", { statements: [new iamx.PolicyStatement({ actions: ["s3:GetObject"] })] });
        },
      ],
    ];
    for (const [title, cdkBuild, program] of scenarios) {
      for (const minimize of [true, false]) {
        let cdkMessage = "";
        try {
          cdkResources(cdkBuild, minimize);
        } catch (e) {
          cdkMessage = (e as Error).message;
        }
        expect(cdkMessage, title).to.match(/^Validation failed with the following errors:/);
        const ours = await rejection(
          run(() => {
            iamx.configure({ minimizePolicies: minimize });
            return program();
          }),
        );
        expect(sortLines(ours.message.replace(/\[stack\//g, "[")), `${title}, minimize ${minimize}`).to.equal(
          sortLines(cdkMessage.replace(/\[stack\//g, "[")),
        );
      }
    }
  });

  it("Policy.fromPolicyName cannot be attached (CDK's message)", () => {
    const imported = iamx.Policy.fromPolicyName("Imp", "existing");
    expect(imported.policyName).to.equal("existing");
    expect(() => imported.attachToRole({} as iamx.IRole)).to.throw("Cannot use a Policy.fromPolicyName() here.");
  });

  it("a resource depending on a policy waits for the policy's resources", async () => {
    const r = await run(async () => {
      const role = new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda") });
      const p = new iamx.Policy("P", { roles: [role] });
      new awsIam.User("thing", {}, { dependsOn: p });
      await Promise.resolve();
      p.addStatements(new iamx.PolicyStatement(s3Read));
    });
    expect(r.depsOf("aws:iam/user:User", "thing")).to.include(r.urnOf(T.rolePolicy, "P-role-R-091cabef"));
  });
});

// CDK lists validation errors in construct-tree order, we in creation order; compare the sets.
function sortLines(message: string): string {
  const [head, ...lines] = message.split("\n");
  return [head, ...lines.sort()].join("\n");
}
