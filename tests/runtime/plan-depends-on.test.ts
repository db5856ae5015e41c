/**
 * Plan runs hold an iamx registration back until its `dependsOn` settled, as Pulumi's registration
 * does in a mocked run: a component's removal policy may change until finalize (its children's
 * `dependsOn` gate), and its transform then reads the final one. Ground truth: the mocked run.
 */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as iamx from "../../src";
import { run, type RunResult } from "../../src/runtime/run";

const retained = (r: RunResult): string[] =>
  r.resources.filter((x) => x.retainOnDelete).map((x) => `${x.type}::${x.name}`);

async function both(program: () => unknown): Promise<[RunResult, RunResult]> {
  return [await run(program, { mode: "mocks" }), await run(program, { mode: "plan" })];
}

describe("runtime: plan runs wait for a registration's dependsOn, as Pulumi does", () => {
  it("applyRemovalPolicy after an await reaches the engine's retainOnDelete, as under mocks", async () => {
    const [mocked, plan] = await both(async () => {
      const group = new iamx.Group("G");
      await new Promise((resolve) => setTimeout(resolve, 5));
      group.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
    });
    expect(retained(mocked)).to.deep.equal(["aws:iam/group:Group::G"]);
    expect(retained(plan)).to.deep.equal(retained(mocked));
  });

  it("a dependsOn given as a promise, an Output and a list of both: the same retainOnDelete as under mocks", async () => {
    const program = async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const later = (): Promise<pulumi.Resource[]> => gate.then(() => []);
      const user = new iamx.User("U", {}, { dependsOn: later() });
      const role = new iamx.Role(
        "R",
        { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") },
        { dependsOn: [pulumi.output(later()), later()] as unknown as pulumi.Input<pulumi.Resource>[] },
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
      user.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
      role.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
      release();
    };
    const [mocked, plan] = await both(program);
    expect(retained(mocked)).to.include.members(["aws:iam/user:User::U", "aws:iam/role:Role::R"]);
    expect([...retained(plan)].sort()).to.deep.equal([...retained(mocked)].sort());
  });
});
