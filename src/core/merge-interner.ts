/** Dense integer ids for the strings, values and objects a merge compares. */
import { IdSet, mix, NO_IDS, type Ids } from "./merge-id-set";
import { valueKey, type Value } from "./value";

/** Gives every distinct string a small integer; values get their own dense ids. */
export class Interner {
  private readonly ids = new Map<string, number>();
  private readonly valueIds = new Map<string, number>();
  /** The value behind each value id (the first one seen with that identity). */
  public readonly values: Value[] = [];
  /** The hash of the one-id set of each value id (see `idsHash`). */
  public readonly singleHashes: number[] = [];
  /** Base ids of statements with no conditions and no Not-lists, by literal flag and effect. */
  private readonly plainBases = [new Map<string, number>(), new Map<string, number>()];
  private lastEffect?: string;
  private lastLiteral = false;
  private lastBase = -1;
  /** The sets `distinctIds` made, by hash (one per hash: a collision just gets no sharing). */
  private readonly sets = new Map<number, IdSet>();
  /** The sets of lists shared by statements, by the array (see `distinctIds`). */
  private readonly byList = new Map<readonly Value[], IdSet>();
  /** Room for the ids of one list while `distinctIds` looks for its set. */
  private readonly scratch: number[] = [];

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

  /**
   * The id set of a list of values with distinct keys (a statement's actions or resources, which
   * its ordered sets keep free of repeats), built in one pass. Statements with the same list (the
   * same grant on many resources) share one set, which also makes comparing them one identity
   * check; a merge that adds to a shared set copies it first. `sharedList`: the array is shared
   * by statements and never changes (see checked-lists.ts), so its set is found by the array.
   */
  public distinctIds(values: readonly Value[], sharedList = false): Ids {
    const n = values.length;
    if (n === 0) return NO_IDS;
    if (n === 1) return this.valueId(values[0]);
    if (sharedList) {
      const known = this.byList.get(values);
      if (known !== undefined) return known;
    }
    const ids = this.scratch;
    let h1 = 0;
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const id = this.valueId(values[k]);
      ids[k] = id;
      h1 ^= mix(2 * id + 1);
      sum += id;
    }
    const hash = mix(h1 ^ n) & 0x3fffffff;
    const known = this.sets.get(hash);
    let set: IdSet;
    if (known !== undefined && known.holds(ids, n, h1, sum)) set = known;
    else {
      set = n === 2 ? IdSet.pair(ids[0], ids[1]) : IdSet.ofDistinct(ids.slice(0, n));
      set.shared = true;
      if (known === undefined) this.sets.set(hash, set);
    }
    if (sharedList) this.byList.set(values, set);
    return set;
  }

  public plainBase(effect: string, literal: boolean): number {
    // Nearly every statement asks for the same one (Allow, no literal principal).
    if (effect === this.lastEffect && literal === this.lastLiteral) return this.lastBase;
    const cache = this.plainBases[literal ? 1 : 0];
    let id = cache.get(effect);
    if (id === undefined) {
      id = this.id((literal ? "\u0004*" : "\u0004") + effect);
      cache.set(effect, id);
    }
    this.lastEffect = effect;
    this.lastLiteral = literal;
    this.lastBase = id;
    return id;
  }
}

const identityIds = new WeakMap<object, number>();
let nextIdentity = 1;
export function identity(o: object): number {
  let id = identityIds.get(o);
  if (id === undefined) {
    id = nextIdentity++;
    identityIds.set(o, id);
  }
  return id;
}
