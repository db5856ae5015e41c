/**
 * What lands when a method is called on a component an earlier request built. Its policies were
 * rendered and registered when that request answered (the engine waits for them), so a later
 * statement cannot join them; CDK would add it to the identity's DefaultPolicy. Here:
 *
 * - statements one call adds for an identity (`addToPolicy`, a grant received) are collected in a
 *   {@link LateCall}; a statement the identity already holds (its DefaultPolicy, a role's overflow
 *   policies, or an earlier late policy, renders the same with it: CDK's de-duplication and, with
 *   `minimizePolicies`, merging) adds nothing; the rest land in **one** new inline {@link Policy}
 *   per identity and call, attached to it and named `<identity>-policy-<hash>` after what it holds;
 * - for an identity the same request built (still open), the identity's own method runs: exactly
 *   what TypeScript does;
 * - anything else goes through the component's own method when that method adds a resource at
 *   once (managed-policy attachments), or adds a resource of its own (a group membership, a copy of
 *   an inline policy), named by {@link lateChildName}.
 *
 * Names are deploy-safe: a late policy's hash is taken over the statements it holds, another late
 * child's over the call's arguments ({@link callHash}), each Output standing for the URNs of the
 * resources it depends on ({@link labelOutputs}), so names never depend on the order calls arrive
 * in. Only two calls that differ in nothing but Outputs of the same resources (or components of the
 * same name) hash alike; the later gets `-2`, `-3`... (never dropped, never one name twice). A call
 * repeating an earlier one exactly (no Outputs, the same components) adds nothing, as TypeScript
 * adds nothing for it.
 */
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import {
  type AddToPrincipalPolicyResult,
  DependencyGroup,
  Group,
  type IPrincipal,
  Policy,
  PolicyDocument,
  type PolicyStatement,
  Role,
  User,
} from "../../src";

/** An identity of this package: the components that have an identity policy. */
export type Identity = Role | User | Group;

/** What the late calls of a deployment added to one identity (weakly keyed: it goes with the identity). */
interface LateState {
  /** Statements of the late policies made so far, for de-duplication. */
  readonly statements: PolicyStatement[];
}

const lateStates = new WeakMap<Identity, LateState>();

function stateOf(identity: Identity): LateState {
  let state = lateStates.get(identity);
  if (!state) lateStates.set(identity, (state = { statements: [] }));
  return state;
}

/** Stable labels of Outputs a request received: the URNs of the resources each depends on. */
const outputLabels = new WeakMap<object, string>();

/**
 * Labels every Output in `args` by the URNs of the resources it depends on, so late names can
 * tell `bucketA.arn` from `bucketB.arn` without waiting for values (unknown in a preview).
 */
export async function labelOutputs(args: unknown): Promise<void> {
  const seen = new Set<unknown>();
  const walk = async (v: unknown): Promise<void> => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    if (pulumi.Output.isInstance(v)) {
      const all = (v as unknown as { allResources?: () => Promise<Set<pulumi.Resource>> }).allResources;
      const resources = all ? await all.call(v) : new Set<pulumi.Resource>();
      const urns = await Promise.all(
        [...resources].map((r) => (r.urn as unknown as { promise(): Promise<string> }).promise()),
      );
      outputLabels.set(v, [...new Set(urns)].sort().join(","));
      return;
    }
    if (pulumi.Resource.isInstance(v)) return;
    for (const x of Array.isArray(v) ? v : Object.values(v)) await walk(x);
  };
  await walk(args);
}

/**
 * A short stable hash of a call's arguments: plain values as they are (object keys sorted),
 * components by name, each Output by its label ({@link labelOutputs}: the URNs of the resources
 * it depends on), so `bucketA.arn` and `bucketB.arn` hash apart, in a preview too.
 */
export function callHash(args: unknown): string {
  const text = JSON.stringify(
    canonical(args, (v) =>
      pulumi.Output.isInstance(v)
        ? `<output:${outputLabels.get(v) ?? "?"}>`
        : `<resource:${(v as { componentName?: string }).componentName ?? "?"}>`,
    ),
  );
  return shortHash(text ?? "");
}

