/**
 * The group store of a merge: one column per statement property in typed arrays, and the base id
 * (what two statements must share to merge at all).
 */
import type { Ids } from "./merge-id-set";
import type { Interner } from "./merge-interner";
import { NO_PRINCIPALS, PrincipalSet, principalsKey } from "./merge-principals";
import { LITERAL_STRING_KEY } from "./principals/fragment";
import type { PolicyStatement, StatementParts } from "./statement";
import { valueKey, type Value } from "./value";

/**
 * The groups of a merge: group i is statement i, or several statements merged into it (the first
 * one's fixed parts plus the three unions). Kept column by column, so that a document of
 * thousands of statements costs a few arrays rather than thousands of objects.
 */
export class Groups {
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

  /** The position of the statement after `i` in its group's chain (-1: the last one). */
  public nextOriginal(i: number): number {
    return this.next[i];
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
    const actions = interner.distinctIds(s._actionView(), s._actionsShared);
    const resources = interner.distinctIds(s._resourceView());
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

function sortedKeysText(values: readonly Value[]): string {
  return values.length === 0 ? "" : values.map(valueKey).sort().join("\u0001");
}
function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

export function conditionText(parts: StatementParts): string {
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
