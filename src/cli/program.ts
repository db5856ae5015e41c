/**
 * Finding and loading a user's Pulumi program, the way the Pulumi Node.js runtime would: a file
 * (`index.ts`, `main.js`) or a folder with `Pulumi.yaml` (its `main`, else the folder's
 * `package.json` main, else `index.ts`/`index.js`). The module's top-level code creates resources;
 * if its default export is a function, it is called and its result is the stack outputs, otherwise
 * the module's exports are. TypeScript programs load through ts-node (transpile only: the type-check
 * runs before, in typecheck.ts).
 *
 * The program and this CLI must share one copy of pulumi-iamx and of @pulumi/pulumi (the model,
 * the lifecycle and the mocks are module state), so while a program loads, requests for
 * `pulumi-iamx`, `@pulumi/pulumi` and `@pulumi/aws` resolve to the CLI's own copies, and a program
 * inside this repository that imports `src/` gets the same files the CLI runs from.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import { CliError, ExitCode } from "./errors";

/** `require` for loading programs and resolving from the CLI, and the real `module` object (an import namespace is a copy). */
const load = createRequire(__filename);
const Module: unknown = load("node:module");

/** YAML is read only when a project has Pulumi.yaml files (a bare program file starts faster). */
function parseYaml(text: string): unknown {
  return (load("yaml") as typeof import("yaml")).parse(text);
}

/** A program found on disk. */
export interface ProgramLocation {
  /** The module to load. */
  readonly entry: string;
  /** The project folder (where Pulumi.yaml is, else the entry's folder). */
  readonly dir: string;
  /** Project name from Pulumi.yaml, else the folder's name. */
  readonly project: string;
  /** Project-level config defaults from Pulumi.yaml (`ns:key` → value). */
  readonly config: Record<string, string>;
  /** Pulumi.yaml's `runtime.options.typescript` when set (false: Pulumi runs the program without ts-node). */
  readonly typescript?: boolean;
}

const ENTRY_CANDIDATES = ["index.ts", "index.js", "main.ts", "main.js"];

/** Files that can be a program's entry module. */
const PROGRAM_FILE = /\.(ts|tsx|js|cjs|mjs)$/i;

/** What a program path is, for messages. */
export const PROGRAM_PATH_HELP =
  "a program path is a .ts/.js file, or a Pulumi project folder (with Pulumi.yaml, or index.ts/index.js, or a package.json main)";

/** Finds the program at `target` (a file or a folder). Throws a CliError when there is none. */
export function locateProgram(target: string, cwd = process.cwd()): ProgramLocation {
  const abs = path.resolve(cwd, target);
  if (!fs.existsSync(abs)) throw new CliError(ExitCode.Usage, `No program at ${target}: the path does not exist.`);
  if (fs.statSync(abs).isFile()) {
    if (!PROGRAM_FILE.test(abs)) {
      const hint = /^(Pulumi(\.[^.]+)?\.ya?ml|package\.json)$/i.test(path.basename(abs))
        ? ` (for this project, give its folder: ${path.dirname(target) || "."})`
        : "";
      throw new CliError(ExitCode.Usage, `${target} is not a program: ${PROGRAM_PATH_HELP}${hint}.`);
    }
    const dir = path.dirname(abs);
    const project = readProject(dir);
    return {
      entry: abs,
      dir,
      project: project?.name ?? path.basename(dir),
      config: project?.config ?? {},
      ...runtimeOptions(project),
    };
  }
  const project = readProject(abs);
  let base = abs;
  if (project?.main) base = path.resolve(abs, project.main);
  const entry = resolveEntry(base);
  if (!entry) {
    throw new CliError(
      ExitCode.Usage,
      `No program in ${target}: expected ${project?.main ? `"main: ${project.main}" of Pulumi.yaml to name a file or a folder with` : "a Pulumi.yaml, or"} ` +
        `${ENTRY_CANDIDATES.join(", ")}, or a package.json "main".`,
    );
  }
  return {
    entry,
    dir: abs,
    project: project?.name ?? path.basename(abs),
    config: project?.config ?? {},
    ...runtimeOptions(project),
  };
}

/** The Pulumi.yaml runtime options a location carries, only those that are set. */
function runtimeOptions(project: ProjectFile | undefined): { typescript?: boolean } {
  return project?.typescript === undefined ? {} : { typescript: project.typescript };
}