/**
 * The arguments as exactly as a later call can be compared with them: components by identity;
 * undefined when they hold an Output (its value may be unknown, so two calls cannot be told equal).
 */
function exactKey(args: unknown): string | undefined {
  let opaque = false;
  const text = JSON.stringify(
    canonical(args, (v) => {
      if (pulumi.Output.isInstance(v)) opaque = true;
      return `<resource:${idOf(v)}>`;
    }),
  );
  return opaque ? undefined : text;
}

const ids = new WeakMap<object, number>();
let nextId = 0;

function idOf(v: object): number {
  let id = ids.get(v);
  if (id === undefined) ids.set(v, (id = nextId++));
  return id;
}

/**
 * `v` as plain JSON data: Outputs and resources replaced by `leaf`, object keys sorted, an object
 * met a second time as `<cycle>`. (Never JSON.stringify an Output: its toJSON is a warning text.)
 */
function canonical(v: unknown, leaf: (v: object) => string, seen = new Set<object>()): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (pulumi.Output.isInstance(v) || pulumi.Resource.isInstance(v)) return leaf(v);
  if (seen.has(v)) return "<cycle>";
  seen.add(v);
  if (Array.isArray(v)) return v.map((x) => canonical(x, leaf, seen));
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = canonical(x, leaf, seen);
  }
  return out;
}

/** Per owner: the names late calls gave its children, each with the exact arguments of its call. */
const lateChildren = new WeakMap<object, Map<string, (string | undefined)[]>>();

/**
 * The name of the child a late call adds to `owner`: `<prefix>-<hash>` ({@link callHash} of the
 * call's arguments). A call that hashes like an earlier call of this deployment (Outputs of the
 * same resources, components of the same name) gets `-2`, `-3`... (never dropped, never a second
 * child of one name); undefined when it repeats an earlier call (or what the owner was built with,
 * {@link recordBuiltWith}) exactly, with the same plain values and the same components: TypeScript
 * adds nothing for such a repeat (a group joined once, a policy attached once per identity).
 */
export function lateChildName(owner: object, prefix: string, args: unknown): string | undefined {
  const base = `${prefix}-${callHash(args)}`;
  const calls = callsNamed(owner, base);
  const exact = exactKey(args);
  if (exact !== undefined && calls.includes(exact)) return undefined;
  return numbered(calls, base, exact);
}

/** `base` for its first call, `base-2`, `base-3`... for the next ones (`calls`: those made so far). */
function numbered(calls: (string | undefined)[], base: string, exact: string | undefined): string {
  calls.push(exact);
  return calls.length === 1 ? base : `${base}-${calls.length}`;
}

/**
 * Records what `owner` was built with (a user's groups, a policy's identities) as if a late call
 * with `args` had added it, so that the same late call adds nothing, as in TypeScript.
 */
export function recordBuiltWith(owner: object, prefix: string, args: unknown): void {
  const exact = exactKey(args);
  if (exact === undefined) return;
  const calls = callsNamed(owner, `${prefix}-${callHash(args)}`);
  if (!calls.includes(exact)) calls.push(exact);
}

