/**
 * Exporting a whole program: run it offline (no engine, no cloud credentials), finalize its
 * policies, and render the CloudFormation model it built. Cloud resources that no iamx component
 * stands for are reported (an error unless allowed), never dropped silently.
 */
import { run } from "../../runtime/run";
import type { SynthesizedResource, SynthesizeOptions } from "../../runtime/types";
import { checkTemplateLimits } from "./limits";
import { renderTemplateAsync, type CfnTemplate } from "./template";
import { findUnsupported, UnsupportedResourcesError, type UnsupportedResource } from "./unsupported";

/** Options of {@link exportTemplate}. */
export interface ExportOptions extends SynthesizeOptions {
  /**
   * Leave out cloud resources that have no CloudFormation mapping (listed in the result) instead
   * of failing with an {@link UnsupportedResourcesError}.
   * @default false
   */
  readonly allowUnsupported?: boolean;
  /**
   * Template `Description`.
   * @default none
   */
  readonly description?: string;
  /**
   * How the program runs. `"model"`: iamx components build the model without registering
   * anything with Pulumi (fast). `"mocks"`: every resource is registered with Pulumi mocks, as the
   * testing kit does (slower; needed only by programs that use the values of iamx outputs).
   * `"auto"`: model-only, then under mocks when the program waits for an iamx output's value.
   * @default "auto"
   */
  readonly mode?: "model" | "mocks" | "auto";
  /**
   * Fail with a `TemplateLimitsError` when the template exceeds CloudFormation's quotas (500
   * resources, 200 parameters, 200 outputs, a 1 MB body measured as compact JSON). Turn it off
   * only to check the limits yourself, on the body as you write it (`checkTemplateLimits`).
   * @default true
   */
  readonly checkLimits?: boolean;
}

/** Everything an export run produced. */
export interface ExportResult {
  /** The CloudFormation template. */
  readonly template: CfnTemplate;
  /** Cloud resources of the program the template leaves out. */
  readonly unsupported: readonly UnsupportedResource[];
  /** Stack outputs with no CloudFormation equivalent (left out of `Outputs`). */
  readonly skippedOutputs: readonly string[];
  /** What the Pulumi deployment has that the template leaves out, one line each naming the resource. */
  readonly notes: readonly string[];
  /**
   * Every Pulumi resource the program registered (what `pulumi up` would create). When the
   * program ran model-only, iamx resources are listed with empty inputs and outputs.
   */
  readonly resources: readonly SynthesizedResource[];
  /** The program's stack outputs, resolved. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/**
 * Runs a Pulumi program offline and returns its CloudFormation template: the same IAM resources
 * and policies, with the logical ids aws-cdk-lib gives the same construct tree. External Pulumi
 * inputs become Parameters (secret ones `NoEcho`); stack outputs that are component attributes
 * become Outputs.
 *
 * @param program the program: a function that creates resources (may be async and may return
 *   stack outputs), e.g. `() => require("./index")`.
 * @throws UnsupportedResourcesError when the program creates cloud resources the export cannot
 *   represent, unless `allowUnsupported` is set.
 * @throws TemplateLimitsError when the template exceeds CloudFormation's quotas, unless
 *   `checkLimits` is false.
 */
export async function exportTemplate(program: () => unknown, options: ExportOptions = {}): Promise<CfnTemplate> {
  return (await exportProgram(program, options)).template;
}

/** Like {@link exportTemplate}, returning the full {@link ExportResult}. */
export async function exportProgram(program: () => unknown, options: ExportOptions = {}): Promise<ExportResult> {
  const raw = await run(program, options);
  const unsupported = findUnsupported(raw.resources, raw.order);
  if (unsupported.length > 0 && !options.allowUnsupported) throw new UnsupportedResourcesError(unsupported);
  const { template, skippedOutputs, notes } = await renderTemplateAsync(raw.model, {
    outputs: raw.programOutputs,
    description: options.description,
  });
  if (options.checkLimits !== false) checkTemplateLimits(template);
  return { template, unsupported, skippedOutputs, notes, resources: raw.resources, outputs: raw.outputs };
}
