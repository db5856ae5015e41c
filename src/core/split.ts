/**
 * Splitting an oversized role default policy, CDK's `PolicyDocument._splitDocument`.
 *
 * Rule: freeze the statements; merge them with a size cap of 2000 (all combinable merges when the
 * document minimizes, otherwise only identical statements); then walk them in order, keeping a
 * statement in the document while the running size stays below `selfMaximumSize`, and moving each
 * other one to the first overflow document with room (`size + statement <= splitMaximumSize`),
 * opening a new overflow document (same `assignSids` and `minimize`) when none has room.
 * Sizes are CDK's estimates (`PolicyStatement._estimateSize`). Cost: the merge, then
 * O(statements x overflow documents).
 */
import { PolicyDocument } from "./document";
import { mergeStatements } from "./merge";
import type { PolicyStatement } from "./statement";

/** Largest estimated size a merged statement may have while splitting. */
export const SPLIT_MERGE_SIZE_CAP = 2000;
/** CDK's budget for a role's inline default policy. */
export const MAX_INLINE_POLICY_SIZE = 10000;
/** CDK's budget for an overflow managed policy. */
export const MAX_MANAGED_POLICY_SIZE = 6000;

/**
 * Splits `doc` in place. Returns every document (the original first, then the new overflow
 * documents in creation order) with the statements, as originally added, that it now holds.
 */
export function splitDocument(
  doc: PolicyDocument,
  selfMaximumSize: number,
  splitMaximumSize: number,
): Map<PolicyDocument, PolicyStatement[]> {
  const statements = [...doc._statements];
  for (const s of statements) s.freeze();
  const merged = mergeStatements(statements, {
    mergeIfCombinable: doc.shouldMerge,
    maxMergedSize: SPLIT_MERGE_SIZE_CAP,
    withOrigins: true,
  });
  const kept: PolicyStatement[] = [];
  const overflow: { doc: PolicyDocument; size: number; statements: PolicyStatement[] }[] = [];
  let selfSize = 0;
  for (const statement of merged.mergedStatements) {
    const size = statement._estimateSize();
    if (selfSize + size < selfMaximumSize) {
      selfSize += size;
      kept.push(statement);
      continue;
    }
    let target = overflow.find((o) => o.size + size <= splitMaximumSize);
    if (!target) {
      target = {
        doc: new PolicyDocument({ assignSids: doc.assignSids, minimize: doc.minimizeProp }),
        size: 0,
        statements: [],
      };
      overflow.push(target);
    }
    target.doc.addStatements(statement);
    target.size += size;
    target.statements.push(statement);
  }
  // A full merge merges no subset of its result any further: tell the documents, so that they
  // need not merge again when rendered.
  const fullyMerged = doc.shouldMerge && !merged.sizeCapped;
  doc._replaceStatements(kept, fullyMerged);
  for (const o of overflow) o.doc._replaceStatements(o.statements, fullyMerged);
  const originals = (list: PolicyStatement[]) => list.flatMap((s) => merged.originsMap?.get(s) ?? [s]);
  const result = new Map<PolicyDocument, PolicyStatement[]>([[doc, originals(kept)]]);
  for (const o of overflow) result.set(o.doc, originals(o.statements));
  return result;
}
