/**
 * TypeScript programs are type-checked before they run, as `pulumi up` does: type errors are exit 1
 * with tsc-style diagnostics and nothing written; the flag, the variable and the options Pulumi
 * honours skip the check; a pass is cached until a file the check read (or looked for) changes.
 * The programs import nothing, so each check reads little more than TypeScript's lib files.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli, type CliRun } from "./in-process";

const TYPE_ERROR = 'const count: number = "three";\nexport const value = count;\n';
const FINE = "const count: number = 3;\nexport const value = count;\n";

describe("cli: TypeScript programs are type-checked first, as pulumi up does", function () {
  this.timeout(180_000);
  let root: string;
  let n = 0;
  const savedEnv = { ...process.env };

  before(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-typecheck-"))));
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  afterEach(() => {
    for (const key of ["IAMX_DEBUG", "PULUMI_NODEJS_TRANSPILE_ONLY", "PULUMI_NODEJS_TSCONFIG_PATH"]) {
      if (savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = savedEnv[key];
    }
  });

  /** A fresh project folder with these files (Pulumi.yaml unless given). */
  function project(files: Record<string, string>): string {
    const dir = path.join(root, `p${++n}`);
    for (const [name, text] of Object.entries({ "Pulumi.yaml": "name: typed\nruntime: nodejs\n", ...files })) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  function failedOnTypes(run: CliRun, diagnostic: string | RegExp): void {
    expect(run.code, run.stderr).to.equal(1);
    expect(run.stderr).to.match(/^error: the program has \d+ TypeScript errors? \(pulumi up would not run it;/m);
    expect(run.stderr).to.match(/or skip the check with --no-typecheck\)/);
    if (typeof diagnostic === "string") expect(run.stderr).to.include(diagnostic);
    else expect(run.stderr).to.match(diagnostic);
    expect(run.stdout).to.equal("");
  }

  it("a type error: exit 1, the diagnostic as tsc prints it (relative to the project), no --out file", async () => {
    const dir = project({
      "Pulumi.yaml": "name: typed\nruntime: nodejs\nmain: src/index.ts\n",
      "src/index.ts": TYPE_ERROR,
    });
    const out = path.join(root, "never.json");
    failedOnTypes(
      await runCli("export", dir, "--out", out),
      "\nsrc/index.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.\n",
    );
    expect(fs.existsSync(out)).to.equal(false);
  });

  it("every command that runs a program checks it: preview, lint and report exit 1 too", async () => {
    const dir = project({ "index.ts": TYPE_ERROR });
    for (const command of ["preview", "lint", "report"]) {
      failedOnTypes(await runCli(command, dir), "index.ts(1,7): error TS2322");
    }
  });

  it("--no-typecheck runs the program anyway (exit 0), on every command", async () => {
    const dir = project({ "index.ts": TYPE_ERROR });
    const out = path.join(dir, "t.json");
    const run = await runCli("export", dir, "--no-typecheck", "--out", out);
    expect(run.code, run.stderr).to.equal(0);
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).to.have.property("Outputs");
    for (const command of ["preview", "lint", "report"]) {
      const r = await runCli(command, dir, "--no-typecheck");
      expect(r.code, `${command}: ${r.stderr}`).to.equal(0);
    }
  });

  it("PULUMI_NODEJS_TRANSPILE_ONLY=true skips the check; any other value checks, even with noCheck", async () => {
    const dir = project({ "index.ts": TYPE_ERROR, "tsconfig.json": '{ "compilerOptions": { "noCheck": true } }' });
    process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "true";
    expect((await runCli("export", dir)).code).to.equal(0);
    process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "false";
    failedOnTypes(await runCli("export", dir), "index.ts(1,7): error TS2322");
  });

  it("the tsconfig's noCheck, and Pulumi.yaml's runtime option typescript: false, skip the check", async () => {
    const noCheck = project({ "index.ts": TYPE_ERROR, "tsconfig.json": '{ "compilerOptions": { "noCheck": true } }' });
    expect((await runCli("export", noCheck)).code).to.equal(0);
    const noTs = project({
      "Pulumi.yaml": "name: typed\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n",
      "index.ts": TYPE_ERROR,
    });
    expect((await runCli("export", noTs)).code).to.equal(0);
    // Pulumi then runs the program without ts-node, whatever PULUMI_NODEJS_TRANSPILE_ONLY says
    process.env.PULUMI_NODEJS_TRANSPILE_ONLY = "false";
    expect((await runCli("export", noTs)).code).to.equal(0);
  });

  it("a tsconfig that sets only module (or only moduleResolution) gets a consistent other, not Pulumi's nodenext", async () => {
    for (const options of [
      '{ "module": "commonjs" }',
      '{ "moduleResolution": "node10" }',
      '{ "moduleResolution": "node16" }',
    ]) {
      const dir = project({ "index.ts": FINE, "tsconfig.json": `{ "compilerOptions": ${options} }` });
      const run = await runCli("export", dir);
      expect(run.code, `${options}: ${run.stderr}`).to.equal(0);
    }
  });

  it("honours the program's tsconfig.json: its compilerOptions, and its include as ts-node does", async () => {
    const untyped = "export function same(x) {\n  return x;\n}\n";
    expect((await runCli("export", project({ "index.ts": untyped }))).code).to.equal(0);
    const strict = project({ "index.ts": untyped, "tsconfig.json": '{ "compilerOptions": { "strict": true } }' });
    failedOnTypes(
      await runCli("export", strict),
      "index.ts(1,22): error TS7006: Parameter 'x' implicitly has an 'any' type.",
    );
    // a file the tsconfig includes but the program never loads (a test without its runner's types) is
    // not checked, as ts-node under pulumi up does not load it (its default files: false) ...
    const included = project({
      "index.ts": FINE,
      "lib/extra.ts": TYPE_ERROR,
      "tsconfig.json": '{ "include": ["index.ts", "lib"] }',
    });
    const passed = await runCli("export", included);
    expect(passed.code, passed.stderr).to.equal(0);
    // ... unless ts-node's files option asks for the tsconfig's files
    const withFiles = project({
      "index.ts": FINE,
      "lib/extra.ts": TYPE_ERROR,
      "tsconfig.json": '{ "include": ["index.ts", "lib"], "ts-node": { "files": true } }',
    });
    failedOnTypes(await runCli("export", withFiles), "lib/extra.ts(1,7): error TS2322");
  });

  it("PULUMI_NODEJS_TSCONFIG_PATH names the tsconfig, relative to the project; a missing one is a usage error", async () => {
    const dir = project({
      "index.ts": "export function same(x) {\n  return x;\n}\n",
      "tsconfig.pulumi.json": '{ "compilerOptions": { "strict": true } }',
    });
    process.env.PULUMI_NODEJS_TSCONFIG_PATH = "tsconfig.pulumi.json";
    failedOnTypes(await runCli("export", dir), "error TS7006");
    process.env.PULUMI_NODEJS_TSCONFIG_PATH = "nope.json";
    const missing = await runCli("export", dir);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.match(
      /^error: PULUMI_NODEJS_TSCONFIG_PATH is set to nope\.json, but there is no such file/,
    );
  });

  it("--help documents the check and --no-typecheck on every command that runs a program", async () => {
    const top = await runCli("--help");
    expect(top.stdout).to.match(/TypeScript programs are type-checked first, as pulumi up does/);
    expect(top.stdout).to.match(/--no-typecheck or\s+PULUMI_NODEJS_TRANSPILE_ONLY=true skips it/);
    for (const command of ["export", "preview", "lint", "report"]) {
      const help = await runCli(command, "--help");
      expect(help.stdout, command).to.match(
        /--no-typecheck\s+run a TypeScript program without type-checking it\s+first/,
      );
    }
  });

  it("JavaScript programs are not type-checked", async () => {
    const run = await runCli("export", project({ "index.js": "exports.value = 3;\n" }));
    expect(run.code, run.stderr).to.equal(0);
  });

  describe("the cache of passes", () => {
    /** A project with its own node_modules, where the cache goes; the program imports ./lib. */
    function cached(): { dir: string; cacheDir: string } {
      const dir = project({
        "index.ts": 'import { value } from "./lib";\nexport const doubled = value * 2;\n',
        "lib/index.ts": FINE,
      });
      fs.mkdirSync(path.join(dir, "node_modules"));
      return { dir, cacheDir: path.join(dir, "node_modules", ".cache", "pulumi-iamx", "typecheck") };
    }

    function entries(cacheDir: string): string[] {
      return fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : [];
    }

    it("a pass is cached in the program's node_modules/.cache/pulumi-iamx; a second run skips the check", async () => {
      process.env.IAMX_DEBUG = "1";
      const { dir, cacheDir } = cached();
      const first = await runCli("export", dir);
      expect(first.code, first.stderr).to.equal(0);
      expect(first.stderr).to.match(/^iamx: type-check: index\.ts passed in \d+ ms \(\d+ files read\), cached in /m);
      expect(entries(cacheDir)).to.have.length(1);
      const second = await runCli("export", dir);
      expect(second.code, second.stderr).to.equal(0);
      expect(second.stderr).to.match(/^iamx: type-check: cached pass for index\.ts, nothing changed/m);
      expect(second.stderr).to.not.match(/passed in/);
      // a file touched but not changed still hits
      const lib = path.join(dir, "lib", "index.ts");
      fs.utimesSync(lib, new Date(), new Date(Date.now() + 5000));
      expect((await runCli("export", dir)).stderr).to.match(/cached pass/);
    });

    it("a change to a file the check read, after a cached pass, is checked again", async () => {
      process.env.IAMX_DEBUG = "1";
      const { dir } = cached();
      expect((await runCli("export", dir)).code).to.equal(0);
      fs.writeFileSync(path.join(dir, "lib", "index.ts"), TYPE_ERROR);
      failedOnTypes(await runCli("export", dir), "lib/index.ts(1,7): error TS2322");
    });

    it("a new file that changes what an import resolves to is checked again", async () => {
      process.env.IAMX_DEBUG = "1";
      const { dir } = cached();
      expect((await runCli("export", dir)).code).to.equal(0);
      // ./lib now resolves to lib.ts, which the passing check looked for and did not find
      fs.writeFileSync(path.join(dir, "lib.ts"), TYPE_ERROR);
      failedOnTypes(await runCli("export", dir), "lib.ts(1,7): error TS2322");
    });

    it("a failure is never cached: it fails again, and nothing is stored until it passes", async () => {
      process.env.IAMX_DEBUG = "1";
      const { dir, cacheDir } = cached();
      fs.writeFileSync(path.join(dir, "lib", "index.ts"), TYPE_ERROR);
      failedOnTypes(await runCli("export", dir), "error TS2322");
      failedOnTypes(await runCli("export", dir), "error TS2322");
      expect(entries(cacheDir)).to.deep.equal([]);
      fs.writeFileSync(path.join(dir, "lib", "index.ts"), FINE);
      expect((await runCli("export", dir)).stderr).to.match(/passed in/);
      expect(entries(cacheDir)).to.have.length(1);
    });

    it("a changed tsconfig is checked again", async () => {
      process.env.IAMX_DEBUG = "1";
      const dir = project({ "index.ts": "export function same(x) {\n  return x;\n}\n", "tsconfig.json": "{}" });
      expect((await runCli("export", dir)).code).to.equal(0);
      fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "compilerOptions": { "strict": true } }');
      failedOnTypes(await runCli("export", dir), "error TS7006");
    });

    it("without a node_modules folder, the pass is cached in the system's temporary folder", async () => {
      process.env.IAMX_DEBUG = "1";
      const dir = project({ "index.ts": FINE });
      const run = await runCli("export", dir);
      expect(run.code, run.stderr).to.equal(0);
      const where = /cached in (.*\.json)$/m.exec(run.stderr)?.[1] ?? "";
      expect(where.startsWith(path.join(os.tmpdir(), "pulumi-iamx-cache", "typecheck") + path.sep), where).to.equal(
        true,
      );
      expect(fs.existsSync(where)).to.equal(true);
    });
  });
});
