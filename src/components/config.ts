import * as pulumi from "@pulumi/pulumi";
import { checkEnvironment, setEnvironmentSource } from "../core/environment";
import { ValidationError } from "../core/errors";
import { configure, settings, type IamxSettings } from "../core/settings";
import { currentProgram, ProgramSlot } from "../runtime/program";

const APPLIED = new ProgramSlot("whether the iamx config was read", () => ({ done: false }));

/**
 * Reads `iamx:minimizePolicies`, `iamx:checkActions`, `iamx:validate`, `iamx:statementSourceLocations`,
 * `iamx:importedRoleStackSafeDefaultPolicyName` and the environment (`iamx:account`, `aws:region`) from the stack's Pulumi config once per
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
  applyConfigValidate();
  const sources = new pulumi.Config("iamx").getBoolean("statementSourceLocations");
  if (sources !== undefined) configure({ statementSourceLocations: sources });
  const stackSafe = new pulumi.Config("iamx").getBoolean("importedRoleStackSafeDefaultPolicyName");
  if (stackSafe !== undefined) configure({ importedRoleStackSafeDefaultPolicyName: stackSafe });
  applyConfigEnvironment();
}

/** `iamx:validate`: `false` / `true`, or `{"enabled": ..., "ignore": ["CODE", ...]}` (structured config). */
function applyConfigValidate(): void {
  const config = new pulumi.Config("iamx");
  const text = config.get("validate");
  if (text === undefined) return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = text;
  }
  try {
    configure({ validate: value as IamxSettings["validate"] });
  } catch {
    throw new ValidationError(
      "InvalidConfig",
      `Pulumi config iamx:validate must be true, false or {"ignore": ["CODE", ...]}, got ${JSON.stringify(text)}`,
    );
  }
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

// The environment may be read before the first component (a principal built as its argument).
setEnvironmentSource(applyConfigSettings);
