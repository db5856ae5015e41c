/**
 * A program run succeeds only when the program's function settled, every registration succeeded
 * and every policy rendered; otherwise it fails with one error saying what did not finish, and no
 * rejection escapes it. Each case here passed silently (exit 0, resources missing, a second
 * unhandled rejection) before the runtime failed closed.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as iamx from "../../src";
import { synthesize } from "../../src/testing";
import { runCli as runCliChecked } from "../cli/in-process";

// The fixtures import the repository's sources; these tests are about runs, not types.
const runCli = (...args: string[]) => runCliChecked(...args, "--no-typecheck");

const ROOT = path.resolve(__dirname, "../..");
const AWAITS = "tests/runtime/fixtures/awaits-output.ts";
const NEVER = "tests/runtime/fixtures/never-settles.ts";

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected the run to fail, it succeeded");
}

describe("runtime: a run fails closed", function () {
  this.timeout(60_000);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-runtime-"));
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  describe("a program that awaits an iamx Output", () => {
    it("exports, lints and reports by default exactly as under mocks (the run hands itself to mocks)", async () => {
      const auto = await runCli("export", AWAITS);
      const mocks = await runCli("export", AWAITS, "--mode", "mocks");
      expect(auto.code, auto.stderr).to.equal(0);
      expect(mocks.code, mocks.stderr).to.equal(0);
      expect(JSON.parse(auto.stdout)).to.deep.equal(JSON.parse(mocks.stdout));
      const template = JSON.parse(auto.stdout) as { Resources: Record<string, { Type: string }> };
      expect(Object.values(template.Resources).map((r) => r.Type)).to.include.members([
        "AWS::IAM::Role",
        "AWS::IAM::Policy",
      ]);
      const report = await runCli("report", AWAITS, "--format", "json");
      expect(report.code, report.stderr).to.equal(0);
      expect(report.stdout).to.contain("Waiter");
      const lint = await runCli("lint", AWAITS, "--format", "json");
      expect(lint.stdout).to.contain("Waiter");
      expect(lint.stderr).to.not.contain("did not finish");
    });

    it("--mode model: exit 1 naming the Output it waits for, no --out file", async () => {
      const file = path.join(out, "model.json");
      const run = await runCli("export", AWAITS, "--mode", "model", "-o", file);
      expect(run.code).to.equal(1);
      expect(run.stderr).to.contain("did not finish");
      expect(run.stderr).to.contain("Waiter");
      expect(fs.existsSync(file)).to.equal(false);
      const report = await runCli("report", AWAITS, "--mode", "model", "-o", path.join(out, "model.md"));
      expect(report.code).to.equal(1);
      expect(report.stderr).to.contain("did not finish");
      expect(fs.existsSync(path.join(out, "model.md"))).to.equal(false);
    });
  });

  describe("a program that never settles", () => {
    for (const [command, extra] of [
      ["export", ["-o", "never.json"]],
      ["preview", []],
      ["lint", ["-o", "never.txt"]],
      ["report", ["-o", "never.md"]],
    ] as const) {
      it(`iamx ${command}: exit 1 saying the program did not finish${extra.length ? ", no --out file" : ""}`, async () => {
        const args = extra.length ? [extra[0], path.join(out, extra[1])] : [];
        const run = await runCli(command, NEVER, ...args);
        expect(run.code).to.equal(1);
        expect(run.stderr).to.contain("did not finish");
        expect(run.stdout).to.equal("");
        if (extra.length) expect(fs.existsSync(path.join(out, extra[1]))).to.equal(false);
      });
    }

    it("synthesize() rejects saying the program did not finish", async () => {
      const e = await rejection(
        synthesize(() => {
          new iamx.Role("Stuck", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
          return new Promise(() => undefined);
        }),
      );
      expect(e.message).to.contain("did not finish");
    });
  });

  describe("synthesize()", () => {
    it("rejects when a registration fails (an input's apply throws), naming the resource", async () => {
      const e = await rejection(
        synthesize(() => {
          new aws.s3.Bucket("broken", {
            bucket: pulumi.output("x").apply((): string => {
              throw new Error("boom in apply");
            }),
          });
          new iamx.Role("Fine", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
        }),
      );
      expect(e.message).to.contain("boom in apply");
      expect(e.message).to.contain("broken");
    });

    it("after a failing program: exactly one rejection, nothing unhandled", async () => {
      const unhandled: unknown[] = [];
      const listener = (e: unknown) => unhandled.push(e);
      process.on("unhandledRejection", listener);
      try {
        const e = await rejection(
          synthesize(() => {
            new iamx.Role("Early", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
            throw new Error("boom in program");
          }),
        );
        expect(e.message).to.contain("boom in program");
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        process.off("unhandledRejection", listener);
      }
      expect(unhandled.map(String)).to.deep.equal([]);
    });

    it("runs the next program normally after one that never settled", async () => {
      await rejection(synthesize(() => new Promise(() => undefined)));
      const s = await synthesize(() => {
        new iamx.Role("After", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      });
      s.resourceCountIs("aws:iam/role:Role", 1);
    });
  });

  it("iamx report prints the program's error once (invalid policies: report, then one error)", async () => {
    const run = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, "bin", "iamx.js"), "report", "tests/cli/fixtures/precreated-missing.ts"],
        {
          cwd: ROOT,
          env: { ...process.env, IAMX_FROM_SOURCE: "1" },
        },
      );
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? -1, stderr }));
    });
    expect(run.code).to.equal(1);
    expect(run.stderr.match(/^error:/gm)).to.have.length(1);
    expect(run.stderr).to.not.contain("unhandled");
  });

  it("Grant.assertSuccess names the resource of an Output ARN", async () => {
    let message = "";
    await synthesize(() => {
      const bucket = new aws.s3.Bucket("data", {});
      const g = iamx.Grant.addToPrincipal({
        grantee: new iamx.ServicePrincipal("lambda.amazonaws.com"),
        actions: ["s3:GetObject"],
        resourceArns: [bucket.arn],
      });
      try {
        g.assertSuccess();
      } catch (e) {
        message = (e as Error).message;
      }
    });
    expect(message).to.contain("could not be added");
    expect(message).to.not.contain("Calling [toString]");
    expect(message).to.contain("data");
  });
});
