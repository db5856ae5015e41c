/**
 * Type-checking a TypeScript program before it runs, as `pulumi up` does (Pulumi's Node.js
 * language host loads TypeScript through ts-node with type-checking on). The program's own
 * `tsconfig.json` is honoured (its `compilerOptions` and `extends`) over Pulumi's defaults; errors
 * are printed like tsc (`index.ts(3,7): error TS2322: ...`) and the command exits 1 before the
 * program runs, so nothing is written. As with ts-node, the program's own files are checked: the
 * entry and what it imports (ts-node's default `files: false`: a test file the tsconfig includes
 * but the program never loads is not checked; `"ts-node": { "files": true }` adds the tsconfig's
 * `files`/`include`), not declaration files or node_modules.
 *
 * Skipped, as Pulumi skips it, when `PULUMI_NODEJS_TRANSPILE_ONLY=true`, when the tsconfig sets
 * `noCheck` (and that variable is unset), when Pulumi.yaml sets `runtime.options.typescript: false`;
 * and with the CLI's `--no-typecheck`.
 *
 * A check costs seconds, so a pass is cached (never a failure): see typecheck-cache.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createRequire } from "node:module";
import type * as TS from "typescript";
import { CliError, ExitCode } from "./errors";
import type { ProgramLocation } from "./program";
import { TypecheckCache, textHash, type CompilationRecord } from "./typecheck-cache";

const load = createRequire(__filename);

/** The help text of `--no-typecheck`, shared by every command that runs a program. */
export const NO_TYPECHECK_HELP =
  "run a TypeScript program without type-checking it first (by default it is type-checked as pulumi up does, " +
  "with its tsconfig.json, and type errors are exit 1; PULUMI_NODEJS_TRANSPILE_ONLY=true does the same)";

/** Where the check reports what it did (only with `IAMX_DEBUG` set). */
export interface TypecheckIo {
  readonly stderr: { write(s: string): unknown };
}

/** Whether to type-check the program, and why not when not. */
export interface TypecheckDecision {
  readonly check: boolean;
  /** Why the check is skipped (for the debug line). */
  readonly reason?: string;
}

/** Decides whether a program is type-checked: a TypeScript entry, and nothing that turns the check off. */
export function typecheckDecision(
  location: ProgramLocation,
  flag: boolean,
  env: NodeJS.ProcessEnv = process.env,
): TypecheckDecision {
  if (!/\.(ts|tsx|mts|cts)$/i.test(location.entry)) return { check: false, reason: "not a TypeScript program" };
  if (!flag) return { check: false, reason: "--no-typecheck" };
  // Pulumi does not load ts-node at all then, whatever the variable below says
  if (location.typescript === false) return { check: false, reason: "Pulumi.yaml runtime option typescript: false" };
  const transpileOnly = env.PULUMI_NODEJS_TRANSPILE_ONLY;
  if (transpileOnly) {
    // Pulumi: a set variable decides, "true" skips and any other value checks (even with noCheck)
    return transpileOnly === "true" ? { check: false, reason: "PULUMI_NODEJS_TRANSPILE_ONLY=true" } : { check: true };
  }
  return { check: true };
}

/** The tsconfig Pulumi would use: `PULUMI_NODEJS_TSCONFIG_PATH` (relative to the project), else `tsconfig.json`. */
function tsconfigPath(location: ProgramLocation, env: NodeJS.ProcessEnv): string | undefined {
  const named = env.PULUMI_NODEJS_TSCONFIG_PATH;
  const file = path.resolve(location.dir, named ?? "tsconfig.json");
  if (fs.existsSync(file)) return file;
  if (named) {
    throw new CliError(
      ExitCode.Usage,
      `PULUMI_NODEJS_TSCONFIG_PATH is set to ${named}, but there is no such file in ${location.dir}.`,
    );
  }
  return undefined;
}

/** The TypeScript compiler the program would run with: the program's own, else the CLI's. */
function loadTypeScript(location: ProgramLocation): typeof TS {
  for (const from of [location.dir, __dirname]) {
    try {
      return load(load.resolve("typescript", { paths: [from] })) as typeof TS;
    } catch {
      // next
    }
  }
  throw new CliError(
    ExitCode.Usage,
    `Cannot type-check the TypeScript program in ${location.dir}: TypeScript is not installed there. ` +
      "Install it as Pulumi's TypeScript template does (npm install -D typescript ts-node), " +
      "or skip the check with --no-typecheck.",
  );
}

