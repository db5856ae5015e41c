// Every example is listed in examples/README.md (with what it shows) and linked from the README or
// the docs page of its feature; the index's links lead to files that exist.
import { expect } from "chai";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const EXAMPLES = join(ROOT, "examples");
const folders = readdirSync(EXAMPLES).filter((d) => statSync(join(EXAMPLES, d)).isDirectory());
const index = readFileSync(join(EXAMPLES, "README.md"), "utf8");
const docs = [join(ROOT, "README.md"), ...readdirSync(join(ROOT, "docs")).map((f) => join(ROOT, "docs", f))]
  .filter((f) => f.endsWith(".md"))
  .map((f) => readFileSync(f, "utf8"))
  .join("\n");

describe("examples: the index and the docs link every example", () => {
  for (const folder of folders) {
    it(`${folder}: a row of examples/README.md, and a link from the README or docs/`, () => {
      expect(index).to.contain(`| [${folder}](${folder}) |`);
      expect(docs).to.match(new RegExp(`\\]\\((\\.\\./)?examples/${folder}\\)`));
    });
  }

  it("every relative link of the index leads to a file or folder", () => {
    const targets = [...index.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]);
    expect(targets.length).to.be.greaterThan(folders.length);
    for (const t of targets) expect(existsSync(join(dirname(join(EXAMPLES, "README.md")), t)), t).to.equal(true);
  });
});
