/**
 * The `iamx` command: `iamx export <program>` writes the CloudFormation template of a Pulumi
 * program, `iamx preview <program>` prints the resources `pulumi up` would create, `iamx lint`
 * checks its policies for least privilege and `iamx report` lists every role with its policies.
 * All run the program offline (no Pulumi CLI, no engine, no cloud credentials).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { installFastStart } from "./fast-start";
import { CliError, ExitCode } from "./errors";
import { checkOutFile, writeOutFile } from "./out-file";
import { registerLintCommand } from "./lint-command";
import { registerReportCommand } from "./report-command";
import { NO_TYPECHECK_HELP, typecheckProgram } from "./typecheck";
import { registerDiffCommand } from "./diff-command";
import { claimedByRun } from "../runtime/rejections";

installFastStart();

/** Where the CLI writes; tests pass buffers. */
export interface CliIo {
  /** Colours (iamx diff's text format) only when `isTTY` is true. */
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  /** Progress is shown on it only when `isTTY` is true. */
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
}

interface RunOptions {
  readonly stack: string;
  readonly config: Record<string, string>;
  /** false with `--no-typecheck`. */
  readonly typecheck: boolean;
}

interface ExportCommandOptions extends RunOptions {
  readonly format?: "json" | "yaml";
  readonly out?: string;
  readonly allowUnsupported?: boolean;
  readonly mode: "model" | "mocks" | "auto";
  /** false with `--no-limits`: CloudFormation's quotas are not checked. */
  readonly limits: boolean;
}

interface PreviewCommandOptions extends RunOptions {
  readonly full?: boolean;
}

const VERSION = "0.1.0";

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = process): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program = buildCommand(io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    return report(e, io);
  }
  return exitCode;
}

function buildCommand(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command("iamx")
    .description(
      "pulumi-iamx: export a Pulumi program's IAM resources as CloudFormation, preview them, lint their " +
        "policies, report every role and diff what a change does to access, offline.",
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError("(run iamx --help for usage)");
  program.addHelpText(
    "after",
    "\nTypeScript programs are type-checked first, as pulumi up does (with the program's tsconfig.json; " +
      "a passing check is cached until a file it read changes); --no-typecheck or " +
      "PULUMI_NODEJS_TRANSPILE_ONLY=true skips it.\n" +
      "\nExit codes: 0 ok; 1 the program failed (threw, has type errors, or its policies are invalid), or the exported template " +
      "exceeds CloudFormation's limits (export --no-limits skips that check); 2 usage error (bad option, no " +
      "program at the path or a file that is not a program, unreadable package.json / Pulumi.yaml / " +
      "Pulumi.<stack>.yaml, an --out path that cannot be written); 3 the program creates resources the export " +
      "cannot represent; 4 iamx diff --fail-on matched (access widens, or IAM changed).",
  );

  withRunOptions(
    program
      .command("export")
      .description("Write the CloudFormation template of a Pulumi program (a file, or a folder with Pulumi.yaml).")
      .argument("<program>", "the program: a .ts/.js file or a Pulumi project folder")
      .addOption(new Option("-f, --format <format>", "json or yaml (default: from --out, else json)").argParser(format))
      .option("-o, --out <file>", "write the template to this file instead of stdout")
      .option("--allow-unsupported", "leave out resources that have no CloudFormation mapping instead of failing")
      .option(
        "--no-limits",
        "do not check CloudFormation's quotas (500 resources, 200 parameters, 200 outputs, a 1 MB body; " +
          "exceeding one is exit 1 otherwise), e.g. for a template you split or measure yourself",
      )
      .addOption(
        new Option(
          "--mode <mode>",
          "model: build the model only (fast); mocks: register every resource with Pulumi mocks; " +
            "auto: model, or mocks when the program waits for an iamx output's value",
        )
          .choices(["model", "mocks", "auto"])
          .default("auto"),
      ),
  ).action(async (target: string, opts: ExportCommandOptions) => setExit(await runExport(target, opts, io)));

  withRunOptions(
    program
      .command("preview")
      .description("Print the resources `pulumi up` would create (type, name, parent) with their inputs, offline.")
      .argument("<program>", "the program: a .ts/.js file or a Pulumi project folder")
      .option("--full", "print every input in full (default: one line each)"),
  ).action(async (target: string, opts: PreviewCommandOptions) => setExit(await runPreview(target, opts, io)));
  registerLintCommand(program, io, setExit);
  registerReportCommand(program, io, setExit);
  registerDiffCommand(program, io, setExit);
  return program;
}

function withRunOptions(cmd: Command): Command {
  return cmd
    .option("-s, --stack <name>", "stack name; its Pulumi.<stack>.yaml config is read when present", "dev")
    .option(
      "-c, --config <key=value>",
      "a config value (repeatable), e.g. -c iamx:minimizePolicies=false",
      configPair,
      {},
    )
    .option("--no-typecheck", NO_TYPECHECK_HELP);
}

function format(v: string): "json" | "yaml" {
  if (v !== "json" && v !== "yaml") throw new InvalidArgumentError("expected json or yaml");
  return v;
}

function configPair(v: string, previous: Record<string, string>): Record<string, string> {
  const i = v.indexOf("=");
  if (i <= 0) throw new InvalidArgumentError(`expected key=value, got "${v}"`);
  return { ...previous, [v.slice(0, i)]: v.slice(i + 1) };
}

async function prepare(target: string, opts: RunOptions, io: CliIo) {
  const { locateProgram, programFunction, readStackConfig } = await import("./program");
  const location = locateProgram(target);
  const stackConfig = readStackConfig(location.dir, location.project, opts.stack);
  await typecheckProgram(location, opts.typecheck, io);
  const config = { ...location.config, ...stackConfig.config, ...qualify(opts.config, location.project) };
  return {
    location,
    program: programFunction(location),
    synth: { config, secretKeys: stackConfig.secretKeys, project: location.project, stack: opts.stack },
  };
}

function qualify(config: Record<string, string>, project: string): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `${project}:${k}`, v]));
}

