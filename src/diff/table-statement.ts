/**
 * One statement as `cdk diff`'s "IAM Statement Changes" table sees it: its Sid, Effect, and the
 * Resource / Action / Principal targets as sorted text lists (`NotX` kept as negated), its
 * Condition as given. A statement that is not an object (an unresolvable intrinsic rendered to
 * text) is kept whole as that text. Two statements are the same row when all of that is equal.
 */
import { isObject, type Json } from "./cfn-text";

/** A Resource/Action/Principal field: its values as text, sorted, and whether it is the `Not` form. */
export interface Targets {
  readonly not: boolean;
  readonly values: string[];
}

/** A statement of the statement table. */
export interface TableStatement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny" | "Unknown";
  readonly resources: Targets;
  readonly actions: Targets;
  readonly principals: Targets;
  readonly condition?: Json;
  /** The statement's text when it is not a statement object. */
  readonly intrinsic?: string;
}

/** Reads `Statement` (one statement, a list, or absent) into table statements. */
export function parseStatements(x: Json): TableStatement[] {
  const list = x === undefined ? [] : Array.isArray(x) ? x : [x];
  return list.map(parseStatement);
}

function parseStatement(s: Json): TableStatement {
  if (typeof s === "string") {
    const empty = () => ({ not: false, values: [] as string[] });
    return { effect: "Unknown", resources: empty(), actions: empty(), principals: empty(), intrinsic: s };
  }
  const o = isObject(s) ? s : {};
  return {
    sid: typeof o.Sid === "string" ? o.Sid : undefined,
    effect: o.Effect === "Allow" || o.Effect === "Deny" ? o.Effect : "Unknown",
    resources: targets(o, "Resource", "NotResource"),
    actions: targets(o, "Action", "NotAction"),
    principals: targets(o, "Principal", "NotPrincipal"),
    condition: o.Condition,
  };
}

function targets(o: Record<string, Json>, positive: string, negative: string): Targets {
  const not = negative in o;
  return { not, values: textList(not ? o[negative] : o[positive]).sort() };
}

/** A value as a list of texts: `{ AWS: [a, b] }` → `AWS:a`, `AWS:b`; a nested list is comma-joined. */
function textList(x: Json): string[] {
  if (typeof x === "string") return [x];
  if (x === undefined || x === null) return [];
  if (Array.isArray(x)) return x.map((e) => textList(e).join(","));
  if (isObject(x)) return Object.entries(x).flatMap(([k, v]) => textList(v).map((s) => `${k}:${s}`));
  return [String(x)];
}

/** Fills an empty target list, and replaces `*`, with `value` (the principal or resource a policy applies to). */
export function withDefault(t: Targets, value: string): Targets {
  const values = t.values.length === 0 ? [value] : t.values.map((v) => (v === "*" ? value : v));
  return { not: t.not, values: values.sort() };
}

/** A text equal for two statements exactly when {@link sameStatement} holds. */
export function statementKey(s: TableStatement): string {
  return JSON.stringify([
    s.sid ?? null,
    s.effect,
    s.intrinsic ?? null,
    s.resources,
    s.actions,
    s.principals,
    s.condition === undefined ? "u" : canonicalJson(s.condition),
  ]);
}

/** JSON with object keys sorted (array order kept); `undefined` written `u`, so a key holding it still counts. */
function canonicalJson(x: Json): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(",")}]`;
  if (isObject(x)) {
    const keys = Object.keys(x).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(x[k])}`).join(",")}}`;
  }
  if (typeof x === "number" && Number.isNaN(x)) return "NaN";
  return JSON.stringify(x) ?? "u";
}

/** Whether two statements are the same row. */
export function sameStatement(a: TableStatement, b: TableStatement): boolean {
  return (
    a.sid === b.sid &&
    a.effect === b.effect &&
    a.intrinsic === b.intrinsic &&
    sameTargets(a.resources, b.resources) &&
    sameTargets(a.actions, b.actions) &&
    sameTargets(a.principals, b.principals) &&
    jsonEqual(a.condition, b.condition)
  );
}

function sameTargets(a: Targets, b: Targets): boolean {
  return a.not === b.not && a.values.length === b.values.length && a.values.every((v, i) => v === b.values[i]);
}

/** Strict JSON equality, key order ignored. */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]))
    );
  }
  return Number.isNaN(a) && Number.isNaN(b);
}

/**
 * Whether the statement narrows access rather than widening it: an Allow with a `Not` target, or
 * a Deny without one (adding it takes access away; removing it gives access).
 */
export function isNegative(s: TableStatement): boolean {
  const notTarget = s.actions.not || s.principals.not || s.resources.not;
  return s.effect === "Allow" ? notTarget : !notTarget;
}

/** The table cells of a statement. */
export interface StatementCells {
  readonly resource: string;
  readonly effect: string;
  readonly action: string;
  readonly principal: string;
  readonly condition: string;
}

/** The statement's cells: lists one value a line, `NOT ` before negated values, the Condition as indented JSON. */
export function renderStatement(s: TableStatement): StatementCells {
  if (s.intrinsic !== undefined) {
    return { resource: s.intrinsic, effect: "", action: "", principal: renderTargets(s.principals), condition: "" };
  }
  return {
    resource: renderTargets(s.resources),
    effect: s.effect,
    action: renderTargets(s.actions),
    principal: renderTargets(s.principals),
    condition: renderCondition(s.condition),
  };
}

function renderTargets(t: Targets): string {
  return (t.not ? t.values.map((v) => `NOT ${v}`) : t.values).join("\n");
}

/** A Condition block as JSON without its outer braces, dedented. */
export function renderCondition(condition: Json): string {
  if (!condition || (isObject(condition) && Object.keys(condition).length === 0)) return "";
  const lines = JSON.stringify(condition, undefined, 2).split("\n");
  return lines
    .slice(1, lines.length - 1)
    .map((l) => l.slice(2))
    .join("\n");
}
