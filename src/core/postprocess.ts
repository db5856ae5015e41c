/**
 * CDK's post-processing of a rendered document, applied to every document whatever the settings:
 * drop statements whose JSON is identical (first kept), number the statements without a sid when
 * `assignSids` is on, and, when minimizing, sort and de-duplicate Action, Resource and each
 * Principal key's values by their JSON text. Tokens compare by their CloudFormation JSON, so both
 * targets order them the same way. Cost: O(s log s) in the document's size.
 */
export interface RenderedDocument {
  Statement: Record<string, unknown>[];
  Version: string;
}

export function postProcess(doc: RenderedDocument, assignSids: boolean, sort: boolean): RenderedDocument {
  // A statement is dropped when its JSON text equals an earlier one's. The JSON is only built for
  // statements whose cheap fingerprint (keys, list lengths, plain strings) matches an earlier one,
  // and looked up in a set per fingerprint (many statements can share one: a list of them would
  // make this quadratic).
  const kept = new Map<string, { first: Record<string, unknown>; texts?: Set<string> }>();
  const unique: Record<string, unknown>[] = [];
  for (const s of doc.Statement) {
    const fp = fingerprint(s);
    const same = kept.get(fp);
    if (!same) {
      kept.set(fp, { first: s });
      unique.push({ ...s });
      continue;
    }
    const texts = (same.texts ??= new Set([JSON.stringify(same.first)]));
    const json = JSON.stringify(s);
    if (texts.has(json)) continue;
    texts.add(json);
    unique.push({ ...s });
  }
  unique.forEach((s, i) => {
    if (assignSids && !s.Sid) s.Sid = i.toString();
    if (sort) {
      if (s.Action) s.Action = sortByJson(s.Action);
      if (s.Resource) s.Resource = sortByJson(s.Resource);
      if (s.Principal) s.Principal = sortPrincipal(s.Principal);
    }
  });
  return { ...doc, Statement: unique };
}

/**
 * Equal JSON texts give equal fingerprints: keys JSON writes, with the text of string values and
 * the length of lists (anything else counts alike).
 */
function fingerprint(s: Record<string, unknown>): string {
  let fp = "";
  for (const k of Object.keys(s)) {
    let v = s[k];
    if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function") {
      v = (v as { toJSON(): unknown }).toJSON();
    }
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    fp += `${k}:${typeof v === "string" ? "s" + v : Array.isArray(v) ? "a" + v.length : "o"}\u0000`;
  }
  return fp;
}

// Strings JSON writes as `"` + text + `"`: no escapes, and no character sorting below the closing
// quote (space, `!`), so their JSON texts sort and compare exactly as the strings themselves.
const PLAIN_JSON_STRING = /^[\u0023-\u005b\u005d-\u007e]*$/;

function sortByJson(xs: unknown): unknown {
  if (!Array.isArray(xs)) return xs;
  if (xs.every((x) => typeof x === "string")) {
    const strings = xs as string[];
    if (strings.every((x) => PLAIN_JSON_STRING.test(x))) {
      // Merged lists usually arrive sorted and unique already.
      const sorted = isStrictlyAscending(strings) ? [...strings] : [...new Set(strings)].sort();
      return sorted.length !== 1 ? sorted : sorted[0];
    }
    if (isStrictlyAscendingAsJson(strings)) return strings.length !== 1 ? [...strings] : strings[0];
  }
  const byJson = new Map<string, unknown>();
  for (const x of xs) byJson.set(JSON.stringify(x), x);
  const sorted = [...byJson.keys()].sort().map((k) => byJson.get(k));
  return sorted.length !== 1 ? sorted : sorted[0];
}

function sortPrincipal(p: unknown): unknown {
  if (!p || Array.isArray(p) || typeof p !== "object") return p;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(p).sort()) {
    Object.defineProperty(out, k, {
      value: sortByJson((p as Record<string, unknown>)[k]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function isStrictlyAscending(xs: readonly string[]): boolean {
  for (let i = 1; i < xs.length; i++) if (!(xs[i - 1] < xs[i])) return false;
  return true;
}

function isStrictlyAscendingAsJson(xs: readonly string[]): boolean {
  for (let i = 1; i < xs.length; i++) if (!jsonLess(xs[i - 1], xs[i])) return false;
  return true;
}

/** Whether a code unit is written differently by JSON (escaped), or may be (a surrogate). */
function special(c: number): boolean {
  return c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff);
}

/**
 * `JSON.stringify(a) < JSON.stringify(b)` without building the JSON: the texts first differ where
 * the strings do, and there JSON has the character itself, or the closing quote if a string ended.
 * Escaped characters and surrogates take the slow way.
 */
function jsonLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const ca = i < a.length ? a.charCodeAt(i) : 0x22;
  const cb = i < b.length ? b.charCodeAt(i) : 0x22;
  const prev = i > 0 ? a.charCodeAt(i - 1) : 0;
  if ((i < a.length && special(ca)) || (i < b.length && special(cb)) || (prev >= 0xd800 && prev <= 0xdfff)) {
    return JSON.stringify(a) < JSON.stringify(b);
  }
  return ca < cb;
}
