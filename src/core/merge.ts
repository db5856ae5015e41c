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
import { Buckets, lowerBound, type Bucket } from "./merge-buckets";
import { Groups } from "./merge-groups";
import { idsAdd, idsAt, idsEquals, idsHash, idsSize, mix } from "./merge-id-set";
import { Interner } from "./merge-interner";
import { ValueOrder } from "./merge-order";
import { NO_PRINCIPALS, PrincipalSet } from "./merge-principals";
import { mergedSize } from "./merge-size";
import { settings } from "./settings";
import type { PolicyStatement, ValidationOptions } from "./statement";

export { principalsKey } from "./merge-principals";

export interface MergeOptions {
  /** Merge statements that agree on two of three dimensions (true) or only identical ones (false). */
  readonly mergeIfCombinable: boolean;
  /** Reject a merge whose estimated size exceeds this (used while splitting). */
  readonly maxMergedSize?: number;
  /** Also give, for each merged statement, the input statements it stands for (`originsMap`). */
  readonly withOrigins?: boolean;
}

export interface MergeResult {
  readonly mergedStatements: PolicyStatement[];
  /**
   * With `withOrigins`, for each merged statement, the input statements it stands for (rendering
   * needs no such map; listing thousands of originals costs as much as a pass of the merge).
   */
  readonly originsMap?: Map<PolicyStatement, PolicyStatement[]>;
  /**
   * Whether `maxMergedSize` refused a merge. When it did not, the result is what merging without
   * the cap gives, so merging it again (with or without the cap) changes nothing.
   */
  readonly sizeCapped: boolean;
}
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
  // `mergeable` compares the sets themselves. When no statement names a principal (an identity
  // policy), every group's principals are equal, so two groups that agree on two dimensions agree
  // on actions or resources: the (actions, resources) key would find no partner the others miss.
  let anyPrincipals = false;
  for (let g = 0; g < n && !anyPrincipals; g++) if (principals[g] !== NO_PRINCIPALS) anyPrincipals = true;
  const usePairOfLists = !combinable || anyPrincipals;
  let buckets = new Buckets(n);
  const noPrincipalsHash = NO_PRINCIPALS.hash;
  // Integer multiplies only (a plain `*` of two large ints leaves the int32 range and is a double).
  const pairKey = (kind: number, b: number, x: number, y: number) =>
    mix((Math.imul(kind + (b << 2), 0x632be5ab) ^ x) + Math.imul(y, 0x85ebca6b)) & 0x3fffffff;
  /** Computes the group's bucket keys; with `list`, also lists it under any new ones. */
  const index = (g: number, list: boolean) => {
    const b = base[g];
    if (b < 0) return;
    const a = idsHash(actions[g], interner);
    const r = idsHash(resources[g], interner);
    const ps = principals[g];
    const p = ps === NO_PRINCIPALS ? noPrincipalsHash : ps.hash;
    const key1 = !usePairOfLists
      ? -1
      : combinable
        ? pairKey(1, b, a, r)
        : pairKey(4, b, a, mix(r ^ Math.imul(p, 0x27d4eb2f)));
    const key2 = combinable ? pairKey(2, b, a, p) : -1;
    const key3 = combinable ? pairKey(3, b, r, p) : -1;
    if (list) {
      if (key1 !== k1[g] && key1 >= 0) buckets.insert(key1, g);
      if (key2 !== k2[g] && key2 >= 0) buckets.insert(key2, g);
      if (key3 !== k3[g] && key3 >= 0) buckets.insert(key3, g);
    }
    k1[g] = key1;
    k2[g] = key2;
    k3[g] = key3;
  };
  for (let g = 0; g < n; g++) index(g, true);
  let aliveCount = n;
  /**
   * A new index of the live groups under their current keys. The old one still lists every group
   * that merged away, under every key it ever had: after a pass that merged most groups, a scan
   * would mostly step over those.
   */
  const reindex = () => {
    buckets = new Buckets(aliveCount);
    for (let g = 0; g < n; g++) {
      if (alive[g] === 0 || base[g] < 0) continue;
      if (k1[g] >= 0) buckets.insert(k1[g], g);
      if (k2[g] >= 0) buckets.insert(k2[g], g);
      if (k3[g] >= 0) buckets.insert(k3[g], g);
    }
  };

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

  // Which dimensions the last `mergeable` check found equal (bits 1, 2, 4), so a fold skips them.
  let sameDims = 0;
  /** Whether CDK would fold b into a (bucket keys are only hashes: compare the sets). */
  const mergeable = (a: number, b: number): boolean => {
    if (alive[b] === 0 || base[a] !== base[b]) return false;
    sameDims =
      (idsEquals(actions[a], actions[b]) ? 1 : 0) |
      (idsEquals(resources[a], resources[b]) ? 2 : 0) |
      (principals[a].equals(principals[b]) ? 4 : 0);
    const equal = (sameDims & 1) + ((sameDims >> 1) & 1) + ((sameDims >> 2) & 1);
    if (!combinable) return equal === 3;
    if (equal < 2) return false;
    if (options.maxMergedSize === undefined) return true;
    if (mergedSize(groups, a, b, interner, arnEstimate) <= options.maxMergedSize) return true;
    sizeCapped = true;
    return false;
  };

  /**
   * Folds b into a; returns whether a's sets grew (then its bucket keys change). An action or
   * resource set `mergeable` found equal needs no union (the union of equal sets is the set itself).
   */
  const fold = (a: number, b: number, same: number): boolean => {
    groups.chain(a, b);
    alive[b] = 0;
    aliveCount--;
    // Equal mode keeps the first statement as it is (CDK does not copy there).
    if (!combinable) return false;
    merged[a] = 1;
    let grew = false;
    if ((same & 1) === 0) {
      const ba = actions[b];
      const before = idsSize(actions[a]);
      for (let k = 0; k < idsSize(ba); k++) actions[a] = idsAdd(actions[a], idsAt(ba, k));
      if (idsSize(actions[a]) !== before) grew = true;
    }
    if ((same & 2) === 0) {
      const br = resources[b];
      const before = idsSize(resources[a]);
      for (let k = 0; k < idsSize(br); k++) resources[a] = idsAdd(resources[a], idsAt(br, k));
      if (idsSize(resources[a]) !== before) grew = true;
    }
    // Principals are added even when equal: a later principal with the same dedupe string takes
    // the earlier one's place (as in CDK), though the set's keys stay the same.
    if (principals[b].size > 0) {
      // NO_PRINCIPALS is shared: a group gets a set of its own before adding to it.
      if (principals[a] === NO_PRINCIPALS) principals[a] = new PrincipalSet();
      const before = principals[a].size;
      principals[a].addAll(principals[b]);
      if (principals[a].size !== before) grew = true;
    }
    return grew;
  };

  let changed = true;
  let listedCount = n;
  while (changed) {
    changed = false;
    if (aliveCount * 2 < listedCount) {
      reindex();
      listedCount = aliveCount;
    }
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
        // Only groups before a look for a as a partner, and none does until this loop ends:
        // search with the new keys now, list a under them once, at the end. Sets that did not
        // grow keep their keys.
        if (fold(a, b, sameDims)) index(a, false);
        changed = true;
      }
      if (k1[a] !== listed1 && k1[a] >= 0) buckets.insert(k1[a], a);
      if (k2[a] !== listed2 && k2[a] >= 0) buckets.insert(k2[a], a);
      if (k3[a] !== listed3 && k3[a] >= 0) buckets.insert(k3[a], a);
    }
  }

  const mergedStatements: PolicyStatement[] = [];
  const originsMap = options.withOrigins ? new Map<PolicyStatement, PolicyStatement[]>() : undefined;
  const order = new ValueOrder(groups, interner);
  for (let g = 0; g < n; g++) {
    if (alive[g] === 0) continue;
    const statement = merged[g] ? materialize(groups, g, order) : statements[g];
    mergedStatements.push(statement);
    originsMap?.set(statement, groups.originals(g));
  }
  return { mergedStatements, originsMap, sizeCapped };
}

