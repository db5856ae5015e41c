import * as pulumi from "@pulumi/pulumi";
import { configure } from "../core/settings";
import { currentProgram, ProgramSlot } from "../runtime/program";

const APPLIED = new ProgramSlot("whether the iamx config was read", () => ({ done: false }));

/**
 * Reads `iamx:minimizePolicies` and `iamx:checkActions` from the stack's Pulumi config once per
 * program run, before the first component renders. Code that calls `configure()` after that wins.
 */
export function applyConfigSettings(): void {
  const applied = currentProgram().get(APPLIED);
  if (applied.done) return;
  applied.done = true;
  const value = new pulumi.Config("iamx").getBoolean("minimizePolicies");
  if (value !== undefined) configure({ minimizePolicies: value });
  const checkActions = new pulumi.Config("iamx").getBoolean("checkActions");
  if (checkActions !== undefined) configure({ checkActions });
}
