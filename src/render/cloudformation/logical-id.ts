/**
 * CDK's logical id algorithm, so a team moving from CDK keeps its logical ids.
 * Rule: drop `Default` path components; a single remaining component is used as is (non-alphanumerics
 * removed); otherwise the human part (components without `Resource` and without a component the
 * previous one ends with, non-alphanumerics removed, at most 240 chars) plus the first 8 hex chars,
 * upper-case, of the MD5 of the path joined with "/". Cost: linear in the path length.
 * A "/" or newline inside a name is first replaced by "--", as the constructs library does with ids.
 */
import { createHash } from "node:crypto";

const HIDDEN_ID = "Default";
const HIDDEN_FROM_HUMAN_ID = "Resource";
const MAX_HUMAN_LEN = 240;

// Process-wide memo (a pure function of the path): hashing costs more than the lookup, and tests
// synthesize the same paths again and again. Bounded, so a long process does not grow it forever.
const MEMO = new Map<string, string>();
const MEMO_MAX = 10_000;

export function logicalIdFromPath(path: readonly string[]): string {
  const key = JSON.stringify(path);
  let id = MEMO.get(key);
  if (id === undefined) {
    id = computeLogicalId(path);
    if (MEMO.size >= MEMO_MAX) MEMO.clear();
    MEMO.set(key, id);
  }
  return id;
}

function computeLogicalId(path: readonly string[]): string {
  const components = path.map(sanitizeId).filter((c) => c !== HIDDEN_ID);
  if (components.length === 0) throw new Error("Unable to calculate a logical id for an empty path");
  if (components.length === 1) {
    const candidate = removeNonAlphanumeric(components[0]);
    if (candidate.length <= 255) return candidate;
  }
  const hash = createHash("md5").update(components.join("/")).digest("hex").slice(0, 8).toUpperCase();
  const human = removeDupes(components)
    .filter((c) => c !== HIDDEN_FROM_HUMAN_ID)
    .map(removeNonAlphanumeric)
    .join("")
    .slice(0, MAX_HUMAN_LEN);
  return human + hash;
}

function removeDupes(path: string[]): string[] {
  const ret: string[] = [];
  for (const c of path) {
    if (ret.length === 0 || !ret[ret.length - 1].endsWith(c)) ret.push(c);
  }
  return ret;
}

function removeNonAlphanumeric(s: string): string {
  return s.replace(/[^A-Za-z0-9]/g, "");
}

/** The constructs library escapes its path and address separators inside an id. */
function sanitizeId(id: string): string {
  return id.replace(/[/\n]/g, "--");
}
