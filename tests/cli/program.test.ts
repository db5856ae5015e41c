import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { locateProgram, programFunction, readStackConfig } from "../../src/cli/program";
import { CliError } from "../../src/cli/errors";

describe("cli: finding and loading programs", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-program-"));
  const write = (rel: string, text: string): string => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a file is the program; its folder's Pulumi.yaml gives the project and config defaults", () => {
    write(
      "a/Pulumi.yaml",
      "name: alpha\nruntime: nodejs\nconfig:\n  size: {type: integer, default: 3}\n  aws:region: eu-west-1\n",
    );
    const file = write("a/main.js", "module.exports = {};");
    expect(locateProgram(file)).to.deep.equal({
      entry: file,
      dir: path.join(dir, "a"),
      project: "alpha",
      config: { "alpha:size": "3", "aws:region": "eu-west-1" },
    });
  });

  it("a folder: Pulumi.yaml main (a file or a folder), package.json main, then index.ts/index.js", () => {
    write("b/Pulumi.yaml", "name: beta\nruntime: nodejs\nmain: src/\n");
    const b = write("b/src/index.ts", "export {};");
    expect(locateProgram(path.join(dir, "b")).entry).to.equal(b);
    write("c/package.json", JSON.stringify({ main: "lib/app" }));
    const c = write("c/lib/app.js", "");
    expect(locateProgram(path.join(dir, "c"))).to.include({ entry: c, project: "c" });
    const d = write("d/index.js", "");
    expect(locateProgram(path.join(dir, "d")).entry).to.equal(d);
  });

  it("a missing path or an empty folder is a usage error (exit code 2) with a clear message", () => {
    const err = (fn: () => unknown): CliError => {
      try {
        fn();
      } catch (e) {
        return e as CliError;
      }
      throw new Error("expected an error");
    };
    const missing = err(() => locateProgram("nope/x.ts", dir));
    expect(missing).to.be.instanceOf(CliError);
    expect(missing.exitCode).to.equal(2);
    expect(missing.message).to.equal("No program at nope/x.ts: the path does not exist.");
    fs.mkdirSync(path.join(dir, "empty"));
    expect(err(() => locateProgram("empty", dir)).message).to.match(
      /^No program in empty: expected a Pulumi\.yaml, or index\.ts/,
    );
    write("e/Pulumi.yaml", "name: e\nmain: gone.ts\n");
    expect(err(() => locateProgram("e", dir)).message).to.match(/"main: gone\.ts" of Pulumi\.yaml/);
    write("f/Pulumi.yaml", "name: [unclosed\n");
    expect(err(() => locateProgram("f", dir)).message).to.match(/^Cannot read .*Pulumi\.yaml/);
  });

  it("stack config: plain values, and secure values as secret placeholders", () => {
    write("g/Pulumi.dev.yaml", "config:\n  g:name: x\n  count: 2\n  token:\n    secure: v1:abc\n");
    expect(readStackConfig(path.join(dir, "g"), "g", "dev")).to.deep.equal({
      config: { "g:name": "x", "g:count": "2", "g:token": "[secret]" },
      secretKeys: ["g:token"],
    });
    expect(readStackConfig(path.join(dir, "g"), "g", "prod")).to.deep.equal({ config: {}, secretKeys: [] });
  });

  it("runs a program afresh each time; a default-exported function gives the stack outputs", async () => {
    const counter = write(
      "h/index.js",
      "globalThis.__iamxRuns = (globalThis.__iamxRuns || 0) + 1; exports.runs = globalThis.__iamxRuns;",
    );
    const fn = programFunction(locateProgram(counter));
    expect(await fn()).to.deep.equal({ runs: 1 });
    expect(await fn()).to.deep.equal({ runs: 2 });
    const main = write("i/index.js", "module.exports = async () => ({ answer: 42 });");
    expect(await programFunction(locateProgram(main))()).to.deep.equal({ answer: 42 });
    const esm = write("j/index.js", "exports.default = () => ({ fromDefault: true }); exports.ignored = 1;");
    expect(await programFunction(locateProgram(esm))()).to.deep.equal({ fromDefault: true });
    delete (globalThis as Record<string, unknown>).__iamxRuns;
  });
});
