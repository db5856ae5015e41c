/**
 * CDK's two IAM tables for a pair of templates: "IAM Statement Changes" (statements added or
 * removed, with resource, effect, action, principal, condition) and "Managed Policy Changes"
 * (managed policy ARNs attached to or detached from an identity). Only changed resources are
 * read; each policy-holding property or resource contributes its old and new statements, and a
 * statement is a row when no equal statement is on the other side — so a statement that moved
 * between two changed policies of the same principal is not a row, as in `cdk diff`.
 *
 * Statements are labelled as CDK labels them: an identity policy's principal is `AWS:${Id}` of
 * the identity it is attached to; a resource policy's missing or `*` resource is the resource it
 * sits on (`${Id.Arn}`, or the bucket / queue / topic it names).
 */
import { isObject, renderIntrinsics, type Json } from "./cfn-text";
import { PROPERTY_SCRUTINY, RESOURCE_SCRUTINY, type PropertyScrutiny, type ResourceScrutiny } from "./scrutiny";
import { changedResources, type TemplateLike } from "./template-changes";
import {
  isNegative,
  parseStatements,
  renderStatement,
  statementKey,
  withDefault,
  type StatementCells,
  type TableStatement,
} from "./table-statement";

/** A row of the statement table. */
export interface StatementRow extends StatementCells {
  /** `+` added, `-` removed. */
  readonly change: "+" | "-";
  /** Whether the statement narrows access (a Deny, or an Allow of `NotX`). */
  readonly negative: boolean;
}

/** A row of the managed-policy table. */
export interface ManagedPolicyRow {
  readonly change: "+" | "-";
  /** The identity, as `${LogicalId}`. */
  readonly resource: string;
  /** The managed policy ARN as text. */
  readonly managedPolicyArn: string;
}

/** Both tables, rows sorted by their Resource column. */
export interface IamTables {
  readonly statements: readonly StatementRow[];
  readonly managedPolicies: readonly ManagedPolicyRow[];
  /** As `cdk diff --require-approval broadening` decides: a positive statement or a managed policy added, or a negative statement removed. */
  readonly broadening: boolean;
}

interface Attachment {
  readonly identity: string;
  readonly arn: string;
}

/** The two IAM tables of the change from `oldTemplate` to `newTemplate`. */
export function iamTables(oldTemplate: TemplateLike, newTemplate: TemplateLike): IamTables {
  const oldStatements: TableStatement[] = [];
  const newStatements: TableStatement[] = [];
  const oldAttachments: Attachment[] = [];
  const newAttachments: Attachment[] = [];
  const changes = changedResources(oldTemplate, newTemplate);
  // policy-holding properties of resources that kept their type, then whole policy resources
  for (const c of changes) {
    const typeChanged = c.old?.type !== undefined && c.new?.type !== undefined && c.old.type !== c.new.type;
    const type = c.old?.type ?? c.new?.type;
    if (typeChanged || !type) continue;
    for (const [property, scrutiny] of PROPERTY_SCRUTINY[type] ?? []) {
      readProperty(scrutiny, c.old?.properties?.[property], c.logicalId, oldStatements, oldAttachments);
      readProperty(scrutiny, c.new?.properties?.[property], c.logicalId, newStatements, newAttachments);
    }
  }
  for (const c of changes) {
    const typeChanged = c.old?.type !== undefined && c.new?.type !== undefined && c.old.type !== c.new.type;
    if (typeChanged) {
      const o = RESOURCE_SCRUTINY.get(c.old!.type!);
      if (o) oldStatements.push(...readResource(o, c.old?.properties));
      const n = RESOURCE_SCRUTINY.get(c.new!.type!);
      if (n) newStatements.push(...readResource(n, c.new?.properties));
      continue;
    }
    const type = c.old?.type ?? c.new?.type;
    const scrutiny = type ? RESOURCE_SCRUTINY.get(type) : undefined;
    if (!scrutiny) continue;
    oldStatements.push(...readResource(scrutiny, c.old?.properties));
    newStatements.push(...readResource(scrutiny, c.new?.properties));
  }

  // a statement is a row when no equal statement is on the other side (keys make that linear)
  const oldKeys = new Set(oldStatements.map(statementKey));
  const newKeys = new Set(newStatements.map(statementKey));
  const added = newStatements.filter((s) => !oldKeys.has(statementKey(s)));
  const removed = oldStatements.filter((s) => !newKeys.has(statementKey(s)));
  const statements: StatementRow[] = [
    ...added.map((s) => ({ change: "+" as const, negative: isNegative(s), ...renderStatement(s) })),
    ...removed.map((s) => ({ change: "-" as const, negative: isNegative(s), ...renderStatement(s) })),
  ];
  statements.sort((a, b) => compare(a.resource, b.resource));

  const sameAttachment = (a: Attachment, b: Attachment) => a.identity === b.identity && a.arn === b.arn;
  const attached = newAttachments.filter((a) => !oldAttachments.some((o) => sameAttachment(o, a)));
  const detached = oldAttachments.filter((a) => !newAttachments.some((n) => sameAttachment(n, a)));
  const managedPolicies: ManagedPolicyRow[] = [
    ...attached.map((a) => ({ change: "+" as const, resource: a.identity, managedPolicyArn: a.arn })),
    ...detached.map((a) => ({ change: "-" as const, resource: a.identity, managedPolicyArn: a.arn })),
  ];
  managedPolicies.sort((a, b) => compare(a.resource, b.resource));

  const broadening = added.some((s) => !isNegative(s)) || removed.some((s) => isNegative(s)) || attached.length > 0;
  return { statements, managedPolicies, broadening };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : b < a ? 1 : 0;
}

