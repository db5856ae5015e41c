import { expect } from "chai";
import * as iamx from "../../src";
import { warnings } from "../../src/components/warnings";
import { T } from "../components/iamx-helpers";
import { takeOutputText } from "../output-capture";
import { componentParity } from "./components-harness";

// Statements with distinct actions and resources (so that nothing merges), ~195 estimate each.
const statementProps = (i: number) => ({
  actions: [`svc${i}:Action${i}`],
  resources: [`arn:aws:s3:::bucket-${i}/${"x".repeat(108)}`],
});

describe("CDK parity: oversized default policies split into overflow policies", () => {
  componentParity(
    "120 statements: the default policy keeps 51, OverflowPolicy1..3 take 30, 30, 9",
    (stack, iam) => {
      const role = new iam.Role(stack, "MyRole", { assumedBy: new iam.ServicePrincipal("lambda") });
      for (let i = 0; i < 120; i++) role.addToPolicy(new iam.PolicyStatement(statementProps(i)));
    },
    () => {
      iamx.configure({ checkActions: false });
      const role = new iamx.Role("MyRole", { assumedBy: new iamx.ServicePrincipal("lambda") });
      for (let i = 0; i < 120; i++) role.addToPolicy(new iamx.PolicyStatement(statementProps(i)));
    },
    async (p) => {
      const ids = ["MyRoleDefaultPolicyA36BE1DD", "MyRoleOverflowPolicy13EF5596A", "MyRoleOverflowPolicy294E3C162"];
      ids.push(Object.keys(p.ours.cfn).find((id) => /^MyRoleOverflowPolicy3[0-9A-F]{8}$/.test(id))!);
      const counts = ids.map(
        (id) => ((p.ours.cfn[id].Properties!.PolicyDocument as { Statement: unknown[] }).Statement ?? []).length,
      );
      expect(counts).to.deep.equal([51, 30, 30, 9]);
      expect(p.ours.all(T.policy).map((r) => r.name)).to.deep.equal([
        "MyRole-overflow-policy-82bdbbc8",
        "MyRole-overflow-policy-68f818ea",
        "MyRole-overflow-policy-0603c6a3",
      ]);
      expect(p.ours.get(T.policy, "MyRole-overflow-policy-82bdbbc8").inputs.description).to.equal(
        "Part of the policies for stack/MyRole",
      );
      await p.expectPulumiJson(
        T.policy,
        "MyRole-overflow-policy-68f818ea",
        "policy",
        "MyRoleOverflowPolicy294E3C162",
        "PolicyDocument",
      );
      await p.expectPulumiJson(
        T.rolePolicy,
        "MyRole-default-policy",
        "policy",
        "MyRoleDefaultPolicyA36BE1DD",
        "PolicyDocument",
      );
      const attach = p.ours.get(T.roleAttach, "MyRole-overflow-policy-0603c6a3-role-MyRole-82b4bd95");
      expect(attach.inputs.role).to.equal(p.ours.get(T.role, "MyRole").outputs.name);
    },
  );

  componentParity(
    "token resources use the ARN size estimate; managed policies count toward the warnings",
    (stack, iam) => {
      const other = new iam.Role(stack, "Other", { assumedBy: new iam.ServicePrincipal("ec2") });
      const role = new iam.Role(stack, "MyRole", {
        assumedBy: new iam.ServicePrincipal("lambda"),
        managedPolicies: Array.from({ length: 9 }, (_, i) => iam.ManagedPolicy.fromAwsManagedPolicyName(`P${i}`)),
      });
      for (let i = 0; i < 80; i++) {
        role.addToPolicy(
          new iam.PolicyStatement({
            actions: [`svc${i}:Action${i}`],
            resources: [other.roleArn, `arn:aws:s3:::b${i}`],
          }),
        );
      }
    },
    () => {
      iamx.configure({ checkActions: false });
      const other = new iamx.Role("Other", { assumedBy: new iamx.ServicePrincipal("ec2") });
      const role = new iamx.Role("MyRole", {
        assumedBy: new iamx.ServicePrincipal("lambda"),
        managedPolicies: Array.from({ length: 9 }, (_, i) => iamx.ManagedPolicy.fromAwsManagedPolicyName(`P${i}`)),
      });
      for (let i = 0; i < 80; i++) {
        role.addToPolicy(
          new iamx.PolicyStatement({
            actions: [`svc${i}:Action${i}`],
            resources: [other.roleArn, `arn:aws:s3:::b${i}`],
          }),
        );
      }
    },
    (p) => {
      const overflow = Object.keys(p.ours.cfn).filter((id) => id.startsWith("MyRoleOverflowPolicy"));
      expect(overflow.length).to.be.greaterThan(1);
      expect(warnings(p.ours.model).map((w) => w.id)).to.deep.equal(["@aws-cdk/aws-iam:rolePolicyLarge"]);
      // The warning reaches Pulumi's log once per run.
      expect(takeOutputText("Policy large")).to.deep.equal(
        warnings(p.ours.model).map((w) => `warning: [runtime] ${w.message} [ack: ${w.id}]`),
      );
    },
  );
});
