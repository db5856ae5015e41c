import * as pulumi from "@pulumi/pulumi";
import { checkEnvironment, setEnvironmentSource } from "../core/environment";
import { configure, settings } from "../core/settings";

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
  applyConfigEnvironment();
}

/**
 * `iamx:account` and the AWS provider's `aws:region` declare the program's environment; what a
 * program gave `configure({ env })` before its first component wins over them.
 */
function applyConfigEnvironment(): void {
  const account = new pulumi.Config("iamx").get("account");
  const region = new pulumi.Config("aws").get("region");
  if (account === undefined && region === undefined) return;
  const fromConfig = checkEnvironment(
    { ...(account !== undefined ? { account } : {}), ...(region !== undefined ? { region } : {}) },
    "Pulumi config iamx:account / aws:region",
  );
  configure({ env: { ...fromConfig, ...settings().env } });
}

/** Lets a new program run read the config again. */
export function resetConfigSettings(): void {
  applied = false;
}

// The environment may be read before the first component (a principal built as its argument).
setEnvironmentSource(applyConfigSettings);
