/**
 * A statement as the validation engine reads it: plain JSON in which each token (a reference to a
 * component's attribute, an external input, a pseudo parameter) is a `${...}` placeholder the
 * engine knows it cannot decide, and a join keeps its literal parts (so `arn:${AWS::Partition}:s3:::b/*`
 * is still checked as an ARN).
 */
import { External, isToken, Join, keyToken, PseudoParameter, Reference, type Token } from "../core/value";

/** The text a token stands as: `${AWS::Partition}`, `${app/Bucket.Arn}`, `${BucketName3}`. */
export function placeholderOf(t: Token): string {
  if (t instanceof Join) return t.parts.map((p) => (typeof p === "string" ? p : placeholderOf(p))).join(t.separator);
  if (t instanceof PseudoParameter) return `\${${t.name}}`;
  if (t instanceof Reference) return `\${${safe(t.target.displayPath)}.${safe(t.attribute)}}`;
  if (t instanceof External) return `\${${safe(t.label)}}`;
  return "${Value}";
}

/**
 * A rendered statement (tokens as token objects) with tokens as placeholders. Parts without
 * tokens are shared, not copied (most of a large program's statements have none).
 */
export function statementPlaceholders(rendered: Record<string, unknown>): Record<string, unknown> {
  let json = rendered;
  // Conditions given as an Output (all of them, or one operator's block) cannot be read: left out.
  const condition = rendered.Condition;
  if (isToken(condition)) {
    json = { ...rendered };
    delete json.Condition;
  } else if (typeof condition === "object" && condition !== null) {
    const entries = Object.entries(condition);
    const known = entries.filter(([, block]) => !isToken(block));
    if (known.length < entries.length) {
      json = { ...rendered };
      if (known.length > 0) json.Condition = Object.fromEntries(known);
      else delete json.Condition;
    }
  }
  return replaceTokens(json) as Record<string, unknown>;
}

/** `x` with every token as its placeholder; the same object when it holds none. */
function replaceTokens(x: unknown): unknown {
  if (typeof x === "string" || typeof x !== "object" || x === null) return x;
  if (isToken(x)) return placeholderOf(x);
  if (Array.isArray(x)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      const r = typeof v === "string" ? v : replaceTokens(v);
      if (r !== v) (out ??= x.slice())[i] = r;
    }
    return out ?? x;
  }
  // Copied only from the first key or value that changes (most objects hold no token).
  const obj = x as Record<string, unknown>;
  const keys = Object.keys(obj);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = obj[k];
    const token = keyToken(k);
    const key = token ? placeholderOf(token) : k;
    const value = typeof v === "string" ? v : replaceTokens(v);
    if (out === undefined && (key !== k || value !== v)) {
      out = {};
      for (let j = 0; j < i; j++) put(out, keys[j], obj[keys[j]]);
    }
    if (out !== undefined) put(out, key, value);
  }
  return out ?? x;
}

/** Sets a property as Object.fromEntries would (an own property, even for `__proto__`). */
function put(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

// Without `:` or braces, a placeholder is never taken for a policy variable (`${aws:username}`).
function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9/._-]/g, "_");
}
