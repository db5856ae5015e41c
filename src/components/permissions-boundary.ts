/**
 * Permissions boundaries for whole scopes (CDK's `PermissionsBoundary.of(scope)`), with CDK's
 * aspect rules: every role and user in the scope gets the boundary — roles made implicitly by
 * other components and roles made after the call included — `clear()` removes it, the
 * registration on the scope CLOSEST to the identity wins whatever the call order, and on one
 * scope the later registration wins.
 *
 * How: registrations are recorded per program run; at finalize (prepare phase) each Role and
 * User takes the last registration of its innermost registered scope, and both targets render
 * that. Raw `aws.iam.Role` / `aws.iam.User` resources the program creates itself get the same
 * rule through a Pulumi transformation (see {@link PermissionsBoundary}). Cost: O(depth) per
 * identity at finalize.
 */
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { describe } from "../core/value";
import { onFinalize } from "../render/pulumi/lifecycle";
import { lazyValue } from "../render/pulumi/lazy-json";
import type { IManagedPolicy } from "./interfaces";
import {
  addScopedRule,
  checkScope,
  perRun,
  program,
  scopeLabel,
  scopesOf,
  type GovernanceScope,
} from "./program-scope";

/** One `apply` (with the policy) or `clear` (without) on a scope. */
interface Registration {
  readonly policy?: IManagedPolicy;
}

interface BoundaryState {
  readonly registrations: Map<GovernanceScope, Registration[]>;
  /** Scopes whose raw-resource transformation is installed. */
  readonly transformed: Set<GovernanceScope>;
  /** Raw resources already given a deferred boundary (several scopes' transformations reach each). */
  readonly handled: WeakSet<object>;
}

const STATE = Symbol("pulumi-iamx.permissionsBoundaries");

function state(): BoundaryState {
  return perRun(STATE, () => ({ registrations: new Map(), transformed: new Set(), handled: new WeakSet() }));
}

/** What a permissions-boundary decision is: the boundary to set, or undefined to remove it. */
export interface BoundaryDecision {
  readonly policy?: IManagedPolicy;
}

/**
 * The registration that wins for a resource whose scopes, innermost first, are `scopes`: the
 * last one on the innermost scope that has any (CDK runs ancestors' aspects first, so the
 * closest scope's last aspect writes last). Undefined when no scope has a registration.
 */
export function boundaryFor(scopes: readonly GovernanceScope[]): BoundaryDecision | undefined {
  const registrations = state().registrations;
  for (const scope of scopes) {
    const list = registrations.get(scope);
    if (list && list.length > 0) return list[list.length - 1];
  }
  return undefined;
}

/** A Role or User whose boundary the registrations decide (see role.ts, user.ts). */
export interface BoundaryTarget extends pulumi.Resource {
  /** @internal Replaces the boundary (undefined removes it) until finalize. */
  _setPermissionsBoundary(policy: IManagedPolicy | undefined): void;
}

/**
 * @internal Called by Role and User when made: at finalize the winning registration of the
 * identity's scopes (if any) replaces the boundary given in its args.
 */
export function trackBoundaryTarget(target: BoundaryTarget): void {
  onFinalize("aspects", () => {
    const decision = boundaryFor(scopesOf(target));
    if (decision) target._setPermissionsBoundary(decision.policy);
  });
}

/**
 * Sets or removes the permissions boundary of every IAM role and user in a scope (CDK's
 * `PermissionsBoundary`), applied when the program's policies are finalized, so it reaches roles
 * made before or after the call, and roles other components make for you (an InstanceProfile's
 * role, ...). The CloudFormation export renders the same `PermissionsBoundary` property.
 *
 * Rules, as CDK's aspects: the registration on the scope closest to the identity wins whatever
 * the order of the calls (`PermissionsBoundary.of(role).clear()` beats a program-wide `apply`
 * made later); on one scope, the later registration wins (`apply(A)` then `clear()` leaves none;
 * `apply(A)` then `apply(B)` gives B). A registration beats the `permissionsBoundary` arg.
 *
 * Scopes: an iamx component (its children and itself), any Pulumi component used as a `parent`,
 * or {@link program} for the whole program.
 *
 * Raw `aws.iam.Role` / `aws.iam.User` resources made by the program itself (not through iamx)
 * are reached through a Pulumi transformation installed on the scope by the call (the program:
 * `pulumi.runtime.registerStackTransformation`; a component: the transformations its future
 * children inherit). Pulumi applies transformations only to resources constructed later, so a
 * raw role gets the boundary only when it is made after the first `apply`/`clear` on one of its
 * scopes (which registration wins is still decided at finalize); raw resources made earlier, and
 * those inside multi-language (remote) components, are not reached. Other resource types, and
 * iamx groups, policies and instance profiles, are never changed.
 *
 * @example
 * ```ts
 * const boundary = iamx.ManagedPolicy.fromManagedPolicyName("Boundary", "workload-boundary");
 * iamx.PermissionsBoundary.of(iamx.program).apply(boundary);
 * iamx.PermissionsBoundary.of(breakGlassRole).clear();
 * ```
 */
