// `iamx export prog | head` closes the pipe before the template is written: no crash, exit 0.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

describe("cli: output into a closed pipe", function () {
  this.timeout(120_000);

  it("stops quietly when the reader goes away early", () => {
    const run = spawnSync(
      "bash",
      [
        "-c",
        `node bin/iamx.js export tests/cli/fixtures/many-roles.ts --no-typecheck | head -c 1 >/dev/null; echo "iamx=\${PIPESTATUS[0]}"`,
      ],
      { cwd: ROOT, env: { ...process.env, IAMX_FROM_SOURCE: "1" }, encoding: "utf8" },
    );
    expect(run.stderr).to.not.contain("EPIPE");
    expect(run.stdout.trim()).to.equal("iamx=0");
  });
});
