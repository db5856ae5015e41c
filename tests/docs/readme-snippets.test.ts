// The README's TypeScript snippets must keep working: each program snippet runs under mocks.
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";
import * as iamx from "../../src";
import * as testing from "../../src/testing";
import { synthesize } from "../../src/testing";

const README = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
const snippets = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

/** Runs a snippet as a CommonJS module whose `pulumi-iamx` imports are this checkout's sources. */
function run(code: string): Record<string, unknown> {
  const js = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const modules: Record<string, unknown> = { "pulumi-iamx": iamx, "pulumi-iamx/testing": testing };
  const exports: Record<string, unknown> = {};
  const req = (name: string) => {
    if (!(name in modules)) throw new Error(`README snippet imports ${name}, which this test does not provide`);
    return modules[name];
  };
  new Function("require", "exports", "module", js.outputText)(req, exports, { exports });
  return exports;
}

// Snippets that are whole programs: they import pulumi-iamx, and are not test files or API sketches.
const programs = snippets.filter(
  (s) => s.includes('from "pulumi-iamx"') && !s.includes("describe(") && !s.includes("await "),
);

describe("README snippets", () => {
  it("the README has the tour and the policy document example", () => {
    expect(programs.length).to.be.greaterThan(0);
    expect(snippets.some((s) => s.includes("doc.toJSON()"))).to.equal(true);
  });

  programs.forEach((code, i) => {
    it(`program snippet ${i + 1} runs under mocks (${code.split("\n").find((l) => l.startsWith("//")) ?? "no title"})`, async () => {
      const s = await synthesize(() => run(code));
      expect(s.resources.length).to.be.greaterThan(0);
    });
  });

  it("the policy document example prints what the README says", () => {
    const block = snippets.find((s) => s.includes("doc.toJSON()"))!;
    const body = block.replace(/doc\.toJSON\(\);[\s\S]*/, "exports.json = doc.toJSON();");
    const out = run(`import * as iamx from "pulumi-iamx";\n${body}`);
    const comment = block
      .slice(block.indexOf("doc.toJSON();"))
      .split("\n")
      .slice(1)
      .map((l) => l.replace(/^\/\/ ?/, ""))
      .join(" ");
    const expected = new Function(`return (${comment});`)();
    expect(out.json).to.deep.equal(expected);
  });
});