export class PermissionsBoundary {
  /**
   * The permissions boundaries of a scope: an iamx component, any Pulumi component (or other
   * resource) used as a parent, or `iamx.program` for the whole program (the Pulumi stack
   * resource counts as the program too).
   */
  public static of(scope: GovernanceScope): PermissionsBoundary {
    return new PermissionsBoundary(checkScope(scope, "PermissionsBoundary.of"));
  }

  private constructor(private readonly scope: GovernanceScope) {}

  /**
   * Gives every role and user in the scope `boundaryPolicy` as permissions boundary (a
   * ManagedPolicy, or `ManagedPolicy.from...`), unless a closer scope decides otherwise.
   */
  public apply(boundaryPolicy: IManagedPolicy): void {
    const o = boundaryPolicy as { managedPolicyArn?: unknown } | null;
    if (typeof o !== "object" || o === null || o.managedPolicyArn == null) {
      throw new ValidationError(
        "InvalidManagedPolicy",
        `PermissionsBoundary.apply needs a managed policy (ManagedPolicy, or ManagedPolicy.from...), got ${describe(boundaryPolicy)}`,
        scopeLabel(this.scope),
      );
    }
    this.register({ policy: boundaryPolicy });
  }

  /** Removes the permissions boundary of every role and user in the scope, unless a closer scope sets one. */
  public clear(): void {
    this.register({});
  }

  private register(registration: Registration): void {
    const s = state();
    addScopedRule(s.registrations, this.scope, registration, "PermissionsBoundary");
    installTransformation(this.scope, s);
  }
}

const RAW_TYPES = new Set(["aws:iam/role:Role", "aws:iam/user:User"]);

/** Installs, once per scope and run, the transformation that reaches raw roles and users made later inside it. */
function installTransformation(scope: GovernanceScope, s: BoundaryState): void {
  if (s.transformed.has(scope)) return;
  s.transformed.add(scope);
  const transformation: pulumi.ResourceTransformation = (args) => rawBoundary(args, s);
  if (scope === program) {
    try {
      pulumi.runtime.registerStackTransformation(transformation);
    } catch {
      // No root stack (a program run outside `pulumi up` and the testing kit): nothing raw to reach.
    }
    return;
  }
  // Children copy their parent's transformations when constructed (Pulumi's Resource constructor),
  // so adding to the scope's list reaches resources made below it from now on.
  const inherited = (scope as unknown as { __transformations?: pulumi.ResourceTransformation[] }).__transformations;
  if (Array.isArray(inherited)) inherited.push(transformation);
}

function rawBoundary(
  args: pulumi.ResourceTransformationArgs,
  s: BoundaryState,
): pulumi.ResourceTransformationResult | undefined {
  if (!RAW_TYPES.has(args.type) || s.handled.has(args.resource) || isIamxChild(args)) return undefined;
  s.handled.add(args.resource);
  const resource = args.resource;
  const parent = args.opts.parent;
  const given = args.props.permissionsBoundary as pulumi.Input<string> | undefined;
  const permissionsBoundary = lazyValue<string | undefined>(() => {
    // The resource itself is a scope too (`PermissionsBoundary.of(rawRole)`).
    const decision = boundaryFor([resource, ...scopesOf(parent)]);
    return decision ? decision.policy?.managedPolicyArn : given;
  });
  return { props: { ...args.props, permissionsBoundary }, opts: args.opts };
}

/** The `aws.iam.Role`/`User` of an iamx Role/User: those take their boundary from the component. */
function isIamxChild(args: pulumi.ResourceTransformationArgs): boolean {
  const parent = args.opts.parent as unknown as { _setPermissionsBoundary?: unknown; componentName?: string };
  return !!parent && typeof parent._setPermissionsBoundary === "function" && parent.componentName === args.name;
}
