/**
 * CLI failures and their exit codes. Every failure prints a message on stderr and exits non-zero:
 * 1 when the program itself failed (it threw, or its policies failed validation), 2 for usage
 * problems (bad option, no program at the path), 3 when the program creates resources the export
 * cannot represent.
 */
export const ExitCode = {
  Ok: 0,
  ProgramFailed: 1,
  Usage: 2,
  Unsupported: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure: its message is printed as is (no stack trace), then the CLI exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    public readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}
