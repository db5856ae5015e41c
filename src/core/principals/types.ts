import type { PolicyStatement } from "../statement";
import type { PolicyDocument } from "../document";
import type { Value } from "../value";
import type { PrincipalPolicyFragment } from "./fragment";

/** Something a dependency can be taken on (a policy resource, a Grant). Opaque to the model. */
export interface IDependable {
  readonly dependencyRoots?: readonly unknown[];
}

/** The outcome of adding a statement to a principal's own identity policy. */
export interface AddToPrincipalPolicyResult {
  readonly statementAdded: boolean;
  /** What holds the statement once added; take a dependency on it to wait for the policy. */
  readonly policyDependable?: IDependable;
}

/** Anything permissions can be granted to. */
export interface IGrantable {
  readonly grantPrincipal: IPrincipal;
}

/** An entity that can be named in a policy and may have an identity policy of its own. */
export interface IPrincipal extends IGrantable {
  /** The action used to assume this principal's role (`sts:AssumeRole` unless federated). */
  readonly assumeRoleAction: string;
  /** The JSON and conditions this principal contributes to a statement. */
  readonly policyFragment: PrincipalPolicyFragment;
  /** The account this principal lives in, when known. */
  readonly principalAccount?: Value;
  /** Adds a statement to this principal's identity policy, when it has one. */
  addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult;
  /** @deprecated use {@link addToPrincipalPolicy}. */
  addToPolicy(statement: PolicyStatement): boolean;
}

/** A principal that can say whether it equals another principal (used by statement merging). */
export interface IComparablePrincipal extends IPrincipal {
  dedupeString(): string | undefined;
}

/** A principal that writes its own trust-policy statements. */
export interface IAssumeRolePrincipal extends IPrincipal {
  addToAssumeRolePolicy(document: PolicyDocument): void;
}

export function isComparablePrincipal(x: IPrincipal): x is IComparablePrincipal {
  return typeof (x as Partial<IComparablePrincipal>).dedupeString === "function";
}

export function dedupeStringFor(x: IPrincipal): string | undefined {
  return isComparablePrincipal(x) ? x.dedupeString() : undefined;
}

export function isAssumeRolePrincipal(x: IPrincipal): x is IAssumeRolePrincipal {
  return typeof (x as Partial<IAssumeRolePrincipal>).addToAssumeRolePolicy === "function";
}

/** Whether an object can be used as a grantee (it has a `grantPrincipal`). */
export function isIGrantable(x: unknown): x is IGrantable {
  return typeof x === "object" && x !== null && "grantPrincipal" in x;
}

/** Principals that cannot appear in a policy (an IAM Group) carry this marker. */
export const NOT_A_PRINCIPAL = Symbol.for("pulumi-iamx.NotAPrincipal");
