/**
 * Statement merging, CDK's `minimizePolicies` rules.
 *
 * Rule: two statements combine when they have the same effect, no sid, identical conditions
 * (compared as JSON text), the same NotAction/NotResource/NotPrincipal sets, agree on at least two
 * of (actions, resources, principals) as sets, and either both or neither use a literal principal.
 * The result is the union, so no access is widened. CDK scans pairs (i, j > i) in order, folds j
 * into i, retries the same j, and repeats whole passes until nothing merges. The merged statement
 * is a copy of the first one (sid, effect, conditions, Not-lists) with the unions; CDK keeps
 * comparing it by the first statement's condition text.
 *
 * Cost: CDK's scan is O(n²) pair checks a pass, and it copies a statement on every merge. Here a
 * statement is a group of small id sets with an order-independent hash per dimension; groups are
 * indexed by each pair of dimensions, so the next partner of group i is found with three lookups
 * and binary searches, and folding j into i costs O(|j|). A statement is built once per merged
 * group at the end (copying a copy gives the same statement as one copy). The visiting order is
 * CDK's, so the result is identical. A pass is O(n log n) plus the size of what is merged.
 */
import { LITERAL_STRING_KEY } from "./principals/fragment";
import { dedupeStringFor, type IPrincipal } from "./principals/types";
import { settings } from "./settings";
import type { PolicyStatement, StatementParts } from "./statement";
import { isToken, Join, valueKey, type Value } from "./value";

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

/** Gives every distinct string a small integer; for values, remembers the first value seen. */
class Interner {
  private readonly ids = new Map<string, number>();
  /** The value behind each id interned by {@link valueId}. */
  public readonly values: Value[] = [];
  public id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(s, id);
    }
    return id;
  }
  /** Equal values (same literal text or token identity) get the same id. */
  public valueId(v: Value): number {
    const id = this.id(valueKey(v));
    if (this.values[id] === undefined) this.values[id] = v;
    return id;
  }
}

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Sets this small are searched linearly; larger ones keep a hash index. */
const LINEAR_MAX = 16;

/**
 * A set of small integer ids in insertion order, with a hash that does not depend on that order
 * (equal sets have equal hashes). Values are kept by the interner; principals keep their objects.
 */
class IdSet {
  public readonly ids: number[] = [];
  private index?: Map<number, number>;
  private h1 = 0;
  private h2 = 0;

  public indexOf(id: number): number {
    if (this.index) return this.index.get(id) ?? -1;
    return this.ids.indexOf(id);
  }

  /** Adds the id; returns its position and whether it is new. */
  public add(id: number): boolean {
    if (this.indexOf(id) >= 0) return false;
    this.ids.push(id);
    if (this.index) this.index.set(id, this.ids.length - 1);
    else if (this.ids.length > LINEAR_MAX) this.index = new Map(this.ids.map((x, i) => [x, i]));
    this.h1 ^= mix(2 * id + 1);
    this.h2 ^= mix(2 * id + 0x3c6ef372);
    return true;
  }

  public get size(): number {
    return this.ids.length;
  }

  /** 30 bits, so that keys built from it stay small integers. */
  public get hash(): number {
    return mix(this.h1 ^ this.ids.length) & 0x3fffffff;
  }

