/** Suggestions: repeated or covered values, repeated statements, and empty lists and objects. */
import type { Issue, Item, PolicyView, StatementView } from "../model";
import { conditionsOf, isObject, principalItems } from "../model";

/** Compiled once per pattern and flags: policies repeat the same wildcards. */
const wildcardRes = new Map<string, RegExp>();

function wildcardRe(pattern: string, flags: string): RegExp {
  const key = `${flags}\n${pattern}`;
  let re = wildcardRes.get(key);
  if (re === undefined) {
    re = compileWildcard(pattern, flags);
    if (wildcardRes.size >= 5_000) wildcardRes.clear();
    wildcardRes.set(key, re);
  }
  return re;
}

function compileWildcard(pattern: string, flags: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    flags,
  );
}

/** Values covered by another value of the same list (an exact repeat, or a wildcard covering it). */
function covered(items: readonly Item[], caseInsensitive: boolean): { item: Item; by: string }[] {
  const out: { item: Item; by: string }[] = [];
  const norm = (v: string): string => (caseInsensitive ? v.toLowerCase() : v);
  const strings = items.filter((i): i is Item & { value: string } => typeof i.value === "string");
  const wildcards = strings
    .filter((w) => /[*?]/.test(w.value) && !w.value.includes("${"))
    .map((w) => ({
      text: w.value,
      norm: norm(w.value),
      literal: norm(w.value).split(/[*?]/)[0],
      // Compiled only when a value starts with the literal part (most never do).
      re: () => wildcardRe(w.value, caseInsensitive ? "i" : ""),
    }));
  const first = new Set<string>();
  for (const item of strings) {
    const v = norm(item.value);
    if (first.has(v)) {
      out.push({ item, by: item.value });
      continue;
    }
    first.add(v);
    const wider = wildcards.find((w) => w.norm !== v && v.startsWith(w.literal) && w.re().test(v));
    if (wider) out.push({ item, by: wider.text });
  }
  return out;
}

/** An action or resource already covered by another in the same statement. */
export function checkRedundantActionsResources(s: StatementView): Issue[] {
  const out: Issue[] = [];
  for (const { item, by } of covered(s.actions, true)) {
    out.push({
      code: "REDUNDANT_ACTION",
      path: item.path,
      message: `${item.value as string} is already covered by ${by}.`,
    });
  }
  for (const { item, by } of covered(s.resources, false)) {
    out.push({
      code: "REDUNDANT_RESOURCE",
      path: item.path,
      message: `${item.value as string} is already covered by ${by}.`,
    });
  }
  return out;
}

/** A value repeated in a principal or condition value list. */
export function checkRepeatedValues(s: StatementView): Issue[] {
  const out: Issue[] = [];
  const lists: Item[][] = [];
  const byKey = new Map<string, Item[]>();
  for (const { key, item } of principalItems(s)) byKey.set(key, [...(byKey.get(key) ?? []), item]);
  lists.push(...byKey.values());
  for (const c of conditionsOf(s)) lists.push(c.values);
  for (const list of lists) {
    const seen = new Set<string>();
    for (const item of list) {
      const k = JSON.stringify(item.value);
      if (seen.has(k)) out.push({ code: "REDUNDANT_VALUE", path: item.path, message: `${k} appears more than once.` });
      seen.add(k);
    }
  }
  return out;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

/** A statement that says the same as an earlier one (Sid aside). */
export function checkRedundantStatements(p: PolicyView): Issue[] {
  const seen = new Map<string, number>();
  const out: Issue[] = [];
  for (const s of p.statements) {
    const { Sid: _sid, ...rest } = s.raw;
    const key = canonical(rest);
    const first = seen.get(key);
    if (first !== undefined) {
      out.push({
        code: "REDUNDANT_STATEMENT",
        path: s.path,
        statementIndex: s.index,
        message: `The statement repeats statement ${first}.`,
      });
    } else seen.set(key, s.index);
  }
  return out;
}

/** Empty Action/Resource/Principal lists, empty principal and condition objects, empty condition values. */
export function checkEmptyValues(s: StatementView): Issue[] {
  const out: Issue[] = [];
  const r = s.raw;
  if (s.actionKey && Array.isArray(r[s.actionKey]) && (r[s.actionKey] as unknown[]).length === 0) {
    out.push({
      code: "EMPTY_ARRAY_ACTION",
      path: `${s.path}.${s.actionKey}`,
      message: `${s.actionKey} is an empty list.`,
    });
  }
  if (s.resourceKey && Array.isArray(r[s.resourceKey]) && (r[s.resourceKey] as unknown[]).length === 0) {
    out.push({
      code: "EMPTY_ARRAY_RESOURCE",
      path: `${s.path}.${s.resourceKey}`,
      message: `${s.resourceKey} is an empty list.`,
    });
  }
  if (s.principalKey) {
    const p = r[s.principalKey];
    if (isObject(p)) {
      if (Object.keys(p).length === 0)
        out.push({
          code: "EMPTY_OBJECT_PRINCIPAL",
          path: `${s.path}.${s.principalKey}`,
          message: `${s.principalKey} is an empty object.`,
        });
      for (const [k, v] of Object.entries(p)) {
        if (Array.isArray(v) && v.length === 0)
          out.push({
            code: "EMPTY_ARRAY_PRINCIPAL",
            path: `${s.path}.${s.principalKey}.${k}`,
            message: `Principal ${k} is an empty list.`,
          });
      }
    }
  }
  const c = r.Condition;
  if (isObject(c)) {
    if (Object.keys(c).length === 0)
      out.push({
        code: "EMPTY_OBJECT_CONDITION",
        path: `${s.path}.Condition`,
        message: "Condition is an empty object.",
      });
    for (const [op, block] of Object.entries(c)) {
      if (isObject(block) && Object.keys(block).length === 0) {
        out.push({
          code: "EMPTY_OBJECT_CONDITION",
          path: `${s.path}.Condition.${op}`,
          message: `Condition operator ${op} has no keys.`,
        });
      }
    }
    for (const cond of conditionsOf(s)) {
      if (Array.isArray(cond.raw) && cond.raw.length === 0)
        out.push({
          code: "EMPTY_ARRAY_CONDITION",
          path: cond.path,
          message: `Condition key ${cond.key} has an empty list of values.`,
        });
    }
  }
  return out;
}