/** What to compile: root files and options, as Pulumi's ts-node would see them. */
interface CompileSetup {
  readonly rootNames: string[];
  readonly options: TS.CompilerOptions;
  readonly tsconfig?: string;
  /** The tsconfig sets `noCheck`. */
  readonly noCheck: boolean;
}

function compileSetup(ts: typeof TS, location: ProgramLocation, configFile: string | undefined): CompileSetup {
  // Pulumi's defaults (target ES2020, module and moduleResolution nodenext) under the tsconfig's
  // own options; a tsconfig that sets only one of module/moduleResolution gets a consistent other
  const [major, minor] = ts.versionMajorMinor.split(".").map(Number);
  const nodeNext = major > 4 || (major === 4 && minor >= 7);
  let own: TS.CompilerOptions = {};
  let rootNames: string[] = [];
  if (configFile) {
    const read = ts.readConfigFile(configFile, ts.sys.readFile);
    if (read.error) throw new CliError(ExitCode.Usage, `Cannot read ${configFile}: ${flatten(ts, read.error)}`);
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configFile), undefined, configFile);
    // "no inputs found" only means the tsconfig lists no files: the entry is the root anyway
    const errors = parsed.errors.filter((d) => d.code !== 18003);
    if (errors.length > 0) {
      throw new CliError(ExitCode.Usage, `Cannot use ${configFile}: ${errors.map((d) => flatten(ts, d)).join("; ")}`);
    }
    own = parsed.options;
    // ts-node (what pulumi up runs) loads the tsconfig's files/include only with its `files` option
    const tsNode = (read.config as { "ts-node"?: { files?: unknown } } | undefined)?.["ts-node"];
    if (tsNode?.files === true) rootNames = parsed.fileNames;
  }
  const defaults: TS.CompilerOptions = { target: ts.ScriptTarget.ES2020 };
  const nodeResolution = [ts.ModuleResolutionKind.Node16, ts.ModuleResolutionKind.NodeNext];
  if (own.module === undefined && own.moduleResolution === undefined) {
    defaults.module = nodeNext ? ts.ModuleKind.NodeNext : ts.ModuleKind.CommonJS;
    defaults.moduleResolution = nodeNext ? ts.ModuleResolutionKind.NodeNext : ts.ModuleResolutionKind.Node10;
  } else if (own.module === undefined) {
    const resolution = own.moduleResolution as TS.ModuleResolutionKind;
    defaults.module = nodeResolution.includes(resolution) ? ts.ModuleKind.NodeNext : ts.ModuleKind.CommonJS;
  }
  let options: TS.CompilerOptions = { ...defaults, ...own };
  const noCheck = options.noCheck === true;
  // a check emits nothing; options that only shape emitted files are dropped
  options = { ...options, noEmit: true, noCheck: false };
  for (const key of [
    "composite",
    "incremental",
    "tsBuildInfoFile",
    "declaration",
    "declarationMap",
    "emitDeclarationOnly",
  ]) {
    delete options[key];
  }
  const entry = path.resolve(location.entry);
  if (!rootNames.some((f) => path.resolve(f) === entry)) rootNames = [entry, ...rootNames];
  return { rootNames, options, tsconfig: configFile, noCheck };
}

function flatten(ts: typeof TS, d: TS.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(d.messageText, "\n");
}

/**
 * Type-checks the program (unless the decision says not to). Resolves when it type-checks;
 * throws a CliError (exit 1) with tsc-style diagnostics when it does not.
 */
