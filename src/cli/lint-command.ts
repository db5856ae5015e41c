/**
 * `iamx lint <program|template>`: the least-privilege lint from the command line. A program (a
 * .ts/.js file or a Pulumi project folder) runs offline like `iamx export`, then its IAM resources
 * are linted, honouring `Lint.suppress` in the program; a template file (.json, .yaml, .yml,
 * .template) is linted as is, honouring cdk-nag v2 suppressions in resource Metadata. Prints text,
 * JSON or SARIF 2.1.0; exits 1 when an error-level finding is not suppressed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { CliError, ExitCode } from "./errors";
import { checkOutFile, writeOutFile } from "./out-file";
import { NO_TYPECHECK_HELP, typecheckProgram } from "./typecheck";
import type { SarifOptions } from "../lint/format/sarif";

/** Where the command writes (the CLI's io). */
export interface LintCommandIo {
  readonly stdout: { write(s: string): unknown };
  /** Progress is shown on it only when `isTTY` is true. */
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
}

interface LintCommandOptions {
  readonly format: "text" | "json" | "sarif";
  readonly out?: string;
  readonly pack?: string[];
  readonly exclude?: string[];
  readonly account?: string;
  readonly stack: string;
  readonly config: Record<string, string>;
  /** false with `--no-typecheck`. */
  readonly typecheck: boolean;
}

const TEMPLATE_FILE = /\.(json|ya?ml|template)$/i;

/** Adds the `lint` subcommand to the `iamx` command; `setExit` receives the exit code. */
export function registerLintCommand(program: Command, io: LintCommandIo, setExit: (code: number) => void): Command {
  return program
    .command("lint")
    .description(
      "Lint the IAM policies of a Pulumi program (a file, or a folder with Pulumi.yaml) or of a CloudFormation " +
        "template file for least privilege. Exits 1 on error-level findings.",
    )
    .argument("<target>", "a .ts/.js program, a Pulumi project folder, or a template (.json/.yaml)")
    .addOption(
      new Option("-f, --format <format>", "text, json or sarif").choices(["text", "json", "sarif"]).default("text"),
    )
    .option("-o, --out <file>", "write the report to this file instead of stdout")
    .option(
      "-p, --pack <pack>",
      "rule pack to run (repeatable; default AwsSolutions and IAMX; also HIPAA.Security, NIST.800.53.R4, " +
        "NIST.800.53.R5, PCI.DSS.321)",
      collect,
    )
    .option("-x, --exclude <ruleId>", "skip a rule (repeatable)", collect)
    .option("--account <id>", "the account the program deploys to (its trust is not cross-account)", account)
    .option("-s, --stack <name>", "stack name; its Pulumi.<stack>.yaml config is read when present", "dev")
    .option("-c, --config <key=value>", "a config value for the program (repeatable)", configPair, {})
    .option("--no-typecheck", NO_TYPECHECK_HELP)
    .addHelpText(
      "after",
      "\nExit codes: 0 no unsuppressed error-level finding, 1 error-level findings (or the program failed), " +
        "2 usage error (bad option, unreadable template, no program at the path).",
    )
    .action(async (target: string, opts: LintCommandOptions) => setExit(await runLint(target, opts, io)));
}

