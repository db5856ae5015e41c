// Random documents for the property tests: pools of actions, resources, principals and
// conditions, and "shapes" (effect, sid, Not-forms, principals, conditions) that several
// statements share, so that merging happens often.
import fc from "fast-check";
import type { Env, Iam } from "./oracle";
import type * as core from "../../src/core";

const ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:Get*",
  "s3:*",
  "sqs:SendMessage",
  "kms:Decrypt",
  "a:One",
  "b:Two",
  "*",
];

type ValueMaker = (env: Env) => core.Value;
const RESOURCES: ValueMaker[] = [
  () => "*",
  () => "arn:aws:s3:::bucket-a/*",
  () => "arn:aws:s3:::bucket-b/*",
  () => "arn:aws:sqs:us-east-1:111111111111:q",
  (env) => env.getAtt("Bucket", "Arn"),
  (env) => env.ref("Queue"),
  (env) => env.concat("arn:", env.partition, ":s3:::bucket-", env.accountId, "/*"),
];

type PrincipalMaker = (iam: Iam, env: Env) => core.IPrincipal;
// Principals without conditions, freely combined in one statement.
const PLAIN_PRINCIPALS: PrincipalMaker[] = [
  (iam) => new iam.ArnPrincipal("arn:aws:iam::111111111111:role/a"),
  (iam) => new iam.ArnPrincipal("arn:aws:iam::222222222222:root"),
  (iam, env) => new iam.ArnPrincipal(env.getAtt("Role", "Arn")),
  (iam) => new iam.ServicePrincipal("lambda"),
  (iam) => new iam.ServicePrincipal("sns.amazonaws.com"),
  (iam) => new iam.ServicePrincipal("states", { region: "ap-east-1" }),
  (iam) => new iam.AccountPrincipal("333333333333"),
  (iam) => new iam.AccountRootPrincipal(),
  (iam) => new iam.AnyPrincipal(),
  (iam) => new iam.CanonicalUserPrincipal("cu-1"),
  (iam) => new iam.FederatedPrincipal("cognito-identity.amazonaws.com"),
  (iam) => new iam.CompositePrincipal(new iam.ServicePrincipal("ec2"), new iam.ArnPrincipal("arn:aws:iam::1:user/u")),
];
// Principals that must stand alone in a statement (a literal, or their own conditions).
const LONE_PRINCIPALS: PrincipalMaker[] = [
  (iam) => new iam.StarPrincipal(),
  (iam) => new iam.OrganizationPrincipal("o-1234567890"),
  (iam) => new iam.ArnPrincipal("arn:aws:iam::111111111111:role/a").inOrganization("o-abcdefghij"),
  (iam) => new iam.WebIdentityPrincipal("accounts.google.com", { StringEquals: { "accounts.google.com:aud": "x" } }),
];

type ConditionMaker = (env: Env) => Record<string, unknown>;
const CONDITIONS: ConditionMaker[] = [
  () => ({ StringEquals: { "aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "a" } }),
  () => ({ StringEquals: { "aws:PrincipalTag/team": "a", "aws:RequestedRegion": "us-east-1" } }),
  () => ({ Bool: { "aws:SecureTransport": "true" } }),
  (env) => ({ StringEquals: { "aws:SourceAccount": env.accountId } }),
];

/** What statements of a document may share: effect, sid, Not-forms, principals, conditions. */
export interface Shape {
  sid?: string;
  deny: boolean;
  not: boolean;
  notResources: boolean;
  plain: number[];
  lone?: number;
  condition?: number;
  conditionFirst: boolean;
}

/** One statement: a shape plus its own actions and resources (the grant-like dimensions). */
export interface StatementSpec {
  shape: number;
  actions: number[];
  resources: number[];
}

const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((x) => x === 1);

export const shapeArb: fc.Arbitrary<Shape> = fc.record(
  {
    // Sids are rare, as they stop merging.
    sid: fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom("S1", "S2", "") },
    ),
    deny: oneIn(4),
    not: oneIn(6),
    notResources: oneIn(8),
    plain: fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as number[]) },
      { weight: 2, arbitrary: fc.uniqueArray(fc.nat(PLAIN_PRINCIPALS.length - 1), { minLength: 1, maxLength: 3 }) },
    ),
    lone: fc.nat(LONE_PRINCIPALS.length - 1),
    condition: fc.nat(CONDITIONS.length - 1),
    conditionFirst: fc.boolean(),
  },
  { requiredKeys: ["sid", "deny", "not", "notResources", "plain", "conditionFirst"] },
);

export const statementArb: fc.Arbitrary<StatementSpec> = fc.record({
  shape: fc.nat(3),
  actions: fc.uniqueArray(fc.nat(ACTIONS.length - 1), { minLength: 1, maxLength: 2 }),
  resources: fc.uniqueArray(fc.nat(RESOURCES.length - 1), { minLength: 0, maxLength: 2 }),
});

export interface DocumentSpec {
  shapes: Shape[];
  statements: StatementSpec[];
  assignSids: boolean;
}

export const documentArb: fc.Arbitrary<DocumentSpec> = fc.record({
  shapes: fc.array(shapeArb, { minLength: 1, maxLength: 4 }),
  statements: fc.array(statementArb, { minLength: 1, maxLength: 12 }),
  assignSids: oneIn(6),
});

export function buildStatement(iam: Iam, env: Env, sh: Shape, s: StatementSpec): core.PolicyStatement {
  const st = new iam.PolicyStatement({ effect: sh.deny ? iam.Effect.DENY : iam.Effect.ALLOW });
  if (sh.sid !== undefined) st.sid = sh.sid;
  const actions = s.actions.map((i) => ACTIONS[i]);
  if (sh.not) st.addNotActions(...actions);
  else st.addActions(...actions);
  const resources = s.resources.map((i) => RESOURCES[i](env));
  if (sh.notResources) st.addNotResources(...resources);
  else st.addResources(...resources);
  // Conditions before or after the principals: a principal's own conditions then come last or first.
  if (sh.condition !== undefined && sh.conditionFirst) st.addConditions(CONDITIONS[sh.condition](env));
  // A lone principal is used only when no plain principals were drawn.
  if (sh.plain.length > 0) st.addPrincipals(...sh.plain.map((i) => PLAIN_PRINCIPALS[i](iam, env)));
  else if (sh.lone !== undefined) st.addPrincipals(LONE_PRINCIPALS[sh.lone](iam, env));
  if (sh.condition !== undefined && !sh.conditionFirst) st.addConditions(CONDITIONS[sh.condition](env));
  return st;
}

export function buildDocument(spec: DocumentSpec) {
  return (iam: Iam, env: Env): core.PolicyDocument => {
    const doc = new iam.PolicyDocument({ assignSids: spec.assignSids });
    for (const s of spec.statements)
      doc.addStatements(buildStatement(iam, env, spec.shapes[s.shape % spec.shapes.length], s));
    return doc;
  };
}
