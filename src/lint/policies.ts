/**
 * Where IAM policy documents live in a template, and a uniform view of their statements.
 *
 * Identity policies: `Policies[i].PolicyDocument` of AWS::IAM::Role/User/Group, and
 * `PolicyDocument` of AWS::IAM::Policy/ManagedPolicy. Trust policies: `AssumeRolePolicyDocument`
 * of AWS::IAM::Role. Resource policies: those of src/validate/policy-holders.ts (bucket, queue,
 * topic, key, ... policies, nested ones such as a DynamoDB table's, and AWS::Events::EventBusPolicy's
 * one statement). Statements are read defensively: a template may hold anything.
 */
import {
  cfnPropertyPath,
  TEMPLATE_RESOURCE_POLICIES,
  TEMPLATE_RESOURCE_POLICY_STATEMENTS,
} from "../validate/policy-holders";
import { asList, flatten, intrinsicName, isJsonObject } from "./intrinsics";
import { resolveDocument } from "./policy-text";

/** One template resource as rules see it. */
export interface LintResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Record<string, unknown>;
  /** Component path for messages (construct path, or the logical id). */
  readonly component: string;
}

/** The whole template as rules see it. */
export interface LintContext {
  readonly resources: readonly LintResource[];
  /** The account the program deploys to, if known. */
  readonly accountId?: string;
}

export type PolicyKind = "identity" | "trust" | "resource";

/** One statement of one policy document of a resource. */
export interface StatementView {
  readonly kind: PolicyKind;
  /** Path of the statement within Properties, e.g. `Policies[0].PolicyDocument.Statement[1]`. */
  readonly location: string;
  readonly policyName?: string;
  readonly index: number;
  readonly sid?: string;
  readonly effect: string;
  /** Action/NotAction/Resource/NotResource as flattened text; `undefined` when the key is absent. */
  readonly actions?: string[];
  readonly notActions?: string[];
  readonly resources?: string[];
  readonly notResources?: string[];
  /** The raw Principal / NotPrincipal values. */
  readonly principal?: unknown;
  readonly notPrincipal?: unknown;
  /** The Condition block (operator → key → value), or `{}`. */
  readonly condition: Record<string, Record<string, unknown>>;
}

