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
  /**
   * Whether `maxMergedSize` refused a merge. When it did not, the result is what merging without
   * the cap gives, so merging it again (with or without the cap) changes nothing.
   */
  readonly sizeCapped: boolean;
}

/** Gives every distinct string a small integer; values get their own dense ids. */
class Interner {
  private readonly ids = new Map<string, number>();
  private readonly valueIds = new Map<string, number>();
  /** The value behind each value id (the first one seen with that identity). */
  public readonly values: Value[] = [];
  /** The hash of the one-id set of each value id (see `idsHash`). */
  public readonly singleHashes: number[] = [];
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
      this.singleHashes.push(mix(mix(2 * id + 1) ^ 1) & 0x3fffffff);
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

/** A 32-bit integer hash step (signed: every use masks or combines it bitwise). */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/** Sets this small are searched linearly; larger ones keep a hash index. */
const LINEAR_MAX = 16;

/**
 * A set of small integer ids in insertion order, with a hash that does not depend on that order
 * (equal sets have equal hashes). Values are kept by the interner; principals keep their objects.
 * Action and resource sets use it only from two ids on (see {@link Ids}).
 */
class IdSet {
  /** The set {a, b} (a ≠ b), its list sized exactly: most sets that grow past one id stop at two. */
  public static pair(a: number, b: number): IdSet {
    const set = new IdSet();
    set.first = a;
    set.list = [a, b];
    set.size = 2;
    set.h1 = mix(2 * a + 1) ^ mix(2 * b + 1);
    set.sum = a + b;
    set.hash = mix(set.h1 ^ 2) & 0x3fffffff;
    return set;
  }

  /** The number of ids. */
  public size = 0;
  /** 30 bits, so that keys built from it stay small integers. */
  public hash = mix(0);
  /** The id while there is only one (most statements have one action and one resource). */
  private first = -1;
  /** All ids once there are two or more. */
  private list?: number[];
  /**
   * From LINEAR_MAX ids on: id + 1 and position, side by side, per slot of an open-addressing
   * table (0: free slot) kept at most half full. Ids are small and dense, so the id itself
   * spreads them over the slots.
   */
  private index?: Int32Array;
  private h1 = 0;
  private sum = 0;

  /** The id at a position (insertion order). */
  public at(i: number): number {
    return this.list ? this.list[i] : this.first;
  }

  public indexOf(id: number): number {
    const t = this.index;
    if (t) {
      const mask = (t.length >> 1) - 1;
      for (let i = id & mask; ; i = (i + 1) & mask) {
        const k = t[2 * i];
        if (k === 0) return -1;
        if (k === id + 1) return t[2 * i + 1];
      }
    }
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
      if (this.index) {
        if (list.length * 2 > this.index.length >> 1) this.reindex(list);
        else this.put(id, list.length - 1);
      } else if (list.length > LINEAR_MAX) this.reindex(list);
    }
    this.size++;
    this.h1 ^= mix(2 * id + 1);
    this.sum += id;
    this.hash = mix(this.h1 ^ this.size) & 0x3fffffff;
    return true;
  }

  /** A table for twice the ids, with every id listed again. */
  private reindex(list: number[]): void {
    let slots = 64;
    while (slots < list.length * 4) slots *= 2;
    this.index = new Int32Array(slots * 2);
    for (let i = 0; i < list.length; i++) this.put(list[i], i);
  }

  private put(id: number, position: number): void {
    const t = this.index as Int32Array;
    const mask = (t.length >> 1) - 1;
    let i = id & mask;
    while (t[2 * i] !== 0) i = (i + 1) & mask;
    t[2 * i] = id + 1;
    t[2 * i + 1] = position;
  }

  public equals(other: IdSet): boolean {
    if (other === this) return true;
    if (other.size !== this.size || other.h1 !== this.h1 || other.sum !== this.sum) return false;
    for (let i = 0; i < other.size; i++) if (this.indexOf(other.at(i)) < 0) return false;
    return true;
  }
}

/**
 * A group's action or resource set, in the form its size decides: -1 when empty, the id itself
 * when it has one (most statements have one action and one resource, and most never merge, so
 * they need no set object), an {@link IdSet} from two ids on. Equal sets have the same form.
 */
type Ids = number | IdSet;

const NO_IDS = -1;

function idsSize(x: Ids): number {
  return typeof x === "number" ? (x < 0 ? 0 : 1) : x.size;
}

function idsAt(x: Ids, i: number): number {
  return typeof x === "number" ? x : x.at(i);
}

