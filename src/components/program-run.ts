import { startProgram } from "../runtime/program";

/**
 * Starts a new program run in this process: default settings, no pending finalize work, an empty
 * CloudFormation model (warnings, lint suppressions and scope rules start empty too), no cached
 * provider lookups, and Pulumi config read again. The runtime starts one for every program it
 * runs; the multi-language provider calls it for each deployment it serves.
 */
export function startProgramRun(): void {
  startProgram("live");
}