export const IDENTITY_HOLDERS = new Set(["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]);
export const POLICY_TYPES = new Set(["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"]);

/** A policy document (or statement) of a resource that could not be read, and why. */
export interface UnreadablePolicy {
  /** Path within Properties, e.g. `PolicyDocument` or `Policies[0].PolicyDocument.Statement[2]`. */
  readonly location: string;
  readonly reason: string;
}

/** One policy document of a resource, read to its JSON object. */
export interface ReadDocument {
  readonly kind: PolicyKind;
  /**
   * Path of the document within Properties, e.g. `Policies[0].PolicyDocument`; for a document made
   * of one statement property (AWS::Events::EventBusPolicy's `Statement`), that property's.
   */
  readonly location: string;
  readonly policyName?: string;
  readonly doc: Record<string, unknown>;
  /** Set when the document is one statement property's: its `Statement` element is the property. */
  readonly statementProperty?: true;
}

interface ReadPolicies {
  readonly statements: StatementView[];
  readonly unreadable: UnreadablePolicy[];
  readonly documents: ReadDocument[];
}

// Each rule asks for the statements; documents held as text are parsed once per resource.
const cache = new WeakMap<LintResource, ReadPolicies>();

/** Every statement of every IAM policy document the resource holds. */
export function statementsOf(resource: LintResource): StatementView[] {
  return readPolicies(resource).statements;
}

/** Every policy document of the resource that could be read, as a JSON object. */
export function documentsOf(resource: LintResource): ReadDocument[] {
  return readPolicies(resource).documents;
}

/** Every policy document or statement of the resource that rules could not read. */
export function unreadablePoliciesOf(resource: LintResource): UnreadablePolicy[] {
  return readPolicies(resource).unreadable;
}

function readPolicies(resource: LintResource): ReadPolicies {
  const cached = cache.get(resource);
  if (cached) return cached;
  const read: ReadPolicies = { statements: [], unreadable: [], documents: [] };
  const props = resource.properties;
  if (IDENTITY_HOLDERS.has(resource.type)) {
    asList(props.Policies).forEach((p, i) => {
      if (!isJsonObject(p) || intrinsicName(p) !== undefined) {
        read.unreadable.push({
          location: `Policies[${i}]`,
          reason: "the entry is not a {PolicyName, PolicyDocument} object",
        });
        return;
      }
      const name = typeof p.PolicyName === "string" ? p.PolicyName : flatten(p.PolicyName);
      readDocument(p.PolicyDocument, "identity", `Policies[${i}].PolicyDocument`, name, read);
    });
  }
  if (POLICY_TYPES.has(resource.type)) {
    const name = typeof props.PolicyName === "string" ? props.PolicyName : undefined;
    readDocument(props.PolicyDocument, "identity", "PolicyDocument", name, read);
  }
  if (resource.type === "AWS::IAM::Role") {
    readDocument(props.AssumeRolePolicyDocument, "trust", "AssumeRolePolicyDocument", undefined, read);
  }
  // own keys only: a template's Type may be any text ("constructor")
  const resourcePolicies = Object.hasOwn(TEMPLATE_RESOURCE_POLICIES, resource.type)
    ? TEMPLATE_RESOURCE_POLICIES[resource.type]
    : [];
  for (const property of resourcePolicies) readResourcePolicy(props, property, read);
  if (Object.hasOwn(TEMPLATE_RESOURCE_POLICY_STATEMENTS, resource.type)) {
    const property = TEMPLATE_RESOURCE_POLICY_STATEMENTS[resource.type];
    readStatementProperty(props[property], property, read);
  }
  cache.set(resource, read);
  return read;
}

/**
 * The resource policies at a property path: nested ones (`ResourcePolicy.PolicyDocument`) step by
 * step, each item of a list step (`Replicas[]`) at its index (`Replicas[1].ResourcePolicy...`).
 */
function readResourcePolicy(props: Record<string, unknown>, property: string, out: ReadPolicies): void {
  const steps = cfnPropertyPath(property);
  const walk = (at: Record<string, unknown>, i: number, where: string): void => {
    const { key, each } = steps[i];
    const location = where === "" ? key : `${where}.${key}`;
    const value = at[key];
    if (i === steps.length - 1) return readDocument(value, "resource", location, undefined, out);
    const rest = steps.slice(i + 1).map((s) => s.key);
    const into = (v: unknown, loc: string): void => {
      if (isJsonObject(v) && intrinsicName(v) === undefined) return walk(v, i + 1, loc);
      // An intrinsic (Fn::If) or another value where an object would hold the policy: unreadable when
      // it could hold one (it names the next property), else there is no policy in it to read.
      if (mentions(v, rest[0])) {
        out.unreadable.push({ location: loc, reason: `it is no object lint can read for ${rest.join(".")}` });
      }
    };
    if (value === undefined) return;
    // A list step's value that is no list (an intrinsic) is read as one value, like an item.
    if (!each || !Array.isArray(value)) return into(value, location);
    value.forEach((item, n) => into(item, `${location}[${n}]`));
  };
  walk(props, 0, "");
}

/** Whether a key appears anywhere in a JSON value. */
function mentions(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => mentions(v, key));
  if (!isJsonObject(value)) return false;
  return Object.entries(value).some(([k, v]) => k === key || mentions(v, key));
}

function readDocument(
  doc: unknown,
  kind: PolicyKind,
  at: string,
  policyName: string | undefined,
  out: ReadPolicies,
): void {
  // An absent document is CloudFormation's to reject (a required property), not a policy to read.
  if (doc === undefined) return;
  const resolved = resolveDocument(doc);
  if ("unreadable" in resolved) {
    out.unreadable.push({ location: at, reason: resolved.unreadable });
    return;
  }
  out.documents.push({ kind, location: at, policyName, doc: resolved.doc });
  const statements = resolved.doc.Statement;
  if (!Array.isArray(statements) && !isJsonObject(statements)) {
    out.unreadable.push({ location: `${at}.Statement`, reason: "the document has no Statement list" });
    return;
  }
  asList(statements).forEach((s, index) => {
    if (!isJsonObject(s) || Object.keys(s).some((k) => k.startsWith("Fn::"))) {
      out.unreadable.push({
        location: `${at}.Statement[${index}]`,
        reason: "the statement is not a JSON object of Effect/Action/Resource (an intrinsic or another value)",
      });
      return;
    }
    out.statements.push(statementView(s, kind, `${at}.Statement[${index}]`, policyName, index));
  });
}

/**
 * A property holding one statement (AWS::Events::EventBusPolicy's `Statement`): validated as the
 * document of that statement alone, its `Statement` element standing for the property.
 */
function readStatementProperty(value: unknown, at: string, out: ReadPolicies): void {
  // Without it, the resource is the older form (Action, Principal, Condition properties): no statement to read.
  if (value === undefined) return;
  const resolved = resolveDocument(value);
  if ("unreadable" in resolved) {
    out.unreadable.push({ location: at, reason: resolved.unreadable.replace("policy document", "policy statement") });
    return;
  }
  const s = resolved.doc;
  if (Object.keys(s).some((k) => k.startsWith("Fn::"))) {
    out.unreadable.push({
      location: at,
      reason: "the statement is an intrinsic, not a JSON object of Effect/Action/Resource",
    });
    return;
  }
  const doc = { Version: "2012-10-17", Statement: s };
  out.documents.push({ kind: "resource", location: at, doc, statementProperty: true });
  out.statements.push(statementView(s, "resource", at, undefined, 0));
}

function statementView(
  s: Record<string, unknown>,
  kind: PolicyKind,
  location: string,
  policyName: string | undefined,
  index: number,
): StatementView {
  const list = (key: string) => (key in s ? asList(s[key]).map(flatten) : undefined);
  const condition: Record<string, Record<string, unknown>> = {};
  if (isJsonObject(s.Condition)) {
    for (const [op, block] of Object.entries(s.Condition)) if (isJsonObject(block)) condition[op] = block;
  }
  return {
    kind,
    location,
    policyName,
    index,
    sid: typeof s.Sid === "string" ? s.Sid : undefined,
    effect: typeof s.Effect === "string" ? s.Effect : "",
    actions: list("Action"),
    notActions: list("NotAction"),
    resources: list("Resource"),
    notResources: list("NotResource"),
    principal: s.Principal,
    notPrincipal: s.NotPrincipal,
    condition,
  };
}

/** Whether an action pattern (IAM wildcard syntax, case-insensitive) covers `action`. */
export function actionCovers(pattern: string, action: string): boolean {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i").test(action);
}

/** Every condition key of a statement, lower-cased, with its value. */
export function conditionEntries(s: StatementView): { operator: string; key: string; value: unknown }[] {
  const out: { operator: string; key: string; value: unknown }[] = [];
  for (const [operator, block] of Object.entries(s.condition)) {
    for (const [key, value] of Object.entries(block)) out.push({ operator, key: key.toLowerCase(), value });
  }
  return out;
}

/** How a statement is named in messages: `statement 1 (Sid "X") of policy P`. */
export function describeStatement(s: StatementView): string {
  const sid = s.sid ? ` (Sid "${s.sid}")` : "";
  const where =
    s.kind === "trust"
      ? " of the trust policy"
      : s.kind === "resource"
        ? " of the resource policy"
        : s.policyName
          ? ` of policy ${s.policyName}`
          : "";
  return `statement ${s.index}${sid}${where}`;
}
