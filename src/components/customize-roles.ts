/**
 * `Role.customizeRoles` (CDK's precreated roles): in a scope, roles are not created by the
 * program but referenced by names a security team gives, and every role's policies go into a
 * policy report (see src/governance) so that team can create them.
 *
 * The setting is read when a role or managed policy is made, from the closest scope that has
 * one (CDK reads construct context the same way), so it must be set before the roles it covers
 * exist. With `preventSynthesis` (the default) a role registers no Pulumi resource and no
 * CloudFormation resource: its name and ARN are the precreated ones, statements and policies
 * added to it are only recorded, and managed policies made in the scope are not created either.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "../core/document";
import { ValidationError } from "../core/errors";
import { Aws, aliasValue, concat, describe, type Value } from "../core/value";
import type { ProgramModel } from "../render/cloudformation/model";
import { isFinalized, reportProblem } from "../render/pulumi/lifecycle";
import { toOutput } from "../render/pulumi/values";
import { IamxComponent } from "./base";
import type { IRole } from "./interfaces";
import { PrecreatedImportedRole } from "./precreated-import";
import { PrecreatedRole } from "./precreated-role";
import {
  checkScope,
  perRun,
  scopeLabel,
  scopePathText,
  scopesOf,
  stateOfRun,
  type GovernanceScope,
} from "./program-scope";

/** Options of `Role.customizeRoles` (CDK's `CustomizeRolesOptions`). */
export interface CustomizeRolesOptions {
  /**
   * The name of the precreated role for each role's construct path (`"Api/Handler"`; the path of
   * an iamx component is its name below its parents' names, e.g. `IP/InstanceRole` for an
   * InstanceProfile's role). A path that does not start with the scope's own path is taken as
   * relative to it. Every role in the scope needs a name when synthesis is prevented; a missing
   * one fails the program at finalize with CDK's message (the report still lists the role).
   * @default none
   */
  readonly usePrecreatedRoles?: Readonly<Record<string, string>>;
  /**
   * Whether roles (and managed policies) in the scope are left out of the program. `false`
   * creates them as usual; the report lists them either way.
   * @default true
   */
  readonly preventSynthesis?: boolean;
}

interface ScopeConfig {
  readonly preventSynthesis: boolean;
  /** Precreated names by absolute construct path (values may be non-strings: reported per role). */
  readonly names: ReadonlyMap<string, unknown>;
}

/** A role of the program, in creation order, with its precreated form when synthesis is prevented. */
export interface TrackedRole {
  /** The Role component (or, for an imported role under customizeRoles, the object the import returned). */
  readonly component: object;
  /** Set when customizeRoles prevents the role's synthesis. */
  readonly precreated?: PrecreatedRole;
}

/** A managed policy that customizeRoles keeps out of the program (CDK: a policy "imported" by its construct id). */
export interface PrecreatedManagedPolicy {
  /** The component. */
  readonly component: IamxComponent;
  /** Its ARN in the model: `arn:<partition>:iam::<account>:policy/<construct id>`. */
  readonly arn: Value;
  /** The ARN as a Pulumi Output standing for {@link arn}. */
  readonly managedPolicyArn: pulumi.Output<string>;
  /** The name (the construct id) as a Pulumi Output. */
  readonly managedPolicyName: pulumi.Output<string>;
  /** The policy's statements. */
  readonly document: PolicyDocument;
  /** Roles (and other identities) the policy was attached to from its own side. */
  readonly attachedTo: unknown[];
}

interface CustomizeState {
  readonly configs: Map<GovernanceScope, ScopeConfig>;
  readonly roles: TrackedRole[];
  readonly managedPolicies: PrecreatedManagedPolicy[];
  /** Every managed policy component made, to refuse a late customizeRoles. */
  readonly madePolicies: IamxComponent[];
}

const STATE = Symbol("pulumi-iamx.customizeRoles");

function state(): CustomizeState {
  return perRun(STATE, () => ({ configs: new Map(), roles: [], managedPolicies: [], madePolicies: [] }));
}

