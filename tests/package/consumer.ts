// A fresh Pulumi TypeScript program that installs pulumi-iamx the way users do, for the install tests.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root. */
export const ROOT = path.resolve(__dirname, "..", "..");

/** What a command printed. */
export interface Ran {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command; rejects with its output when it fails. npm's own variables from an enclosing
 * `npm test` are dropped, so each install sees only its own options.
 */
export function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  delete base.TS_NODE_TRANSPILE_ONLY;
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      [...args],
      { cwd, env: { ...base, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${cmd} ${args.join(" ")} failed in ${cwd}:\n${stdout}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}

/** npm, offline-first from the machine's cache, without audit or funding noise. */
export function npm(args: readonly string[], cwd: string): Promise<Ran> {
  return run("npm", [...args, "--prefer-offline", "--no-audit", "--no-fund"], cwd);
}

/** A program using the components, the way Pulumi's TypeScript template lays one out. */
export const INDEX_TS = `import * as pulumi from "@pulumi/pulumi";
import * as iamx from "pulumi-iamx";

const role = new iamx.Role("app", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
role.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::data/*"] }));
const readers = new iamx.Group("readers");
readers.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::data"] }));

export const roleName: pulumi.Output<string> = role.roleName;
`;

/** A mocha test of that program's IAM with the testing kit. */
export const PROGRAM_TEST_TS = `import * as assert from "node:assert";
import * as iamx from "pulumi-iamx";
import { Match, synthesize, type Synthesis } from "pulumi-iamx/testing";

describe("the consumer's program", () => {
  it("gives the app role its policy", async () => {
    const s: Synthesis = await synthesize(() => {
      const role = new iamx.Role("app", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      role.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::data/*"] }));
    });
    s.resourceCountIs("aws:iam/role:Role", 1);
    s.hasResourceProperties("aws:iam/rolePolicy:RolePolicy", {
      policy: Match.serializedJson(Match.objectLike({ Statement: [Match.objectLike({ Action: "s3:GetObject" })] })),
    });
    assert.strictEqual(s.resources.filter((r) => r.type === "aws:iam/role:Role").length, 1);
  });
});
`;

/** Plain JavaScript using both entry points: prints the number of roles and the export's resource types. */
export const CHECK_JS = `const iamx = require("pulumi-iamx");
const { synthesize } = require("pulumi-iamx/testing");
synthesize(() => {
  new iamx.Role("app", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
}).then((s) => {
  const types = Object.values(s.template.Resources).map((r) => r.Type);
  console.log(JSON.stringify({ roles: s.resources.filter((r) => r.type === "aws:iam/role:Role").length, types }));
});
`;

/** Pulumi's TypeScript template's compiler options (moduleResolution node, no skipLibCheck). */
export const TEMPLATE_COMPILER_OPTIONS = {
  strict: true,
  outDir: "bin",
  target: "es2020",
  module: "commonjs",
  moduleResolution: "node",
  sourceMap: true,
  experimentalDecorators: true,
  pretty: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
};

/** Writes a Pulumi TypeScript project with the given dependencies into `dir`. */
export function writeProgram(
  dir: string,
  name: string,
  dependencies: Record<string, string>,
  devDependencies: Record<string, string> = {},
): void {
  fs.mkdirSync(path.join(dir, "test"), { recursive: true });
  const pkg = { name, version: "1.0.0", private: true, main: "index.ts", dependencies, devDependencies };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2));
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
  );
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify(
      { compilerOptions: TEMPLATE_COMPILER_OPTIONS, files: ["index.ts", "test/program.test.ts"] },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(dir, "index.ts"), INDEX_TS);
  fs.writeFileSync(path.join(dir, "test", "program.test.ts"), PROGRAM_TEST_TS);
  fs.writeFileSync(path.join(dir, "check.js"), CHECK_JS);
}

/** `file:` links to this repository's own installed copies (fast, offline, one copy of each). */
export function linkedFromRepo(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, `file:${path.join(ROOT, "node_modules", n)}`]));
}

/**
 * Every installed copy of package `name` under `dir`'s node_modules, as real paths: a file:-linked
 * copy seen through several links counts once (`npm ls --json` lists a linked package once per
 * dependent, which is not a second copy).
 */
export function installedCopies(dir: string, name: string): string[] {
  const found = new Set<string>();
  const walk = (nodeModules: string): void => {
    if (!fs.existsSync(nodeModules)) return;
    const candidate = path.join(nodeModules, name, "package.json");
    if (fs.existsSync(candidate)) found.add(fs.realpathSync(path.dirname(candidate)));
    for (const entry of fs.readdirSync(nodeModules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".")) continue; // symlinks are not followed
      const scoped = entry.name.startsWith("@")
        ? fs.readdirSync(path.join(nodeModules, entry.name), { withFileTypes: true }).filter((e) => e.isDirectory())
        : [];
      const pkgs = entry.name.startsWith("@") ? scoped.map((e) => path.join(entry.name, e.name)) : [entry.name];
      for (const pkg of pkgs) walk(path.join(nodeModules, pkg, "node_modules"));
    }
  };
  walk(path.join(dir, "node_modules"));
  return [...found];
}

/** The real path of the `name` package that code in `from` loads. */
export function resolvedFrom(from: string, name: string): string {
  return fs.realpathSync(path.dirname(require.resolve(`${name}/package.json`, { paths: [from] })));
}

/** Packs this repository into `dest`; returns the tarball's path. */
export async function pack(dest: string): Promise<string> {
  const packed = await npm(["pack", "--json", "--pack-destination", dest], ROOT);
  return path.join(dest, JSON.parse(packed.stdout)[0].filename);
}

/** Every file under `dir`, relative, with "/" separators. */
export function listFiles(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix + e.name;
    return e.isDirectory() ? listFiles(path.join(dir, e.name), `${rel}/`) : [rel];
  });
}

/** The TypeScript compiler installed in a program. */
export function tsc(dir: string): string {
  return path.join(dir, "node_modules", "typescript", "bin", "tsc");
}
