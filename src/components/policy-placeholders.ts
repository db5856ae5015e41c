/**
 * A statement as the validation engine reads it: plain JSON in which each token (a reference to a
 * component's attribute, an external input, a pseudo parameter) is a `${...}` placeholder the
 * engine knows it cannot decide, and a join keeps its literal parts (so `arn:${AWS::Partition}:s3:::b/*`
 * is still checked as an ARN).
 */
import type { PolicyStatement } from "../core/statement";
import { External, isToken, Join, mapTokens, PseudoParameter, Reference, type Token } from "../core/value";

/** The text a token stands as: `${AWS::Partition}`, `${app/Bucket.Arn}`, `${BucketName3}`. */
export function placeholderOf(t: Token): string {
  if (t instanceof Join) return t.parts.map((p) => (typeof p === "string" ? p : placeholderOf(p))).join(t.separator);
  if (t instanceof PseudoParameter) return `\${${t.name}}`;
  if (t instanceof Reference) return `\${${safe(t.target.displayPath)}.${safe(t.attribute)}}`;
  if (t instanceof External) return `\${${safe(t.label)}}`;
  return "${Value}";
}

/** The statement's JSON with tokens as placeholders. */
export function statementPlaceholders(s: PolicyStatement): Record<string, unknown> {
  const json = s.toStatementJson();
  // Conditions given as an Output (all of them, or one operator's block) cannot be read: left out.
  const condition = json.Condition;
  if (isToken(condition)) delete json.Condition;
  else if (typeof condition === "object" && condition !== null) {
    const known = Object.entries(condition).filter(([, block]) => !isToken(block));
    if (known.length > 0) json.Condition = Object.fromEntries(known);
    else delete json.Condition;
  }
  return mapTokens(json, placeholderOf) as Record<string, unknown>;
}

// Without `:` or braces, a placeholder is never taken for a policy variable (`${aws:username}`).
function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9/._-]/g, "_");
}
