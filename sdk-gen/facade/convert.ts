/**
 * Plain data (types.ts) → the policy model (src/core): principals, statements, documents. Input
 * shapes were already checked against the schema by the provider; what is checked here is what the
 * schema cannot say ("exactly one kind of principal").
 */
import * as pulumi from "@pulumi/pulumi";
import {
  AccountPrincipal,
  AccountRootPrincipal,
  ArnPrincipal,
  CanonicalUserPrincipal,
  CompositePrincipal,
  FederatedPrincipal,
  OrganizationPrincipal,
  PolicyDocument as ModelDocument,
  PolicyStatement,
  IamxComponent,
  type RemovalPolicy as IamxRemovalPolicy,
  SamlPrincipal,
  ServicePrincipal,
  StarPrincipal,
  ValidationError,
  WebIdentityPrincipal,
  toValue,
  type Conditions,
  type IPrincipal,
  type PrincipalBase,
} from "../../src";
import type { LateCall } from "./late";
import type { Grantee, PolicyDocument, Principal, RemovalPolicy, Statement } from "./types";

const KINDS = [
  "aws",
  "account",
  "accountRoot",
  "service",
  "federated",
  "webIdentity",
  "samlProvider",
  "organization",
  "canonicalUser",
  "star",
] as const;

/** The principal a {@link Principal} object describes. */
export function principalFrom(p: Principal, where: string): IPrincipal {
  const kinds = KINDS.filter((k) => p[k] !== undefined && p[k] !== false);
  if (kinds.length !== 1) {
    throw new ValidationError(
      "InvalidPrincipal",
      `${where}: a principal needs exactly one of ${KINDS.join(", ")}; got ${kinds.length === 0 ? "none" : kinds.join(" and ")}`,
    );
  }
  if (p.assumeRoleAction !== undefined && kinds[0] !== "federated") {
    throw new ValidationError("InvalidPrincipal", `${where}: assumeRoleAction only applies to a federated principal`);
  }
  const conditions = p.conditions === undefined ? undefined : conditionsFrom(p.conditions);
  let principal: PrincipalBase;
  switch (kinds[0]) {
    case "aws":
      principal = new ArnPrincipal(p.aws!);
      break;
    case "account":
      principal = new AccountPrincipal(p.account!);
      break;
    case "accountRoot":
      principal = new AccountRootPrincipal();
      break;
    case "service":
      principal = new ServicePrincipal(p.service!);
      break;
    case "federated":
      return withSessionTags(new FederatedPrincipal(p.federated!, conditions ?? {}, p.assumeRoleAction), p);
    case "webIdentity":
      return withSessionTags(new WebIdentityPrincipal(p.webIdentity!, conditions ?? {}), p);
    case "samlProvider":
      return withSessionTags(new SamlPrincipal({ samlProviderArn: p.samlProvider! }, conditions ?? {}), p);
    case "organization":
      principal = new OrganizationPrincipal(p.organization!);
      break;
    case "canonicalUser":
      principal = new CanonicalUserPrincipal(p.canonicalUser!);
      break;
    case "star":
      principal = new StarPrincipal();
      break;
  }
  return withSessionTags(conditions ? principal.withConditions(conditions) : principal, p);
}

function withSessionTags(principal: PrincipalBase, p: Principal): PrincipalBase {
  return p.sessionTags ? principal.withSessionTags() : principal;
}

/** Several principals; `where` names the list in messages. */
export function principalsFrom(list: readonly Principal[] | undefined, where: string): IPrincipal[] {
  return (list ?? []).map((p, i) => principalFrom(p, `${where}[${i}]`));
}

/** One principal standing for a non-empty list (CDK's CompositePrincipal when there are several). */
export function principalOf(list: readonly Principal[], where: string): IPrincipal {
  const principals = principalsFrom(list, where);
  if (principals.length === 0) {
    throw new ValidationError("InvalidPrincipal", `${where}: give at least one principal`);
  }
  return principals.length === 1 ? principals[0] : new CompositePrincipal(...principals);
}

/** A statement. */
export function statementFrom(s: Statement, where: string): PolicyStatement {
  return new PolicyStatement({
    sid: s.sid,
    effect: s.effect,
    actions: s.actions,
    notActions: s.notActions,
    resources: s.resources,
    notResources: s.notResources,
    principals: s.principals && principalsFrom(s.principals, `${where}.principals`),
    notPrincipals: s.notPrincipals && principalsFrom(s.notPrincipals, `${where}.notPrincipals`),
    conditions: s.conditions === undefined ? undefined : conditionsFrom(s.conditions),
  });
}

/** Several statements. */
export function statementsFrom(list: readonly Statement[] | undefined, where: string): PolicyStatement[] {
  return (list ?? []).map((s, i) => statementFrom(s, `${where}[${i}]`));
}

/** A policy document. */
export function documentFrom(d: PolicyDocument, where: string): ModelDocument {
  return new ModelDocument({
    statements: statementsFrom(d.statements, `${where}.statements`),
    minimize: d.minimize,
    assignSids: d.assignSids,
  });
}

/** Conditions with every Output leaf turned into a model value (rendered from the Output). */
export function conditionsFrom(c: Record<string, Record<string, unknown>>): Conditions {
  const leaf = (v: unknown): unknown => {
    if (pulumi.Output.isInstance(v)) return toValue(v);
    if (Array.isArray(v)) return v.map(leaf);
    if (typeof v === "object" && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, leaf(x)]));
    }
    return v;
  };
  return leaf(c) as Conditions;
}

/** The grantee a {@link Grantee} object names: an identity as a grantee of `call`, or a principal. */
export function granteeFrom(g: Grantee, call: LateCall, where: string): IPrincipal {
  const set = (["role", "user", "group", "principal"] as const).filter((k) => g[k] !== undefined);
  if (set.length !== 1) {
    throw new ValidationError(
      "InvalidGrantee",
      `${where}: a grantee needs exactly one of role, user, group, principal; got ${set.length === 0 ? "none" : set.join(" and ")}`,
    );
  }
  const identity = g.role ?? g.user ?? g.group;
  return identity ? call.grantee(identity) : principalFrom(g.principal!, `${where}.principal`);
}

/**
 * Applies a component's `removalPolicy` (every component's argument, see `ComponentArgs`) once the
 * facade built it, as `applyRemovalPolicy` right after construction in TypeScript. The facade's
 * values are the TypeScript enum's.
 */
export function applyRemoval(component: pulumi.ComponentResource, policy: RemovalPolicy | undefined): void {
  if (policy === undefined) return;
  if (!(component instanceof IamxComponent)) throw new Error(`removalPolicy: ${component.constructor.name} has none`);
  component.applyRemovalPolicy(policy as string as IamxRemovalPolicy);
}
