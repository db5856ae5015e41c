/**
 * A stack output that fails (an apply() in what the program returned throws) fails the run once,
 * with that error, in every mode that resolves outputs; what Pulumi drops with it is the run's (no
 * rejection left unhandled, none reaching the next run, which runs normally).
 */
import { expect } from "chai";
import * as iamx from "../../src";
import { claimedByRun } from "../../src/runtime/rejections";
import { run } from "../../src/runtime/run";

const failing = () => {
  const role = new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
  return {
    arn: role.roleArn,
    bad: role.roleArn.apply((): string => {
      throw new Error("boom in a stack output");
    }),
  };
};

const healthy = () => ({
  arn: new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") }).roleArn,
});

describe("runtime: a stack output that fails", () => {
  for (const mode of ["mocks", "plan"] as const) {
    it(`${mode}: rejects once with its error; nothing unhandled; the next run resolves`, async () => {
      const escaped: unknown[] = [];
      const listener = (e: unknown): void => {
        if (!claimedByRun(e)) escaped.push(e);
      };
      process.on("unhandledRejection", listener);
      try {
        let rejections = 0;
        let message = "";
        await run(failing, { mode }).catch((e: unknown) => {
          rejections++;
          message = (e as Error).message;
        });
        expect(rejections).to.equal(1);
        expect(message).to.contain("boom in a stack output");
        const next = await run(healthy, { mode });
        expect(next.outputs.arn).to.match(/^arn:aws:iam::123456789012:role\/R-/);
        await new Promise((resolve) => setImmediate(resolve));
        expect(escaped.map(String)).to.deep.equal([]);
      } finally {
        process.off("unhandledRejection", listener);
      }
    });
  }
});
