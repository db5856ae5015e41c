import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ISSUE_CODES } from "../../src/validate";

describe("validate: docs/validation.md", () => {
  const doc = readFileSync(join(__dirname, "..", "..", "docs", "validation.md"), "utf8");

  it("documents every issue code with its kind", () => {
    const missing = Object.entries(ISSUE_CODES)
      .filter(([code, info]) => !doc.includes(`| \`${code}\` | ${info.kind} |`))
      .map(([code]) => code);
    expect(missing).to.deep.equal([]);
  });
});
