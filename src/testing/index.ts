// pulumi-iamx/testing: run programs under Pulumi mocks and assert on what they register.
import { Synthesis } from "./assertions";
import { synthesizeRaw, type SynthesizeOptions } from "./synthesize";
import { templateOf } from "./template-source";

export { Synthesis } from "./assertions";
export { Match, Matcher, type MatchFailure } from "./match";
export type { SynthesizedResource, SynthesizeOptions, RawSynthesis } from "./synthesize";
export { synthesizeRaw } from "./synthesize";

/**
 * Runs a Pulumi program under mocks (no engine, no cloud, no credentials) and returns every
 * resource it registered, its stack outputs, and its CloudFormation export, with CDK-style
 * assertions. Each call is isolated; calls can run one after another in one process.
 */
export async function synthesize(program: () => unknown, options: SynthesizeOptions = {}): Promise<Synthesis> {
  return new Synthesis(await synthesizeRaw(program, options), templateOf);
}
