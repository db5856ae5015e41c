import { scanSecrets } from "../render/cloudformation/template";
import { runModelOnly } from "../testing/model-run";
import type { SynthesizeOptions } from "../testing/synthesize";
import { lintModel } from "./engine";
import type { LintOptions, LintReport } from "./types";

/**
 * Runs a Pulumi program offline (no engine, no credentials) and lints the IAM resources it builds.
 * The program runs model-only, as `iamx export` does (the lint reads the CloudFormation model, not
 * the Pulumi registrations), which is several times faster than registering every resource with
 * mocks.
 *
 * @param program a function that creates the program's resources, e.g. `() => require("./index")`.
 */
export async function lintProgram(
  program: () => unknown,
  options: LintOptions & SynthesizeOptions = {},
): Promise<LintReport> {
  const raw = await runModelOnly(program, options);
  // secret Pulumi inputs must render as such in findings, as they do after a mocked run
  await scanSecrets(raw.model);
  return lintModel(raw.model, options);
}
