import { isToken, type Value } from "./value";

/** Sizes assumed for values whose text is unknown (tokens). */
export interface EstimateSizeOptions {
  readonly actionEstimate: number;
  readonly arnEstimate: number;
}

export interface SizedStatement {
  readonly effect: string;
  readonly lists: readonly (readonly [readonly Value[], string, number])[];
  readonly principalCount: number;
  readonly conditions: unknown;
}

/**
 * CDK's estimate of a statement's size in bytes, used only to decide splitting. Cost: linear in
 * the statement's values.
 */
export function estimateStatementSize(s: SizedStatement, options: EstimateSizeOptions): number {
  let size = `"Effect": "${s.effect}",`.length;
  for (const [values, key, tokenSize] of s.lists) {
    if (values.length === 0) continue;
    size += key.length + 5;
    for (const v of values) size += (isToken(v) ? tokenSize : v.length) + 3;
  }
  size += options.arnEstimate * s.principalCount;
  size += JSON.stringify(s.conditions).length;
  return size;
}
