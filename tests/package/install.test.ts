// pulumi-iamx as users install it: `npm pack`, then an install from the tarball into a fresh
// Pulumi TypeScript program (the template's tsconfig; typescript and ts-node in devDependencies),
// used the way a user would. Tools and peers are file:-linked from this repository's node_modules
// (fast, offline). The slower installs (git URL, folder, a newer @pulumi/pulumi from the
// registry) are in installs.ci.ts, which `.ci/run` runs.
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  installedCopies,
  linkedFromRepo,
  listFiles,
  npm,
  pack,
  resolvedFrom,
  run,
  tsc,
  writeProgram,
} from "./consumer";

const TOOLS = ["typescript", "ts-node", "mocha", "@types/node", "@types/mocha"];

describe("package: installed as users install it", function () {
  this.timeout(300_000);
  let work: string;
  let tarball: string;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-install-"));
    tarball = await pack(work);
  });

  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  describe("from the tarball, into a program with the template's tsconfig", () => {
    let dir: string;
    before(async () => {
      dir = path.join(work, "from-tarball");
      writeProgram(dir, "from-tarball", linkedFromRepo("@pulumi/pulumi", "@pulumi/aws"), linkedFromRepo(...TOOLS));
      // --ignore-scripts: the linked tools are this repository's own, their build scripts must not run
      await npm(["install", "--ignore-scripts", tarball], dir);
    });

    it("ships built JavaScript, declarations, the CLI and the plugin, and no sources, tests, fixtures or benches", () => {
      const pkg = path.join(dir, "node_modules", "pulumi-iamx");
      const files = listFiles(pkg);
      expect(files).to.include.members([
        "bin/iamx.js",
        "dist/src/index.js",
        "dist/src/index.d.ts",
        "dist/src/testing/index.js",
        "dist/src/testing/index.d.ts",
        "dist/src/policy/index.js",
        "dist/src/policy/index.d.ts",
        "dist/src/cli/main.js",
        "dist/sdk-gen/provider/main.js",
        "sdk-gen/plugin/index.js",
        "sdk-gen/schema.json",
      ]);
      const unwanted = files.filter(
        (f) =>
          /^(tests|bench|examples|src|docs)\//.test(f) ||
          (f.endsWith(".ts") && !f.endsWith(".d.ts")) ||
          f.endsWith(".map"),
      );
      expect(unwanted).to.deep.equal([]);
    });

    it("type-checks with tsc under moduleResolution node (no skipLibCheck)", async () => {
      await run(process.execPath, [tsc(dir), "--noEmit", "-p", "."], dir);
    });

    for (const [resolution, module] of [
      ["node16", "node16"],
      ["bundler", "esnext"],
    ]) {
      it(`resolves pulumi-iamx and pulumi-iamx/testing with types under moduleResolution ${resolution}`, async () => {
        const args = ["--noEmit", "--skipLibCheck", "--strict", "--types", "node,mocha"];
        const files = ["index.ts", "test/program.test.ts"];
        await run(
          process.execPath,
          [tsc(dir), ...args, "--moduleResolution", resolution, "--module", module, ...files],
          dir,
        );
      });
    }

    it("a wrong import fails the type-check (the checks above see the package's types)", async () => {
      fs.writeFileSync(
        path.join(dir, "wrong.ts"),
        'import { NoSuchThing } from "pulumi-iamx/testing";\nNoSuchThing();\n',
      );
      const failed = await run(
        process.execPath,
        [tsc(dir), "--noEmit", "--skipLibCheck", "--strict", "wrong.ts"],
        dir,
      ).then(
        () => "",
        (e: Error) => e.message,
      );
      fs.rmSync(path.join(dir, "wrong.ts"));
      expect(failed).to.match(/TS2305|TS2724/);
    });

    it("runs the program's mocha test with the testing kit under ts-node, fully type-checked", async () => {
      const mocha = path.join(dir, "node_modules", "mocha", "bin", "mocha.js");
      const out = await run(process.execPath, [mocha, "-r", "ts-node/register", "test/**/*.test.ts"], dir);
      expect(out.stdout).to.match(/1 passing/);
    });

    it("`npx iamx export .` type-checks the program (cached in its node_modules) and writes its template", async () => {
      const out = await run("npx", ["--no-install", "iamx", "export", "."], dir, { IAMX_DEBUG: "1" });
      const types = Object.values<any>(JSON.parse(out.stdout).Resources).map((r) => r.Type);
      expect(types).to.include.members(["AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::Group"]);
      const cacheDir = path.join(dir, "node_modules", ".cache", "pulumi-iamx", "typecheck");
      expect(out.stderr).to.match(/^iamx: type-check: index\.ts passed in \d+ ms .*, cached in /m);
      expect(out.stderr).to.include(cacheDir);
    });

    it("`npx iamx export` of a program with a type error: exit 1 with the diagnostic, as pulumi up", async () => {
      fs.writeFileSync(
        path.join(dir, "broken.ts"),
        'import * as iamx from "pulumi-iamx";\nnew iamx.Role("app", { assumedBy: "lambda.amazonaws.com" });\n',
      );
      const failed = await run("npx", ["--no-install", "iamx", "export", "broken.ts"], dir).then(
        () => "",
        (e: Error) => e.message,
      );
      fs.rmSync(path.join(dir, "broken.ts"));
      expect(failed).to.match(/^broken\.ts\(2,24\): error TS2322: /m);
      expect(failed).to.match(/^error: the program has 1 TypeScript error /m);
    });

    it("has one copy of @pulumi/pulumi, the program's own, which pulumi-iamx resolves too", () => {
      const program = resolvedFrom(dir, "@pulumi/pulumi");
      expect(installedCopies(dir, "@pulumi/pulumi")).to.deep.equal([program]);
      expect(resolvedFrom(path.join(dir, "node_modules", "pulumi-iamx"), "@pulumi/pulumi")).to.equal(program);
    });
  });
});
