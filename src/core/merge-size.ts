/**
 * CDK's size estimate of a merge's result, for the size-capped merge that splitting runs: a merge
 * whose result would exceed the cap is refused.
 */
import { conditionText, type Groups } from "./merge-groups";
import { idsAt, idsHas, idsSize, type Ids } from "./merge-id-set";
import type { Interner } from "./merge-interner";
import { PrincipalSet } from "./merge-principals";
import { isToken, type Value } from "./value";

const ACTION_ESTIMATE = 20;

function valueSize(v: Value, tokenSize: number): number {
  return (isToken(v) ? tokenSize : v.length) + 3;
}

function listSize(key: string, values: readonly Value[], tokenSize: number): number {
  let size = 0;
  for (let i = 0; i < values.length; i++) size += valueSize(values[i], tokenSize);
  return values.length > 0 ? size + key.length + 5 : 0;
}

/** `listSize` of the union of two id sets, without making the union. */
function unionListSize(key: string, x: Ids, y: Ids, interner: Interner, tokenSize: number): number {
  let size = 0;
  let any = false;
  for (let i = 0; i < idsSize(x); i++) {
    size += valueSize(interner.values[idsAt(x, i)], tokenSize);
    any = true;
  }
  for (let i = 0; i < idsSize(y); i++) {
    const id = idsAt(y, i);
    if (idsHas(x, id)) continue;
    size += valueSize(interner.values[id], tokenSize);
    any = true;
  }
  return any ? size + key.length + 5 : 0;
}
/**
 * CDK's `_estimateSize` of the statement groups `a` and `b` would merge into: the first
 * statement's fixed parts (the copy's conditions have the same text length), plus the unions.
 * Called for every candidate pair while splitting, so it makes no union it can count instead.
 */
export function mergedSize(groups: Groups, a: number, b: number, interner: Interner, arnEstimate: number): number {
  const first = groups.statements[a];
  // Without conditions and Not-lists: no Not-list sizes, and the conditions' text is `{}`.
  const parts = first._hasConditionsOrNotLists ? first._parts() : undefined;
  const pa = groups.principals[a];
  const pb = groups.principals[b];
  let principalCount = pa.size + pb.size;
  if (pa.size > 0 && pb.size > 0) {
    const union = new PrincipalSet();
    union.addAll(pa);
    union.addAll(pb);
    principalCount = union.size;
  }
  return (
    EFFECT_SIZE +
    first.effect.length +
    unionListSize("Action", groups.actions[a], groups.actions[b], interner, ACTION_ESTIMATE) +
    unionListSize("Resource", groups.resources[a], groups.resources[b], interner, arnEstimate) +
    arnEstimate * principalCount +
    (parts
      ? listSize("NotAction", parts.notActions, ACTION_ESTIMATE) +
        listSize("NotResource", parts.notResources, arnEstimate) +
        arnEstimate * parts.notPrincipals.length +
        conditionText(parts).length
      : "{}".length)
  );
}

/** `"Effect": "",` (CDK's estimate counts the effect with its key). */
const EFFECT_SIZE = `"Effect": "",`.length;