/**
 * Registers customizeRoles on a scope (see {@link CustomizeRolesOptions}); `Role.customizeRoles`
 * is the public entry point.
 */
export function customizeRoles(scope: GovernanceScope, options: CustomizeRolesOptions = {}): void {
  const target = checkScope(scope, "Role.customizeRoles");
  const label = scopeLabel(target);
  if (isFinalized()) {
    throw new ValidationError(
      "ModifiedAfterFinalize",
      `Role.customizeRoles(${label}) was called after the program's policies were finalized; call it before the roles are created.`,
      label,
    );
  }
  const { preventSynthesis, names } = checkOptions(options, label);
  const s = state();
  const made = [...s.roles.map((r) => r.component), ...s.madePolicies].filter(
    (c): c is IamxComponent => c instanceof IamxComponent,
  );
  const inside = made.filter((c) => scopesOf(c).includes(target));
  if (inside.length > 0) {
    throw new ValidationError(
      "CustomizeRolesAfterRoles",
      `Role.customizeRoles must be called before the roles and managed policies of ${label} are created; ` +
        `already created: ${inside.map((c) => c.displayPath).join(", ")}`,
      label,
    );
  }
  const base = scopePathText(target);
  const absolute = new Map<string, unknown>();
  // A path is absolute only when the scope's path is a whole-segment prefix of it: "TeamLead"
  // under scope "Team" is relative (CDK's paths carry the stack's name, so it never sees this).
  const isAbsolute = (path: string) => base === "" || path === base || path.startsWith(`${base}/`);
  for (const [path, name] of names) absolute.set(isAbsolute(path) ? path : `${base}/${path}`, name);
  s.configs.set(target, { preventSynthesis, names: absolute });
}

function checkOptions(options: unknown, label: string): { preventSynthesis: boolean; names: [string, unknown][] } {
  const fail = (what: string): never => {
    throw new ValidationError("InvalidCustomizeRolesOptions", `Role.customizeRoles: ${what}`, label);
  };
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    return fail(`options must be an object, got ${describe(options)}`);
  }
  const o = options as { usePrecreatedRoles?: unknown; preventSynthesis?: unknown };
  if (o.preventSynthesis !== undefined && typeof o.preventSynthesis !== "boolean") {
    fail(`preventSynthesis must be a boolean, got ${describe(o.preventSynthesis)}`);
  }
  const roles = o.usePrecreatedRoles;
  if (roles !== undefined && (typeof roles !== "object" || roles === null || Array.isArray(roles))) {
    fail(`usePrecreatedRoles must be an object of construct path to role name, got ${describe(roles)}`);
  }
  const names = Object.entries((roles ?? {}) as Record<string, unknown>);
  for (const [path, name] of names) {
    // Outputs and promises are accepted here and reported per role, as CDK reports tokens.
    if (typeof name === "string" ? name.length === 0 : typeof name !== "object" || name === null) {
      fail(`the precreated role name for "${path}" must be a non-empty string, got ${describe(name)}`);
    }
  }
  return { preventSynthesis: o.preventSynthesis !== false, names };
}

/** The customizeRoles setting of the closest of `scopes` (innermost first) that has one. */
function configFor(scopes: readonly GovernanceScope[]): ScopeConfig | undefined {
  const configs = state().configs;
  if (configs.size === 0) return undefined;
  for (const scope of scopes) {
    const config = configs.get(scope);
    if (config) return config;
  }
  return undefined;
}

/**
 * @internal Called by every Role when made: tracks it for the report and, when customizeRoles
 * prevents its synthesis, returns what the role becomes (missing names are reported as CDK does).
 */