function collect(v: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

function account(v: string): string {
  if (!/^\d{12}$/.test(v)) throw new InvalidArgumentError("expected a 12-digit account id");
  return v;
}

function configPair(v: string, previous: Record<string, string>): Record<string, string> {
  const i = v.indexOf("=");
  if (i <= 0) throw new InvalidArgumentError(`expected key=value, got "${v}"`);
  return { ...previous, [v.slice(0, i)]: v.slice(i + 1) };
}

async function runLint(target: string, opts: LintCommandOptions, io: LintCommandIo): Promise<number> {
  if (opts.out) checkOutFile(opts.out);
  const lint = await import("../lint");
  const options = { packs: opts.pack, excludeRules: opts.exclude, accountId: opts.account };
  const abs = path.resolve(target);
  const isTemplate =
    TEMPLATE_FILE.test(target) &&
    !/^Pulumi(\.[^.]+)?\.ya?ml$/i.test(path.basename(target)) &&
    fs.existsSync(abs) &&
    fs.statSync(abs).isFile();
  if (TEMPLATE_FILE.test(target) && !isTemplate && !fs.existsSync(abs)) {
    throw new CliError(ExitCode.Usage, `No template at ${target}: the file does not exist.`);
  }
  let report;
  let lineOf: ((logicalId: string) => number | undefined) | undefined;
  let positionOf: SarifOptions["positionOf"];
  let artifact: string;
  try {
    if (isTemplate) {
      const text = fs.readFileSync(abs, "utf8");
      report = lint.lintTemplate(await parseTemplate(text, target), { ...options, source: target });
      lineOf = (id) => lineOfKey(text, id);
      const { findingPath, templatePositions } = await import("../lint/format/template-positions");
      const at = templatePositions(text);
      positionOf = (f) => at(findingPath(f.logicalId, f.location));
      artifact = toUri(target);
    } else {
      const { locateProgram, programFunction, readStackConfig } = await import("./program");
      const location = locateProgram(target);
      const stackConfig = readStackConfig(location.dir, location.project, opts.stack);
      await typecheckProgram(location, opts.typecheck, io);
      const config = { ...location.config, ...stackConfig.config, ...qualify(opts.config, location.project) };
      const { withProgress } = await import("./progress");
      report = await withProgress(io.stderr, "iamx lint: running the program", () =>
        lint.lintProgram(programFunction(location), {
          ...options,
          source: path.relative(process.cwd(), location.entry) || location.entry,
          config,
          secretKeys: stackConfig.secretKeys,
          project: location.project,
          stack: opts.stack,
        }),
      );
      artifact = toUri(path.relative(process.cwd(), location.entry) || location.entry);
    }
  } catch (e) {
    const err = e as { name?: string; code?: string; message?: string };
    if (err?.name === "ValidationError" && (err.code === "InvalidTemplate" || err.code === "InvalidLintOptions")) {
      throw new CliError(ExitCode.Usage, err.message ?? String(e));
    }
    throw e;
  }
  // the text report is written as it is made (a large program's is megabytes)
  const text =
    opts.format === "json"
      ? lint.formatJson(report)
      : opts.format === "sarif"
        ? lint.formatSarif(report, {
            artifactUri: artifact,
            lineOf,
            positionOf,
            toolVersion: packageVersion(),
            rootDir: gitRoot(),
          })
        : (await import("../lint/format/text")).formatTextChunks(report);
  if (opts.out) {
    writeOutFile(opts.out, text);
    io.stderr.write(
      `Wrote ${opts.out}: ${report.errorCount} error(s), ${report.warningCount} warning(s), ${report.suppressed.length} suppressed.\n`,
    );
  } else if (typeof text === "string") io.stdout.write(text);
  else for (const chunk of text) io.stdout.write(chunk);
  return report.errorCount > 0 ? ExitCode.ProgramFailed : ExitCode.Ok;
}

async function parseTemplate(text: string, name: string): Promise<unknown> {
  try {
    if (/\.json$/i.test(name) || /^\s*\{/.test(text)) return JSON.parse(text);
    const { fromCfnYaml } = await import("../render/cloudformation/yaml");
    return fromCfnYaml(text);
  } catch (e) {
    throw new CliError(ExitCode.Usage, `Cannot read the template ${name}: ${(e as Error).message}`);
  }
}

/** The 1-based line where `key` first appears as a JSON or YAML mapping key. */
function lineOfKey(text: string, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`^\\s*(?:"${escaped}"|'${escaped}'|${escaped})\\s*:`);
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => re.test(l));
  return i >= 0 ? i + 1 : undefined;
}

/** The repository root above the working directory (where `.git` is), for SARIF URIs; none outside one. */
function gitRoot(): string | undefined {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function toUri(p: string): string {
  return p.split(path.sep).join("/");
}

function qualify(config: Record<string, string>, project: string): Record<string, string> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `${project}:${k}`, v]));
}

function packageVersion(): string | undefined {
  try {
    let dir = __dirname;
    for (let i = 0; i < 5; i++) {
      const file = path.join(dir, "package.json");
      if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, "utf8")) as { version?: string }).version;
      dir = path.dirname(dir);
    }
  } catch {
    // no version in the SARIF then
  }
  return undefined;
}
