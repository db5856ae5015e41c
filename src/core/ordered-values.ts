import { valueKey, type Value } from "./value";

/** An insertion-ordered set of values, keyed by literal text or token identity. */
export class OrderedValues {
  private readonly keys = new Set<string>();
  private readonly items: Value[] = [];

  /** Adds values not yet present; returns the ones actually added. */
  public push(...values: Value[]): Value[] {
    const added: Value[] = [];
    for (const v of values) {
      const k = valueKey(v);
      if (!this.keys.has(k)) {
        this.keys.add(k);
        this.items.push(v);
        added.push(v);
      }
    }
    return added;
  }

  public has(v: Value): boolean {
    return this.keys.has(valueKey(v));
  }

  public get length(): number {
    return this.items.length;
  }

  public copy(): Value[] {
    return [...this.items];
  }

  /** The key set, for set comparisons without copying. */
  public keySet(): ReadonlySet<string> {
    return this.keys;
  }
}

/** An insertion-ordered set of objects compared by identity. */
export class OrderedObjects<T> {
  private readonly set = new Set<T>();
  private readonly items: T[] = [];

  public push(...xs: T[]): T[] {
    const added: T[] = [];
    for (const x of xs) {
      if (!this.set.has(x)) {
        this.set.add(x);
        this.items.push(x);
        added.push(x);
      }
    }
    return added;
  }

  public has(x: T): boolean {
    return this.set.has(x);
  }

  public get length(): number {
    return this.items.length;
  }

  public copy(): T[] {
    return [...this.items];
  }
}
