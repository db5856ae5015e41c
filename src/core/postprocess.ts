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
  const seen = new Set<string>();
  const unique: Record<string, unknown>[] = [];
  for (const s of doc.Statement) {
    const key = JSON.stringify(s);
    if (!seen.has(key)) {
      seen.add(key);
      unique.push({ ...s });
    }
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

// Strings JSON writes as `"` + text + `"`: no escapes, and no character sorting below the closing
// quote (space, `!`), so their JSON texts sort and compare exactly as the strings themselves.
const PLAIN_JSON_STRING = /^[\u0023-\u005b\u005d-\u007e]*$/;

function sortByJson(xs: unknown): unknown {
  if (!Array.isArray(xs)) return xs;
  if (xs.every((x) => typeof x === "string" && PLAIN_JSON_STRING.test(x))) {
    const sorted = [...new Set(xs as string[])].sort();
    return sorted.length !== 1 ? sorted : sorted[0];
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
