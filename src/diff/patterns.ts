/**
 * IAM wildcard patterns (`*` any run of characters, `?` one character): matching, and a generic
 * member of a pattern — a text that matches the pattern and, in practice, any other pattern only
 * when that pattern covers the whole first one (its wildcards are filled with a run of a control
 * character no ARN or action name contains).
 */

const regexCache = new Map<string, RegExp>();
const MAX_CACHE = 50_000;

/** The pattern as a regular expression: case-sensitive for resources, case-insensitive for actions. */
function regexOf(pattern: string, ignoreCase: boolean): RegExp {
  const key = (ignoreCase ? "i" : "s") + pattern;
  let re = regexCache.get(key);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, "[\\s\\S]*")
      .replace(/\?/g, "[\\s\\S]");
    re = new RegExp(`^${body}$`, ignoreCase ? "i" : "");
    if (regexCache.size >= MAX_CACHE) regexCache.clear();
    regexCache.set(key, re);
  }
  return re;
}

/** Whether `text` matches the IAM pattern (a pattern without wildcards matches only itself). */
export function matches(pattern: string, text: string, ignoreCase = false): boolean {
  if (pattern === "*") return true;
  if (!pattern.includes("*") && !pattern.includes("?")) {
    return ignoreCase ? pattern.toLowerCase() === text.toLowerCase() : pattern === text;
  }
  return regexOf(pattern, ignoreCase).test(text);
}

const FILL = "\u0001".repeat(12);

/** A generic member of the pattern (see the module header). */
export function genericMember(pattern: string): string {
  return pattern.replace(/\*/g, FILL).replace(/\?/g, "\u0002");
}
