/**
 * Plan runs wait for a registration's `dependsOn` inputs as Pulumi does before it sends one: iamx
 * holds its children's until finalize (render/pulumi/registration-gate.ts), since the options
 * their transforms read (a removal policy) may change until then. Ground truth: the mocked run.
 */
import { expect } from "chai";
import * as iamx from "../../src";
import { run, type RunResult } from "../../src/runtime/run";

const retention = (r: RunResult): string[] =>
  r.resources.map((x) => `${x.type} ${x.name} ${String(x.retainOnDelete)}`).sort();

describe("runtime: plan runs hold iamx children until finalize, as mocked runs do", () => {
  it("a removal policy applied after the program awaited something still applies to a child with plain inputs", async () => {
    const program = async (): Promise<void> => {
      const group = new iamx.Group("Late");
      await new Promise((resolve) => setTimeout(resolve, 20));
      group.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
    };
    const mocked = await run(program, { mode: "mocks" });
    const plan = await run(program, { mode: "plan" });
    expect(retention(mocked)).to.include("aws:iam/group:Group Late true");
    expect(retention(plan)).to.deep.equal(retention(mocked));
  });
});
