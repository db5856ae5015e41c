/**
 * Model-only runs. The fast CloudFormation export runs a program to build the model but renders
 * nothing for Pulumi: no document is turned into a Pulumi Output, and (see src/testing/model-run.ts)
 * no iamx component or child is registered. Renderers consult {@link isModelOnly} and hand out
 * one shared unknown Output instead, as a preview would.
 */
import * as pulumi from "@pulumi/pulumi";

let modelOnly = false;
let placeholder: pulumi.Output<any> | undefined;

/** Whether the current program run builds the model only (no Pulumi rendering). */
export function isModelOnly(): boolean {
  return modelOnly;
}

/** Starts or ends a model-only run. */
export function setModelOnly(on: boolean): void {
  modelOnly = on;
  placeholder = undefined;
}

/** The Output renderers return in model-only runs: unknown, as during a preview. */
export function modelOnlyPlaceholder<T>(): pulumi.Output<T> {
  placeholder ??= pulumi.output(pulumi.unknown);
  return placeholder as pulumi.Output<T>;
}
