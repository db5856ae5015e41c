import { resetSettings } from "../core/settings";
import { resetLifecycle } from "../render/pulumi/lifecycle";
import { resetValueCache } from "../render/pulumi/values";
import { resetTransforms } from "../render/pulumi/transforms";
import { resetProgramModel } from "../render/cloudformation/model";
import { resetConfigSettings } from "./config";

/**
 * Starts a new program run in this process: default settings, no pending finalize work, an empty
 * CloudFormation model (per-run state such as warnings and lint suppressions hangs off it), no
 * cached provider lookups, and Pulumi config read again. The testing kit, the exporter and the
 * multi-language provider call it before each program they run.
 */
export function startProgramRun(): void {
  resetSettings();
  resetLifecycle();
  resetProgramModel();
  resetValueCache();
  resetConfigSettings();
  resetTransforms();
}
