/**
 * CloudFormation's quotas through the CLI: a template past them is exit 1 with nothing written;
 * `--no-limits` (as CDK's `@aws-cdk/core:stackResourceLimit: 0`) writes it.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "./in-process";
import type { CfnTemplate } from "../../src/render/cloudformation/template";

describe("cli: CloudFormation limits and --no-limits", function () {
  this.timeout(120_000);
  const program = path.join(__dirname, "fixtures", "too-many-roles.ts");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-limits-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("501 resources: exit 1 naming the quota and counts, no --out file", async () => {
    const out = path.join(dir, "refused.json");
    const run = await runCli("export", program, "--no-typecheck", "--out", out);
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stderr).to.match(/^error: The template exceeds CloudFormation's limits/);
    expect(run.stderr).to.include("resources: 501, maximum 500");
    expect(run.stderr).to.not.include("the program failed");
    expect(fs.existsSync(out)).to.equal(false);
  });

  it("--no-limits writes the 501 resources with exit 0", async () => {
    const out = path.join(dir, "written.json");
    const run = await runCli("export", program, "--no-typecheck", "--out", out, "--no-limits");
    expect(run.code, run.stderr).to.equal(0);
    const t = JSON.parse(fs.readFileSync(out, "utf8")) as CfnTemplate;
    expect(Object.keys(t.Resources)).to.have.length(501);
    expect(run.stderr).to.include("Wrote");
  });

  it("--help documents --no-limits and the exit codes of limits and usage errors", async () => {
    const run = await runCli("export", "--help");
    expect(run.code).to.equal(0);
    expect(run.stdout).to.include("--no-limits");
    const top = await runCli("--help");
    expect(top.stdout).to.match(/1 the program failed .*or the exported template exceeds CloudFormation's limits/s);
    expect(top.stdout).to.match(/2 usage error .*an --out path that cannot be written/s);
  });
});
