// Every example is a Pulumi program `pulumi up` can run from its own folder: a Pulumi.yaml with the
// nodejs runtime and a tsconfig.json (Pulumi's TypeScript loader reads the one in the program's
// folder, and its defaults would not compile the library's sources).
import { expect } from "chai";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import * as ts from "typescript";
import { exampleProgramNames } from "../example-program";

const EXAMPLES = join(__dirname, "..", "..", "examples");
// The quick start is the repository root's program (its Pulumi.yaml and tsconfig.json are at the root);
// a policy pack (PulumiPolicy.yaml) is no program (tests/policy/example-pack.test.ts runs it).
const folders = exampleProgramNames().filter((d) => d !== "quickstart");

describe("examples: runnable with pulumi up", () => {
  it("there are examples besides the quick start", () => {
    expect(folders.length).to.be.greaterThan(5);
  });

  for (const folder of folders) {
    it(`${folder}: Pulumi.yaml (nodejs, main index.ts) and a tsconfig.json that compiles it`, () => {
      const dir = join(EXAMPLES, folder);
      const project = parse(readFileSync(join(dir, "Pulumi.yaml"), "utf8"));
      const runtime = typeof project.runtime === "string" ? project.runtime : project.runtime?.name;
      expect(runtime).to.equal("nodejs");
      expect(project.name).to.be.a("string").and.not.equal("");
      expect(existsSync(join(dir, project.main ?? "index.ts"))).to.equal(true);
      const configFile = join(dir, "tsconfig.json");
      const parsed = ts.getParsedCommandLineOfConfigFile(
        configFile,
        {},
        { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
      );
      expect(parsed?.errors ?? ["no config"]).to.deep.equal([]);
      expect(parsed!.fileNames.map((f) => f.replace(/\\/g, "/"))).to.include(join(dir, "index.ts").replace(/\\/g, "/"));
      expect(parsed!.options.strict).to.equal(true);
    });
  }
});
