/**
 * `iamx diff`: what a change does to access. Compares the IAM of two versions — two templates, a
 * program against a template (what is deployed), two programs, or a program against itself at a
 * git ref (`--base <ref>`, run from a temporary worktree) — and prints CDK's "IAM Statement
 * Changes" and "Managed Policy Changes" tables with an access summary per identity and resource
 * policy, as text, Markdown (for a pull request) or JSON. `--fail-on broadening|any` exits 4 when
 * access widens (or anything IAM changes), so CI can require approval.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { CliError, ExitCode } from "./errors";
import { checkOutFile, writeOutFile } from "./out-file";
import { NO_TYPECHECK_HELP, typecheckProgram } from "./typecheck";

/** Where the command writes (the CLI's io). */
export interface DiffCommandIo {
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  /** Progress is shown on it only when `isTTY` is true. */
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
}

/** Exit code of `--fail-on` when the change matches. */
export const DIFF_FAIL_EXIT = 4;

interface DiffCommandOptions {
  readonly base?: string;
  readonly format: "text" | "markdown" | "json";
  readonly out?: string;
  readonly failOn?: "broadening" | "any";
  readonly color?: boolean;
  readonly mode: "model" | "mocks" | "auto";
  /** false with `--no-typecheck`. */
  readonly typecheck: boolean;
  readonly allowUnsupported?: boolean;
  readonly stack: string;
  readonly config: Record<string, string>;
}

const TEMPLATE_FILE = /\.(json|ya?ml|template)$/i;

/** Adds the `diff` subcommand to the `iamx` command; `setExit` receives the exit code. */
export function registerDiffCommand(program: Command, io: DiffCommandIo, setExit: (code: number) => void): Command {
  return program
    .command("diff")
    .description(
      "Show what a change does to access: CDK's IAM statement and managed policy tables plus an access summary " +
        "per identity and resource policy. Compares <old> with <new> (each a program or a template file), or " +
        "a program with itself at a git ref (--base).",
    )
    .argument("<old-or-program>", "the old version (program or template), or with --base the program")
    .argument("[new]", "the new version: a program (a .ts/.js file or a Pulumi project folder) or a template")
    .option("-b, --base <ref>", "compare the program with the same program at this git ref (branch, tag, commit)")
    .addOption(
      new Option("-f, --format <format>", "text, markdown or json")
        .choices(["text", "markdown", "json"])
        .default("text"),
    )
    .option("-o, --out <file>", "write the diff to this file instead of stdout")
    .addOption(
      new Option("--fail-on <what>", "exit 4 when access widens (broadening) or on any IAM change (any)").choices([
        "broadening",
        "any",
      ]),
    )
    .option("--no-color", "no colours in the text format (default: colours on a terminal)")
    .addOption(
      new Option(
        "--mode <mode>",
        "how programs run: auto (model-only, under mocks when a program waits for an iamx Output), model or mocks (see iamx export)",
      )
        .choices(["model", "mocks", "auto"])
        .default("auto"),
    )
    .option("--no-typecheck", NO_TYPECHECK_HELP)
    .option("--allow-unsupported", "leave out resources with no CloudFormation mapping instead of failing (exit 3)")
    .option("-s, --stack <name>", "stack name; its Pulumi.<stack>.yaml config is read when present", "dev")
    .option("-c, --config <key=value>", "a config value for the programs (repeatable)", configPair, {})
    .addHelpText(
      "after",
      "\nExamples:\n  iamx diff deployed.template.json .            the program in . against what is deployed\n" +
        "  iamx diff . --base main --format markdown      this branch against main, for a pull request\n" +
        "  iamx diff old.json new.json --fail-on broadening\n" +
        "\nExit codes: 0 compared (whatever changed, unless --fail-on), 1 a program failed, 2 usage error (bad " +
        "option, no program or template at a path, unreadable template, unknown git ref), 3 a program creates " +
        "resources the export cannot represent, 4 --fail-on matched (access widens / IAM changed).",
    )
    .action(async (first: string, second: string | undefined, opts: DiffCommandOptions) =>
      setExit(await runDiff(first, second, opts, io)),
    );
}

function configPair(v: string, previous: Record<string, string>): Record<string, string> {
  const i = v.indexOf("=");
  if (i <= 0) throw new InvalidArgumentError(`expected key=value, got "${v}"`);
  return { ...previous, [v.slice(0, i)]: v.slice(i + 1) };
}

