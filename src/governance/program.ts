import { ValidationErrors } from "../core/errors";
import type { ProgramModel } from "../render/cloudformation/model";
import { programModel } from "../render/cloudformation/model";
import { scanSecrets } from "../render/cloudformation/template";
import { run } from "../runtime/run";
import { activeResources, watch } from "../runtime/stall";
import type { SynthesizeOptions } from "../runtime/types";
import { detailedPolicyReport, type DetailedPolicyReport } from "./report";

/** Options of {@link reportProgram}. */
export interface ReportProgramOptions extends SynthesizeOptions {
  /**
   * How the program runs: `"model"` builds the model only (fast, as `iamx export`); `"mocks"`
   * registers every resource with Pulumi mocks (needed only by programs that use the values of
   * iamx outputs); `"auto"` runs model-only, then under mocks when the program waits for an
   * iamx output's value.
   * @default "auto"
   */
  readonly mode?: "model" | "mocks" | "auto";
}

/** What {@link reportProgram} found. */
export interface ProgramReport extends DetailedPolicyReport {
  /**
   * The program's validation problems (missing precreated role names, invalid policies), when
   * finalizing it failed; the report is still complete, as CDK still writes its report.
   */
  readonly problems?: ValidationErrors;
}

/**
 * Runs a Pulumi program offline (no engine, no credentials) and returns the policy report of
 * every role it makes (see {@link policyReport}).
 *
 * @param program a function that creates the program's resources, e.g. `() => require("./index")`.
 * @throws whatever the program throws, except validation problems found when its policies are
 *   finalized, which are returned in `problems`.
 */
export async function reportProgram(
  program: () => unknown,
  options: ReportProgramOptions = {},
): Promise<ProgramReport> {
  let model: ProgramModel | undefined;
  const wrapped = async () => {
    model = programModel();
    return program();
  };
  let problems: ValidationErrors | undefined;
  try {
    await run(wrapped, options);
  } catch (e) {
    if (!(e instanceof ValidationErrors) || !model) throw e;
    problems = e;
  }
  // Secret outputs kept as dynamic references take no parameter name in the export: nor here.
  // (After a failed finalize, outputs that depend on what it held back never settle: the run
  // registered nothing of it. Those stay unmarked; their values are never read.)
  await watch(scanSecrets(model), activeResources());
  return { ...detailedPolicyReport(model), problems };
}
