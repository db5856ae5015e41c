/** The bucket index of a merge: which later groups may be partners of a group. */

/** Positions sharing a bucket, sorted; a bucket of one position is kept as the bare number. */
export type Bucket = number | number[];

export function lowerBound(items: number[], pos: number): number {
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
export class Buckets {
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
    // Keys are hashes already (see `pairKey` in merge.ts): their low bits pick the slot.
    let i = key & mask;
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