async function runDiff(
  first: string,
  second: string | undefined,
  opts: DiffCommandOptions,
  io: DiffCommandIo,
): Promise<number> {
  if (opts.base !== undefined && second !== undefined) {
    throw new CliError(ExitCode.Usage, "Give either <old> <new>, or one program with --base <ref>, not both.");
  }
  if (opts.base === undefined && second === undefined) {
    throw new CliError(
      ExitCode.Usage,
      "Give two versions to compare (iamx diff <old> <new>), or one program with --base <ref>.",
    );
  }
  if (opts.out) checkOutFile(opts.out);
  let oldTemplate: unknown;
  let newTemplate: unknown;
  if (opts.base !== undefined) {
    if (isTemplatePath(first)) throw new CliError(ExitCode.Usage, `--base needs a program, not the template ${first}.`);
    newTemplate = await load(first, opts, io);
    const { withBaseCheckout } = await import("./diff-base");
    // The version at the ref ran `pulumi up` once already; only the working copy is type-checked.
    oldTemplate = await withBaseCheckout(first, opts.base, (baseTarget) =>
      load(baseTarget, { ...opts, typecheck: false }, io, `${first} at ${opts.base}`),
    );
  } else {
    oldTemplate = await load(first, opts, io);
    newTemplate = await load(second!, opts, io);
  }
  const diffModel = await import("../diff");
  const diff = diffModel.diffTemplates(oldTemplate as never, newTemplate as never);
  const color = opts.color !== false && !opts.out && !!io.stdout.isTTY && !process.env.NO_COLOR;
  const text =
    opts.format === "json"
      ? diffModel.formatDiffJson(diff)
      : opts.format === "markdown"
        ? diffModel.formatDiffMarkdown(diff)
        : diffModel.formatDiffText(diff, { color });
  if (opts.out) {
    writeOutFile(opts.out, text);
    io.stderr.write(
      `Wrote ${opts.out}: ${diff.changed ? (diff.broadening ? "access widens" : "IAM changes") : "no IAM changes"}.\n`,
    );
  } else io.stdout.write(text);
  if (opts.failOn === "any" && diff.changed) return DIFF_FAIL_EXIT;
  if (opts.failOn === "broadening" && diff.broadening) return DIFF_FAIL_EXIT;
  return ExitCode.Ok;
}

function isTemplatePath(p: string): boolean {
  const abs = path.resolve(p);
  return (
    TEMPLATE_FILE.test(p) &&
    !/^Pulumi(\.[^.]+)?\.ya?ml$/i.test(path.basename(p)) &&
    (!fs.existsSync(abs) || fs.statSync(abs).isFile())
  );
}

/** One version's template: a template file read as is, or a program exported offline. */
async function load(target: string, opts: DiffCommandOptions, io: DiffCommandIo, label = target): Promise<unknown> {
  if (isTemplatePath(target)) return readTemplate(target);
  const { locateProgram, programFunction, readStackConfig } = await import("./program");
  const location = locateProgram(target);
  const stackConfig = readStackConfig(location.dir, location.project, opts.stack);
  await typecheckProgram(location, opts.typecheck, io);
  const config = { ...location.config, ...stackConfig.config, ...qualify(opts.config, location.project) };
  const { exportProgram } = await import("../render/cloudformation/export");
  const { describeUnsupported } = await import("../render/cloudformation/unsupported");
  const { withProgress } = await import("./progress");
  const result = await withProgress(io.stderr, `iamx diff: running ${label}`, () =>
    exportProgram(programFunction(location), {
      config,
      secretKeys: stackConfig.secretKeys,
      project: location.project,
      stack: opts.stack,
      mode: opts.mode,
      allowUnsupported: opts.allowUnsupported,
      checkLimits: false,
    }),
  );
  if (result.unsupported.length > 0) {
    io.stderr.write(
      `warning: ${label}: left out ${result.unsupported.length} resource(s) with no CloudFormation mapping ` +
        `(their IAM, if any, is not compared):\n${describeUnsupported(result.unsupported)}\n`,
    );
  }
  if (Object.keys(result.template.Resources).length === 0) {
    io.stderr.write(
      `warning: ${label} creates no resources: everything of the other version shows as added or removed.\n`,
    );
  }
  return result.template;
}

async function readTemplate(file: string): Promise<unknown> {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new CliError(ExitCode.Usage, `No template at ${file}: the file does not exist.`);
  let doc: unknown;
  try {
    const text = fs.readFileSync(abs, "utf8");
    doc =
      /\.json$/i.test(file) || /^\s*\{/.test(text)
        ? JSON.parse(text)
        : (await import("../render/cloudformation/yaml")).fromCfnYaml(text);
  } catch (e) {
    throw new CliError(ExitCode.Usage, `Cannot read the template ${file}: ${(e as Error).message}`);
  }
  const resources = (doc as { Resources?: unknown } | null)?.Resources;
  if (!doc || typeof doc !== "object" || !resources || typeof resources !== "object" || Array.isArray(resources)) {
    throw new CliError(ExitCode.Usage, `Cannot read the template ${file}: it has no Resources mapping.`);
  }
  return doc;
}

function qualify(config: Record<string, string>, project: string): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `${project}:${k}`, v]));
}
