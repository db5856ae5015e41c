import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { PolicyStatement } from "../../src/core/statement";
import { External, Reference, aliasValue } from "../../src/core/value";
import { ServicePrincipal } from "../../src/core/principals/service";
import { Role } from "../../src/components/role";
import { synthesizeRaw } from "../../src/testing/synthesize";

describe("core: Pulumi inputs as condition values", () => {
  const target = { logicalId: "RoleF48FFE04", displayPath: "Role", resolveAttribute: () => undefined };

  it("an aliased component attribute becomes its reference, an opaque Output an external", () => {
    const name = aliasValue({ apply: () => undefined }, new Reference(target, "Ref"));
    const opaque = pulumi.output("x");
    const s = new PolicyStatement({
      actions: ["iam:ListRoleTags"],
      resources: ["*"],
      conditions: { StringEquals: { "aws:ResourceTag/role": name, "aws:ResourceTag/team": [opaque, "ops"] } },
    });
    const json = s.toStatementJson() as { Condition: { StringEquals: Record<string, unknown> } };
    expect(json.Condition.StringEquals["aws:ResourceTag/role"]).to.be.instanceOf(Reference);
    const team = json.Condition.StringEquals["aws:ResourceTag/team"] as unknown[];
    expect(team[0]).to.equal(External.of(opaque));
    expect(team[1]).to.equal("ops");
    expect(JSON.parse(JSON.stringify(json)).Condition.StringEquals["aws:ResourceTag/role"]).to.deep.equal({
      Ref: "RoleF48FFE04",
    });
  });

  it("plain condition objects are kept as given", () => {
    const value = { "aws:SourceAccount": "111111111111" };
    const s = new PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"], conditions: { StringEquals: value } });
    expect((s.toStatementJson() as any).Condition.StringEquals).to.deep.equal(value);
  });

  it("the Pulumi policy document receives the resolved values", async () => {
    const { resources } = await synthesizeRaw(() => {
      const a = new Role("A", { assumedBy: new ServicePrincipal("lambda.amazonaws.com"), roleName: "role-a" });
      const b = new Role("B", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      b.addToPolicy(
        new PolicyStatement({
          actions: ["iam:ListRoleTags"],
          resources: ["*"],
          conditions: {
            StringEquals: { "aws:ResourceTag/role": a.roleName, "aws:ResourceTag/env": pulumi.output("prod") },
          },
        }),
      );
    });
    const policy = resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name.startsWith("B"))!;
    expect(JSON.parse(policy.inputs.policy).Statement[0].Condition).to.deep.equal({
      StringEquals: { "aws:ResourceTag/role": "role-a", "aws:ResourceTag/env": "prod" },
    });
  });
});
