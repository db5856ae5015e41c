/**
 * The action lists statements were built from, checked once. A program's grants pass the same
 * list (a service's read actions, say) for every resource they cover; a statement built from a
 * list seen before, with the same items, takes the checked items without checking them again and
 * shares them with the others (copied before any addition: see `OrderedValues`). Merging then
 * knows such statements have the same actions without comparing them item by item.
 *
 * Keyed by the caller's array, held weakly; an entry is used only while the array still holds
 * exactly the items it had (a caller may change its array between two statements).
 */
import type { Value } from "./value";

/** The checked items of a list (the list's own strings), and whether they passed the catalogue. */
export interface CheckedList {
  readonly items: readonly Value[];
  catalogueChecked: boolean;
}

const lists = new WeakMap<readonly unknown[], CheckedList>();

/** The checked items of `list`, if it was checked before and still holds the same items. */
export function checkedList(list: readonly unknown[]): CheckedList | undefined {
  const entry = lists.get(list);
  if (entry === undefined) return undefined;
  const items = entry.items;
  if (items.length !== list.length) return undefined;
  for (let i = 0; i < items.length; i++) if (items[i] !== list[i]) return undefined;
  return entry;
}

/** Remembers `items` (distinct literal strings, item for item those of `list`) as checked. */
export function rememberCheckedList(
  list: readonly unknown[],
  items: readonly Value[],
  catalogueChecked: boolean,
): void {
  lists.set(list, { items, catalogueChecked });
}
