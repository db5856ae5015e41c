// The slower installs of pulumi-iamx, run by `.ci/run` (not by `npm test`): from a git URL of a
// clean clone and from a folder (both built by the prepare script), and from the tarball into a
// program whose newer @pulumi/pulumi comes from the registry. Installs are offline-first
// (--prefer-offline, npm's cache). The git-URL install clones HEAD: commit before running this
// file locally to test uncommitted changes.
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { installedCopies, linkedFromRepo, npm, pack, resolvedFrom, ROOT, run, writeProgram } from "./consumer";

const NEWER_PULUMI = "3.276.0";
/** The peers at the versions our own tests use. */
const PEERS = { "@pulumi/pulumi": "3.270.0", "@pulumi/aws": "7.48.0" };

describe("package: the slower installs (CI)", function () {
  this.timeout(900_000);
  let work: string;
  let tarball: string;
  let clone: string;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-installs-"));
    clone = path.join(work, "clone");
    await run("git", ["clone", "--quiet", ROOT, clone], work);
    tarball = await pack(work);
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  function expectOneCopy(dir: string, version?: string): void {
    const program = resolvedFrom(dir, "@pulumi/pulumi");
    expect(installedCopies(dir, "@pulumi/pulumi")).to.deep.equal([program]);
    expect(resolvedFrom(path.join(dir, "node_modules", "pulumi-iamx"), "@pulumi/pulumi")).to.equal(program);
    if (version)
      expect(JSON.parse(fs.readFileSync(path.join(program, "package.json"), "utf8")).version).to.equal(version);
  }

  async function checkJs(dir: string): Promise<void> {
    const out = JSON.parse((await run(process.execPath, ["check.js"], dir)).stdout);
    expect(out).to.deep.equal({ roles: 1, types: ["AWS::IAM::Role"] });
  }

  describe(`from the tarball into a program with a newer @pulumi/pulumi (${NEWER_PULUMI}), typescript and no ts-node`, () => {
    let dir: string;
    before(async () => {
      dir = path.join(work, "newer-pulumi");
      writeProgram(dir, "newer-pulumi", { ...PEERS, "@pulumi/pulumi": NEWER_PULUMI }, linkedFromRepo("typescript"));
      await npm(["install", "--ignore-scripts", tarball], dir);
    });

    it("installs one copy of @pulumi/pulumi, the newer one, which pulumi-iamx resolves too", () => {
      expectOneCopy(dir, NEWER_PULUMI);
    });

    it("runs the testing kit from plain JavaScript", async () => {
      await checkJs(dir);
    });

    it("`iamx export` loads the TypeScript program with @pulumi/pulumi's own ts-node and the program's typescript", async () => {
      expect(fs.existsSync(path.join(dir, "node_modules", "ts-node"))).to.equal(false);
      const out = await run(process.execPath, [path.join(dir, "node_modules", ".bin", "iamx"), "export", "."], dir);
      expect(Object.keys(JSON.parse(out.stdout).Resources)).to.have.length.greaterThan(2);
    });

    it("`iamx export` of a TypeScript program without typescript fails, saying what to install", async () => {
      const ts = path.join(dir, "node_modules", "typescript");
      fs.renameSync(ts, `${ts}.off`);
      try {
        const iamx = path.join(dir, "node_modules", ".bin", "iamx");
        const failed = await run(process.execPath, [iamx, "export", "."], dir).then(
          () => "",
          (e: Error) => e.message,
        );
        expect(failed)
          .to.match(/TypeScript is not installed/)
          .and.match(/npm install -D typescript ts-node/);
      } finally {
        fs.renameSync(`${ts}.off`, ts);
      }
    });
  });

  it("installs from a git URL of a clean clone (built by its prepare script) and works", async () => {
    const dir = path.join(work, "from-git");
    writeProgram(dir, "from-git", PEERS);
    await npm(["install", `git+file://${clone}`], dir);
    expect(fs.existsSync(path.join(dir, "node_modules", "pulumi-iamx", "dist", "src", "index.d.ts"))).to.equal(true);
    await checkJs(dir);
    expectOneCopy(dir);
  });

  it("installs from a folder (--install-links, built by its prepare script) and works", async () => {
    // A checkout whose dependencies are installed (here: linked from this repository's).
    const folder = path.join(work, "folder");
    await run("git", ["clone", "--quiet", clone, folder], work);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(folder, "node_modules"), "dir");
    const dir = path.join(work, "from-folder");
    writeProgram(dir, "from-folder", PEERS);
    await npm(["install", "--install-links", folder], dir);
    const installed = path.join(dir, "node_modules", "pulumi-iamx");
    expect(fs.lstatSync(installed).isSymbolicLink()).to.equal(false);
    expect(fs.existsSync(path.join(installed, "dist", "src", "index.d.ts"))).to.equal(true);
    await checkJs(dir);
    expectOneCopy(dir);
  });
});