function resolveEntry(base: string): string | undefined {
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return base;
  if (!fs.existsSync(base)) return undefined;
  const pkgFile = path.join(base, "package.json");
  if (fs.existsSync(pkgFile)) {
    const main = packageMain(pkgFile);
    if (main) {
      const file = resolveAsModule(path.resolve(base, main));
      if (file) return file;
    }
  }
  for (const c of ENTRY_CANDIDATES) {
    const file = path.join(base, c);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** The `main` of a package.json; a file that is not JSON, or a `main` that is not a string, is a usage error. */
function packageMain(file: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new CliError(ExitCode.Usage, `Cannot read ${file}: it is not valid JSON (${(e as Error).message}).`);
  }
  if (!isMapping(doc)) throw new CliError(ExitCode.Usage, `Cannot read ${file}: expected a JSON object.`);
  const main = doc.main;
  if (main === undefined || main === null) return undefined;
  if (typeof main !== "string" || main.trim() === "") {
    throw new CliError(
      ExitCode.Usage,
      `${file}: "main" must name the program's file (a string such as "index.js"), got ${JSON.stringify(main)}.`,
    );
  }
  return main;
}

function isMapping(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === "object" && !Array.isArray(x);
}

/** Parses a YAML file that must hold a mapping (or nothing); anything else is a usage error naming the file. */
function readYamlMapping(file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parseYaml(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new CliError(ExitCode.Usage, `Cannot read ${file}: ${(e as Error).message}`);
  }
  if (doc === null || doc === undefined) return {};
  if (!isMapping(doc)) throw new CliError(ExitCode.Usage, `Cannot read ${file}: expected a YAML mapping (key: value).`);
  return doc;
}

function resolveAsModule(p: string): string | undefined {
  for (const candidate of [p, `${p}.ts`, `${p}.js`, path.join(p, "index.ts"), path.join(p, "index.js")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

interface ProjectFile {
  readonly name?: string;
  readonly main?: string;
  readonly config: Record<string, string>;
  readonly typescript?: boolean;
}

function readProject(dir: string): ProjectFile | undefined {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
  if (!file) return undefined;
  const doc = readYamlMapping(file);
  for (const key of ["name", "main"]) {
    if (doc[key] !== undefined && doc[key] !== null && typeof doc[key] !== "string") {
      throw new CliError(ExitCode.Usage, `${file}: "${key}" must be a string, got ${JSON.stringify(doc[key])}.`);
    }
  }
  if (doc.config !== undefined && doc.config !== null && !isMapping(doc.config)) {
    throw new CliError(ExitCode.Usage, `${file}: "config" must be a mapping of keys to values.`);
  }
  const name = typeof doc.name === "string" ? doc.name : undefined;
  return {
    name,
    main: typeof doc.main === "string" ? doc.main : undefined,
    config: projectConfig(doc.config, name ?? path.basename(dir)),
    typescript: runtimeTypescript(doc.runtime),
  };
}

/** `runtime: { name: nodejs, options: { typescript: false } }` (Pulumi's Node.js runtime option). */
function runtimeTypescript(runtime: unknown): boolean | undefined {
  if (!isMapping(runtime) || !isMapping(runtime.options)) return undefined;
  const value = runtime.options.typescript;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  return undefined;
}

/** Pulumi.yaml `config:` defaults; keys without a namespace belong to the project. */
function projectConfig(raw: unknown, project: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== "object") return out;
  for (const [key, spec] of Object.entries(raw as Record<string, unknown>)) {
    const value =
      spec && typeof spec === "object" && !Array.isArray(spec) ? (spec as { default?: unknown }).default : spec;
    if (value === undefined || value === null) continue;
    out[key.includes(":") ? key : `${project}:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

/** Stack config from `Pulumi.<stack>.yaml` in the project folder: plain values, and the keys of secure ones. */
export function readStackConfig(
  dir: string,
  project: string,
  stack: string,
): { config: Record<string, string>; secretKeys: string[] } {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  if (!fs.existsSync(file)) return { config, secretKeys };
  const doc = readYamlMapping(file);
  if (doc.config !== undefined && doc.config !== null && !isMapping(doc.config)) {
    throw new CliError(ExitCode.Usage, `${file}: "config" must be a mapping of keys to values.`);
  }
  for (const [k, v] of Object.entries(doc.config ?? {})) {
    const key = k.includes(":") ? k : `${project}:${k}`;
    if (v && typeof v === "object" && "secure" in (v as object)) {
      // Encrypted values cannot be read offline; the program sees a placeholder, marked secret
      // (read with a plain getter such as config.require() it is refused: config-origin.ts).
      config[key] = "[secret]";
      secretKeys.push(key);
    } else config[key] = typeof v === "string" ? v : JSON.stringify(v);
  }
  return { config, secretKeys };
}

/** This package's root (the folder with its package.json), whether running from src/ or dist/. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("pulumi-iamx: cannot find the package root");
    dir = up;
  }
  return dir;
}

/** Whether this code runs from the compiled dist/ folder. */
function runningCompiled(): boolean {
  return path.extname(__filename) === ".js";
}

/**
 * Registers ts-node (transpile only) for `.ts` files, unless a `.ts` loader is already present
 * (the CLI itself may run under ts-node). ts-node is looked up from the program, then from
 * pulumi-iamx, then the copy @pulumi/pulumi vendors.
 */
function ensureTypeScript(programDir: string): void {
  const extensions = (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
  if (extensions[".ts"]) return;
  const root = packageRoot();
  const candidates = [
    () => load(load.resolve("ts-node", { paths: [programDir] })),
    () => load(load.resolve("ts-node", { paths: [root] })),
    // Pulumi's own loader (ts-node 7) compiles with the program's TypeScript, as `pulumi up` does
    () => {
      load.resolve("typescript", { paths: [programDir] });
      return load(path.join(path.dirname(load.resolve("@pulumi/pulumi/package.json")), "vendor/ts-node@7.0.1"));
    },
  ];
  for (const load of candidates) {
    let tsNode: { register(opts: object): void };
    try {
      tsNode = load() as typeof tsNode;
    } catch {
      continue;
    }
    tsNode.register({
      transpileOnly: true,
      dir: programDir,
      compilerOptions: { module: "commonjs", moduleResolution: "node", target: "es2020", sourceMap: true },
    });
    return;
  }
  throw new CliError(
    ExitCode.Usage,
    `Cannot load the TypeScript program in ${programDir}: TypeScript is not installed there. ` +
      "Install it as Pulumi's TypeScript template does: npm install -D typescript ts-node.",
  );
}

type Resolver = (request: string, parent: NodeModule | undefined, isMain: boolean, options?: unknown) => string;

/**
 * While `fn` runs, resolves pulumi-iamx, @pulumi/pulumi and @pulumi/aws to the CLI's own copies
 * and maps this package's src/ files to the variant the CLI runs (src .ts or dist .js).
 */
function withSharedModules<T>(fn: () => T): T {
  const mod = Module as unknown as { _resolveFilename: Resolver };
  const original = mod._resolveFilename;
  const root = packageRoot();
  const self = path.join(__dirname, "..");
  const compiled = runningCompiled();
  const srcDir = path.join(root, "src") + path.sep;
  const distSrcDir = path.join(root, "dist", "src") + path.sep;
  const fromCli = {
    id: __filename,
    filename: __filename,
    paths: (Module as any)._nodeModulePaths(__dirname),
  } as unknown as NodeModule;
  mod._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    if (request === "pulumi-iamx" || request.startsWith("pulumi-iamx/")) {
      const sub =
        request === "pulumi-iamx"
          ? "index"
          : request.slice("pulumi-iamx/".length) === "testing"
            ? "testing/index"
            : undefined;
      if (sub) return original.call(this, path.join(self, sub), fromCli, false);
    }
    if (/^@pulumi\/(pulumi|aws)(\/|$)/.test(request)) {
      try {
        return original.call(this, request, fromCli, false);
      } catch {
        // fall back to the program's own copy
      }
    }
    const file = original.call(this, request, parent, isMain, options);
    if (compiled && file.startsWith(srcDir) && file.endsWith(".ts")) {
      const js = path.join(distSrcDir, file.slice(srcDir.length).replace(/\.ts$/, ".js"));
      if (fs.existsSync(js)) return js;
    }
    return file;
  };
  try {
    return fn();
  } finally {
    mod._resolveFilename = original;
  }
}

/**
 * The program as a function the exporter runs: loads the module (fresh each call) and returns
 * its stack outputs. Errors thrown by the program propagate with their stack trace.
 */
export function programFunction(location: ProgramLocation): () => Promise<Record<string, unknown>> {
  return async () => {
    if (/\.tsx?$/.test(location.entry)) ensureTypeScript(location.dir);
    // a program loaded before (by an earlier run in this process) must run again
    forgetProgramModules(new Set(), path.dirname(location.entry));
    const before = new Set(Object.keys(require.cache));
    let exported: unknown;
    try {
      exported = withSharedModules(() => load(location.entry));
    } finally {
      forgetProgramModules(before);
    }
    const mod = exported as { default?: unknown } | ((...a: unknown[]) => unknown);
    const main =
      typeof mod === "function" ? mod : typeof mod?.default === "function" ? (mod.default as () => unknown) : undefined;
    const outputs = main ? await main() : mod;
    if (!outputs || typeof outputs !== "object") return {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(outputs)) if (k !== "default") out[k] = v;
    return out;
  };
}

/**
 * Drops the program's own modules (not libraries, not pulumi-iamx) from the require cache, so they
 * run afresh: those loaded since `before`, or (with `dir`) every one under the program's folder.
 */
function forgetProgramModules(before: ReadonlySet<string>, dir?: string): void {
  const root = packageRoot();
  const library = [path.join(root, "src") + path.sep, path.join(root, "dist") + path.sep];
  const under = dir && path.resolve(dir) + path.sep;
  for (const key of Object.keys(require.cache)) {
    if (before.has(key) || key.includes(`${path.sep}node_modules${path.sep}`)) continue;
    if (under && !key.startsWith(under)) continue;
    if (library.some((dir) => key.startsWith(dir))) continue;
    delete require.cache[key];
  }
}