export function precreatedRoleFor(
  role: IamxComponent,
  trust: PolicyDocument,
  inlinePolicies: readonly PolicyDocument[],
): PrecreatedRole | undefined {
  const config = configFor(scopesOf(role));
  let precreated: PrecreatedRole | undefined;
  if (config?.preventSynthesis) {
    const path = role.displayPath;
    let name: string | undefined;
    if (!config.names.has(path)) {
      reportProblem(
        path,
        `IAM Role is being created at path "${path}" and customizeRoles.preventSynthesis is enabled. ` +
          "You must provide a precreated role name in customizeRoles.precreatedRoles",
      );
    } else if (typeof config.names.get(path) !== "string") {
      reportProblem(path, `Cannot resolve precreated role name at path "${path}". The value may be a token.`);
    } else name = config.names.get(path) as string;
    const constructId = role.constructPath[role.constructPath.length - 1];
    precreated = new PrecreatedRole(path, name, constructId, trust, inlinePolicies);
    preventAccess(role, {
      roleId: () =>
        new ValidationError("RoleidAvailablePrecreatedRoles", '"roleId" is not available on precreated roles', path),
      resource: () => prevented(path, "resource"),
      cfn: () => prevented(path, "cfn"),
    });
  }
  state().roles.push({ component: role, precreated });
  return precreated;
}

/**
 * @internal Called by every ManagedPolicy when made: when customizeRoles prevents synthesis in
 * its scope, the policy is not created and stands for `arn:...:policy/<construct id>` (as CDK).
 */
export function precreatedManagedPolicyFor(
  policy: IamxComponent,
  document: PolicyDocument,
): PrecreatedManagedPolicy | undefined {
  const s = state();
  s.madePolicies.push(policy);
  if (!configFor(scopesOf(policy))?.preventSynthesis) return undefined;
  const id = policy.constructPath[policy.constructPath.length - 1];
  const arn = concat("arn:", Aws.PARTITION, ":iam::", Aws.ACCOUNT_ID, `:policy/${id}`);
  const precreated: PrecreatedManagedPolicy = {
    component: policy,
    arn,
    managedPolicyArn: aliasValue(toOutput(arn), arn),
    managedPolicyName: aliasValue(pulumi.output(id), id),
    document,
    attachedTo: [],
  };
  preventAccess(policy, {
    resource: () => prevented(policy.displayPath, "resource"),
    cfn: () => prevented(policy.displayPath, "cfn"),
  });
  s.managedPolicies.push(precreated);
  return precreated;
}

/**
 * @internal Called by `Role.fromRoleArn`/`fromRoleName`: in a scope where customizeRoles
 * prevents synthesis, the imported role records what the program gives it for the report
 * instead of deploying it (as CDK); elsewhere the import is returned as is.
 */
export function customizedImport(name: string, role: IRole, opts?: pulumi.ComponentResourceOptions): IRole {
  if (state().configs.size === 0) return role;
  const parent = opts?.parent;
  if (!configFor(scopesOf(parent))?.preventSynthesis) return role;
  const base = parent ? scopePathText(parent) : "";
  const record = PrecreatedRole.forImport(base ? `${base}/${name}` : name, role);
  const wrapped = new PrecreatedImportedRole(role, record);
  state().roles.push({ component: wrapped, precreated: record });
  return wrapped;
}

function prevented(path: string, property: string): ValidationError {
  return new ValidationError(
    "SynthesisPrevented",
    `Cannot access ${property} of ${path}: Role.customizeRoles prevents its synthesis, so it has no resource in this program`,
    path,
  );
}

/** Replaces properties of a component that has no resources with getters that throw. */
function preventAccess(target: object, errors: Record<string, () => Error>): void {
  for (const [property, error] of Object.entries(errors)) {
    Object.defineProperty(target, property, {
      configurable: true,
      enumerable: false,
      get() {
        throw error();
      },
    });
  }
}

/** The roles of a finished run, in creation order. */
export function rolesOfRun(model: ProgramModel): readonly TrackedRole[] {
  return stateOfRun<CustomizeState>(model, STATE)?.roles ?? [];
}

/** The managed policies customizeRoles kept out of a finished run. */
export function precreatedManagedPoliciesOfRun(model: ProgramModel): readonly PrecreatedManagedPolicy[] {
  return stateOfRun<CustomizeState>(model, STATE)?.managedPolicies ?? [];
}
