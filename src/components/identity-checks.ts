/**
 * Input checks shared by User and Group (and their imports). CDK leaves user and group names and
 * paths to CloudFormation; we check literal ones early against AWS's rules, so a typo fails
 * before deployment with a message naming the component.
 */
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { NOT_A_PRINCIPAL } from "../core/principals/types";
import { describe } from "../core/value";
import type { IGroup, IManagedPolicy, IUser } from "./interfaces";

const NAME_PATTERN = /^[\w+=,.@-]+$/;
const PATH_PATTERN = /^(\/|\/[\u0021-\u007F]+\/)$/;

/** Checks a physical name input: a string (AWS's characters, 1 to `max` long) or a Pulumi input. */
export function checkIdentityName(kind: string, prop: string, value: unknown, max: number, scope: string): void {
  checkStringInput(kind, prop, value, scope);
  if (typeof value === "string" && (value.length === 0 || value.length > max || !NAME_PATTERN.test(value))) {
    throw new ValidationError(
      `Invalid${kind}Name`,
      `Invalid ${prop}. The name must be 1 to ${max} characters: upper and lowercase alphanumerics and any of ` +
        `_+=,.@- (no spaces). Got ${JSON.stringify(value.slice(0, 200))}${value.length > 200 ? "..." : ""}`,
      scope,
    );
  }
}

/** Checks a path input: `/` or `/a/b/` (characters U+0021..U+007F, at most 512), or a Pulumi input. */
export function checkIdentityPath(kind: string, value: unknown, scope: string): void {
  checkStringInput(kind, "path", value, scope);
  if (typeof value === "string" && (value.length > 512 || !PATH_PATTERN.test(value))) {
    throw new ValidationError(
      `Invalid${kind}Path`,
      `${kind} path must be either a slash or valid characters (alphanumerics and symbols) surrounded by slashes, ` +
        `1 to 512 characters in [\\u0021-\\u007F]. Got ${JSON.stringify(value.slice(0, 200))}${value.length > 200 ? "..." : ""}`,
      scope,
    );
  }
}

function checkStringInput(kind: string, prop: string, value: unknown, scope: string): void {
  if (value === undefined || typeof value === "string" || (typeof value === "object" && value !== null)) return;
  throw new ValidationError(
    `Invalid${kind}Args`,
    `${kind} \`${prop}\` must be a string or a Pulumi input, got ${describe(value)}`,
    scope,
  );
}

/** Checks that `policy` looks like a managed policy (has a `managedPolicyArn`). */
export function checkManagedPolicy(policy: unknown, what: string, scope: string): asserts policy is IManagedPolicy {
  const p = policy as Partial<IManagedPolicy> | null;
  if (typeof p !== "object" || p === null || p.managedPolicyArn == null) {
    throw new ValidationError(
      "InvalidManagedPolicy",
      `${what} needs managed policies (ManagedPolicy, ManagedPolicy.fromAwsManagedPolicyName(...)), got ${describe(policy)}`,
      scope,
    );
  }
}

/** Whether `x` looks like an IAM group (a group name and ARN; Group and its imports also carry the not-a-principal marker). */
export function isGroup(x: unknown): x is IGroup {
  if (typeof x !== "object" || x === null) return false;
  const g = x as Partial<IGroup> & Record<symbol, unknown>;
  return g.groupName != null && (g.groupArn != null || g[NOT_A_PRINCIPAL] === true);
}

/** Checks that `group` is an IAM group, for `what` (`addToGroup`). */
export function checkGroup(group: unknown, what: string, scope: string): asserts group is IGroup {
  if (!isGroup(group)) {
    throw new ValidationError("InvalidGroup", `${what} needs an IAM group, got ${describe(group)}`, scope);
  }
}

/** Checks that `user` is an IAM user (it can join a group), for `what` (`addUser`). */
export function checkUser(user: unknown, what: string, scope: string): asserts user is IUser {
  if (typeof user !== "object" || user === null || typeof (user as Partial<IUser>).addToGroup !== "function") {
    throw new ValidationError("InvalidUser", `${what} needs an IAM user, got ${describe(user)}`, scope);
  }
}

/** The resolved names, without repeats (first kept): the members of a Pulumi list input. */
export function uniqueOutputs(names: readonly pulumi.Input<string>[]): pulumi.Output<string[]> {
  // One Output (a user in one group): its own apply gives the same value, secretness and
  // dependencies as `all`, without `all`'s copy of every Output and merged promises.
  if (names.length === 1 && pulumi.Output.isInstance(names[0])) return names[0].apply((v) => [v]);
  return pulumi.all([...names]).apply((values: string[]) => [...new Set(values)]);
}