/** The merged statement: a copy of the first with the unions, actions and resources sorted as CDK does. */
function materialize(groups: Groups, g: number, order: ValueOrder): PolicyStatement {
  // One walk over the originals (thousands, for a large grant-shaped document) for both flags.
  const statements = groups.statements;
  const first = statements[g].validation;
  let allowUnknown = false;
  let sameValidation = true;
  for (let i = g; i >= 0; i = groups.nextOriginal(i)) {
    const s = statements[i];
    if (s.allowUnknownActions) allowUnknown = true;
    if (s.validation !== first) sameValidation = false;
  }
  return statements[g]._mergedCopy(
    order.sorted(groups.actions[g]),
    order.sorted(groups.resources[g]),
    groups.principals[g].list(),
    // Every input passed (or opted out of) the action catalogue check already.
    allowUnknown,
    sameValidation ? first : mergedValidation(groups.originals(g)),
  );
}

/**
 * What a merged statement's validation takes from its originals when they differ: off if any
 * opted out, and the union of their ignored codes (as `allowUnknownActions` is kept by any), so no
 * opt-out is lost.
 */
function mergedValidation(originals: readonly PolicyStatement[]): ValidationOptions {
  const ignore = new Set<string>();
  for (const s of originals) for (const code of s.validation.ignore ?? []) ignore.add(code);
  return {
    ...(originals.some((s) => s.validation.enabled === false) ? { enabled: false } : {}),
    ...(ignore.size > 0 ? { ignore: [...ignore] } : {}),
  };
}
