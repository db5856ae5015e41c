/**
 * The policy as the checks see it: statements with their elements read to lists, each value
 * with its JSON path. Values that are not plain text (a CloudFormation intrinsic, a reference
 * placeholder `${Bucket.Arn}` of a template) are kept but marked, so a check can skip what it
 * cannot decide instead of guessing.
 */
import type { IssueCode } from "./codes";
import type { PolicyType } from "./types";

/** What a check reports: the table in codes.ts adds the kind and general fix. */
export interface Issue {
  readonly code: IssueCode;
  readonly path: string;
  readonly message: string;
  readonly statementIndex?: number;
}

/** What a check returns when it finds nothing (shared: a program runs the checks on thousands of statements). */
export const NO_ISSUES: readonly Issue[] = Object.freeze([]);

/** One value of a list element (`Action`, `Resource`, a principal list, condition values). */
export interface Item {
  /** The value: a string, or whatever JSON stood there. */
  readonly value: unknown;
  readonly path: string;
}

export interface StatementView {
  readonly index: number;
  readonly path: string;
  readonly raw: Record<string, unknown>;
  readonly sid?: string;
  readonly effect?: unknown;
  /** `Action` or `NotAction` (whichever is present; `Action` when both are). */
  readonly actionKey?: "Action" | "NotAction";
  readonly actions: readonly Item[];
  readonly resourceKey?: "Resource" | "NotResource";
  readonly resources: readonly Item[];
  readonly principalKey?: "Principal" | "NotPrincipal";
}

export interface PolicyView {
  readonly type: PolicyType;
  readonly raw: Record<string, unknown>;
  readonly statements: readonly StatementView[];
  readonly account?: string;
  /** CloudFormation type of the resource holding a resource policy, when known. */
  readonly resourceType?: string;
}

/** A value of a list: its path is made only when asked for (by a finding, rarely). */
class ListItem implements Item {
  constructor(
    public readonly value: unknown,
    private readonly list: string,
    private readonly index: number,
  ) {}

  public get path(): string {
    return `${this.list}[${this.index}]`;
  }
}

/** Reads an element that may be one value or a list of values. */
export function itemsOf(value: unknown, path: string): Item[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map((v, i) => new ListItem(v, path, i));
  return [{ value, path }];
}

export function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** A JSON path step for a key (`.Condition.StringEquals` or `["aws:SourceIp"]`-free dotted form). */
export function child(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

const REFERENCE = /\$\{[^}]*\}/g;

/**
 * Whether text holds a CloudFormation reference placeholder (`${AWS::Partition}`, `${Bucket.Arn}`,
 * `${Bucket}`): a `${...}` that is not a policy variable (variables are `${prefix:key}` or `${*}`,
 * `${?}`, `${$}`).
 */
export function hasReference(text: string): boolean {
  if (!text.includes("${")) return false;
  for (const m of text.matchAll(REFERENCE)) if (isReference(m[0].slice(2, -1))) return true;
  return false;
}

/** Whether the inside of a `${...}` is a CloudFormation reference rather than a policy variable. */
export function isReference(inner: string): boolean {
  if (inner === "*" || inner === "?" || inner === "$") return false;
  return inner.includes("::") || !inner.includes(":");
}

/** Whether a value is text the checks can read (a string without references). */
export function isPlain(value: unknown): value is string {
  return typeof value === "string" && !hasReference(value);
}

/** Builds the view of a document; `undefined` statements mean the document has none. */
export function viewOf(
  doc: Record<string, unknown>,
  type: PolicyType,
  account?: string,
  resourceType?: string,
): PolicyView {
  const statements: StatementView[] = [];
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  list.forEach((s, index) => {
    const path = Array.isArray(raw) ? `Statement[${index}]` : "Statement";
    if (!isObject(s)) return;
    const actionKey = "Action" in s ? "Action" : "NotAction" in s ? "NotAction" : undefined;
    const resourceKey = "Resource" in s ? "Resource" : "NotResource" in s ? "NotResource" : undefined;
    const principalKey = "Principal" in s ? "Principal" : "NotPrincipal" in s ? "NotPrincipal" : undefined;
    statements.push({
      index,
      path,
      raw: s,
      sid: typeof s.Sid === "string" ? s.Sid : undefined,
      effect: s.Effect,
      actionKey,
      actions: actionKey ? itemsOf(s[actionKey], `${path}.${actionKey}`) : [],
      resourceKey,
      resources: resourceKey ? itemsOf(s[resourceKey], `${path}.${resourceKey}`) : [],
      principalKey,
    });
  });
  return { type, raw: doc, statements, account, ...(resourceType !== undefined ? { resourceType } : {}) };
}

// What principalItems and conditionsOf read, per statement view: several checks ask for each.
const principalMemo = new WeakMap<StatementView, readonly { key: string; item: Item }[]>();
const conditionMemo = new WeakMap<StatementView, readonly Condition[]>();
const NONE: readonly never[] = [];

/** The principal element as (key, item) pairs: `{"AWS": [..]}` → each value; `"*"` → key `*`. */
export function principalItems(s: StatementView): readonly { key: string; item: Item }[] {
  if (!s.principalKey) return NONE;
  let hit = principalMemo.get(s);
  if (!hit) {
    hit = readPrincipal(s, s.principalKey);
    principalMemo.set(s, hit);
  }
  return hit;
}

function readPrincipal(s: StatementView, principalKey: string): { key: string; item: Item }[] {
  const p = s.raw[principalKey];
  const path = `${s.path}.${principalKey}`;
  if (!isObject(p)) return [{ key: "*", item: { value: p, path } }];
  const out: { key: string; item: Item }[] = [];
  for (const [k, v] of Object.entries(p)) for (const item of itemsOf(v, child(path, k))) out.push({ key: k, item });
  return out;
}

/** One condition of a statement: an operator, a key, and the key's values. */
export interface Condition {
  readonly operator: string;
  readonly key: string;
  readonly path: string;
  readonly values: Item[];
  readonly raw: unknown;
}

/** The statement's conditions as (operator, key, values) triples. */
export function conditionsOf(s: StatementView): readonly Condition[] {
  const c = s.raw.Condition;
  if (!isObject(c)) return NONE;
  let hit = conditionMemo.get(s);
  if (!hit) {
    hit = readConditions(s, c);
    conditionMemo.set(s, hit);
  }
  return hit;
}

function readConditions(s: StatementView, c: Record<string, unknown>): Condition[] {
  const out: Condition[] = [];
  for (const [operator, block] of Object.entries(c)) {
    if (!isObject(block)) continue;
    for (const [key, v] of Object.entries(block)) {
      const path = child(child(`${s.path}.Condition`, operator), key);
      out.push({ operator, key, path, values: itemsOf(v, path), raw: v });
    }
  }
  return out;
}
