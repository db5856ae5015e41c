/**
 * What lands when a method is called on a component another request built. Its policies were
 * rendered and registered when it was built, so a later statement cannot join them (CDK would add
 * it to the DefaultPolicy). Instead each call adds resources of its own:
 *
 * - a statement for an identity (`addToPolicy`, or a grant received) → a new inline
 *   {@link Policy} attached to it, named `<identity>-policy-<hash>`, a child of the identity;
 * - anything else goes through the component's own method when that method adds a resource at
 *   once (managed-policy attachments).
 *
 * Names come from a hash of the call's plain arguments (Outputs count by position only), so they
 * do not depend on the order calls arrive in.
 */
import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import {
  type AddToPrincipalPolicyResult,
  Group,
  type IPrincipal,
  Policy,
  type PolicyStatement,
  Role,
  User,
} from "../../src";

/** An identity of this package: the components that have an identity policy. */
export type Identity = Role | User | Group;

const made = new Set<string>();

/** A short stable hash of plain call arguments; Outputs and resources count by kind only. */
export function callHash(args: unknown): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(args, (_k, v: unknown) => {
    if (pulumi.Output.isInstance(v)) return "<output>";
    if (pulumi.Resource.isInstance(v)) {
      const name = (v as unknown as { componentName?: string }).componentName;
      return `<resource:${name ?? "?"}>`;
    }
    if (typeof v === "object" && v !== null) {
      if (seen.has(v)) return "<cycle>";
      seen.add(v);
    }
    return v;
  });
  return createHash("sha256")
    .update(text ?? "")
    .digest("hex")
    .slice(0, 8);
}

/**
 * A name for a late resource under `owner`, unique in this process. Calls whose arguments differ
 * only in Outputs hash alike; the later one gets `-2`, `-3`... (never dropped).
 */
function lateName(owner: string, kind: string, hash: string): string {
  const base = `${owner}-${kind}-${hash}`;
  let name = base;
  for (let n = 2; made.has(name); n++) name = `${base}-${n}`;
  made.add(name);
  return name;
}

/**
 * The identity as a grantee whose identity policy is a new inline Policy per call (see the file
 * header). `hash` identifies the call.
 */
export function lateGrantee(identity: Identity, hash: string): IPrincipal {
  const addToPrincipalPolicy = (statement: PolicyStatement): AddToPrincipalPolicyResult => {
    const name = lateName(identity.componentName, "policy", hash);
    const attach =
      identity instanceof Role
        ? { roles: [identity] }
        : identity instanceof User
          ? { users: [identity] }
          : { groups: [identity] };
    const policy = new Policy(name, { statements: [statement], ...attach }, { parent: identity });
    return { statementAdded: true, policyDependable: policy };
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

/** Forgets the names made so far (tests run several programs in one process). */
export function resetLateNames(): void {
  made.clear();
}

/** Whether `x` is a Role, User or Group of this package. */
export function isIdentity(x: unknown): x is Identity {
  return x instanceof Role || x instanceof User || x instanceof Group;
}
