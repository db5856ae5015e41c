/**
 * The real `iamx` binary (bin/iamx.js, from the sources) on example programs: exit codes, output
 * files, formats and error messages. All runs start together in `before` (each is a process).
 */
import { expect } from "chai";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fromCfnYaml } from "../../src/render/cloudformation/yaml";
import type { CfnTemplate } from "../../src/render/cloudformation/template";
import { lintLater } from "../render/cloudformation/cfn-lint-hook";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin", "iamx.js");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function iamx(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    // the sources, not a possibly stale dist/
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, IAMX_FROM_SOURCE: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe("cli: the iamx binary", function () {
  this.timeout(300_000); // its before() runs a dozen iamx processes at once
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-cli-"));
  const runs: Record<string, Run> = {};

  before(async () => {
    // warm the transpile cache once, then run everything in parallel
    runs.help = await iamx("--help");
    const jobs: Record<string, string[]> = {
      rootJson: ["export", ".", "--no-typecheck"],
      ymlOut: ["export", "examples/quickstart", "--no-typecheck", "-o", path.join(out, "nested", "q.yml")],
      mocksYaml: ["export", "examples/quickstart", "--no-typecheck", "--mode", "mocks", "--format", "yaml"],
      // type-checked, as `npm run demo` runs it (a pass is cached in node_modules/.cache/pulumi-iamx)
      preview: ["preview", "examples/quickstart"],
      missing: ["export", "missing/nope.ts"],
      throws: ["export", "tests/cli/fixtures/throws.ts", "--no-typecheck"],
      unsupported: ["export", "tests/cli/fixtures/unsupported.ts", "--no-typecheck"],
      allowed: ["export", "tests/cli/fixtures/unsupported.ts", "--no-typecheck", "--allow-unsupported"],
      badFormat: ["export", "examples/quickstart", "--format", "xml"],
      badOption: ["export", "examples/quickstart", "--bogus"],
      partner: ["export", "tests/cli/fixtures/partner", "--no-typecheck"],
      partnerConfig: [
        "export",
        "tests/cli/fixtures/partner",
        "--no-typecheck",
        "-c",
        "team=risk",
        "-s",
        "prod",
        "-c",
        "roleDescription=Prod",
        "-c",
        "partner:apiKeySecretArn=arn:aws:secretsmanager:us-east-1:111122223333:secret:api-key",
      ],
    };
    const results = await Promise.all(Object.values(jobs).map((args) => iamx(...args)));
    Object.keys(jobs).forEach((k, i) => (runs[k] = results[i]));
  });

  after(() => fs.rmSync(out, { recursive: true, force: true }));

  function template(run: Run): CfnTemplate {
    expect(run.code, run.stderr).to.equal(0);
    const t = JSON.parse(run.stdout) as CfnTemplate;
    lintLater(t);
    return t;
  }

  it("prints usage with --help and exits 0", () => {
    expect(runs.help.code).to.equal(0);
    expect(runs.help.stdout).to.include("export [options] <program>");
    expect(runs.help.stdout).to.include("preview [options] <program>");
    expect(runs.help.stdout).to.match(/Exit codes: 0 ok; 1 the program failed/);
  });

  it("exports the project of a folder with Pulumi.yaml (the repo root → examples/quickstart) as JSON on stdout", () => {
    const t = template(runs.rootJson);
    expect(Object.keys(t.Resources).length).to.be.greaterThan(0);
    expect(Object.values(t.Resources).map((r) => r.Type)).to.include("AWS::IAM::Role");
  });

  it("writes the template to a file (YAML from the .yml extension), creating folders", () => {
    const { code, stdout, stderr } = runs.ymlOut;
    expect(code, stderr).to.equal(0);
    expect(stdout).to.equal("");
    expect(stderr).to.match(/^Wrote .*q\.yml: \d+ resources, \d+ parameters, \d+ outputs\.$/m);
    const text = fs.readFileSync(path.join(out, "nested", "q.yml"), "utf8");
    expect(text).to.match(/!Ref |!GetAtt /);
    expect(fromCfnYaml(text)).to.deep.equal(template(runs.rootJson));
  });

  it("--format yaml on stdout; the mocks mode gives the same template as the model mode", () => {
    const { code, stdout, stderr } = runs.mocksYaml;
    expect(code, stderr).to.equal(0);
    expect(stdout).to.match(/^Resources:\n/);
    expect(fromCfnYaml(stdout)).to.deep.equal(template(runs.rootJson));
  });

  it("previews the resource tree pulumi up would create, with inputs", () => {
    const { code, stdout, stderr } = runs.preview;
    expect(code, stderr).to.equal(0);
    expect(stdout).to.match(/^Offline plan \(no engine, no cloud\): pulumi up would create \d+ resources/);
    expect(stdout).to.include("pulumi:pulumi:Stack  quickstart-dev");
    expect(stdout).to.match(/[├└]─ iamx:index:Role {2}\w+/);
    expect(stdout).to.match(/[│ ] {2}[├└]─ aws:iam\/role:Role {2}\w+/);
    expect(stdout).to.match(/assumeRolePolicy: \{"Statement":\[/);
  });

  it("fails with exit code 2 and a clear message when the program is missing", () => {
    expect(runs.missing.code).to.equal(2);
    expect(runs.missing.stderr).to.equal("error: No program at missing/nope.ts: the path does not exist.\n");
    expect(runs.missing.stdout).to.equal("");
  });

  it("fails with exit code 1 and the program's stack trace when the program throws", () => {
    const { code, stdout, stderr } = runs.throws;
    expect(code).to.equal(1);
    expect(stdout).to.equal("");
    expect(stderr).to.match(/^error: the program failed:\nError: database settings are missing\n/);
    expect(stderr).to.match(/at configureDatabase \(.*tests\/cli\/fixtures\/throws\.ts:7:9\)/);
    expect(stderr.match(/database settings are missing/g)).to.have.length(1);
  });

  it("fails with exit code 3 listing resources that have no CloudFormation mapping", () => {
    const { code, stdout, stderr } = runs.unsupported;
    expect(code).to.equal(3);
    expect(stdout).to.equal("");
    expect(stderr).to.include('  - aws:s3/bucket:Bucket "data-bucket"');
    expect(stderr).to.include("--allow-unsupported");
  });

  it("with --allow-unsupported, leaves them out with a warning; their outputs become parameters", () => {
    const t = template(runs.allowed);
    expect(runs.allowed.stderr).to.include(
      'warning: left out 1 resource(s) with no CloudFormation mapping:\n  - aws:s3/bucket:Bucket "data-bucket"',
    );
    expect(t.Parameters).to.have.property("DataBucketArn");
    expect(t.Parameters!.DataBucketArn.Type).to.equal("String");
    expect(JSON.stringify(t.Resources)).to.include('{"Ref":"DataBucketArn"}');
    expect(JSON.stringify(t)).to.not.match(/arn:aws:s3:::data-bucket/);
  });

  it("rejects bad options with exit code 2", () => {
    expect(runs.badFormat.code).to.equal(2);
    expect(runs.badFormat.stderr).to.match(/expected json or yaml/);
    expect(runs.badOption.code).to.equal(2);
    expect(runs.badOption.stderr).to.match(/unknown option '--bogus'/);
  });

  it("reads project and stack config; a secure config value becomes a NoEcho parameter, never a value", () => {
    const t = template(runs.partner);
    expect(t.Parameters).to.deep.equal({
      ApiKeySecretArn: {
        Type: "String",
        Description: 'Pulumi config value "partner:apiKeySecretArn" (secret)',
        NoEcho: true,
      },
    });
    const role = Object.values(t.Resources).find((r) => r.Type === "AWS::IAM::Role")!;
    expect(role.Properties!.Description).to.equal("Assumed by the partner's billing system (payments)");
    expect(JSON.stringify(t)).to.include('"Resource":{"Ref":"ApiKeySecretArn"}');
    expect(JSON.stringify(t)).to.not.include("[secret]");
    expect(JSON.stringify(t)).to.not.include("v1:");
    expect(t.Outputs).to.deep.equal({
      partnerRoleArn: { Value: { "Fn::GetAtt": [Object.keys(t.Resources)[0], "Arn"] } },
    });
    // -c wins over Pulumi.yaml defaults; another stack has no Pulumi.<stack>.yaml
    const prod = template(runs.partnerConfig);
    const prodRole = Object.values(prod.Resources).find((r) => r.Type === "AWS::IAM::Role")!;
    expect(prodRole.Properties!.Description).to.equal("Prod (risk)");
    expect(JSON.stringify(prod)).to.not.include("secret:api-key");
    expect(prod.Parameters!.ApiKeySecretArn.NoEcho).to.equal(true);
  });
});
