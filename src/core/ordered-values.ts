import { valueKey, type Value } from "./value";

/** Below this many items a set is searched linearly; above, it keeps a hash index. */
const INDEX_FROM = 8;

/** The items of every empty list until something is added (never changed). */
const NO_ITEMS = Object.freeze([]) as unknown as never[];

/**
 * Whether a short list holds no value twice (by value identity, as the sets compare), checked
 * pair by pair: cheaper than an index for the one or two items a statement usually gets at once.
 */
function distinctShortList(values: readonly Value[]): boolean {
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    const k = valueKey(v);
    for (let j = 0; j < i; j++) if (values[j] === v || valueKey(values[j]) === k) return false;
  }
  return true;
}

/**
 * An insertion-ordered set of values, keyed by literal text or token identity. Small sets (the
 * usual one or two actions of a statement) have no index, which keeps statements cheap to build.
 * Memory matters here (a large program holds tens of thousands of statements): an empty set
 * shares one frozen array, and a set made from one short list holds an array of exactly its size.
 */
export class OrderedValues {
  private keys?: Set<string>;
  private items: Value[] = NO_ITEMS;
  /** The items are shared with other sets (see `adoptShared`): copied before any change. */
  private shared = false;

  /** Adds values not yet present; returns the ones actually added. */
  public push(...values: Value[]): Value[] {
    if (this.items === NO_ITEMS) this.items = [];
    this.unshare();
    const added: Value[] = [];
    for (const v of values) {
      if (!this.has(v)) {
        this.items.push(v);
        this.keys?.add(valueKey(v));
        if (!this.keys && this.items.length > INDEX_FROM) this.keys = new Set(this.items.map(valueKey));
        added.push(v);
      }
    }
    return added;
  }

  /** Adds values not yet present (like `push`, without reporting which). */
  public pushAll(values: readonly Value[]): void {
    if (this.items.length === 0) {
      if (values.length <= INDEX_FROM && distinctShortList(values)) {
        this.items = values.slice();
        return;
      }
      if (this.items === NO_ITEMS) this.items = [];
    }
    this.unshare();
    for (const v of values) {
      if (this.has(v)) continue;
      this.items.push(v);
      this.keys?.add(valueKey(v));
      if (!this.keys && this.items.length > INDEX_FROM) this.keys = new Set(this.items.map(valueKey));
    }
  }

  /**
   * Appends values known to be distinct from each other and from the present ones. An empty set
   * takes the array itself (the caller gives it up); its key index is built when first needed.
   */
  public adoptDistinct(values: Value[]): void {
    if (this.items.length === 0) {
      this.items = values;
      this.keys = undefined;
      this.shared = false;
      return;
    }
    this.unshare();
    for (const v of values) {
      this.items.push(v);
      this.keys?.add(valueKey(v));
    }
  }

  /**
   * Makes an empty set hold `items` (distinct values) without copying them, shared with whoever
   * else holds them: neither side changes the array (this set copies it before its first change).
   */
  public adoptShared(items: readonly Value[]): void {
    this.items = items as Value[];
    this.keys = undefined;
    this.shared = true;
  }

  /** The items, from now on shared (see `adoptShared`). */
  public shareItems(): readonly Value[] {
    this.shared = true;
    return this.items;
  }

  /** Whether the items are shared with other sets (the same array object, never changed). */
  public get isShared(): boolean {
    return this.shared;
  }

  private unshare(): void {
    if (!this.shared) return;
    this.items = this.items.slice();
    this.shared = false;
  }

  public has(v: Value): boolean {
    const k = valueKey(v);
    if (!this.keys && this.items.length > INDEX_FROM) this.keys = new Set(this.items.map(valueKey));
    if (this.keys) return this.keys.has(k);
    for (const item of this.items) if (item === v || valueKey(item) === k) return true;
    return false;
  }

  public get length(): number {
    return this.items.length;
  }

  public copy(): Value[] {
    return [...this.items];
  }

  /** The items themselves, not a copy: for reading only. */
  public view(): readonly Value[] {
    return this.items;
  }

  /** The key set, for set comparisons without copying. */
  public keySet(): ReadonlySet<string> {
    return this.keys ?? new Set(this.items.map(valueKey));
  }
}

/** An insertion-ordered set of objects compared by identity (an empty one shares a frozen array). */
export class OrderedObjects<T> {
  private set?: Set<T>;
  private items: T[] = NO_ITEMS;

  public push(...xs: T[]): T[] {
    if (this.items.length === 0 && xs.length <= INDEX_FROM && new Set(xs).size === xs.length) {
      this.items = xs.slice();
      return xs.slice();
    }
    if (this.items === NO_ITEMS) this.items = [];
    const added: T[] = [];
    for (const x of xs) {
      if (!this.has(x)) {
        this.items.push(x);
        this.set?.add(x);
        if (!this.set && this.items.length > INDEX_FROM) this.set = new Set(this.items);
        added.push(x);
      }
    }
    return added;
  }

  public has(x: T): boolean {
    return this.set ? this.set.has(x) : this.items.includes(x);
  }

  public get length(): number {
    return this.items.length;
  }

  public copy(): T[] {
    return [...this.items];
  }

  /** The items themselves, not a copy: for reading only. */
  public view(): readonly T[] {
    return this.items;
  }
}
