/**
 * Walking the tokens of a rendered structure, nested ones included: a `Join` holds its parts and a
 * `SelectSplit` its source, so an external or a reference inside them is found too.
 * Cost: linear in the size of the structure.
 */
import { Join, SelectSplit, collectTokens, type Token } from "../../core/value";

/** Calls `visit` on every token of `x`, then on the tokens inside it (Join parts, SelectSplit source). */
export function visitTokens(x: unknown, visit: (t: Token) => void): void {
  for (const t of collectTokens(x)) {
    visit(t);
    if (t instanceof Join) visitTokens(t.parts, visit);
    else if (t instanceof SelectSplit) visitTokens([t.source], visit);
  }
}
