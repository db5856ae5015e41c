/**
 * Arguments and method bodies shared by the identity facades (Role, User, Group), and the method
 * arguments naming an identity that the policy facades share.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type Group, type IManagedPolicy, ManagedPolicy, type Role, type User, ValidationError } from "../../src";
import { statementFrom } from "./convert";
import { lateChildName, withLateCall, type Identity } from "./late";
import type { AddToPolicyResult, Statement } from "./types";

/** Arguments of `addToPolicy`. */
export interface AddToPolicyArgs {
  /** The statement. */
  statement: Statement;
}

/** Arguments of `addManagedPolicy`: exactly one of `policyArn` or `policy`. */
export interface AddManagedPolicyArgs {
  /** The ARN of a managed policy (AWS managed, or made elsewhere). */
  policyArn?: pulumi.Input<string>;
  /** A managed policy of this package. */
  policy?: ManagedPolicy;
}

/** Method arguments naming a role (`attachToRole`). */
export interface RoleRefArgs {
  /** A role of this package. */
  role: Role;
}

/** Method arguments naming a user (`attachToUser`, `addUser`). */
export interface UserRefArgs {
  /** A user of this package. */
  user: User;
}

/** Method arguments naming a group (`attachToGroup`, `addToGroup`). */
export interface GroupRefArgs {
  /** A group of this package. */
  group: Group;
}

/**
 * `addToPolicy` on an identity built by an earlier request: a new inline policy, unless the
 * identity holds the statement already (see late.ts).
 */
export function addToPolicyLate(self: Identity, args: AddToPolicyArgs): { statementAdded: boolean } {
  const statement = statementFrom(args.statement, "statement");
  const result: AddToPolicyResult = withLateCall((call) => call.grantee(self).addToPrincipalPolicy(statement));
  return { statementAdded: result.statementAdded };
}

/**
 * `addManagedPolicy` on an identity: attaches the named policy (an imported one is named
 * `<identity>-managed-policy-<hash>` after its ARN, see late.ts); the same call twice attaches it
 * once, as in TypeScript.
 */
export function addManagedPolicyLate(self: Identity, args: AddManagedPolicyArgs): void {
  const name = lateChildName(self, `${self.componentName}-managed-policy`, args);
  if (name === undefined) return;
  self.addManagedPolicy(managedPolicyFrom(args, name));
}

/** The managed policy an {@link AddManagedPolicyArgs} names. */
export function managedPolicyFrom(args: AddManagedPolicyArgs, name: string): IManagedPolicy {
  if ((args.policyArn === undefined) === (args.policy === undefined)) {
    throw new ValidationError("InvalidManagedPolicy", "addManagedPolicy needs exactly one of policyArn or policy");
  }
  return args.policy ?? ManagedPolicy.fromManagedPolicyArn(name, args.policyArn!);
}

/** The permissions boundary given by ARN, imported as `<owner>-boundary-managed-policy-0`; undefined without one. */
export function boundaryFrom(arn: pulumi.Input<string> | undefined, owner: string): IManagedPolicy | undefined {
  return arn === undefined ? undefined : managedPoliciesFrom([arn], [], `${owner}-boundary`)[0];
}

/** Imported managed policies for a list of ARNs (CDK's `ManagedPolicy.fromManagedPolicyArn`). */
export function managedPoliciesFrom(
  arns: readonly pulumi.Input<string>[] | undefined,
  policies: readonly ManagedPolicy[] | undefined,
  owner: string,
): IManagedPolicy[] {
  return [
    ...(arns ?? []).map((arn, i) => ManagedPolicy.fromManagedPolicyArn(`${owner}-managed-policy-${i}`, arn)),
    ...(policies ?? []),
  ];
}
