// pulumi-iamx/testing: run programs under Pulumi mocks and assert on what they register. An explicit
// public list, pinned by tests/api/public-surface.test.ts. `synthesizeRaw` stays internal (the CLI,
// the export and our tests import it from ./synthesize); users call `synthesize`.
import { Synthesis } from "./assertions";
import { synthesizePlanned, type SynthesizeOptions } from "./synthesize";
import { templateOf } from "./template-source";

// Running a program and asserting on it
export { Synthesis } from "./assertions";
export type { SynthesizedResource, SynthesizeOptions, RawSynthesis } from "./synthesize";

// Matchers for partial, deep and pattern assertions
export { Match, Matcher, type MatchFailure } from "./match";

/**
 * Runs a Pulumi program under mocks (no engine, no cloud, no credentials) and returns every
 * resource it registered, in the order the program created them, its stack outputs, and its
 * CloudFormation export, with CDK-style assertions. Each call is isolated; calls can run one after
 * another in one process.
 */
export async function synthesize(program: () => unknown, options: SynthesizeOptions = {}): Promise<Synthesis> {
  return new Synthesis(await synthesizePlanned(program, options), templateOf);
}
