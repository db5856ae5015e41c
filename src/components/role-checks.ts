/** CDK's checks of a Role's props, with its messages, in its order; the trust policy it builds. */
import { MutatingPolicyDocumentAdapter, PolicyDocument } from "../core/document";
import { Duration, toSeconds } from "../core/duration";
import { ValidationError } from "../core/errors";
import { addPrincipalToAssumeRolePolicy } from "../core/principals/trust";
import type { IPrincipal } from "../core/principals/types";
import { PolicyStatement } from "../core/statement";
import { describe, toValue, type ValueInput } from "../core/value";
import type { IPolicy } from "./interfaces";
import type { RoleArgs } from "./role";

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH = /^(\/|\/[\u0021-\u007F]+\/)$/;
const MIN_SESSION = 3600;
const MAX_SESSION = 43200;

/** Shape checks: anything that is not what the prop takes is a clear error before any resource exists. */
export function checkRoleArgShapes(name: string, args: RoleArgs): void {
  const fail = (message: string): never => {
    throw new ValidationError("InvalidRoleArgs", message, name);
  };
  if (typeof args !== "object" || args === null || Array.isArray(args))
    fail(`Role args must be an object, got ${describe(args)}`);
  const p = args.assumedBy as unknown as Record<string, unknown> | null | undefined;
  if (typeof p !== "object" || p === null || typeof p.addToPrincipalPolicy !== "function") {
    fail(
      `Role needs \`assumedBy\`: the principal that may assume it (a ServicePrincipal, an AccountPrincipal...), got ${describe(p)}`,
    );
  }
  for (const prop of ["roleName", "description", "path", "externalId"] as const) {
    const v = args[prop] as unknown;
    if (v !== undefined && typeof v !== "string" && (typeof v !== "object" || v === null)) {
      fail(`Role \`${prop}\` must be a string or a Pulumi input, got ${describe(v)}`);
    }
  }
  if (args.externalIds !== undefined) {
    if (!Array.isArray(args.externalIds))
      fail(`Role \`externalIds\` must be an array, got ${describe(args.externalIds)}`);
    for (const id of args.externalIds) {
      if (typeof id !== "string" && (typeof id !== "object" || id === null)) {
        fail(`Role \`externalIds\` must hold strings or Pulumi inputs, got ${describe(id)}`);
      }
    }
  }
  if (args.inlinePolicies !== undefined) {
    const ip = args.inlinePolicies as unknown;
    if (typeof ip !== "object" || ip === null || Array.isArray(ip)) {
      fail(`Role \`inlinePolicies\` must be an object of policy name to PolicyDocument, got ${describe(ip)}`);
    }
    for (const [k, doc] of Object.entries(args.inlinePolicies)) {
      if (!(doc instanceof PolicyDocument))
        fail(`Role inline policy "${k}" must be a PolicyDocument, got ${describe(doc)}`);
    }
  }
  if (args.managedPolicies !== undefined) {
    if (!Array.isArray(args.managedPolicies)) {
      fail(`Role \`managedPolicies\` must be an array, got ${describe(args.managedPolicies)}`);
    }
    for (const mp of args.managedPolicies) checkManagedPolicy(name, mp, "managedPolicies");
  }
  if (args.permissionsBoundary !== undefined) checkManagedPolicy(name, args.permissionsBoundary, "permissionsBoundary");
  const d = args.maxSessionDuration as unknown;
  if (d !== undefined && typeof d !== "number" && !Duration.isDuration(d)) {
    fail(`Role \`maxSessionDuration\` must be a number of seconds or an iamx.Duration, got ${describe(d)}`);
  }
}

/** A managed policy: an object with a `managedPolicyArn`. */
export function checkManagedPolicy(scope: string, mp: unknown, what: string): void {
  const o = mp as { managedPolicyArn?: unknown } | null;
  if (typeof o !== "object" || o === null || o.managedPolicyArn == null) {
    throw new ValidationError(
      "InvalidManagedPolicy",
      `${what} needs managed policies (ManagedPolicy, or ManagedPolicy.from...), got ${describe(mp)}`,
      scope,
    );
  }
}

