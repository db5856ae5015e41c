// A program folder or file run as the CLI runs it: its program function, and the project, stack
// ("dev") and config the CLI reads for it.
import * as path from "node:path";
import { locateProgram, programFunction, readStackConfig } from "../src/cli/program";
import type { SynthesizeOptions } from "../src/runtime/types";

const ROOT = path.resolve(__dirname, "..");

/** `target` (relative to the repository root) as `iamx preview <target>` would run it. */
export function cliProgram(target: string): { program: () => unknown; options: SynthesizeOptions } {
  const location = locateProgram(target, ROOT);
  const stack = readStackConfig(location.dir, location.project, "dev");
  return {
    program: programFunction(location),
    options: {
      project: location.project,
      stack: "dev",
      config: { ...location.config, ...stack.config },
      secretKeys: stack.secretKeys,
    },
  };
}