function readProperty(
  scrutiny: PropertyScrutiny,
  value: Json,
  logicalId: string,
  statements: TableStatement[],
  attachments: Attachment[],
): void {
  if (scrutiny === "InlineIdentityPolicies") {
    if (!Array.isArray(value)) return;
    const principal = "AWS:${" + logicalId + "}";
    for (const policy of value) {
      const doc = isObject(policy) && isObject(policy.PolicyDocument) ? policy.PolicyDocument : undefined;
      // a policy entry that is not {PolicyName, PolicyDocument{Statement}} is read as one statement
      const raw = doc?.Statement ? doc.Statement : policy;
      for (const s of parseStatements(renderIntrinsics(raw))) {
        statements.push({ ...s, principals: withDefault(s.principals, principal) });
      }
    }
  } else if (scrutiny === "InlineResourcePolicy") {
    if (value === undefined) return;
    const resource = "${" + logicalId + ".Arn}";
    const raw = isObject(value) ? value.Statement : undefined;
    for (const s of parseStatements(renderIntrinsics(raw))) {
      statements.push({ ...s, resources: withDefault(s.resources, resource) });
    }
  } else {
    if (!value) return;
    const arns = renderIntrinsics(value);
    const identity = "${" + logicalId + "}";
    const list = typeof arns === "string" ? [arns] : Array.isArray(arns) ? arns : [JSON.stringify(arns)];
    for (const arn of list) attachments.push({ identity, arn: typeof arn === "string" ? arn : JSON.stringify(arn) });
  }
}

function readResource(scrutiny: ResourceScrutiny, properties: Record<string, Json> | undefined): TableStatement[] {
  if (properties === undefined) return [];
  const props = renderIntrinsics(properties) as Record<string, Json>;
  if (scrutiny === "IdentityPolicyResource") {
    const holders = [...list(props.Groups), ...list(props.Users), ...list(props.Roles)];
    const doc = isObject(props.PolicyDocument) ? props.PolicyDocument : {};
    return holders.flatMap((h) =>
      parseStatements(doc.Statement).map((s) => ({ ...s, principals: withDefault(s.principals, `AWS:${String(h)}`) })),
    );
  }
  if (scrutiny === "ResourcePolicyResource") {
    const policyKeys = Object.keys(props).filter((k) => k.includes("Policy"));
    const resourceKeys = Object.keys(props).filter((k) => !policyKeys.includes(k) && !k.endsWith("Name"));
    const on = resourceKeys.length === 1 ? props[resourceKeys[0]] : ["???"];
    const doc =
      policyKeys.length > 0 && isObject(props[policyKeys[0]]) ? (props[policyKeys[0]] as Record<string, Json>) : {};
    return (Array.isArray(on) ? on : [on]).flatMap((r) =>
      parseStatements(doc.Statement).map((s) => ({ ...s, resources: withDefault(s.resources, String(r)) })),
    );
  }
  return [lambdaPermission(props)];
}

function list(x: Json): Json[] {
  return x === undefined || x === null ? [] : Array.isArray(x) ? x : [x];
}

/** The statement Lambda adds to a function's policy for an AWS::Lambda::Permission. */
function lambdaPermission(p: Record<string, Json>): TableStatement {
  const statement: Record<string, Json> = { Effect: "Allow", Action: p.Action, Resource: p.FunctionName };
  if (p.Principal !== undefined) {
    if (p.Principal === "*") statement.Principal = "*";
    else if (typeof p.Principal === "string" && /^\d{12}$/.test(p.Principal)) {
      statement.Principal = { AWS: `arn:aws:iam::${p.Principal}:root` };
    } else statement.Principal = { Service: p.Principal };
  }
  const condition: Record<string, Json> = {};
  if (p.SourceArn !== undefined) condition.ArnLike = { "AWS:SourceArn": p.SourceArn };
  if (p.SourceAccount !== undefined) condition.StringEquals = { "AWS:SourceAccount": p.SourceAccount };
  // as Lambda records it, an event source token replaces a source account condition
  if (p.EventSourceToken !== undefined) condition.StringEquals = { "lambda:EventSourceToken": p.EventSourceToken };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return parseStatements(statement)[0];
}
