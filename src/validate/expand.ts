/** Action patterns expanded to catalogue actions, remembered (programs repeat the same few hundred). */
import { expandAction } from "../core/actions";

const MAX = 5_000;
const cache = new Map<string, readonly string[]>();

/** {@link expandAction}, cached per pattern text (bounded). */
export function expandCached(action: string): readonly string[] {
  let hit = cache.get(action);
  if (!hit) {
    hit = expandAction(action);
    if (cache.size >= MAX) cache.clear();
    cache.set(action, hit);
  }
  return hit;
}
