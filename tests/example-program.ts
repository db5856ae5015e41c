// The programs of examples/<name>, for the tests that run them (under mocks or exported).
import { join } from "node:path";

const EXAMPLES = join(__dirname, "..", "examples");

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