function idsHas(x: Ids, id: number): boolean {
  return typeof x === "number" ? x === id : x.indexOf(id) >= 0;
}

/** The same hash an IdSet of the same ids has. */
function idsHash(x: Ids, interner: Interner): number {
  if (typeof x !== "number") return x.hash;
  return x < 0 ? 0 : interner.singleHashes[x];
}

function idsEquals(x: Ids, y: Ids): boolean {
  if (typeof x === "number" || typeof y === "number") return x === y;
  return x.equals(y);
}

/** The set with `id` added (the same IdSet, changed, from two ids on). */
function idsAdd(x: Ids, id: number): Ids {
  if (typeof x !== "number") {
    x.add(id);
    return x;
  }
  if (x < 0 || x === id) return id;
  return IdSet.pair(x, id);
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

/**
 * The groups of a merge: group i is statement i, or several statements merged into it (the first
 * one's fixed parts plus the three unions). Kept column by column, so that a document of
 * thousands of statements costs a few arrays rather than thousands of objects.
 */
class Groups {
  /** Interned (effect, conditions text, Not-sets, literal principal); -1 when it never merges. */
  public readonly base: Int32Array;
  public readonly actions: Ids[];
  public readonly resources: Ids[];
  public readonly principals: PrincipalSet[];
  /** 0 once merged into an earlier group. */
  public readonly alive: Uint8Array;
  /** 1 once another group was merged into it (it then needs a statement of its own). */
  public readonly merged: Uint8Array;
  /** The bucket keys each group is indexed under (-1: none). */
  public readonly k1: Int32Array;
  public readonly k2: Int32Array;
  public readonly k3: Int32Array;
  /** The statements a group stands for, as a chain of positions: next (-1: end) and the chain's last. */
  private readonly next: Int32Array;
  private readonly last: Int32Array;

  constructor(
    public readonly statements: readonly PolicyStatement[],
    interner: Interner,
    combinable: boolean,
  ) {
    const n = statements.length;
    this.base = new Int32Array(n);
    this.actions = new Array<Ids>(n);
    this.resources = new Array<Ids>(n);
    this.principals = new Array<PrincipalSet>(n);
    this.alive = new Uint8Array(n).fill(1);
    this.merged = new Uint8Array(n);
    this.k1 = new Int32Array(n).fill(-1);
    this.k2 = new Int32Array(n).fill(-1);
    this.k3 = new Int32Array(n).fill(-1);
    this.next = new Int32Array(n).fill(-1);
    this.last = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.last[i] = i;
      this.describe(i, interner, combinable);
    }
  }

  public get length(): number {
    return this.statements.length;
  }

  /** Appends group b's statements to group a's. */
  public chain(a: number, b: number): void {
    this.next[this.last[a]] = b;
    this.last[a] = this.last[b];
  }

  /** The statements the group stands for, its first one first, in merge order. */
  public originals(g: number): PolicyStatement[] {
    const out = [this.statements[g]];
    for (let i = this.next[g]; i >= 0; i = this.next[i]) out.push(this.statements[i]);
    return out;
  }

  private describe(i: number, interner: Interner, combinable: boolean): void {
    const s = this.statements[i];
    // Indexed loops: an array iterator allocates a result per step until the code is optimized,
    // and a program's many small merges run much of this code before it is.
    const actionList = s._actionView();
    let actions: Ids = NO_IDS;
    for (let k = 0; k < actionList.length; k++) actions = idsAdd(actions, interner.valueId(actionList[k]));
    const resourceList = s._resourceView();
    let resources: Ids = NO_IDS;
    for (let k = 0; k < resourceList.length; k++) resources = idsAdd(resources, interner.valueId(resourceList[k]));
    let principals = NO_PRINCIPALS;
    let literal = false;
    const principalList = s._principalView();
    if (principalList.length > 0) {
      principals = new PrincipalSet();
      for (let k = 0; k < principalList.length; k++) {
        const p = principalList[k];
        principals.add(p, interner);
        if (!literal && LITERAL_STRING_KEY in p.policyFragment.principalJson) literal = true;
      }
    }
    // The common case (no sid, conditions or Not-lists) needs neither the parts nor a key text.
    const sid = s.sid;
    this.base[i] =
      !s._hasConditionsOrNotLists && (combinable ? !sid : sid === undefined)
        ? interner.plainBase(s.effect, literal)
        : baseId(s._parts(), literal, interner, combinable);
    this.actions[i] = actions;
    this.resources[i] = resources;
    this.principals[i] = principals;
  }
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
  // Open addressing over 30-bit keys, with linear probing, kept at most half full: per slot, the
  // key + 1 (0: free slot) and the bucket (a position, or ~n for the n-th list of `lists`), side
  // by side in one typed array. Faster than a Map for the tens of thousands of small-integer
  // keys a large document needs, and nothing for the garbage collector but the lists.
  private table: Int32Array;
  private readonly lists: number[][] = [];
  private count = 0;

  /** `expected`: about how many distinct keys will be inserted (sizes the table; it grows if need be). */
  constructor(expected: number) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.table = new Int32Array(size * 2);
  }

  private slot(key: number): number {
    const t = this.table;
    const mask = (t.length >> 1) - 1;
    let i = mix(key) & mask;
    while (t[2 * i] !== 0 && t[2 * i] !== key + 1) i = (i + 1) & mask;
    return i;
  }

  public insert(key: number, pos: number): void {
    const i = this.slot(key);
    const t = this.table;
    if (t[2 * i] === 0) {
      t[2 * i] = key + 1;
      t[2 * i + 1] = pos;
      if (++this.count * 2 > t.length >> 1) this.grow();
      return;
    }
    const b = t[2 * i + 1];
    if (b >= 0) {
      if (b !== pos) {
        t[2 * i + 1] = ~this.lists.length;
        this.lists.push(b < pos ? [b, pos] : [pos, b]);
      }
      return;
    }
    const list = this.lists[~b];
    if (list[list.length - 1] < pos) list.push(pos);
    else {
      const at = lowerBound(list, pos);
      if (list[at] !== pos) list.splice(at, 0, pos);
    }
  }

  public get(key: number): Bucket | undefined {
    const i = this.slot(key);
    const t = this.table;
    if (t[2 * i] === 0) return undefined;
    const b = t[2 * i + 1];
    return b >= 0 ? b : this.lists[~b];
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0) continue;
      const j = this.slot(old[i] - 1);
      this.table[2 * j] = old[i];
      this.table[2 * j + 1] = old[i + 1];
    }
  }
}

