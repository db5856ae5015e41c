/**
 * `iamx report <program>`: the IAM policy report of a Pulumi program (CDK's
 * `iam-policy-report.json` for `Role.customizeRoles`): every role with its trust policy, managed
 * policies and inline statements, as Markdown (default), JSON (CDK's shape) or CDK's text. The
 * program runs offline like `iamx export`. When the program's policies fail validation (a role
 * without a precreated name, say) the report is still printed, the problems go to stderr, and
 * the exit code is 1 — as `cdk synth` writes its report and then fails.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { ExitCode } from "./errors";
import { checkOutFile, writeOutFile } from "./out-file";
import { NO_TYPECHECK_HELP, typecheckProgram } from "./typecheck";

/** Where the command writes (the CLI's io). */
export interface ReportCommandIo {
  readonly stdout: { write(s: string): unknown };
  /** Progress is shown on it only when `isTTY` is true. */
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
}

interface ReportCommandOptions {
  readonly format: "md" | "json" | "text";
  readonly out?: string;
  readonly mode: "model" | "mocks" | "auto";
  readonly stack: string;
  readonly config: Record<string, string>;
  /** false with `--no-typecheck`. */
  readonly typecheck: boolean;
}

/** Adds the `report` subcommand to the `iamx` command; `setExit` receives the exit code. */
export function registerReportCommand(program: Command, io: ReportCommandIo, setExit: (code: number) => void): Command {
  return program
    .command("report")
    .description(
      "Print the IAM policy report of a Pulumi program (a file, or a folder with Pulumi.yaml): every role with its " +
        "trust policy, managed policies and inline statements (CDK's customizeRoles report).",
    )
    .argument("<program>", "the program: a .ts/.js file or a Pulumi project folder")
    .addOption(
      new Option("-f, --format <format>", "md, json (CDK's iam-policy-report.json) or text (CDK's .txt)")
        .choices(["md", "json", "text"])
        .default("md"),
    )
    .option("-o, --out <file>", "write the report to this file instead of stdout")
    .addOption(
      new Option(
        "--mode <mode>",
        "model: build the model only (fast); mocks: register every resource with Pulumi mocks; " +
          "auto: model, or mocks when the program waits for an iamx output's value",
      )
        .choices(["model", "mocks", "auto"])
        .default("auto"),
    )
    .option("-s, --stack <name>", "stack name; its Pulumi.<stack>.yaml config is read when present", "dev")
    .option("-c, --config <key=value>", "a config value for the program (repeatable)", configPair, {})
    .option("--no-typecheck", NO_TYPECHECK_HELP)
    .addHelpText(
      "after",
      "\nExit codes: 0 ok, 1 the program failed or its policies are invalid (the report is still printed when the " +
        "program ran), 2 usage error (bad option, no program at the path).",
    )
    .action(async (target: string, opts: ReportCommandOptions) => setExit(await runReport(target, opts, io)));
}

function configPair(v: string, previous: Record<string, string>): Record<string, string> {
  const i = v.indexOf("=");
  if (i <= 0) throw new InvalidArgumentError(`expected key=value, got "${v}"`);
  return { ...previous, [v.slice(0, i)]: v.slice(i + 1) };
}

async function runReport(target: string, opts: ReportCommandOptions, io: ReportCommandIo): Promise<number> {
  if (opts.out) checkOutFile(opts.out);
  const { locateProgram, programFunction, readStackConfig } = await import("./program");
  const governance = await import("../governance");
  const location = locateProgram(target);
  const stackConfig = readStackConfig(location.dir, location.project, opts.stack);
  await typecheckProgram(location, opts.typecheck, io);
  const config = { ...location.config, ...stackConfig.config, ...qualify(opts.config, location.project) };
  const { withProgress } = await import("./progress");
  const result = await withProgress(io.stderr, "iamx report: running the program", () =>
    governance.reportProgram(programFunction(location), {
      config,
      secretKeys: stackConfig.secretKeys,
      project: location.project,
      stack: opts.stack,
      mode: opts.mode,
    }),
  );
  const text =
    opts.format === "json"
      ? governance.formatReportJson(result.report)
      : opts.format === "text"
        ? governance.formatReportText(result.report)
        : governance.formatReportMarkdown(result);
  if (opts.out) {
    writeOutFile(opts.out, text);
    io.stderr.write(`Wrote ${opts.out}: ${result.report.roles.length} role(s).\n`);
  } else io.stdout.write(text);
  if (result.problems) {
    io.stderr.write(`error: the program's policies are invalid:\n${result.problems.message}\n`);
    return ExitCode.ProgramFailed;
  }
  return ExitCode.Ok;
}

function qualify(config: Record<string, string>, project: string): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `${project}:${k}`, v]));
}
