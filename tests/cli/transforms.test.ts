// `iamx preview` and `iamx export` apply a program's Pulumi transforms as `pulumi up` would: the
// plan shows the transformed inputs, the template carries the transformed tags and settings.
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "./in-process";
import type { CfnTemplate } from "../../src/render/cloudformation/template";

describe("cli: transforms", function () {
  this.timeout(120_000);
  const program = path.join(__dirname, "fixtures", "transforms.ts");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-transforms-"));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("preview shows the inputs after the transforms", async () => {
    const run = await runCli("preview", program, "--full", "--no-typecheck");
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.include('tags: {"team":"payments","env":"prod"}');
    expect(run.stdout).to.include("maxSessionDuration: 7200");
  });

  for (const mode of ["model", "mocks"]) {
    it(`export (--mode ${mode}) renders the transformed tags and settings`, async () => {
      const out = path.join(dir, `${mode}.json`);
      const run = await runCli("export", program, "--no-typecheck", "--mode", mode, "--out", out);
      expect(run.code, run.stderr).to.equal(0);
      const t = JSON.parse(fs.readFileSync(out, "utf8")) as CfnTemplate;
      const role = Object.values(t.Resources).find((r) => r.Type === "AWS::IAM::Role")!;
      expect(role.Properties?.Tags).to.deep.equal([
        { Key: "env", Value: "prod" },
        { Key: "team", Value: "payments" },
      ]);
      expect(role.Properties?.MaxSessionDuration).to.equal(7200);
    });
  }
});
