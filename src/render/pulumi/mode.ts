/**
 * Model-only runs. The fast CloudFormation export runs a program to build the model but renders
 * nothing for Pulumi: no document is turned into a Pulumi Output, and (see src/runtime/run.ts)
 * no iamx component or child is registered. Renderers consult {@link isModelOnly} and hand out
 * one shared unknown Output instead, as a preview would.
 */
import * as pulumi from "@pulumi/pulumi";
import { currentProgram, ProgramSlot } from "../../runtime/program";

const PLACEHOLDER = new ProgramSlot("the unknown Output of a model-only run", () => pulumi.output(pulumi.unknown));

/** Whether the current program run builds the model only (no Pulumi rendering). */
export function isModelOnly(): boolean {
  return currentProgram().mode === "model";
}

/** The Output renderers return in model-only runs: unknown, as during a preview. */
export function modelOnlyPlaceholder<T>(): pulumi.Output<T> {
  return currentProgram().get(PLACEHOLDER) as pulumi.Output<T>;
}
