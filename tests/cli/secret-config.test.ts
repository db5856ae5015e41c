/**
 * A secret config value (`secure:` in Pulumi.<stack>.yaml, or `secretKeys` through the API) read
 * with a plain getter (`config.require()`, not `requireSecret()`) fails naming the key and the
 * secret getter: never its value, never a "[secret]" placeholder in a policy.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";
import { exportTemplate } from "../../src/render/cloudformation/export";
import { synthesize } from "../../src/testing";
import { runCli, type CliRun } from "./in-process";

const FIX =
  /Config "vault:apiKeySecretArn" is a secret, read with config\.require\("apiKeySecretArn"\).*Read it with config\.requireSecret\("apiKeySecretArn"\): the export renders it as a NoEcho parameter/;

function refused(run: CliRun): void {
  expect(run.code, run.stderr).to.equal(1);
  expect(run.stderr).to.match(FIX);
  expect(run.stdout).to.not.include("[secret]");
  expect(run.stdout).to.not.include("v1:");
  expect(run.stdout).to.equal("");
}

describe("config: a secret read with a plain getter fails naming the key and requireSecret", function () {
  this.timeout(60_000);
  const project = path.join(__dirname, "fixtures", "secret-plain-read");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-secret-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("iamx export: exit 1, the fix named, no --out file", async () => {
    const out = path.join(dir, "t.json");
    refused(await runCli("export", project, "--no-typecheck", "--out", out));
    expect(fs.existsSync(out)).to.equal(false);
  });

  it("iamx preview: exit 1, the fix named, nothing printed", async () => {
    refused(await runCli("preview", project, "--no-typecheck"));
  });

  const program = (getter: "require" | "requireSecret" | "getNumber") => () => {
    const config = new pulumi.Config("vault");
    const value =
      getter === "getNumber" ? String(config.getNumber("apiKeySecretArn")) : config[getter]("apiKeySecretArn");
    const role = new iamx.Role("VaultReader", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
    role.addToPolicy(new iamx.PolicyStatement({ actions: ["secretsmanager:GetSecretValue"], resources: [value] }));
  };
  const secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:api-key";
  const options = { config: { "vault:apiKeySecretArn": secretArn }, secretKeys: ["vault:apiKeySecretArn"] };

  it("the API (exportTemplate, synthesize): the same error for every plain getter; the value is never rendered", async () => {
    for (const run of [
      () => exportTemplate(program("require"), options),
      () => synthesize(program("require"), options),
    ]) {
      let message = "";
      try {
        await run();
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).to.match(FIX);
      expect(message).to.not.include(secretArn);
    }
    let message = "";
    try {
      await exportTemplate(program("getNumber"), options);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.include('read with config.getNumber("apiKeySecretArn")');
    expect(message).to.include('config.getSecretNumber("apiKeySecretArn")');
  });

  it("requireSecret renders the NoEcho parameter; a plain getter of a key that is not secret still works", async () => {
    const t = await exportTemplate(program("requireSecret"), options);
    expect(t.Parameters?.ApiKeySecretArn).to.include({ Type: "String", NoEcho: true });
    expect(JSON.stringify(t)).to.not.include(secretArn);
    const plain = await exportTemplate(program("require"), { config: options.config });
    expect(JSON.stringify(plain)).to.include(secretArn);
  });
});
