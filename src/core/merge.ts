/**
 * Statement merging, CDK's `minimizePolicies` rules.
 *
 * Rule: two statements combine when they have the same effect, no sid, identical conditions
 * (compared as JSON text), the same NotAction/NotResource/NotPrincipal sets, agree on at least two
 * of (actions, resources, principals) as sets, and either both or neither use a literal principal.
 * The result is the union, so no access is widened. CDK scans pairs (i, j > i) in order, folds j
 * into i, retries the same j, and repeats whole passes until nothing merges.
 *
 * Cost: CDK's scan is O(n²) pair checks a pass. Here every statement's sets are interned to
 * integers, and statements are indexed by each pair of dimensions, so finding the next partner of
 * statement i is a lookup in three buckets: a pass is O(n log n). The visiting order is CDK's, so
 * the result is identical.
 */
import type { PolicyStatement } from "./statement";
import { dedupeStringFor, type IPrincipal } from "./principals/types";
import { valueKey, type Value } from "./value";

export interface MergeOptions {
  /** Merge statements that agree on two of three dimensions (true) or only identical ones (false). */
  readonly mergeIfCombinable: boolean;
  /** Reject a merge whose estimated size exceeds this (used while splitting). */
  readonly maxMergedSize?: number;
}

export interface MergeResult {
  readonly mergedStatements: PolicyStatement[];
  /** For each merged statement, the input statements it stands for. */
  readonly originsMap: Map<PolicyStatement, PolicyStatement[]>;
}

interface Entry {
  statement: PolicyStatement;
  originals: PolicyStatement[];
  conditionString: string;
  base: number;
  actions: number;
  resources: number;
  principals: number;
  alive: boolean;
}

class Interner {
  private readonly ids = new Map<string, number>();
  public id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(s, id);
    }
    return id;
  }
}

const identityIds = new WeakMap<object, number>();
let nextIdentity = 1;
function identity(o: object): number {
  let id = identityIds.get(o);
  if (id === undefined) {
    id = nextIdentity++;
    identityIds.set(o, id);
  }
  return id;
}

function valuesKey(values: Value[]): string {
  return values.map(valueKey).sort().join("\u0001");
}

/** Comparable principals by dedupe string, the others by identity, as one set key. */
export function principalsKey(principals: IPrincipal[]): string {
  const comparable = new Set<string>();
  const other = new Set<number>();
  for (const p of principals) {
    const d = dedupeStringFor(p);
    if (d) comparable.add(d);
    else other.add(identity(p));
  }
  return [...comparable].sort().join("\u0001") + "\u0002" + [...other].sort((a, b) => a - b).join(",");
}

function mergePrincipalLists(xs: IPrincipal[], ys: IPrincipal[]): IPrincipal[] {
  const comparable = new Map<string, IPrincipal>();
  const xOther: IPrincipal[] = [];
  const yOther: IPrincipal[] = [];
  for (const [list, other] of [
    [xs, xOther],
    [ys, yOther],
  ] as const) {
    for (const p of list) {
      const d = dedupeStringFor(p);
      if (d) comparable.set(d, p);
      else other.push(p);
    }
  }
  return [...comparable.values(), ...xOther, ...yOther];
}

function union(a: Value[], b: Value[]): Value[] {
  const seen = new Map<string, Value>();
  for (const v of [...a, ...b]) if (!seen.has(valueKey(v))) seen.set(valueKey(v), v);
  // CDK sorts the unresolved strings; tokens render as "${...}" there, which sorts first.
  return [...seen.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, v]) => v);
}

