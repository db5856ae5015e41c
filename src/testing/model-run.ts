/**
 * Model-only runs for tests: the program runs, but iamx components and their children are not
 * registered with Pulumi (see src/runtime/run.ts).
 */
import { run } from "../runtime/run";
import type { RawSynthesis, SynthesizeOptions } from "../runtime/types";

/** Runs `program` model-only; resolves like `synthesizeRaw`, resources in creation order. */
export async function runModelOnly(program: () => unknown, options: SynthesizeOptions = {}): Promise<RawSynthesis> {
  const { resources, outputs, model, programOutputs } = await run(program, { ...options, mode: "model" });
  return { resources, outputs, model, programOutputs };
}