export async function typecheckProgram(
  location: ProgramLocation,
  flag: boolean,
  io: TypecheckIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const debug = env.IAMX_DEBUG ? (s: string) => io.stderr.write(`iamx: type-check: ${s}\n`) : () => undefined;
  const decision = typecheckDecision(location, flag, env);
  if (!decision.check) {
    debug(`skipped (${decision.reason})`);
    return;
  }
  const configFile = tsconfigPath(location, env);
  const ts = loadTypeScript(location);
  const setup = compileSetup(ts, location, configFile);
  if (setup.noCheck && !env.PULUMI_NODEJS_TRANSPILE_ONLY) {
    debug(`skipped (noCheck in ${path.relative(location.dir, setup.tsconfig ?? "") || setup.tsconfig})`);
    return;
  }
  const entryName = path.relative(location.dir, location.entry);
  const cache = new TypecheckCache(location.dir, {
    typescript: ts.version,
    entry: path.resolve(location.entry),
    tsconfig: setup.tsconfig ? fs.readFileSync(setup.tsconfig, "utf8") : null,
    options: setup.options,
    rootNames: [...setup.rootNames].sort(),
  });
  if (cache.hit()) {
    debug(`cached pass for ${entryName}, nothing changed (${cache.file})`);
    return;
  }
  const started = Date.now();
  const { diagnostics, record } = check(ts, setup);
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    debug(`${errors.length} error(s) in ${Date.now() - started} ms`);
    const text = ts.formatDiagnostics(errors, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => location.dir,
      getNewLine: () => "\n",
    });
    throw new CliError(
      ExitCode.ProgramFailed,
      `the program has ${errors.length} TypeScript error${errors.length === 1 ? "" : "s"} (pulumi up would not run it; ` +
        `fix ${errors.length === 1 ? "it" : "them"}, or skip the check with --no-typecheck):\n${text.trimEnd()}`,
    );
  }
  const stored = cache.store(record);
  debug(
    `${entryName} passed in ${Date.now() - started} ms (${record.read.size} files read)` +
      (stored ? `, cached in ${stored}` : ", not cached (no writable cache folder)"),
  );
}

/**
 * TypeScript's own lib files, parsed once per process: they never change while it runs, and
 * parsing them is most of a small program's check.
 */
const libFiles = new Map<string, TS.SourceFile>();

/** One compilation with the compiler API: its diagnostics, and every file it read or looked for. */
function check(
  ts: typeof TS,
  setup: CompileSetup,
): { diagnostics: readonly TS.Diagnostic[]; record: CompilationRecord } {
  const host = ts.createCompilerHost(setup.options);
  const read = new Map<string, string>();
  const missingFiles = new Set<string>();
  const missingDirs = new Set<string>();
  const { readFile, fileExists, directoryExists, getSourceFile } = host;
  host.readFile = (f) => {
    const text = readFile.call(host, f);
    if (text === undefined) missingFiles.add(path.resolve(f));
    else read.set(path.resolve(f), textHash(text));
    return text;
  };
  host.fileExists = (f) => {
    const found = fileExists.call(host, f);
    if (!found) missingFiles.add(path.resolve(f));
    return found;
  };
  if (directoryExists) {
    host.directoryExists = (d) => {
      const found = directoryExists.call(host, d);
      if (!found) missingDirs.add(path.resolve(d));
      return found;
    };
  }
  const libDir = path.dirname(host.getDefaultLibFileName(setup.options));
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (path.dirname(path.resolve(fileName)) !== path.resolve(libDir)) {
      return getSourceFile.call(host, fileName, languageVersion, ...rest);
    }
    const key = `${path.resolve(fileName)}\0${JSON.stringify(languageVersion)}`;
    let sf = libFiles.get(key);
    if (!sf) {
      sf = getSourceFile.call(host, fileName, languageVersion, ...rest);
      if (sf) libFiles.set(key, sf);
    }
    return sf;
  };
  const program = ts.createProgram({ rootNames: setup.rootNames, options: setup.options, host });
  // As ts-node reports them under pulumi up: the options, and the program's own files (not
  // declaration files, not node_modules), each file's syntax, then its types
  const diagnostics: TS.Diagnostic[] = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const sf of program.getSourceFiles()) {
    if (
      sf.isDeclarationFile ||
      program.isSourceFileFromExternalLibrary(sf) ||
      /[\\/]node_modules[\\/]/.test(sf.fileName)
    ) {
      continue;
    }
    const syntax = program.getSyntacticDiagnostics(sf);
    diagnostics.push(...(syntax.length > 0 ? syntax : program.getSemanticDiagnostics(sf)));
  }
  for (const sf of program.getSourceFiles()) {
    const file = path.resolve(sf.fileName);
    if (!read.has(file)) read.set(file, textHash(sf.text));
  }
  return { diagnostics, record: { read, missingFiles: [...missingFiles], missingDirs: [...missingDirs] } };
}
