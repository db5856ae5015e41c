import * as pulumi from "@pulumi/pulumi";
import { configure } from "../core/settings";

let applied = false;

/**
 * Reads `iamx:minimizePolicies`, `iamx:checkActions` and `iamx:importedRoleStackSafeDefaultPolicyName` from the stack's Pulumi config once,
 * before the first component renders. Code that calls `configure()` after that wins.
 */
export function applyConfigSettings(): void {
  if (applied) return;
  applied = true;
  const value = new pulumi.Config("iamx").getBoolean("minimizePolicies");
  if (value !== undefined) configure({ minimizePolicies: value });
  const checkActions = new pulumi.Config("iamx").getBoolean("checkActions");
  if (checkActions !== undefined) configure({ checkActions });
  const stackSafe = new pulumi.Config("iamx").getBoolean("importedRoleStackSafeDefaultPolicyName");
  if (stackSafe !== undefined) configure({ importedRoleStackSafeDefaultPolicyName: stackSafe });
}

/** Lets a new program run read the config again. */
export function resetConfigSettings(): void {
  applied = false;
}
