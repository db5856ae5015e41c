// The programs of examples/<name>, for the tests that run them (under mocks or exported).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const EXAMPLES = join(__dirname, "..", "examples");

/**
 * The folders under examples/ that are Pulumi programs, sorted. A policy pack (PulumiPolicy.yaml)
 * is no program: its entry serves an analyzer and would end the test process
 * (tests/policy/example-pack.test.ts runs it in a process of its own).
 */
export function exampleProgramNames(): string[] {
  return readdirSync(EXAMPLES)
    .filter((d) => statSync(join(EXAMPLES, d)).isDirectory() && !existsSync(join(EXAMPLES, d, "PulumiPolicy.yaml")))
    .sort();
}

/**
 * The program of `examples/<name>`: each call evaluates its index.ts afresh (the module is
 * dropped from the require cache first) and returns its exports. With `leaveUncached`, the module
 * is also dropped after each call, for examples another test file (the CLI tests) loads too.
 */
export function exampleProgram(name: string, { leaveUncached = false } = {}): () => Record<string, unknown> {
  const entry = require.resolve(join(EXAMPLES, name));
  return () => {
    delete require.cache[entry];
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return { ...(require(entry) as Record<string, unknown>) };
    } finally {
      if (leaveUncached) delete require.cache[entry];
    }
  };
}
