// `iamx lint` as users run it (the bin, its own TypeScript loader with Node's source maps): a
// program finding's SARIF location is the line and column of the user's call that made the
// statement, in a TypeScript program (positions mapped back from the compiled code) and in a
// JavaScript one (positions as they are).
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

function sarifLocation(fixture: string): unknown {
  const dir = mkdtempSync(path.join(tmpdir(), "iamx-lint-loc-"));
  try {
    const out = path.join(dir, "report.sarif");
    const run = spawnSync(
      process.execPath,
      ["bin/iamx.js", "lint", fixture, "--format", "sarif", "--out", out, "--no-typecheck"],
      { cwd: ROOT, env: { ...process.env, IAMX_FROM_SOURCE: "1" }, encoding: "utf8" },
    );
    expect(run.status, run.stderr).to.equal(1); // an error-level finding

    const sarif = JSON.parse(readFileSync(out, "utf8")) as any;

    const result = sarif.runs[0].results.find((r: any) => r.ruleId === "IAMX-PolicyInvalid");
    return result.locations[0].physicalLocation;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("iamx lint: source locations of program findings, through the bin", function () {
  this.timeout(120_000);

  for (const ext of ["ts", "js"]) {
    it(`a ${ext === "ts" ? "TypeScript" : "JavaScript"} program: the statement's own line and column`, () => {
      expect(sarifLocation(`tests/lint/fixtures/invalid-program.${ext}`)).to.deep.equal({
        artifactLocation: { uri: `tests/lint/fixtures/invalid-program.${ext}` },
        region: { startLine: 8, startColumn: 3 },
      });
    });
  }
});
