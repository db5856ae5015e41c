/**
 * Runs a Pulumi program under mocks — no engine, no cloud — and returns every resource it
 * registered, with resolved inputs and outputs. Each call is isolated: it is a new program run
 * (see src/runtime/run.ts), so tests can synthesize many programs in one process.
 */
import { run } from "../runtime/run";
import type { RawSynthesis, SynthesizeOptions } from "../runtime/types";

export type { RawSynthesis, SynthesizedResource, SynthesizeOptions } from "../runtime/types";

/**
 * Runs `program` under mocks and returns what it registered, in the order the mocks answered.
 * Runs are serialized. Rejects when the program fails, does not finish, or a registration fails.
 */
export async function synthesizeRaw(program: () => unknown, options: SynthesizeOptions = {}): Promise<RawSynthesis> {
  const { resources, outputs, model, programOutputs } = await run(program, { ...options, mode: "mocks" });
  return { resources, outputs, model, programOutputs };
}

/**
 * What the testing kit's `synthesize` runs: a plan run (src/runtime/plan.ts), which gives the
 * mocked run's resources, inputs and outputs, in creation order, at about half its cost (iamx
 * resources skip Pulumi's registration round trip; other resources still go to the mocks). The
 * model is asked for secret outputs as in a mocked run, so the template is the same too. Rejects
 * as {@link synthesizeRaw} does.
 */
export async function synthesizePlanned(
  program: () => unknown,
  options: SynthesizeOptions = {},
): Promise<RawSynthesis> {
  const { resources, outputs, model, programOutputs } = await run(program, {
    ...options,
    mode: "plan",
    secretOutputs: true,
  });
  return { resources, outputs, model, programOutputs };
}
