import { scanSecrets } from "../render/cloudformation/template";
import { run } from "../runtime/run";
import type { SynthesizeOptions } from "../runtime/types";
import { lintModel } from "./engine";
import type { LintOptions, LintReport } from "./types";

/**
 * Runs a Pulumi program offline (no engine, no credentials) and lints the IAM resources it builds.
 * The program runs model-only when it can, as `iamx export` does (the lint reads the
 * CloudFormation model, not the Pulumi registrations), which is several times faster than
 * registering every resource with mocks; a program that waits for an iamx output's value runs
 * under mocks.
 *
 * @param program a function that creates the program's resources, e.g. `() => require("./index")`.
 */
export async function lintProgram(
  program: () => unknown,
  options: LintOptions & SynthesizeOptions = {},
): Promise<LintReport> {
  // The policy validation's errors are this lint's findings, not a failed run.
  const raw = await run(program, { ...options, mode: "auto", failOnPolicyErrors: false });
  // secret Pulumi inputs must render as such in findings, as they do after a mocked run
  if (raw.mode === "model") await scanSecrets(raw.model);
  return lintModel(raw.model, options);
}