function callsNamed(owner: object, base: string): (string | undefined)[] {
  let names = lateChildren.get(owner);
  if (!names) lateChildren.set(owner, (names = new Map()));
  let calls = names.get(base);
  if (!calls) names.set(base, (calls = []));
  return calls;
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/**
 * The hash of what a late policy holds: its statements' JSON, each Output (an External token)
 * replaced by its label, since the token's own name counts Outputs in the order they came.
 */
function contentHash(statements: readonly PolicyStatement[]): string {
  const text = JSON.stringify(
    statements.map((s) => s.toStatementJson()),
    function (this: Record<string, unknown>, key: string, value: unknown) {
      const original = this[key] as { key?: unknown; value?: unknown } | undefined;
      if (typeof original?.key === "string" && original.key.startsWith("ext:")) {
        const output = original.value;
        const label = typeof output === "object" && output !== null ? outputLabels.get(output) : undefined;
        return `<output:${label ?? "?"}>`;
      }
      return value;
    },
  );
  return shortHash(text);
}

/** The statements rendered as a policy document (CDK's de-duplication; merged under `minimizePolicies`). */
function rendered(statements: readonly PolicyStatement[]): string {
  return JSON.stringify(new PolicyDocument({ statements: [...statements] }).toJSON() ?? null);
}

/**
 * What the identity's policies already hold: its DefaultPolicy, a role's overflow policies (the
 * statements split out of its DefaultPolicy, which TypeScript's de-duplication saw) and earlier
 * late policies.
 */
function heldBy(identity: Identity): PolicyStatement[] {
  const own = identity.defaultPolicy?.document._statements ?? [];
  const overflow = identity instanceof Role ? identity.overflowPolicies.flatMap((p) => p.document._statements) : [];
  return [...own, ...overflow, ...stateOf(identity).statements];
}

/**
 * The statements of one call, for the identities an earlier request built (see the file header).
 * {@link finish} makes the late policies; {@link withLateCall} does both.
 */
export class LateCall {
  private readonly pending = new Map<Identity, { statements: PolicyStatement[]; dependable: DependencyGroup }>();

  /** The identity as a grantee: statements for it are collected until {@link finish}. */
  public grantee(identity: Identity): IPrincipal {
    const addToPrincipalPolicy = (statement: PolicyStatement): AddToPrincipalPolicyResult => {
      // Built by this request: its default policy is still open, as in TypeScript.
      if (!identity.policiesFinalized) return identity.addToPrincipalPolicy(statement);
      let entry = this.pending.get(identity);
      if (!entry) this.pending.set(identity, (entry = { statements: [], dependable: new DependencyGroup() }));
      entry.statements.push(statement);
      return { statementAdded: true, policyDependable: entry.dependable };
    };
    const grantee: IPrincipal = {
      get grantPrincipal() {
        return grantee;
      },
      assumeRoleAction: identity.assumeRoleAction,
      get policyFragment() {
        return identity.policyFragment;
      },
      principalAccount: identity.principalAccount,
      addToPrincipalPolicy,
      addToPolicy: (statement) => addToPrincipalPolicy(statement).statementAdded,
    };
    return grantee;
  }

  /** Makes one late policy per identity with the statements it does not hold yet. */
  public finish(): void {
    for (const [identity, { statements, dependable }] of this.pending) {
      const held = heldBy(identity);
      let current = rendered(held);
      const kept: PolicyStatement[] = [];
      for (const s of statements) {
        const next = rendered([...held, ...kept, s]);
        if (next === current) continue; // held already: CDK's DefaultPolicy would render the same
        kept.push(s);
        current = next;
      }
      if (kept.length === 0) {
        if (identity.defaultPolicy) dependable.add(identity.defaultPolicy);
        continue;
      }
      const state = stateOf(identity);
      const base = `${identity.componentName}-policy-${contentHash(kept)}`;
      // What it holds was new (de-duplicated above), so it is never a repeat: only numbered.
      const name = numbered(callsNamed(identity, base), base, undefined);
      state.statements.push(...kept);
      const attach =
        identity instanceof Role
          ? { roles: [identity] }
          : identity instanceof User
            ? { users: [identity] }
            : { groups: [identity] };
      dependable.add(new Policy(name, { statements: kept, ...attach }, { parent: identity }));
    }
    this.pending.clear();
  }
}

/** Runs `work` with a {@link LateCall}, then makes its late policies. */
export function withLateCall<T>(work: (call: LateCall) => T): T {
  const call = new LateCall();
  const result = work(call);
  call.finish();
  return result;
}

/** Whether `x` is a Role, User or Group of this package. */
export function isIdentity(x: unknown): x is Identity {
  return x instanceof Role || x instanceof User || x instanceof Group;
}