const ACTION_ESTIMATE = 20;

function valueSize(v: Value, tokenSize: number): number {
  return (isToken(v) ? tokenSize : v.length) + 3;
}

function listSize(key: string, values: readonly Value[], tokenSize: number): number {
  let size = 0;
  for (let i = 0; i < values.length; i++) size += valueSize(values[i], tokenSize);
  return values.length > 0 ? size + key.length + 5 : 0;
}

/** `listSize` of the union of two id sets, without making the union. */
function unionListSize(key: string, x: Ids, y: Ids, interner: Interner, tokenSize: number): number {
  let size = 0;
  let any = false;
  for (let i = 0; i < idsSize(x); i++) {
    size += valueSize(interner.values[idsAt(x, i)], tokenSize);
    any = true;
  }
  for (let i = 0; i < idsSize(y); i++) {
    const id = idsAt(y, i);
    if (idsHas(x, id)) continue;
    size += valueSize(interner.values[id], tokenSize);
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
 * CDK's `_estimateSize` of the statement groups `a` and `b` would merge into: the first
 * statement's fixed parts (the copy's conditions have the same text length), plus the unions.
 * Called for every candidate pair while splitting, so it makes no union it can count instead.
 */
function mergedSize(groups: Groups, a: number, b: number, interner: Interner, arnEstimate: number): number {
  const first = groups.statements[a];
  // Without conditions and Not-lists: no Not-list sizes, and the conditions' text is `{}`.
  const parts = first._hasConditionsOrNotLists ? first._parts() : undefined;
  const pa = groups.principals[a];
  const pb = groups.principals[b];
  let principalCount = pa.size + pb.size;
  if (pa.size > 0 && pb.size > 0) {
    const union = new PrincipalSet();
    union.addAll(pa);
    union.addAll(pb);
    principalCount = union.size;
  }
  return (
    EFFECT_SIZE +
    first.effect.length +
    unionListSize("Action", groups.actions[a], groups.actions[b], interner, ACTION_ESTIMATE) +
    unionListSize("Resource", groups.resources[a], groups.resources[b], interner, arnEstimate) +
    arnEstimate * principalCount +
    (parts
      ? listSize("NotAction", parts.notActions, ACTION_ESTIMATE) +
        listSize("NotResource", parts.notResources, arnEstimate) +
        arnEstimate * parts.notPrincipals.length +
        conditionText(parts).length
      : "{}".length)
  );
}

/** `"Effect": "",` (CDK's estimate counts the effect with its key). */
const EFFECT_SIZE = `"Effect": "",`.length;

/** Merges statements by CDK's rules; the input statements are not changed. */
export function mergeStatements(statements: PolicyStatement[], options: MergeOptions): MergeResult {
  const combinable = options.mergeIfCombinable;
  const arnEstimate = settings().arnSizeEstimate;
  const interner = new Interner();
  const groups = new Groups(statements, interner, combinable);
  const n = groups.length;
  const { base, actions, resources, principals, alive, merged, k1, k2, k3 } = groups;
  let sizeCapped = false;

  // Buckets by a 30-bit hash of (kind, base, two dimensions). A shared bucket is only a hint:
  // `mergeable` compares the sets themselves.
  const buckets = new Buckets(n);
  const pairKey = (kind: number, b: number, x: number, y: number) =>
    mix(mix(mix(kind * 0x632be5ab + b) ^ x) ^ Math.imul(y, 0x85ebca6b)) & 0x3fffffff;
  /** Computes the group's bucket keys; with `list`, also lists it under any new ones. */
  const index = (g: number, list: boolean) => {
    const b = base[g];
    if (b < 0) return;
    const a = idsHash(actions[g], interner);
    const r = idsHash(resources[g], interner);
    const p = principals[g].hash;
    const key1 = combinable ? pairKey(1, b, a, r) : pairKey(4, b, a, mix(r ^ Math.imul(p, 0x27d4eb2f)));
    const key2 = combinable ? pairKey(2, b, a, p) : -1;
    const key3 = combinable ? pairKey(3, b, r, p) : -1;
    if (list) {
      if (key1 !== k1[g]) buckets.insert(key1, g);
      if (key2 !== k2[g] && key2 >= 0) buckets.insert(key2, g);
      if (key3 !== k3[g] && key3 >= 0) buckets.insert(key3, g);
    }
    k1[g] = key1;
    k2[g] = key2;
    k3[g] = key3;
  };
  for (let g = 0; g < n; g++) index(g, true);

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
  /** The first position after `after` in the slot's bucket, or -1. */
  const peek = (slot: number, after: number): number => {
    const b = slotBucket[slot];
    if (b === undefined) return -1;
    if (typeof b === "number") return b > after ? b : -1;
    let k = slotAt[slot];
    while (k < b.length && b[k] <= after) k++;
    slotAt[slot] = k;
    return k < b.length ? b[k] : -1;
  };
  /** The first position after `after` sharing a bucket with the group (maybe dead or stale), or -1. */
  const nextCandidate = (g: number, after: number): number => {
    aim(0, k1[g], after);
    aim(1, k2[g], after);
    aim(2, k3[g], after);
    let best = peek(0, after);
    const q2 = peek(1, after);
    if (q2 >= 0 && (best < 0 || q2 < best)) best = q2;
    const q3 = peek(2, after);
    if (q3 >= 0 && (best < 0 || q3 < best)) best = q3;
    return best;
  };

  /** Whether CDK would fold b into a (bucket keys are only hashes: compare the sets). */
  const mergeable = (a: number, b: number): boolean => {
    if (alive[b] === 0 || base[a] !== base[b]) return false;
    const equal =
      (idsEquals(actions[a], actions[b]) ? 1 : 0) +
      (idsEquals(resources[a], resources[b]) ? 1 : 0) +
      (principals[a].equals(principals[b]) ? 1 : 0);
    if (!combinable) return equal === 3;
    if (equal < 2) return false;
    if (options.maxMergedSize === undefined) return true;
    if (mergedSize(groups, a, b, interner, arnEstimate) <= options.maxMergedSize) return true;
    sizeCapped = true;
    return false;
  };

  const fold = (a: number, b: number) => {
    groups.chain(a, b);
    alive[b] = 0;
    // Equal mode keeps the first statement as it is (CDK does not copy there).
    if (!combinable) return;
    const ba = actions[b];
    for (let k = 0; k < idsSize(ba); k++) actions[a] = idsAdd(actions[a], idsAt(ba, k));
    const br = resources[b];
    for (let k = 0; k < idsSize(br); k++) resources[a] = idsAdd(resources[a], idsAt(br, k));
    if (principals[b].size > 0) {
      // NO_PRINCIPALS is shared: a group gets a set of its own before adding to it.
      if (principals[a] === NO_PRINCIPALS) principals[a] = new PrincipalSet();
      principals[a].addAll(principals[b]);
    }
    merged[a] = 1;
  };

  let changed = true;
  while (changed) {
    changed = false;
    for (let a = 0; a < n; a++) {
      if (alive[a] === 0 || base[a] < 0) continue;
      let after = a;
      const listed1 = k1[a];
      const listed2 = k2[a];
      const listed3 = k3[a];
      slotKey.fill(-2);
      for (;;) {
        const b = nextCandidate(a, after);
        if (b < 0) break;
        after = b;
        if (!mergeable(a, b)) continue;
        fold(a, b);
        // Only groups before a look for a as a partner, and none does until this loop ends:
        // search with the new keys now, list a under them once, at the end.
        index(a, false);
        changed = true;
      }
      if (k1[a] !== listed1) buckets.insert(k1[a], a);
      if (k2[a] !== listed2 && k2[a] >= 0) buckets.insert(k2[a], a);
      if (k3[a] !== listed3 && k3[a] >= 0) buckets.insert(k3[a], a);
    }
  }

  const mergedStatements: PolicyStatement[] = [];
  const originsMap = new Map<PolicyStatement, PolicyStatement[]>();
  const order = new ValueOrder(groups, interner);
  for (let g = 0; g < n; g++) {
    if (alive[g] === 0) continue;
    const originals = groups.originals(g);
    const statement = merged[g] ? materialize(groups, g, originals, order) : statements[g];
    mergedStatements.push(statement);
    originsMap.set(statement, originals);
  }
  return { mergedStatements, originsMap, sizeCapped };
}

/** The merged statement: a copy of the first with the unions, actions and resources sorted as CDK does. */
function materialize(groups: Groups, g: number, originals: PolicyStatement[], order: ValueOrder): PolicyStatement {
  return groups.statements[g]._mergedCopy(
    order.sorted(groups.actions[g]),
    order.sorted(groups.resources[g]),
    groups.principals[g].list(),
    // Every input passed (or opted out of) the action catalogue check already.
    originals.some((s) => s.allowUnknownActions),
  );
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
  /** Rank by value id (ids are small consecutive integers; -1: not ranked), and value id by rank. */
  private readonly rank: Int32Array;
  private readonly byRank: number[] = [];
  /** A mark per rank, for sorting a list by walking the ranks (see `sorted`). */
  private readonly marks: Uint8Array;

  constructor(
    groups: Groups,
    private readonly interner: Interner,
  ) {
    const count = interner.values.length;
    this.rank = new Int32Array(count).fill(-1);
    const ids: number[] = [];
    const take = (set: Ids) => {
      for (let i = 0; i < idsSize(set); i++) {
        const id = idsAt(set, i);
        if (this.rank[id] === -1) {
          this.rank[id] = 0;
          ids.push(id);
        }
      }
    };
    for (let g = 0; g < groups.length; g++) {
      if (groups.alive[g] === 0 || groups.merged[g] === 0) continue;
      take(groups.actions[g]);
      take(groups.resources[g]);
    }
    const values = interner.values;
    if (ids.every((id) => typeof values[id] === "string")) {
      // Literals only (the usual case): their text is their key, and distinct values have
      // distinct texts, so the built-in string sort gives the same order without a comparator.
      const texts = ids.map((id) => values[id] as string).sort();
      for (const text of texts) this.byRank.push(interner.valueId(text));
    } else {
      const keyed = ids.map((id) => {
        const v = values[id];
        return { id, text: sortText(v), key: valueKey(v) };
      });
      keyed.sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
      for (const k of keyed) this.byRank.push(k.id);
    }
    this.byRank.forEach((id, r) => (this.rank[id] = r));
    this.marks = new Uint8Array(this.byRank.length);
  }

  public sorted(set: Ids): Value[] {
    const size = idsSize(set);
    const out: Value[] = [];
    const values = this.interner.values;
    if (size * 8 >= this.byRank.length) {
      // A list with a good share of the ranked values: mark its ranks and walk them in order.
      for (let i = 0; i < size; i++) this.marks[this.rank[idsAt(set, i)]] = 1;
      for (let r = 0; r < this.marks.length; r++) {
        if (this.marks[r] === 0) continue;
        this.marks[r] = 0;
        out.push(values[this.byRank[r]]);
      }
      return out;
    }
    // Sort ranks, then map back to values through the rank order.
    const ranks = new Float64Array(size);
    for (let i = 0; i < size; i++) ranks[i] = this.rank[idsAt(set, i)];
    ranks.sort();
    for (const r of ranks) out.push(values[this.byRank[r]]);
    return out;
  }
}

function sortText(v: Value): string {
  if (typeof v === "string") return v;
  if (v instanceof Join) return v.parts.map((p) => (typeof p === "string" ? p : "${Token[")).join(v.separator);
  return "${Token[";
}
