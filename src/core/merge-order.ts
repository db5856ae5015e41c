/** The order of a merged statement's actions and resources (CDK sorts them). */
import type { Groups } from "./merge-groups";
import { idsAt, idsSize, type Ids } from "./merge-id-set";
import type { Interner } from "./merge-interner";
import { Join, valueKey, type Value } from "./value";

/**
 * CDK sorts each merged list by unresolved text, where a token reads `${Token[NAME.n]}` inside its
 * literal text (`arn:${Token[AWS.Partition.3]}:s3:::b`). Here values sort by that text with every
 * token as `${Token[`, then by identity: literal prefixes order as in CDK; two tokens at the same
 * place order by CDK's token numbers, which nothing here can know (rendering re-sorts merged lists
 * by JSON, so that order never shows in a document). The distinct values of all merged groups are
 * ranked once, and each list is then sorted by rank, which is much cheaper than comparing strings
 * with long shared prefixes list by list.
 */
export class ValueOrder {
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
