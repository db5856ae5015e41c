import { synthesizeRaw, type SynthesizeOptions } from "../testing/synthesize";
import { lintModel } from "./engine";
import type { LintOptions, LintReport } from "./types";

/**
 * Runs a Pulumi program offline (under mocks: no engine, no credentials) and lints the IAM
 * resources it builds.
 *
 * @param program a function that creates the program's resources, e.g. `() => require("./index")`.
 */
export async function lintProgram(
  program: () => unknown,
  options: LintOptions & SynthesizeOptions = {},
): Promise<LintReport> {
  const raw = await synthesizeRaw(program, options);
  return lintModel(raw.model, options);
}