  public equals(other: IdSet): boolean {
    if (other.ids.length !== this.ids.length || other.h1 !== this.h1 || other.h2 !== this.h2) return false;
    for (const id of other.ids) if (this.indexOf(id) < 0) return false;
    return true;
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

/**
 * Principals as CDK compares them: comparable ones by dedupe string (a later one with the same
 * string takes the earlier one's place, like CDK's object spread), the others by identity.
 */
class PrincipalSet {
  public readonly comparable = new IdSet();
  public readonly comparableItems: IPrincipal[] = [];
  public readonly other = new IdSet();
  public readonly otherItems: IPrincipal[] = [];

  public add(p: IPrincipal, interner: Interner): void {
    const d = dedupeStringFor(p);
    if (d) this.addComparable(interner.id("p\u0000" + d), p);
    else if (this.other.add(identity(p))) this.otherItems.push(p);
  }

  private addComparable(id: number, p: IPrincipal): void {
    if (this.comparable.add(id)) this.comparableItems.push(p);
    else this.comparableItems[this.comparable.indexOf(id)] = p;
  }

  public addAll(o: PrincipalSet): void {
    o.comparable.ids.forEach((id, i) => this.addComparable(id, o.comparableItems[i]));
    o.other.ids.forEach((id, i) => {
      if (this.other.add(id)) this.otherItems.push(o.otherItems[i]);
    });
  }

  public get size(): number {
    return this.comparable.size + this.other.size;
  }

  public get hash(): number {
    return mix(this.comparable.hash ^ Math.imul(this.other.hash, 0x9e3779b1)) & 0x3fffffff;
  }

  public equals(o: PrincipalSet): boolean {
    return this.comparable.equals(o.comparable) && this.other.equals(o.other);
  }

  public list(): IPrincipal[] {
    return [...this.comparableItems, ...this.otherItems];
  }
}

/** The principal set of every group without principals; never changed (see `fold`). */
const NO_PRINCIPALS = new PrincipalSet();

/** One statement, or several merged: the first statement's fixed parts plus the three unions. */
interface Group {
  readonly first: PolicyStatement;
  /** The statements folded in after the first one. */
  more?: PolicyStatement[];
  /** Interned (effect, conditions text, Not-sets, literal principal); -1 when it never merges. */
  readonly base: number;
  readonly actions: IdSet;
  readonly resources: IdSet;
  principals: PrincipalSet;
  merged: boolean;
  alive: boolean;
  /** The bucket keys the group is indexed under (-1: none). */
  k1: number;
  k2: number;
  k3: number;
}

/** Positions sharing a bucket, sorted; a bucket of one position is kept as the bare number. */
type Bucket = number | number[];

function lowerBound(items: number[], pos: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid] < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The bucket index: "first position after p" per key. Positions are never removed: a group that
 * merged away or changed its sets stays listed under its old keys, and the scan skips it (dead)
 * or finds its sets differ (stale). That only adds candidates, never hides one.
 */
class Buckets {
  private readonly map = new Map<number, Bucket>();

  public insert(key: number, pos: number): void {
    const b = this.map.get(key);
    if (b === undefined) this.map.set(key, pos);
    else if (typeof b === "number") {
      if (b !== pos) this.map.set(key, b < pos ? [b, pos] : [pos, b]);
    } else if (b[b.length - 1] < pos) b.push(pos);
    else {
      const i = lowerBound(b, pos);
      if (b[i] !== pos) b.splice(i, 0, pos);
    }
  }

  public firstAfter(key: number, pos: number): number | undefined {
    const b = this.map.get(key);
    if (b === undefined) return undefined;
    if (typeof b === "number") return b > pos ? b : undefined;
    return b[lowerBound(b, pos + 1)];
  }
}

const ACTION_ESTIMATE = 20;

function valueSize(v: Value, tokenSize: number): number {
  return (isToken(v) ? tokenSize : v.length) + 3;
}

function listSize(key: string, values: Iterable<Value>, tokenSize: number): number {
  let size = 0;
  let any = false;
  for (const v of values) {
    size += valueSize(v, tokenSize);
    any = true;
  }
  return any ? size + key.length + 5 : 0;
}

function sortedKeysText(values: readonly Value[]): string {
  return values.length === 0 ? "" : values.map(valueKey).sort().join("\u0001");
}

/** Comparable principals by dedupe string, the others by identity, as one set key. */
export function principalsKey(principals: readonly IPrincipal[]): string {
  if (principals.length === 0) return "";
  const comparable = new Set<string>();
  const other = new Set<number>();
  for (const p of principals) {
    const d = dedupeStringFor(p);
    if (d) comparable.add(d);
    else other.add(identity(p));
  }
  return [...comparable].sort().join("\u0001") + "\u0002" + [...other].sort((a, b) => a - b).join(",");
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

function conditionText(parts: StatementParts): string {
  return hasKeys(parts.conditions) ? JSON.stringify(parts.conditions) : "{}";
}

function newGroup(s: PolicyStatement, interner: Interner, combinable: boolean): Group {
  const parts = s._parts();
  const actions = new IdSet();
  for (const v of parts.actions) actions.add(interner.valueId(v));
  const resources = new IdSet();
  for (const v of parts.resources) resources.add(interner.valueId(v));
  let principals = NO_PRINCIPALS;
  let literal = false;
  if (parts.principals.length > 0) {
    principals = new PrincipalSet();
    for (const p of parts.principals) {
      principals.add(p, interner);
      if (!literal && LITERAL_STRING_KEY in p.policyFragment.principalJson) literal = true;
    }
  }
  return {
    first: s,
    base: baseId(parts, literal, interner, combinable),
    actions,
    resources,
    principals,
    merged: false,
    alive: true,
    k1: -1,
    k2: -1,
    k3: -1,
  };
}

/**
 * What two statements must share to merge: effect, condition text, Not-sets and whether a literal
 * principal is used (and the sid, when only identical statements merge). -1: never merges (CDK
 * does not merge statements with a sid).
 */
function baseId(parts: StatementParts, literal: boolean, interner: Interner, combinable: boolean): number {
  if (combinable && parts.sid) return -1;
  const plain =
    !hasKeys(parts.conditions) &&
    parts.notActions.length === 0 &&
    parts.notResources.length === 0 &&
    parts.notPrincipals.length === 0 &&
    (combinable || parts.sid === undefined);
  // The common case (no conditions, no Not-lists) needs no key text of its own.
  if (plain) return interner.id((literal ? "\u0004*" : "\u0004") + parts.effect);
  return interner.id(
    `b\u0003${parts.effect}\u0003${combinable ? "" : JSON.stringify(parts.sid ?? null)}\u0003${conditionText(parts)}` +
      `\u0003${sortedKeysText(parts.notActions)}\u0003${sortedKeysText(parts.notResources)}` +
      `\u0003${principalsKey(parts.notPrincipals)}\u0003${literal ? "*" : ""}`,
  );
}

/**
 * CDK's `_estimateSize` of the statement `a` and `b` would merge into: the first statement's
 * fixed parts (the copy's conditions have the same text length), plus the unions.
 */
function mergedSize(a: Group, b: Group, interner: Interner, arnEstimate: number): number {
  const parts = a.first._parts();
  const union = (x: IdSet, y: IdSet) => {
    const out = x.ids.map((id) => interner.values[id]);
    for (const id of y.ids) if (x.indexOf(id) < 0) out.push(interner.values[id]);
    return out;
  };
  const principals = new PrincipalSet();
  principals.addAll(a.principals);
  principals.addAll(b.principals);
  return (
    `"Effect": "${parts.effect}",`.length +
    listSize("Action", union(a.actions, b.actions), ACTION_ESTIMATE) +
    listSize("NotAction", parts.notActions, ACTION_ESTIMATE) +
    listSize("Resource", union(a.resources, b.resources), arnEstimate) +
    listSize("NotResource", parts.notResources, arnEstimate) +
    arnEstimate * (principals.size + parts.notPrincipals.length) +
    conditionText(parts).length
  );
}

/** Merges statements by CDK's rules; the input statements are not changed. */
export function mergeStatements(statements: PolicyStatement[], options: MergeOptions): MergeResult {
  const combinable = options.mergeIfCombinable;
  const arnEstimate = settings().arnSizeEstimate;
  const interner = new Interner();
  const groups: Group[] = statements.map((s) => newGroup(s, interner, combinable));

  // Buckets by a 30-bit hash of (kind, base, two dimensions). A shared bucket is only a hint:
  // `mergeable` compares the sets themselves.
  const buckets = new Buckets();
  const pairKey = (kind: number, base: number, x: number, y: number) =>
    mix(mix(mix(kind * 0x632be5ab + base) ^ x) ^ Math.imul(y, 0x85ebca6b)) & 0x3fffffff;
  /** Computes the group's bucket keys; with `pos`, also lists it under any new ones. */
  const index = (g: Group, pos?: number) => {
    if (g.base < 0) return;
    const a = g.actions.hash;
    const r = g.resources.hash;
    const p = g.principals.hash;
    const k1 = combinable ? pairKey(1, g.base, a, r) : pairKey(4, g.base, a, mix(r ^ Math.imul(p, 0x27d4eb2f)));
    const k2 = combinable ? pairKey(2, g.base, a, p) : -1;
    const k3 = combinable ? pairKey(3, g.base, r, p) : -1;
    if (pos !== undefined) {
      if (k1 !== g.k1) buckets.insert(k1, pos);
      if (k2 !== g.k2 && k2 >= 0) buckets.insert(k2, pos);
      if (k3 !== g.k3 && k3 >= 0) buckets.insert(k3, pos);
    }
    g.k1 = k1;
    g.k2 = k2;
    g.k3 = k3;
  };
  groups.forEach((g, pos) => index(g, pos));

  /** The first position after `after` sharing a bucket with the group (maybe dead or stale). */
  const nextCandidate = (g: Group, after: number): number | undefined => {
    let best = g.k1 >= 0 ? buckets.firstAfter(g.k1, after) : undefined;
    if (g.k2 >= 0) {
      const q = buckets.firstAfter(g.k2, after);
      if (q !== undefined && (best === undefined || q < best)) best = q;
    }
    if (g.k3 >= 0) {
      const q = buckets.firstAfter(g.k3, after);
      if (q !== undefined && (best === undefined || q < best)) best = q;
    }
    return best;
  };

  /** Whether CDK would fold b into a (bucket keys are only hashes: compare the sets). */
  const mergeable = (a: Group, b: Group): boolean => {
    if (!b.alive || a.base !== b.base) return false;
    const equal =
      (a.actions.equals(b.actions) ? 1 : 0) +
      (a.resources.equals(b.resources) ? 1 : 0) +
      (a.principals.equals(b.principals) ? 1 : 0);
    if (!combinable) return equal === 3;
    if (equal < 2) return false;
    return options.maxMergedSize === undefined || mergedSize(a, b, interner, arnEstimate) <= options.maxMergedSize;
  };

  const fold = (a: Group, b: Group) => {
    a.more ??= [];
    a.more.push(b.first);
    if (b.more) for (const s of b.more) a.more.push(s);
    b.alive = false;
    // Equal mode keeps the first statement as it is (CDK does not copy there).
    if (!combinable) return;
    for (const id of b.actions.ids) a.actions.add(id);
    for (const id of b.resources.ids) a.resources.add(id);
    if (b.principals.size > 0) {
      if (a.principals === NO_PRINCIPALS) a.principals = new PrincipalSet();
      a.principals.addAll(b.principals);
    }
    a.merged = true;
  };

  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < groups.length; i++) {
      const a = groups[i];
      if (!a.alive || a.base < 0) continue;
      let after = i;
      const listed = [a.k1, a.k2, a.k3];
      for (;;) {
        const j = nextCandidate(a, after);
        if (j === undefined) break;
        after = j;
        const b = groups[j];
        if (!mergeable(a, b)) continue;
        fold(a, b);
        // Only groups before i look for i as a partner, and none does until this loop ends:
        // search with the new keys now, list i under them once, at the end.
        index(a);
        changed = true;
      }
      if (a.k1 !== listed[0]) buckets.insert(a.k1, i);
      if (a.k2 !== listed[1] && a.k2 >= 0) buckets.insert(a.k2, i);
      if (a.k3 !== listed[2] && a.k3 >= 0) buckets.insert(a.k3, i);
    }
  }

  const mergedStatements: PolicyStatement[] = [];
  const originsMap = new Map<PolicyStatement, PolicyStatement[]>();
  for (const g of groups) {
    if (!g.alive) continue;
    const originals = [g.first, ...(g.more ?? [])];
    const statement = g.merged ? materialize(g, originals, interner) : g.first;
    mergedStatements.push(statement);
    originsMap.set(statement, originals);
  }
  return { mergedStatements, originsMap };
}

/** The merged statement: a copy of the first with the unions, actions and resources sorted as CDK does. */
function materialize(g: Group, originals: PolicyStatement[], interner: Interner): PolicyStatement {
  return g.first.copy({
    actions: sortedValues(g.actions, interner),
    resources: sortedValues(g.resources, interner),
    principals: g.principals.list(),
    // Every input passed (or opted out of) the action catalogue check already.
    allowUnknownActions: originals.some((s) => s.allowUnknownActions),
  });
}

/**
 * CDK sorts the unresolved strings, where a token reads `${Token[NAME.n]}` inside its literal
 * text (`arn:${Token[AWS.Partition.3]}:s3:::b`). Sort by that text with every token as `${Token[`,
 * then by identity: literal prefixes order as in CDK; two tokens at the same place order by CDK's
 * token numbers, which nothing here can know. Rendering re-sorts merged lists by their JSON, so
 * that last order never shows in a document.
 */
function sortedValues(set: IdSet, interner: Interner): Value[] {
  const values = set.ids.map((id) => interner.values[id]);
  // Literal strings alone sort by their UTF-16 code units, JavaScript's default order.
  if (values.every((v) => typeof v === "string")) return values.sort();
  return values
    .map((v) => [sortText(v), valueKey(v), v] as const)
    .sort(([x, xk], [y, yk]) => (x < y ? -1 : x > y ? 1 : xk < yk ? -1 : xk > yk ? 1 : 0))
    .map(([, , v]) => v);
}

function sortText(v: Value): string {
  if (typeof v === "string") return v;
  if (v instanceof Join) return v.parts.map((p) => (typeof p === "string" ? p : "${Token[")).join(v.separator);
  return "${Token[";
}
