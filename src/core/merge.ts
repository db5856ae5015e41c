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

/** Gives every distinct string a small integer; values get their own dense ids. */
class Interner {
  private readonly ids = new Map<string, number>();
  private readonly valueIds = new Map<string, number>();
  /** The value behind each value id (the first one seen with that identity). */
  public readonly values: Value[] = [];
  /** Base ids of statements with no conditions and no Not-lists, by literal flag and effect. */
  private readonly plainBases = [new Map<string, number>(), new Map<string, number>()];

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
    const key = valueKey(v);
    let id = this.valueIds.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.valueIds.set(key, id);
      this.values.push(v);
    }
    return id;
  }

  public plainBase(effect: string, literal: boolean): number {
    const cache = this.plainBases[literal ? 1 : 0];
    let id = cache.get(effect);
    if (id === undefined) {
      id = this.id((literal ? "\u0004*" : "\u0004") + effect);
      cache.set(effect, id);
    }
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
  /** The number of ids. */
  public size = 0;
  /** 30 bits, so that keys built from it stay small integers. */
  public hash = mix(0);
  /** The id while there is only one (most statements have one action and one resource). */
  private first = -1;
  /** All ids once there are two or more. */
  private list?: number[];
  private index?: Map<number, number>;
  private h1 = 0;
  private sum = 0;

  /** The id at a position (insertion order). */
  public at(i: number): number {
    return this.list ? this.list[i] : this.first;
  }

  public indexOf(id: number): number {
    if (this.index) return this.index.get(id) ?? -1;
    if (this.list) return this.list.indexOf(id);
    return this.size === 1 && this.first === id ? 0 : -1;
  }

  /** Adds the id; returns whether it is new. */
  public add(id: number): boolean {
    if (this.indexOf(id) >= 0) return false;
    if (this.size === 0) this.first = id;
    else {
      const list = (this.list ??= [this.first]);
      list.push(id);
      if (this.index) this.index.set(id, list.length - 1);
      else if (list.length > LINEAR_MAX) this.index = new Map(list.map((x, i) => [x, i]));
    }
    this.size++;
    this.h1 ^= mix(2 * id + 1);
    this.sum += id;
    this.hash = mix(this.h1 ^ this.size) & 0x3fffffff;
    return true;
  }

  public equals(other: IdSet): boolean {
    if (other === this) return true;
    if (other.size !== this.size || other.h1 !== this.h1 || other.sum !== this.sum) return false;
    for (let i = 0; i < other.size; i++) if (this.indexOf(other.at(i)) < 0) return false;
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
    for (let i = 0; i < o.comparable.size; i++) this.addComparable(o.comparable.at(i), o.comparableItems[i]);
    for (let i = 0; i < o.other.size; i++) if (this.other.add(o.other.at(i))) this.otherItems.push(o.otherItems[i]);
  }

  public get size(): number {
    return this.comparable.size + this.other.size;
  }

  public get hash(): number {
    return mix(this.comparable.hash ^ Math.imul(this.other.hash, 0x9e3779b1)) & 0x3fffffff;
  }

  public equals(o: PrincipalSet): boolean {
    if (o === this) return true;
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
  // Open addressing over 30-bit keys (stored +1, so 0 marks a free slot), with linear probing;
  // kept at most half full. Faster than a Map for the tens of thousands of small-integer keys a
  // large document needs, and nothing for the garbage collector but the bucket arrays.
  private keys: Int32Array;
  private values: Bucket[];
  private count = 0;

  /** `expected`: about how many keys will be inserted (sizes the table once). */
  constructor(expected: number) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.keys = new Int32Array(size);
    this.values = new Array<Bucket>(size);
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = mix(key) & mask;
    while (this.keys[i] !== 0 && this.keys[i] !== key + 1) i = (i + 1) & mask;
    return i;
  }

  public insert(key: number, pos: number): void {
    const i = this.slot(key);
    if (this.keys[i] === 0) {
      this.keys[i] = key + 1;
      this.values[i] = pos;
      if (++this.count * 2 > this.keys.length) this.grow();
      return;
    }
    const b = this.values[i];
    if (typeof b === "number") {
      if (b !== pos) this.values[i] = b < pos ? [b, pos] : [pos, b];
    } else if (b[b.length - 1] < pos) b.push(pos);
    else {
      const at = lowerBound(b, pos);
      if (b[at] !== pos) b.splice(at, 0, pos);
    }
  }

  public get(key: number): Bucket | undefined {
    const i = this.slot(key);
    return this.keys[i] === 0 ? undefined : this.values[i];
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Array<Bucket>(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      const j = this.slot(keys[i] - 1);
      this.keys[j] = keys[i];
      this.values[j] = values[i];
    }
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
  if (plain) return interner.plainBase(parts.effect, literal);
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
    const out = valuesOf(x, interner);
    for (let i = 0; i < y.size; i++) if (x.indexOf(y.at(i)) < 0) out.push(interner.values[y.at(i)]);
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
  const buckets = new Buckets(groups.length * (combinable ? 3 : 1));
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

  // The scan of one group: for each of its (up to) three keys, the bucket and a cursor in it.
  // Buckets do not change during a scan (the group is listed under new keys only afterwards), so
  // cursors only move forward and a bucket is looked up again only when the group's key changes.
  const slotKey = [-1, -1, -1];
  const slotBucket: (Bucket | undefined)[] = [undefined, undefined, undefined];
  const slotAt = [0, 0, 0];
  const aim = (slot: number, key: number, after: number) => {
    if (slotKey[slot] === key) return;
    slotKey[slot] = key;
    const b = key >= 0 ? buckets.get(key) : undefined;
    slotBucket[slot] = b;
    slotAt[slot] = Array.isArray(b) ? lowerBound(b, after + 1) : 0;
  };
  const peek = (slot: number, after: number): number | undefined => {
    const b = slotBucket[slot];
    if (b === undefined) return undefined;
    if (typeof b === "number") return b > after ? b : undefined;
    let k = slotAt[slot];
    while (k < b.length && b[k] <= after) k++;
    slotAt[slot] = k;
    return b[k];
  };
  /** The first position after `after` sharing a bucket with the group (maybe dead or stale). */
  const nextCandidate = (g: Group, after: number): number | undefined => {
    aim(0, g.k1, after);
    aim(1, g.k2, after);
    aim(2, g.k3, after);
    let best = peek(0, after);
    const q2 = peek(1, after);
    if (q2 !== undefined && (best === undefined || q2 < best)) best = q2;
    const q3 = peek(2, after);
    if (q3 !== undefined && (best === undefined || q3 < best)) best = q3;
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
    for (let k = 0; k < b.actions.size; k++) a.actions.add(b.actions.at(k));
    for (let k = 0; k < b.resources.size; k++) a.resources.add(b.resources.at(k));
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
      slotKey.fill(-2);
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
  const order = new ValueOrder(groups, interner);
  for (const g of groups) {
    if (!g.alive) continue;
    const originals = [g.first, ...(g.more ?? [])];
    const statement = g.merged ? materialize(g, originals, interner, order) : g.first;
    mergedStatements.push(statement);
    originsMap.set(statement, originals);
  }
  return { mergedStatements, originsMap };
}

/** The merged statement: a copy of the first with the unions, actions and resources sorted as CDK does. */
function materialize(g: Group, originals: PolicyStatement[], interner: Interner, order: ValueOrder): PolicyStatement {
  return g.first.copy({
    actions: order.sorted(g.actions),
    resources: order.sorted(g.resources),
    principals: g.principals.list(),
    // Every input passed (or opted out of) the action catalogue check already.
    allowUnknownActions: originals.some((s) => s.allowUnknownActions),
  });
}

/**
 * CDK sorts each merged list by unresolved text, where a token reads `${Token[NAME.n]}` inside its
 * literal text (`arn:${Token[AWS.Partition.3]}:s3:::b`). Here values sort by that text with every
 * token as `${Token[`, then by identity: literal prefixes order as in CDK; two tokens at the same
 * place order by CDK's token numbers, which nothing here can know (rendering re-sorts merged lists
 * by JSON, so that order never shows in a document). The distinct values of all merged groups are
 * ranked once, and each list is then sorted by rank, which is much cheaper than comparing strings
 * with long shared prefixes list by list.
 */
class ValueOrder {
  /** Rank by value id (ids are small consecutive integers), and value id by rank. */
  private readonly rank: number[] = [];
  private readonly byRank: number[] = [];

  constructor(
    groups: readonly Group[],
    private readonly interner: Interner,
  ) {
    const ids = new Set<number>();
    for (const g of groups) {
      if (!g.alive || !g.merged) continue;
      for (let i = 0; i < g.actions.size; i++) ids.add(g.actions.at(i));
      for (let i = 0; i < g.resources.size; i++) ids.add(g.resources.at(i));
    }
    const keyed = [...ids].map((id) => {
      const v = interner.values[id];
      return { id, text: sortText(v), key: valueKey(v) };
    });
    keyed.sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    keyed.forEach((k, i) => {
      this.rank[k.id] = i;
      this.byRank[i] = k.id;
    });
  }

  public sorted(set: IdSet): Value[] {
    // Sort ranks, then map back to values through the rank order.
    const ranks = new Float64Array(set.size);
    for (let i = 0; i < set.size; i++) ranks[i] = this.rank[set.at(i)];
    ranks.sort();
    const out: Value[] = [];
    for (const r of ranks) out.push(this.interner.values[this.byRank[r]]);
    return out;
  }
}

function sortText(v: Value): string {
  if (typeof v === "string") return v;
  if (v instanceof Join) return v.parts.map((p) => (typeof p === "string" ? p : "${Token[")).join(v.separator);
  return "${Token[";
}

function valuesOf(set: IdSet, interner: Interner): Value[] {
  const out: Value[] = [];
  for (let i = 0; i < set.size; i++) out.push(interner.values[set.at(i)]);
  return out;
}
