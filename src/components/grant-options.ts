/** The options of the Grant helpers, and the checks and comparisons they share. */
import type * as pulumi from "@pulumi/pulumi";
import type { Conditions } from "../core/conditions";
import { ValidationError } from "../core/errors";
import type { IDependable, IGrantable, IPrincipal } from "../core/principals/types";
import { isIGrantable } from "../core/principals/types";
import type { PolicyStatement } from "../core/statement";
import { describe, isToken, type Value, type ValueInput } from "../core/value";
import { programAccount } from "../core/environment";

/** The account and region a resource lives in (`Aws.ACCOUNT_ID`/`Aws.REGION` for this program's). */
export interface ResourceEnvironment {
  readonly account: Value;
  readonly region: Value;
}

/** The outcome of adding a statement to a resource policy. */
export interface AddToResourcePolicyResult {
  readonly statementAdded: boolean;
  /**
   * What holds the statement (a Pulumi resource or a dependable).
   * @default the resource itself
   */
  readonly policyDependable?: IDependable | pulumi.Resource;
}

/** A resource with a resource policy (a bucket, a key, a topic...) that grants can add to. */
export interface IResourceWithPolicy {
  /**
   * Where the resource lives.
   * @default this program's account and region, which (as in an environment-agnostic CDK stack) are unresolved values
   */
  readonly env?: ResourceEnvironment;
  /** Adds a statement to the resource's policy. */
  addToResourcePolicy(statement: PolicyStatement): AddToResourcePolicyResult;
}

/** Options shared by every grant. */
export interface CommonGrantOptions {
  /** Who gets the permissions. */
  readonly grantee: IGrantable;
  /** The actions to allow. */
  readonly actions: readonly string[];
  /** The ARNs the permissions apply to. */
  readonly resourceArns: readonly ValueInput[];
  /**
   * Conditions on the statements.
   * @default none
   */
  readonly conditions?: Conditions;
}

/** Options of {@link Grant.addToPrincipal}. */
export type GrantOnPrincipalOptions = CommonGrantOptions;

/** Options of {@link Grant.addToPrincipalOrResource}. */
export interface GrantWithResourceOptions extends CommonGrantOptions {
  /** The resource whose policy may get a statement. */
  readonly resource: IResourceWithPolicy;
  /**
   * ARNs used in the resource policy's statement instead of `resourceArns`.
   * @default `resourceArns`
   */
  readonly resourceSelfArns?: readonly ValueInput[];
}

/** Options of {@link Grant.addToPrincipalAndResource}. */
export interface GrantOnPrincipalAndResourceOptions extends CommonGrantOptions {
  /** The resource whose policy gets a statement. */
  readonly resource: IResourceWithPolicy;
  /**
   * ARNs used in the resource policy's statement instead of `resourceArns`.
   * @default `resourceArns`
   */
  readonly resourceSelfArns?: readonly ValueInput[];
  /**
   * The principal named in the resource policy.
   * @default the grantee's principal
   */
  readonly resourcePolicyPrincipal?: IPrincipal;
}

/** Options of {@link Grant.addStatementToResourcePolicy}. */
export interface GrantPolicyWithResourceOptions extends GrantWithResourceOptions {
  /** The statement to add to the resource policy. */
  readonly statement: PolicyStatement;
}

/** CDK's token comparison: literals by text; any unresolved side makes it ONE/BOTH_UNRESOLVED. */
export function compareValues(a: Value, b: Value): "SAME" | "DIFFERENT" | "ONE_UNRESOLVED" | "BOTH_UNRESOLVED" {
  const ta = isToken(a);
  const tb = isToken(b);
  if (ta && tb) return "BOTH_UNRESOLVED";
  if (ta || tb) return "ONE_UNRESOLVED";
  return a === b ? "SAME" : "DIFFERENT";
}

export function resourceAccount(resource: IResourceWithPolicy): Value {
  return resource.env?.account ?? programAccount();
}

export function checkOptions(options: CommonGrantOptions, method: string): void {
  const fail = (what: string) => {
    throw new ValidationError("InvalidGrantOptions", `Grant.${method} ${what}`);
  };
  if (typeof options !== "object" || options === null) fail(`needs an options object, got ${describe(options)}`);
  if (!isIGrantable(options.grantee))
    fail(`needs a \`grantee\` (a role, user, group or principal), got ${describe(options.grantee)}`);
  if (!Array.isArray(options.actions))
    fail(`needs \`actions\` as an array of strings, got ${describe(options.actions)}`);
  if (!Array.isArray(options.resourceArns)) {
    fail(`needs \`resourceArns\` as an array, got ${describe(options.resourceArns)}`);
  }
}

export function checkResource(resource: unknown, method: string): void {
  if (typeof (resource as Partial<IResourceWithPolicy> | null)?.addToResourcePolicy !== "function") {
    throw new ValidationError(
      "InvalidGrantOptions",
      `Grant.${method} needs a \`resource\` with an addToResourcePolicy method, got ${describe(resource)}`,
    );
  }
}
