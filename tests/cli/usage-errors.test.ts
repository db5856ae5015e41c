/**
 * Usage errors of the CLI (exit code 2, one clear message, nothing written): broken project files,
 * `--out` paths that cannot be written, and files that are not programs. None of these runs the
 * program, so the CLI runs in this process.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli, type CliRun } from "./in-process";

describe("cli: usage errors exit 2 with a message naming the problem", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-usage-"));
  const write = (rel: string, text: string): string => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  const program = write("ok/index.js", "module.exports = {};");
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function usage(run: CliRun, message: RegExp): void {
    expect(run.code, run.stderr).to.equal(2);
    expect(run.stdout).to.equal("");
    expect(run.stderr).to.match(message);
    expect(run.stderr).to.not.include("the program failed");
  }

  it('package.json with "main": 5', async () => {
    write("main5/package.json", JSON.stringify({ name: "x", main: 5 }));
    usage(
      await runCli("export", path.join(dir, "main5")),
      /^error: .*main5\/package\.json: "main" must name the program's file \(a string such as "index\.js"\), got 5\.\n$/,
    );
  });

  it("malformed package.json", async () => {
    write("badpkg/package.json", '{ "main": "index.js", ');
    write("badpkg/index.js", "");
    usage(
      await runCli("export", path.join(dir, "badpkg")),
      /^error: Cannot read .*badpkg\/package\.json: it is not valid JSON \(/,
    );
  });

  it("malformed Pulumi.yaml, and one that is not a mapping or has a non-string main", async () => {
    write("badyaml/Pulumi.yaml", "name: [unclosed\n");
    usage(await runCli("preview", path.join(dir, "badyaml")), /^error: Cannot read .*Pulumi\.yaml: /);
    write("listyaml/Pulumi.yaml", "- name\n- main\n");
    usage(
      await runCli("export", path.join(dir, "listyaml")),
      /^error: Cannot read .*listyaml\/Pulumi\.yaml: expected a YAML mapping \(key: value\)\.\n$/,
    );
    write("mainyaml/Pulumi.yaml", "name: m\nruntime: nodejs\nmain: 5\n");
    usage(
      await runCli("report", path.join(dir, "mainyaml")),
      /^error: .*mainyaml\/Pulumi\.yaml: "main" must be a string, got 5\.\n$/,
    );
  });

  it("malformed Pulumi.<stack>.yaml (for every command that runs a program)", async () => {
    write("badstack/Pulumi.yaml", "name: badstack\nruntime: nodejs\n");
    write("badstack/index.js", "module.exports = {};");
    write("badstack/Pulumi.prod.yaml", "config:\n  badstack:x: [1, 2\n");
    for (const command of ["export", "preview", "lint", "report"]) {
      usage(
        await runCli(command, path.join(dir, "badstack"), "-s", "prod"),
        /^error: Cannot read .*badstack\/Pulumi\.prod\.yaml: /,
      );
    }
    write("badstack/Pulumi.list.yaml", "config:\n  - a\n");
    usage(
      await runCli("export", path.join(dir, "badstack"), "-s", "list"),
      /Pulumi\.list\.yaml: "config" must be a mapping of keys to values\.\n$/,
    );
  });

  it("--out naming a directory, or a path under a file, before the program runs", async () => {
    const thrower = write("throws/index.js", "throw new Error('must not run');");
    for (const command of ["export", "lint", "report"]) {
      usage(
        await runCli(command, thrower, "--out", dir),
        /^error: --out .* is a directory: give a file path, e\.g\. .*template\.json\.\n$/,
      );
    }
    usage(
      await runCli("export", thrower, "--out", path.join(program, "t.json")),
      /^error: --out .*ok\/index\.js\/t\.json cannot be created: .*ok\/index\.js is a file, not a folder\.\n$/,
    );
    usage(await runCli("export", thrower, "--out", path.join(dir, "new") + "/"), /is a directory: give a file path/);
    expect(fs.existsSync(path.join(dir, "new"))).to.equal(false);
  });

  it("a file that is not a program (package.json, Pulumi.yaml, a template) says what a program path is", async () => {
    const pkg = write("proj/package.json", JSON.stringify({ main: "index.js" }));
    write("proj/index.js", "module.exports = {};");
    usage(
      await runCli("export", pkg),
      /^error: .*proj\/package\.json is not a program: a program path is a \.ts\/\.js file, or a Pulumi project folder .*\(for this project, give its folder: .*proj\)\.\n$/,
    );
    const yaml = write("proj/Pulumi.yaml", "name: proj\n");
    usage(await runCli("preview", yaml), /Pulumi\.yaml is not a program: a program path is/);
    const txt = write("proj/notes.txt", "hello");
    usage(await runCli("report", txt), /notes\.txt is not a program: a program path is .*a package\.json main\)\.\n$/);
  });

  it("a failed run leaves an existing --out file as it was, and no temporary file", async () => {
    const out = write("out/template.json", "previous\n");
    const thrower = write("throws2/index.js", "throw new Error('boom');");
    const run = await runCli("export", thrower, "--out", out);
    expect(run.code).to.equal(1);
    expect(fs.readFileSync(out, "utf8")).to.equal("previous\n");
    expect(fs.readdirSync(path.dirname(out))).to.deep.equal(["template.json"]);
    const ok = await runCli("export", program, "--out", out);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(JSON.parse(fs.readFileSync(out, "utf8"))).to.have.property("Resources");
    expect(fs.readdirSync(path.dirname(out))).to.deep.equal(["template.json"]);
  });
});
