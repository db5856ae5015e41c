/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` — no engine, no cloud — and returns every
 * resource it registered, with resolved inputs and outputs. Each call is isolated: it is a new
 * program run (see src/runtime/run.ts), so tests can synthesize many programs in one process.
 */
import { run } from "../runtime/run";
import type { RawSynthesis, SynthesizeOptions } from "../runtime/types";

export type { RawSynthesis, SynthesizedResource, SynthesizeOptions } from "../runtime/types";

/**
 * Runs `program` under mocks and returns what it registered. Runs are serialized. Rejects when
 * the program fails, does not finish, or a registration fails.
 */
export async function synthesizeRaw(program: () => unknown, options: SynthesizeOptions = {}): Promise<RawSynthesis> {
  const { resources, outputs, model, programOutputs } = await run(program, { ...options, mode: "mocks" });
  return { resources, outputs, model, programOutputs };
}