/** A sorted list of positions supporting "first position after p" and removal. */
class PositionList {
  private readonly items: number[] = [];
  public insert(pos: number): void {
    const i = this.lowerBound(pos);
    if (this.items[i] !== pos) this.items.splice(i, 0, pos);
  }
  public remove(pos: number): void {
    const i = this.lowerBound(pos);
    if (this.items[i] === pos) this.items.splice(i, 1);
  }
  public firstAfter(pos: number): number | undefined {
    const i = this.lowerBound(pos + 1);
    return this.items[i];
  }
  public after(pos: number): number[] {
    return this.items.slice(this.lowerBound(pos + 1));
  }
  private lowerBound(pos: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid] < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Merges statements by CDK's rules; the input statements are not changed. */
export function mergeStatements(statements: PolicyStatement[], options: MergeOptions): MergeResult {
  const interner = new Interner();
  const entries: Entry[] = statements.map((s) => describeEntry(s, [s], interner, options.mergeIfCombinable));
  const buckets = new Map<string, PositionList>();
  const bucketKeys = (e: Entry): string[] =>
    e.base < 0
      ? []
      : options.mergeIfCombinable
        ? [
            `${e.base}|a${e.actions}|r${e.resources}`,
            `${e.base}|a${e.actions}|p${e.principals}`,
            `${e.base}|r${e.resources}|p${e.principals}`,
          ]
        : [`${e.base}|a${e.actions}|r${e.resources}|p${e.principals}`];
  const index = (e: Entry, pos: number, add: boolean) => {
    for (const k of bucketKeys(e)) {
      let list = buckets.get(k);
      if (!list) buckets.set(k, (list = new PositionList()));
      if (add) list.insert(pos);
      else list.remove(pos);
    }
  };
  entries.forEach((e, pos) => index(e, pos, true));

  const tryMerge = (a: Entry, b: Entry): Entry | undefined => {
    if (!options.mergeIfCombinable) return { ...a, originals: [...a.originals, ...b.originals] };
    const combined = a.statement.copy({
      actions: union(a.statement.actions, b.statement.actions),
      resources: union(a.statement.resources, b.statement.resources),
      principals: mergePrincipalLists(a.statement.principals, b.statement.principals),
      // Both inputs passed (or opted out of) the action catalogue check already.
      allowUnknownActions: a.statement.allowUnknownActions || b.statement.allowUnknownActions,
    });
    if (options.maxMergedSize !== undefined && combined._estimateSize() > options.maxMergedSize) return undefined;
    // CDK keeps comparing the merged statement by the first statement's condition text, even
    // when the copy lists principal conditions first and so renders them in another order.
    return describeEntry(combined, [...a.originals, ...b.originals], interner, true, a.conditionString);
  };

  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < entries.length; i++) {
      if (!entries[i].alive) continue;
      let p = i;
      for (;;) {
        const j = nextCandidate(entries[i], p, bucketKeys, buckets, options.maxMergedSize !== undefined);
        if (j === undefined) break;
        const merged =
          options.maxMergedSize !== undefined
            ? firstMergeable(entries, i, j, p, bucketKeys, buckets, tryMerge)
            : { pos: j, entry: tryMerge(entries[i], entries[j]) };
        if (!merged || !merged.entry) break;
        index(entries[i], i, false);
        index(entries[merged.pos], merged.pos, false);
        entries[merged.pos].alive = false;
        entries[i] = merged.entry;
        index(entries[i], i, true);
        p = merged.pos;
        changed = true;
      }
    }
  }

  const mergedStatements: PolicyStatement[] = [];
  const originsMap = new Map<PolicyStatement, PolicyStatement[]>();
  for (const e of entries) {
    if (!e.alive) continue;
    mergedStatements.push(e.statement);
    originsMap.set(e.statement, e.originals);
  }
  return { mergedStatements, originsMap };
}

function nextCandidate(
  e: Entry,
  after: number,
  bucketKeys: (e: Entry) => string[],
  buckets: Map<string, PositionList>,
  _sized: boolean,
): number | undefined {
  let best: number | undefined;
  for (const k of bucketKeys(e)) {
    const q = buckets.get(k)?.firstAfter(after);
    if (q !== undefined && (best === undefined || q < best)) best = q;
  }
  return best;
}

// With a size cap a candidate may be refused; CDK then moves on to the next j, so do the same.
function firstMergeable(
  entries: Entry[],
  i: number,
  first: number,
  after: number,
  bucketKeys: (e: Entry) => string[],
  buckets: Map<string, PositionList>,
  tryMerge: (a: Entry, b: Entry) => Entry | undefined,
): { pos: number; entry: Entry } | undefined {
  const candidates = new Set<number>();
  for (const k of bucketKeys(entries[i])) for (const q of buckets.get(k)?.after(after) ?? []) candidates.add(q);
  const ordered = [...candidates].filter((q) => q >= first).sort((a, b) => a - b);
  for (const q of ordered) {
    const entry = tryMerge(entries[i], entries[q]);
    if (entry) return { pos: q, entry };
  }
  return undefined;
}

function describeEntry(
  s: PolicyStatement,
  originals: PolicyStatement[],
  interner: Interner,
  combinable: boolean,
  conditionString = JSON.stringify(s.conditions),
): Entry {
  const hasSid = !!s.sid;
  // In combinable mode statements with a sid never merge; in equal mode the sid is part of the key.
  const base =
    combinable && hasSid
      ? -1
      : interner.id(
          [
            s.effect,
            combinable ? "" : JSON.stringify(s.sid ?? null),
            conditionString,
            valuesKey(s.notActions),
            valuesKey(s.notResources),
            principalsKey(s.notPrincipals),
            combinable ? String(s._hasLiteralPrincipal) : "",
          ].join("\u0003"),
        );
  return {
    statement: s,
    originals,
    conditionString,
    base,
    actions: interner.id(valuesKey(s.actions)),
    resources: interner.id(valuesKey(s.resources)),
    principals: interner.id(principalsKey(s.principals)),
    alive: true,
  };
}
