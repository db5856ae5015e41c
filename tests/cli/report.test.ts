import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "./in-process";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "governance");
const FIXTURES = path.join(__dirname, "fixtures");

const run = runCli;

describe("cli: iamx report", () => {
  it("the governance example as Markdown (default): every role, the precreated one with its policies", async () => {
    const r = await run("report", EXAMPLE, "--no-typecheck");
    expect(r.code).to.equal(0);
    expect(r.stderr).to.equal("");
    expect(r.stdout).to.contain("5 roles: 4 created by the program, 1 precreated, 0 missing a precreated name.");
    expect(r.stdout).to.contain(
      "| `Reporting/Exporter` | `reporting-exporter` | precreated | `arn:(PARTITION):iam::(ACCOUNT):policy/workload-boundary` |",
    );
    expect(r.stdout).to.contain("| `BreakGlass` | generated | created by the program | none |");
    expect(r.stdout).to.contain('"Resource": "arn:(PARTITION):iam::(ACCOUNT):role/reporting-exporter"');
  });

  it("--format json is CDK's report shape; --format text CDK's text; --out writes a file", async () => {
    const json = JSON.parse((await run("report", EXAMPLE, "--no-typecheck", "--format", "json")).stdout);
    expect(json.roles.map((x: { roleConstructPath: string }) => x.roleConstructPath)).to.deep.equal([
      "Worker",
      "PartnerAccess",
      "BuildAgents/InstanceRole",
      "BreakGlass",
      "Reporting/Exporter",
    ]);
    expect(Object.keys(json.roles[4])).to.deep.equal([
      "roleConstructPath",
      "roleName",
      "missing",
      "assumeRolePolicy",
      "managedPolicyArns",
      "managedPolicyStatements",
      "identityPolicyStatements",
    ]);
    expect(json.roles[4].identityPolicyStatements).to.deep.equal([
      { Action: "s3:PutObject", Effect: "Allow", Resource: "arn:aws:s3:::reports/*" },
    ]);
    const text = await run("report", EXAMPLE, "--no-typecheck", "-f", "text");
    expect(text.stdout).to.contain("<reporting-exporter> (Reporting/Exporter)\n\nAssumeRole Policy:\n");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-report-"));
    const out = path.join(dir, "nested", "report.md");
    const written = await run("report", EXAMPLE, "--no-typecheck", "--out", out, "--mode", "mocks");
    expect(written.code).to.equal(0);
    expect(written.stdout).to.equal("");
    expect(written.stderr).to.equal(`Wrote ${out}: 5 role(s).\n`);
    expect(fs.readFileSync(out, "utf8")).to.match(/^# IAM policy report\n/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("missing precreated names: the report is printed, CDK's errors go to stderr, exit 1", async () => {
    const r = await run("report", path.join(FIXTURES, "precreated-missing.ts"), "--no-typecheck", "-f", "json");
    expect(r.code).to.equal(1);
    expect(JSON.parse(r.stdout).roles.map((x: { roleName: string }) => x.roleName)).to.deep.equal([
      "known-role",
      "missing role",
    ]);
    expect(r.stderr).to.contain(
      '[Unknown] IAM Role is being created at path "Unknown" and customizeRoles.preventSynthesis is enabled.',
    );
  });

  it("a failing program exits 1; usage errors exit 2", async () => {
    const failed = await run("report", path.join(FIXTURES, "throws.ts"), "--no-typecheck");
    expect(failed.code).to.equal(1);
    expect(failed.stderr).to.contain("database settings are missing");
    expect((await run("report", EXAMPLE, "-f", "yaml")).code).to.equal(2);
    expect((await run("report", path.join(FIXTURES, "no-such-program.ts"))).code).to.equal(2);
    expect((await run("report")).code).to.equal(2);
  });
});
