// examples/diff-pr: its pr-comment.md is what `iamx diff` prints today for its deployed template
// and program, and the change it shows widens access (exit 4 with --fail-on broadening).
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runCli } from "../cli/in-process";

const DIR = join(__dirname, "..", "..", "examples", "diff-pr");

describe("examples/diff-pr", () => {
  it("pr-comment.md is the current markdown of the diff, and the change widens access", async () => {
    const r = await runCli(
      "diff",
      join(DIR, "deployed.template.json"),
      DIR,
      "--format",
      "markdown",
      "--fail-on",
      "broadening",
    );
    expect(r.code, r.stderr).to.equal(4);
    expect(r.stdout).to.equal(readFileSync(join(DIR, "pr-comment.md"), "utf8"));
    expect(r.stdout).to.match(/newly allowed \d+ actions: s3:Delete\\\*/);
  });
});
