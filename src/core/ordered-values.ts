import { valueKey, type Value } from "./value";

/** Below this many items a set is searched linearly; above, it keeps a hash index. */
const INDEX_FROM = 8;

/**
 * An insertion-ordered set of values, keyed by literal text or token identity. Small sets (the
 * usual one or two actions of a statement) have no index, which keeps statements cheap to build.
 */
export class OrderedValues {
  private keys?: Set<string>;
  private items: Value[] = [];

  /** Adds values not yet present; returns the ones actually added. */
  public push(...values: Value[]): Value[] {
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
    if (this.items.length === 0 && !this.keys) {
      this.items = values;
      return;
    }
    for (const v of values) {
      this.items.push(v);
      this.keys?.add(valueKey(v));
    }
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

/** An insertion-ordered set of objects compared by identity. */
export class OrderedObjects<T> {
  private set?: Set<T>;
  private readonly items: T[] = [];

  public push(...xs: T[]): T[] {
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
