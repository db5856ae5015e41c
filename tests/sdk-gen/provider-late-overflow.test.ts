// A role whose DefaultPolicy overflowed (its statements split into overflow managed policies when
// the construct request finalized) holds those statements too: a late call adds none of them again.
import { expect } from "chai";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { PolicyStatement, Role, ServicePrincipal, configure } from "../../src";
import { addToPolicy, deploy, ofType, role, statementsOf } from "./provider-harness";

// Distinct actions and resources (nothing merges), ~195 bytes each: 120 overflow into three managed policies.
const statement = (i: number) => ({
  actions: [`svc${i}:Action${i}`],
  resources: [`arn:aws:s3:::bucket-${i}/${"x".repeat(108)}`],
});
const OPTIONS = { config: { "iamx:checkActions": "false" } };
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const MANAGED_POLICY = "aws:iam/policy:Policy";

describe("sdk-gen: late statements and a role's overflow policies", () => {
  it("a statement the role holds in an overflow policy adds nothing; a new one still lands in a late policy", async () => {
    const statements = Array.from({ length: 120 }, (_, i) => statement(i));
    const held = statement(110);
    const { resources, results } = await deploy(
      [
        role(statements),
        addToPolicy(held.actions, held.resources),
        addToPolicy(statement(500).actions, statement(500).resources),
      ],
      [],
      OPTIONS,
    );
    // The statement is in an overflow policy, not in the DefaultPolicy.
    const overflow = ofType(resources, MANAGED_POLICY).filter((p) => p.name.startsWith("app-overflow-policy-"));
    expect(overflow).to.have.length(3);
    const actionsIn = (rs: typeof resources) =>
      rs.flatMap((r) => statementsOf(r).map((s: { Action: string }) => s.Action));
    expect(actionsIn(overflow)).to.include("svc110:Action110");
    const inline = ofType(resources, ROLE_POLICY);
    expect(actionsIn(inline.filter((p) => p.name === "app-default-policy"))).to.not.include("svc110:Action110");
    // TypeScript: the DefaultPolicy de-duplicates it; addToPolicy answers true.
    const typescript = await synthesizeRaw(() => {
      configure({ checkActions: false });
      const r = new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      for (const s of statements) r.addToPolicy(new PolicyStatement(s));
      return { added: r.addToPolicy(new PolicyStatement(held)) };
    });
    expect(results[0]).to.deep.equal({ statementAdded: typescript.outputs.added });
    const late = inline.filter((p) => p.name !== "app-default-policy");
    expect(late.map(statementsOf)).to.deep.equal([
      [{ Action: "svc500:Action500", Effect: "Allow", Resource: statement(500).resources[0] }],
    ]);
  });
});