/** CDK's role-name rule, for literal names. */
export function checkRoleName(name: string, roleName: unknown): void {
  if (typeof roleName === "string" && roleName && !ROLE_NAME.test(roleName)) {
    throw new ValidationError(
      "InvalidRoleName",
      "Invalid roleName. The name must be a string of characters consisting of upper and lowercase alphanumeric " +
        "characters with no spaces. You can also include any of the following characters: _+=,.@-. Length must be " +
        "between 1 and 64 characters.",
      name,
    );
  }
}

/** The session length in seconds (validated as CDK does, 0 included), or undefined. */
export function checkMaxSessionDuration(name: string, d: number | Duration | undefined): number | undefined {
  if (d === undefined) return undefined;
  const seconds = toSeconds(d, "maxSessionDuration");
  if (seconds < MIN_SESSION || seconds > MAX_SESSION) {
    throw new ValidationError(
      "MaxSessionDurationSet",
      `maxSessionDuration is set to ${seconds}, but must be >= ${MIN_SESSION}sec (1hr) and <= ${MAX_SESSION}sec (12hrs)`,
      name,
    );
  }
  return seconds;
}

/** CDK's description rule (an empty description counts as none). */
export function checkDescription(name: string, description: unknown): void {
  if (typeof description === "string" && description.length > 1000) {
    throw new ValidationError(
      "RoleDescriptionLongerCharacters",
      "Role description must be no longer than 1000 characters.",
      name,
    );
  }
}

/** CDK's path rules, for literal paths. */
export function checkRolePath(name: string, path: unknown): void {
  if (typeof path !== "string") return;
  if (path.length === 0 || path.length > 512) {
    throw new ValidationError(
      "RolePathCharactersProvidedRole",
      `Role path must be between 1 and 512 characters. The provided role path is ${path.length} characters.`,
      name,
    );
  }
  if (!ROLE_PATH.test(path)) {
    throw new ValidationError(
      "InvalidRolePathCharacters",
      "Role path must be either a slash or valid characters (alphanumerics and symbols) surrounded by slashes. " +
        `Valid characters are unicode characters in [\\u0021-\\u007F]. However, ${path} is provided.`,
      name,
    );
  }
}

/** The trust policy: the principal's statements, each with the external-id condition if any. */
export function createAssumeRolePolicy(principal: IPrincipal, externalIds: readonly ValueInput[]): PolicyDocument {
  const doc = new PolicyDocument();
  const ids = externalIds.map((id) => toValue(id, "an external id"));
  const target =
    ids.length === 0
      ? doc
      : new MutatingPolicyDocumentAdapter(doc, (statement) => {
          statement.addCondition("StringEquals", { "sts:ExternalId": ids.length === 1 ? ids[0] : ids });
          return statement;
        });
  addPrincipalToAssumeRolePolicy(principal, target);
  return doc;
}

export function checkStatement(scope: string, statement: unknown): void {
  if (!(statement instanceof PolicyStatement)) {
    throw new ValidationError("InvalidStatement", `Expected a PolicyStatement, got ${describe(statement)}`, scope);
  }
}

export function checkPolicy(scope: string, policy: unknown): void {
  const p = policy as Partial<IPolicy> | null;
  if (typeof p !== "object" || p === null || typeof p.attachToRole !== "function") {
    throw new ValidationError("InvalidPolicy", `attachInlinePolicy needs a Policy, got ${describe(policy)}`, scope);
  }
}

/**
 * What CDK reports for a role at synthesis: trust-policy problems, identity-policy problems of the
 * inline policies, and (CDK's resolution error) an empty inline policy.
 */
export function roleValidationErrors(
  trust: PolicyDocument,
  inlinePolicies: Readonly<Record<string, PolicyDocument>>,
): string[] {
  const errors = trust.validateForTrustPolicy();
  for (const doc of Object.values(inlinePolicies)) errors.push(...doc.validateForIdentityPolicy());
  Object.values(inlinePolicies).forEach((doc, i) => {
    if (doc.isEmpty) {
      errors.push(
        'Resolution error: Supplied properties not correct for "CfnRoleProps"\n' +
          `  policies: element ${i}: supplied properties not correct for "PolicyProperty"\n` +
          "    policyDocument: required but missing.",
      );
    }
  });
  return errors;
}
