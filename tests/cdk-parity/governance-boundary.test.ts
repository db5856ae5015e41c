import { expect } from "chai";
import { cdkRun, iamxTemplate, type GovScenario } from "./governance-harness";

/** The template of both sides must be equal, and every role/user's boundary as `expected` (policy name or null). */
async function boundaryParity(scenario: GovScenario, expected: Record<string, string | null>): Promise<void> {
  const cdk = cdkRun(scenario, true);
  const ours = await iamxTemplate(scenario, true);
  expect(ours.Resources).to.deep.equal(cdk.template.Resources);
  const found: Record<string, string | null> = {};
  for (const [id, r] of Object.entries(ours.Resources)) {
    if (r.Type !== "AWS::IAM::Role" && r.Type !== "AWS::IAM::User") continue;
    const pb = r.Properties?.PermissionsBoundary as { "Fn::Join": [string, unknown[]] } | undefined;
    found[id] = pb ? String(pb["Fn::Join"][1][2]).replace(/^.*\//, "") : null;
  }
  expect(found).to.deep.equal(expected);
}

describe("parity: PermissionsBoundary", () => {
  it("nested scopes: the closest scope wins regardless of call order; users and implicit roles too", async () => {
    await boundaryParity(
      (gov) => {
        const { lib } = gov;
        const outer = gov.scope("Outer");
        const inner = gov.scope("Inner", outer);
        gov.boundary(inner).apply(gov.awsManagedPolicy("InnerPB"));
        gov.boundary(outer).apply(gov.awsManagedPolicy("OuterPB"));
        gov.boundary(undefined).apply(gov.awsManagedPolicy("StackPB"));
        gov.role("A", { assumedBy: new lib.ServicePrincipal("lambda.amazonaws.com") }, inner);
        gov.user("U", {}, inner);
        gov.role("B", { assumedBy: new lib.ServicePrincipal("lambda.amazonaws.com") }, outer);
        gov.instanceProfile("IP", {}, outer);
        gov.role("C", { assumedBy: new lib.ServicePrincipal("lambda.amazonaws.com") });
        gov.group("G");
      },
      {
        OuterInnerA4EAD660D: "InnerPB",
        OuterInnerUF1712B4C: "InnerPB",
        OuterB25D349EA: "OuterPB",
        OuterIPInstanceRole98F4E416: "OuterPB",
        C375D67C5: "StackPB",
      },
    );
  });

  it("apply/clear order on one scope, the role as its own scope, the prop overridden", async () => {
    await boundaryParity(
      (gov) => {
        const { lib } = gov;
        const a = gov.scope("A");
        const b = gov.scope("B");
        gov.boundary(a).apply(gov.awsManagedPolicy("X"));
        gov.boundary(a).clear();
        gov.boundary(b).clear();
        gov.boundary(b).apply(gov.awsManagedPolicy("First"));
        gov.boundary(b).apply(gov.awsManagedPolicy("Second"));
        gov.role(
          "RA",
          { assumedBy: new lib.AccountRootPrincipal(), permissionsBoundary: gov.awsManagedPolicy("Given") },
          a,
        );
        gov.role("RB", { assumedBy: new lib.AccountRootPrincipal() }, b);
        const own = gov.role("Own", { assumedBy: new lib.AccountRootPrincipal() }, b);
        gov.boundary(own).apply(gov.awsManagedPolicy("OwnPB"));
        const kept = gov.user("Kept", { permissionsBoundary: gov.awsManagedPolicy("Given") });
        void kept;
      },
      { ARAD2D4BC7A: null, BRB15136EC3: "Second", BOwn48EE3A91: "OwnPB", Kept118DB03B: "Given" },
    );
  });

  it("roles in scopes made after a program-wide call get the boundary", async () => {
    await boundaryParity(
      (gov) => {
        const { lib } = gov;
        gov.boundary(undefined).apply(gov.awsManagedPolicy("Late"));
        const late = gov.scope("Later");
        gov.role("R", { assumedBy: new lib.ServicePrincipal("ec2.amazonaws.com") }, late);
      },
      { LaterR0FB68AE1: "Late" },
    );
  });
});
