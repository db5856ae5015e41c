/**
 * Lists of actions for people: the patterns of the policies that cover part of the list stand
 * for their actions (`s3:Delete*` for the 7 delete actions), the rest are named, the count says
 * how many catalogue actions in all: "+43 actions: s3:Delete*, s3:Put*, …".
 */
import { expand, OTHER_ACTION } from "./action-universe";

/** `actions` as "N actions: p1, p2, …" using the covering patterns among `patterns`; at most `max` items. */
export function describeActions(actions: readonly string[], patterns: Iterable<string>, max = 6): string {
  const set = new Set(actions);
  const other = set.delete(OTHER_ACTION);
  const candidates = [...new Set(patterns)]
    .filter((p) => p !== "*" && /[*?]/.test(p))
    .map((p) => ({ p, covers: expand(p) }))
    .filter((c) => c.covers.length > 1 && c.covers.every((a) => set.has(a)))
    .sort((a, b) => b.covers.length - a.covers.length || (a.p < b.p ? -1 : 1));
  const covered = new Set<string>();
  const items: string[] = [];
  for (const c of candidates) {
    if (c.covers.every((a) => covered.has(a))) continue;
    items.push(c.p);
    for (const a of c.covers) covered.add(a);
  }
  for (const a of [...set].sort()) if (!covered.has(a)) items.push(a);
  if (other) items.push("* (any other action)");
  const shown = items.length > max ? [...items.slice(0, max), "…"] : items;
  const count = set.size;
  const head = other
    ? count > 0
      ? `${count} actions and any other`
      : "any action"
    : count === 1
      ? "1 action"
      : `${count} actions`;
  return `${head}: ${shown.join(", ")}`;
}
