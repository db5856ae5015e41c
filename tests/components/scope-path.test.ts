import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { Role } from "../../src/components/role";
import { ServicePrincipal } from "../../src/core/principals/service";

describe("components: construct paths", () => {
  it("nest under plain Pulumi components, outermost first, as CDK construct paths do", async () => {
    let role: Role | undefined;
    await synthesizeRaw(() => {
      const outer = new pulumi.ComponentResource("my:app:Outer", "Outer");
      const inner = new pulumi.ComponentResource("my:app:Inner", "Inner", {}, { parent: outer });
      role = new Role("Worker", { assumedBy: new ServicePrincipal("lambda") }, { parent: inner });
    });
    expect(role!.constructPath).to.deep.equal(["Outer", "Inner", "Worker"]);
  });

  it("start at the component itself when it has no parent", async () => {
    let role: Role | undefined;
    await synthesizeRaw(() => {
      role = new Role("Solo", { assumedBy: new ServicePrincipal("lambda") });
    });
    expect(role!.constructPath).to.deep.equal(["Solo"]);
  });
});
