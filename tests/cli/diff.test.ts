// `iamx diff`: two templates, a program against a template, a program against itself at a git ref
// (a temporary worktree, removed afterwards even when the old program fails), the three formats,
// --fail-on exit codes and usage errors.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect } from "chai";
import { runCli as runCliChecked } from "./in-process";

// The fixture programs import the repository's sources; only the type-check test below is about types.
const runCli = (...args: string[]) => runCliChecked(...args, "--no-typecheck");

const doc = (Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const trust = doc([{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } }]);
const roleWith = (statements: unknown[]) => ({
  Resources: {
    R: {
      Type: "AWS::IAM::Role",
      Properties: {
        AssumeRolePolicyDocument: trust,
        Policies: [{ PolicyName: "p", PolicyDocument: doc(statements) }],
      },
    },
  },
});
const READ = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a/*" };
const DELETE = { Effect: "Allow", Action: "s3:Delete*", Resource: "arn:aws:s3:::a/*" };
const DENY = { Effect: "Deny", Action: "s3:GetObject", Resource: "arn:aws:s3:::a/secret/*" };

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "iamx-diff-"));
}

function write(dir: string, name: string, content: unknown): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

const program = (statements: string) => `import * as iamx from "pulumi-iamx";
const role = new iamx.Role("Worker", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
${statements}
`;
const ADD_READ = `role.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a/*"] }));`;
const ADD_DELETE = `role.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:Delete*"], resources: ["arn:aws:s3:::a/*"] }));`;

describe("cli: iamx diff", () => {
  it("two templates: CDK's table and the access summary, exit 0", async () => {
    const dir = tmpDir();
    const a = write(dir, "old.json", roleWith([READ]));
    const b = write(dir, "new.json", roleWith([READ, DELETE]));
    const r = await runCli("diff", a, b);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.include("IAM Statement Changes");
    expect(r.stdout).to.match(/\+ newly allowed \d+ actions: s3:Delete\* on arn:aws:s3:::a\/\*/);
    expect(r.stdout).to.include("This change widens access");
    expect(r.stdout, "no colour on a pipe").to.not.include("\u001b[");
  });

  it("--fail-on broadening: exit 4 when access widens, 0 when it only narrows", async () => {
    const dir = tmpDir();
    const base = write(dir, "base.json", roleWith([READ]));
    const wider = write(
      dir,
      "wider.yaml",
      `Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: ${JSON.stringify(trust)}\n      Policies:\n        - PolicyName: p\n          PolicyDocument: ${JSON.stringify(doc([READ, DELETE]))}\n`,
    );
    const narrower = write(dir, "narrower.json", roleWith([READ, DENY]));
    expect((await runCli("diff", base, wider, "--fail-on", "broadening")).code).to.equal(4);
    const narrow = await runCli("diff", base, narrower, "--fail-on", "broadening");
    expect(narrow.code, narrow.stdout).to.equal(0);
    expect(narrow.stdout).to.include("does not widen access");
    expect((await runCli("diff", base, narrower, "--fail-on", "any")).code).to.equal(4);
    expect((await runCli("diff", base, base, "--fail-on", "any")).code).to.equal(0);
  });

  it("json and markdown formats, --out", async () => {
    const dir = tmpDir();
    const a = write(dir, "old.json", roleWith([READ]));
    const b = write(dir, "new.json", roleWith([READ, DELETE]));
    const json = JSON.parse((await runCli("diff", a, b, "--format", "json")).stdout);
    expect(json.broadening).to.equal(true);
    expect(json.statementChanges.map((r: { change: string; action: string }) => [r.change, r.action])).to.deep.equal([
      ["+", "s3:Delete*"],
    ]);
    expect(json.access[0].changes[0].kind).to.equal("gained");
    const out = path.join(dir, "out", "pr.md");
    const md = await runCli("diff", a, b, "--format", "markdown", "--out", out);
    expect(md.code).to.equal(0);
    expect(md.stderr).to.include(`Wrote ${out}: access widens.`);
    const text = fs.readFileSync(out, "utf8");
    expect(text).to.match(/^## IAM changes\n/);
    expect(text).to.include("| + | `arn:aws:s3:::a/*` | `Allow` | `s3:Delete*` | `AWS:${R}` |");
  });

  it("a program against a template of what is deployed, in both run modes", async () => {
    const dir = tmpDir();
    const prog = write(dir, "app/index.ts", program(`${ADD_READ}\n${ADD_DELETE}`));
    const deployedProgram = write(dir, "deployed/index.ts", program(ADD_READ));
    const exported = await runCli(
      "export",
      deployedProgram,
      "--no-typecheck",
      "--out",
      path.join(dir, "deployed.json"),
    );
    expect(exported.code, exported.stderr).to.equal(0);
    const r = await runCli("diff", path.join(dir, "deployed.json"), prog);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/Role Worker[0-9A-F]{8}\n\s+\+ newly allowed \d+ actions: s3:Delete\*/);
    // both run modes give the same diff
    const mocks = await runCli("diff", path.join(dir, "deployed.json"), prog, "--mode", "mocks");
    expect(mocks.code, mocks.stderr).to.equal(0);
    expect(mocks.stdout).to.equal(r.stdout);
  });

  describe("--base <ref>", () => {
    let repo: string;
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
        cwd: repo,
        encoding: "utf8",
      });
    const worktrees = () => git("worktree", "list").trim().split("\n").length;
    const leftovers = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("iamx-diff-base-"));

    beforeEach(() => {
      repo = tmpDir();
      git("init", "-q");
      write(repo, "infra/index.ts", program(ADD_READ));
      fs.mkdirSync(path.join(repo, "node_modules"));
      write(repo, ".gitignore", "node_modules\n");
      git("add", ".");
      git("commit", "-qm", "v1");
    });

    it("compares the working copy with the program at the ref, and removes the worktree", async () => {
      write(repo, "infra/index.ts", program(`${ADD_READ}\n${ADD_DELETE}`));
      const before = leftovers().length;
      const r = await runCli("diff", path.join(repo, "infra"), "--base", "HEAD", "--fail-on", "broadening");
      expect(r.code, r.stderr + r.stdout).to.equal(4);
      expect(r.stdout).to.include("newly allowed");
      expect(r.stdout).to.not.include("no longer allowed");
      expect(worktrees()).to.equal(1);
      expect(leftovers().length).to.equal(before);
      expect(fs.existsSync(path.join(repo, "node_modules")), "the checkout's node_modules is untouched").to.equal(true);
    });

    it("the worktree is removed when the old program fails (exit 1)", async () => {
      write(repo, "infra/index.ts", `throw new Error("broken at v2");\n`);
      git("commit", "-qam", "v2");
      write(repo, "infra/index.ts", program(ADD_READ));
      const before = leftovers().length;
      const r = await runCli("diff", path.join(repo, "infra"), "--base", "HEAD");
      expect(r.code).to.equal(1);
      expect(r.stderr).to.include("broken at v2");
      expect(worktrees()).to.equal(1);
      expect(leftovers().length).to.equal(before);
    });

    it("in this repository, an example importing ../../src at the ref runs with the CLI's own library", async () => {
      // with a second copy of the library the old program's components would be invisible: an empty base
      const here = path.join(__dirname, "..", "..");
      const r = await runCli("diff", path.join(here, "examples", "diff-pr"), "--base", "HEAD", "--format", "json");
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stderr).to.not.include("creates no resources");
      const subjects = JSON.parse(r.stdout).access as { added: boolean }[];
      expect(
        subjects.filter((s) => s.added),
        "roles that look new",
      ).to.deep.equal([]);
    });

    it("an unknown ref, or a path outside git, is a usage error", async () => {
      const bad = await runCli("diff", path.join(repo, "infra"), "--base", "no-such-branch");
      expect(bad.code).to.equal(2);
      expect(bad.stderr).to.include("--base no-such-branch: no such commit");
      const outside = tmpDir();
      write(outside, "index.ts", program(""));
      const r = await runCli("diff", outside, "--base", "HEAD");
      expect(r.code).to.equal(2);
      expect(r.stderr).to.include("needs the program in a git checkout");
    });
  });

  it("usage errors: exit 2", async () => {
    const dir = tmpDir();
    const a = write(dir, "a.json", roleWith([READ]));
    expect((await runCli("diff", a)).code).to.equal(2);
    expect((await runCli("diff", a, a, "--base", "main")).code).to.equal(2);
    const missing = await runCli("diff", a, path.join(dir, "nope.json"));
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.include("No template at");
    const junk = write(dir, "junk.json", "{ not json");
    expect((await runCli("diff", junk, a)).code).to.equal(2);
    expect((await runCli("diff", a, a, "--fail-on", "sometimes")).code).to.equal(2);
  });

  it("type-checks a program first, as export does (--no-typecheck skips it)", async () => {
    const dir = tmpDir();
    const broken = path.join(dir, "broken");
    fs.mkdirSync(broken, { recursive: true });
    fs.writeFileSync(path.join(broken, "index.ts"), 'const count: number = "three";\nexport = { count };\n');
    const template = path.join(dir, "empty.json");
    fs.writeFileSync(template, JSON.stringify({ Resources: {} }));
    const checked = await runCliChecked("diff", template, path.join(broken, "index.ts"));
    expect(checked.code, checked.stderr).to.equal(1);
    expect(checked.stderr).to.match(/index\.ts\(1,7\): error TS2322/);
    const skipped = await runCliChecked("diff", template, path.join(broken, "index.ts"), "--no-typecheck");
    expect(skipped.code, skipped.stderr).to.equal(0);
  });

  it("a program that waits for an iamx Output diffs by default (auto mode); --mode model fails closed", async () => {
    const dir = tmpDir();
    const template = path.join(dir, "empty.json");
    fs.writeFileSync(template, JSON.stringify({ Resources: {} }));
    const program = path.join(__dirname, "..", "runtime", "fixtures", "awaits-output.ts");
    const auto = await runCli("diff", template, program, "--format", "json");
    expect(auto.code, auto.stderr).to.equal(0);
    expect(JSON.parse(auto.stdout).access.length, "the Waiter role is new").to.be.greaterThan(0);
    const model = await runCli("diff", template, program, "--mode", "model");
    expect(model.code).to.equal(1);
    expect(model.stderr).to.include("did not finish");
  });
});
