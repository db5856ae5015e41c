/**
 * Sets of small integer ids with an order-independent hash, the building block of merging: a
 * statement's actions, resources and principals become id sets, so comparing two statements'
 * dimensions costs a hash check and, on a match, O(size) lookups.
 */
import type { Interner } from "./merge-interner";

/** A 32-bit integer hash step (signed: every use masks or combines it bitwise). */
export function mix(x: number): number {
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
export class IdSet {
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

  /**
   * The set of ids known to be distinct (at least two), in one pass: no duplicate search per id.
   * Takes the array itself (the caller gives it up).
   */
  public static ofDistinct(ids: number[]): IdSet {
    const set = new IdSet();
    let h1 = 0;
    let sum = 0;
    for (let i = 0; i < ids.length; i++) {
      h1 ^= mix(2 * ids[i] + 1);
      sum += ids[i];
    }
    set.first = ids[0];
    set.list = ids;
    set.size = ids.length;
    set.h1 = h1;
    set.sum = sum;
    set.hash = mix(h1 ^ ids.length) & 0x3fffffff;
    if (ids.length > LINEAR_MAX) set.reindex(ids);
    return set;
  }

  /**
   * Stands for the same list in several groups (see `Interner.distinctIds`): a group that adds to
   * it first takes a copy of its own (see {@link idsAdd}).
   */
  public shared = false;
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

  /** An unshared copy. */
  public clone(): IdSet {
    const set = new IdSet();
    set.size = this.size;
    set.hash = this.hash;
    set.first = this.first;
    set.list = this.list?.slice();
    set.index = this.index?.slice();
    set.h1 = this.h1;
    set.sum = this.sum;
    return set;
  }

  /** Whether the set holds exactly the first `n` ids of `ids` (distinct ids, `h1` and `sum` theirs). */
  public holds(ids: readonly number[], n: number, h1: number, sum: number): boolean {
    if (n !== this.size || h1 !== this.h1 || sum !== this.sum) return false;
    for (let i = 0; i < n; i++) if (this.at(i) !== ids[i] && this.indexOf(ids[i]) < 0) return false;
    return true;
  }

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
export type Ids = number | IdSet;

export const NO_IDS = -1;

export function idsSize(x: Ids): number {
  return typeof x === "number" ? (x < 0 ? 0 : 1) : x.size;
}

export function idsAt(x: Ids, i: number): number {
  return typeof x === "number" ? x : x.at(i);
}

export function idsHas(x: Ids, id: number): boolean {
  return typeof x === "number" ? x === id : x.indexOf(id) >= 0;
}

/** The same hash an IdSet of the same ids has. */
export function idsHash(x: Ids, interner: Interner): number {
  if (typeof x !== "number") return x.hash;
  return x < 0 ? 0 : interner.singleHashes[x];
}

export function idsEquals(x: Ids, y: Ids): boolean {
  if (typeof x === "number" || typeof y === "number") return x === y;
  return x.equals(y);
}

/** The set with `id` added (from two ids on the same IdSet, changed, unless it is shared). */
export function idsAdd(x: Ids, id: number): Ids {
  if (typeof x !== "number") {
    if (x.shared) {
      if (x.indexOf(id) >= 0) return x;
      x = x.clone();
    }
    x.add(id);
    return x;
  }
  if (x < 0 || x === id) return id;
  return IdSet.pair(x, id);
}
