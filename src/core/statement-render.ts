/** The JSON shapes of a rendered statement (CDK's normalisation of lists and principals). */
import { LITERAL_STRING_KEY } from "./principals/fragment";
import type { Value } from "./value";

/** Empty list: absent; one element: the bare element; more: the list. */
export function normList(values: Value[]): Value | Value[] | undefined {
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

export function normPrincipal(principal: Record<string, Value[]>): unknown {
  const keys = Object.keys(principal);
  if (keys.length === 0) return undefined;
  if (LITERAL_STRING_KEY in principal) return principal[LITERAL_STRING_KEY][0];
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = normList(principal[k]);
    if (v !== undefined)
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
