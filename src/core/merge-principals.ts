/** Principal sets as merging compares them (CDK's dedupe strings, else identity). */
import { IdSet, mix } from "./merge-id-set";
import { identity, type Interner } from "./merge-interner";
import { dedupeStringFor, type IPrincipal } from "./principals/types";

/**
 * Principals as CDK compares them: comparable ones by dedupe string (a later one with the same
 * string takes the earlier one's place, like CDK's object spread), the others by identity.
 */
export class PrincipalSet {
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
export const NO_PRINCIPALS = new PrincipalSet();

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