async function runExport(target: string, opts: ExportCommandOptions, io: CliIo): Promise<number> {
  if (opts.out) checkOutFile(opts.out);
  const { program, synth } = await prepare(target, opts, io);
  const { exportProgram } = await import("../render/cloudformation/export");
  const { describeUnsupported } = await import("../render/cloudformation/unsupported");
  const { withProgress } = await import("./progress");
  const result = await withProgress(io.stderr, "iamx export: running the program", () =>
    exportProgram(program, { ...synth, allowUnsupported: opts.allowUnsupported, mode: opts.mode, checkLimits: false }),
  );
  const fmt = opts.format ?? (opts.out && /\.ya?ml$/i.test(opts.out) ? "yaml" : "json");
  const text =
    fmt === "yaml"
      ? (await import("../render/cloudformation/yaml")).toCfnYaml(result.template)
      : JSON.stringify(result.template, null, 2) + "\n";
  // every quota at once, the body measured as it would be written; nothing is written past them
  if (opts.limits) {
    (await import("../render/cloudformation/limits")).checkTemplateLimits(result.template, { text, format: fmt });
  }
  if (result.unsupported.length > 0) {
    io.stderr.write(
      `warning: left out ${result.unsupported.length} resource(s) with no CloudFormation mapping:\n${describeUnsupported(result.unsupported)}\n`,
    );
  }
  if (Object.keys(result.template.Resources).length === 0) {
    io.stderr.write("warning: the template has no resources (CloudFormation needs at least one to deploy it).\n");
  }
  if (result.skippedOutputs.length > 0) {
    io.stderr.write(
      `warning: stack outputs with no CloudFormation equivalent, left out of Outputs: ${result.skippedOutputs.join(", ")}\n`,
    );
  }
  for (const note of result.notes) io.stderr.write(`warning: not in the template: ${note}\n`);
  if (opts.out) {
    writeOutFile(opts.out, text);
    const t = result.template;
    io.stderr.write(
      `Wrote ${opts.out}: ${Object.keys(t.Resources).length} resources, ${Object.keys(t.Parameters ?? {}).length} parameters, ` +
        `${Object.keys(t.Outputs ?? {}).length} outputs.\n`,
    );
  } else io.stdout.write(text);
  return ExitCode.Ok;
}

async function runPreview(target: string, opts: PreviewCommandOptions, io: CliIo): Promise<number> {
  const { program, synth } = await prepare(target, opts, io);
  const { run } = await import("../runtime/run");
  const { formatPlanChunks } = await import("./preview");
  const { withProgress } = await import("./progress");
  const raw = await withProgress(io.stderr, "iamx preview: running the program", () =>
    run(program, { ...synth, mode: "plan" }),
  );
  // written as it is made (a large program's plan is megabytes)
  const stack = { project: synth.project, stack: synth.stack };
  for (const chunk of formatPlanChunks(raw.resources, stack, { full: opts.full })) io.stdout.write(chunk);
  return ExitCode.Ok;
}

/** Failures already printed, so a rejection Pulumi re-raises for the same error is not printed twice. */
const reported = new WeakSet<object>();

/** Prints a failure and returns its exit code. */
function report(e: unknown, io: CliIo): number {
  if (e && typeof e === "object") reported.add(e);
  if (e instanceof CliError) {
    io.stderr.write(`error: ${e.message}\n`);
    return e.exitCode;
  }
  const err = e as Error & { code?: string };
  if (err?.name === "TemplateLimitsError" || err?.name === "ProgramRunError") {
    io.stderr.write(`error: ${err.message}\n`);
    return ExitCode.ProgramFailed;
  }
  if (err?.name === "UnsupportedResourcesError") {
    io.stderr.write(`error: ${err.message}\n`);
    return ExitCode.Unsupported;
  }
  io.stderr.write(`error: the program failed:\n${err?.stack ?? String(e)}\n`);
  return ExitCode.ProgramFailed;
}

/** Runs the CLI as a process: process arguments, exit code, unhandled rejections reported as program failures. */
export function runCli(argv: readonly string[] = process.argv.slice(2)): void {
  // `iamx export prog | head` closes the pipe early: stop quietly, as other command-line tools do.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.on("unhandledRejection", (e) => {
    if ((e && typeof e === "object" && reported.has(e)) || claimedByRun(e)) return;
    process.stderr.write(`error: the program failed (unhandled rejection):\n${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(ExitCode.ProgramFailed);
  });
  main(argv).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runCli();
