import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../cli/in-process";

const FIXTURES = path.join(__dirname, "fixtures");

const run = runCli;

describe("cli: iamx lint", () => {
  it("a template with error-level findings exits 1 and prints them", async () => {
    const r = await run("lint", path.join(FIXTURES, "risky-template.json"));
    expect(r.code).to.equal(1);
    expect(r.stdout).to.contain("ERROR IAMX-OidcTrustWithoutSub: DeployRole (AWS::IAM::Role DeployRole4F7A2C1B)");
    expect(r.stdout).to.contain("ERROR IAMX-PassRoleStar: DeployRole/DefaultPolicy");
    expect(r.stdout).to.contain("AwsSolutions-IAM5[Action::s3:GetObject*] on DeployRole/DefaultPolicy: CDK grants");
  });

  it("a clean YAML template exits 0", async () => {
    const r = await run("lint", path.join(FIXTURES, "clean-template.yaml"));
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal("0 errors, 0 warnings, 0 suppressed (rules: AwsSolutions, IAMX)\n");
  });

  it("--format json and --format sarif; SARIF points at the template lines", async () => {
    const file = path.relative(process.cwd(), path.join(FIXTURES, "risky-template.json"));
    const json = JSON.parse((await run("lint", file, "--format", "json")).stdout);
    expect(json.errorCount).to.equal(4);
    const sarifRun = await run("lint", file, "-f", "sarif");
    expect(sarifRun.code).to.equal(1);
    const sarif = JSON.parse(sarifRun.stdout);
    expect(sarif.version).to.equal("2.1.0");
    const pass = sarif.runs[0].results.find((x: any) => x.ruleId === "IAMX-PassRoleStar");
    const loc = pass.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).to.equal(file.split(path.sep).join("/"));
    // The region is the statement itself, not the resource's logical id.
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const statementLine = lines.findIndex((l) => l.includes('"Action": "iam:PassRole"')) + 1;
    expect(statementLine).to.be.greaterThan(0);
    expect(loc.region.startLine).to.equal(statementLine);
    expect(lines[loc.region.startLine - 1].slice(loc.region.startColumn - 1)).to.match(/^\{ "Effect": "Allow"/);
    expect(pass.properties.pointer).to.match(
      /^\/Resources\/DeployRoleDefaultPolicy6A1B2C3D\/Properties\/PolicyDocument\/Statement\/1$/,
    );
  });

  it("--pack, --exclude and --out", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-lint-"));
    const out = path.join(dir, "report.sarif");
    const r = await run(
      "lint",
      path.join(FIXTURES, "risky-template.json"),
      "--pack",
      "IAMX",
      "-x",
      "IAMX-PassRoleStar,IAMX-OidcTrustWithoutSub",
      "-f",
      "sarif",
      "-o",
      out,
    );
    expect(r.code).to.equal(0);
    expect(r.stdout).to.equal("");
    expect(r.stderr).to.contain(`Wrote ${out}: 0 error(s)`);
    expect(JSON.parse(fs.readFileSync(out, "utf8")).runs[0].results).to.deep.equal([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lints a program, honouring Lint.suppress", async () => {
    const r = await run("lint", path.join(FIXTURES, "trust-program.ts"), "--no-typecheck", "-f", "json");
    expect(r.code).to.equal(1);
    const json = JSON.parse(r.stdout);
    expect(json.findings.map((f: any) => `${f.ruleId}@${f.component}`)).to.deep.equal(["IAMX-TrustAnyPrincipal@Open"]);
    expect(json.suppressed.map((f: any) => `${f.ruleId}@${f.component}`)).to.deep.equal([
      "IAMX-CrossAccountTrustWithoutExternalId@Partner",
    ]);
    const clean = await run("lint", path.join(FIXTURES, "clean-program.ts"), "--no-typecheck");
    expect(clean.code).to.equal(0);
  });

  it("the governance example passes, with its suppressions listed", async () => {
    const r = await run(
      "lint",
      path.join(__dirname, "..", "..", "examples", "governance"),
      "--no-typecheck",
      "-f",
      "json",
    );
    expect(r.code).to.equal(0);
    const json = JSON.parse(r.stdout);
    expect(json.findings).to.deep.equal([]);
    expect(json.suppressed.map((f: any) => f.findingId)).to.deep.equal([
      "Action::s3:List*",
      "Resource::arn:aws:s3:::build-artifacts/*",
      "UNKNOWN_ACTION",
    ]);
  });

  it("usage errors exit 2", async () => {
    expect((await run("lint", path.join(FIXTURES, "risky-template.json"), "--pack", "Nope")).code).to.equal(2);
    expect((await run("lint", path.join(FIXTURES, "risky-template.json"), "-f", "xml")).code).to.equal(2);
    expect((await run("lint", path.join(FIXTURES, "risky-template.json"), "--account", "12")).code).to.equal(2);
    expect((await run("lint", path.join(FIXTURES, "no-such-file.json"))).code).to.equal(2);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-lint-"));
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, "{ not json");
    const r = await run("lint", bad);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain("Cannot read the template");
    fs.writeFileSync(bad, '{"AWSTemplateFormatVersion": "2010-09-09"}');
    expect((await run("lint", bad)).stderr).to.contain("needs a Resources object");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
