/**
 * Scopes for program-wide rules (permissions boundaries, customizeRoles), CDK's construct tree
 * seen through Pulumi: a scope is a Pulumi resource used as a `parent` (an iamx component or any
 * ComponentResource), or the whole program ({@link program}). A resource's scopes are itself,
 * its parents outermost last, then the program. Rules live per program run, so that the testing
 * kit and the exporter can run many programs in one process.
 */
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { describe } from "../core/value";
import { programModel, type ProgramModel } from "../render/cloudformation/model";
import { isFinalized } from "../render/pulumi/lifecycle";
import { IamxComponent, childComponents, firstComponent } from "./base";

/** The whole program as a scope: every resource of the program is inside it. */
export interface ProgramScope {
  /** Marks the program scope. */
  readonly kind: "program";
}

/**
 * The whole program, as a scope for `PermissionsBoundary.of(iamx.program)` and
 * `Role.customizeRoles(iamx.program, ...)` (CDK's App or Stack).
 */
export const program: ProgramScope = Object.freeze({
  kind: "program" as const,
  toString: () => "the program",
});

/** What program-wide rules can be registered on: a Pulumi resource used as a parent, or {@link program}. */
export type GovernanceScope = pulumi.Resource | ProgramScope;

interface ResourceInternals {
  __name?: string;
  __pulumiType?: string;
  __parentResource?: pulumi.Resource;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

/** Checks a scope argument; `method` names the API for the message. */
export function checkScope(scope: unknown, method: string): GovernanceScope {
  if (scope === program) return program;
  if (pulumi.Resource.isInstance(scope)) {
    if ((scope as unknown as ResourceInternals).__pulumiType === STACK_TYPE) return program;
    return scope;
  }
  throw new ValidationError(
    "InvalidScope",
    `${method} needs a scope: a Pulumi component (or any resource used as a parent) or iamx.program, got ${describe(scope)}`,
  );
}

/** The scopes of `resource`, innermost first: itself, its parents (not the stack), then the program. */
export function scopesOf(resource: pulumi.Resource | undefined): (pulumi.Resource | ProgramScope)[] {
  const out: (pulumi.Resource | ProgramScope)[] = [];
  for (let r = resource; r; r = (r as unknown as ResourceInternals).__parentResource) {
    if ((r as unknown as ResourceInternals).__pulumiType === STACK_TYPE) break;
    out.push(r);
  }
  out.push(program);
  return out;
}

/**
 * The construct path of a scope, as text (`Outer/Inner`; `""` for the program). The same rule
 * as component paths (base.ts): iamx components know theirs, plain components add their name.
 */
export function scopePathText(scope: GovernanceScope): string {
  return scopePath(scope).join("/");
}

/** The construct path of a scope as its names (`[]` for the program); see {@link scopePathText}. */
export function scopePath(scope: GovernanceScope | undefined): string[] {
  if (!scope || scope === program) return [];
  if (scope instanceof IamxComponent) return [...scope.constructPath];
  const internals = scope as unknown as ResourceInternals;
  if (internals.__pulumiType === STACK_TYPE) return [];
  const above = scopePath(internals.__parentResource);
  return internals.__name ? [...above, internals.__name] : above;
}

/** A name for a scope in messages. */
export function scopeLabel(scope: GovernanceScope): string {
  if (scope === program) return "the program";
  return scopePathText(scope) || String((scope as unknown as ResourceInternals).__name ?? "a resource");
}

/**
 * Adds `item` to the rules of `scope` in `byScope`; `rule` names the call in the error given when
 * the program's policies are already finalized (the rules were applied then: a late one would be lost).
 */
export function addScopedRule<T>(
  byScope: Map<GovernanceScope, T[]>,
  scope: GovernanceScope,
  item: T,
  rule: string,
): void {
  if (isFinalized()) {
    throw new ValidationError(
      "ModifiedAfterFinalize",
      `${rule}.of(${scopeLabel(scope)}) was called after the program's policies were finalized; ` +
        "call it while the program runs.",
      scopeLabel(scope),
    );
  }
  // Component provider: a rule is applied when each component's request finalizes, so it cannot
  // reach a component an earlier request finalized; fail rather than leave that one out.
  const finalized = finalizedIn(scope);
  if (finalized) {
    throw new ValidationError(
      "ModifiedAfterFinalize",
      `${rule}.of(${scopeLabel(scope)}) was called after ${finalized.displayPath}, in its scope, was finalized ` +
        "by an earlier request of this deployment, which the rule would not reach; make scope rules before " +
        "the components they govern.",
      scopeLabel(scope),
    );
  }
  const list = byScope.get(scope) ?? [];
  list.push(item);
  byScope.set(scope, list);
}

/** A component in `scope` whose policies are final already (built by an earlier provider request). */
function finalizedIn(scope: GovernanceScope): IamxComponent | undefined {
  if (scope === program) {
    // Components are finalized in the order their requests came: the first one is final if any is.
    const first = firstComponent();
    return first?.policiesFinalized ? first : undefined;
  }
  const stack: unknown[] = [scope];
  while (stack.length > 0) {
    const c = stack.pop() as object;
    if (c instanceof IamxComponent && c.policiesFinalized) return c;
    stack.push(...childComponents(c));
  }
  return undefined;
}

const runStates = new WeakMap<ProgramModel, Map<symbol, unknown>>();

/**
 * State kept for the current program run (keyed by its CloudFormation model, which every run
 * starts afresh), made by `init` on first use.
 */
export function perRun<T>(key: symbol, init: () => T): T {
  const model = programModel();
  let states = runStates.get(model);
  if (!states) {
    states = new Map();
    runStates.set(model, states);
  }
  if (!states.has(key)) states.set(key, init());
  return states.get(key) as T;
}

/** The state of a finished run (its model), if it made any. */
export function stateOfRun<T>(model: ProgramModel, key: symbol): T | undefined {
  return runStates.get(model)?.get(key) as T | undefined;
}
