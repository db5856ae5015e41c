/**
 * Findings remembered per document text: a program validates many identical documents (the same
 * trust policy on every Lambda role, the same statements on many roles). Validation is a pure
 * function of the document and the options, so two documents whose JSON texts are equal get equal
 * findings, provided each is plain JSON: nothing JSON.stringify drops or changes (`undefined`,
 * functions, `toJSON`, class instances, non-finite numbers, `-0`, holes). A document that is not
 * is validated afresh each time.
 */
import { validatePolicy } from "./engine";
import type { ValidatePolicyOptions, ValidationFinding } from "./types";

/** Deeper documents are validated without the cache (and a cycle cannot loop). */
const MAX_DEPTH = 32;

/** Whether JSON.stringify writes all there is of `x` (so JSON.parse of its text gives it back). */
export function isPlainJson(x: unknown, depth = 0): boolean {
  switch (typeof x) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(x) && !Object.is(x, -0);
    case "object":
      break;
    default:
      return false;
  }
  if (x === null) return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) if (!(i in x) || !isPlainJson(x[i], depth + 1)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return false;
  const o = x as Record<string, unknown>;
  // for-in also visits inherited enumerable keys (none, unless Object.prototype was changed):
  // checking them too only makes the answer stricter.
  for (const k in o) if (!isPlainJson(o[k], depth + 1)) return false;
  return true;
}

/** The options the engine reads; a new option fails to compile below until it is part of the key. */
type KeyedOption = "policyType" | "account" | "resourceType" | "kinds";
const _everyOptionKeyed: Exclude<keyof ValidatePolicyOptions, KeyedOption> extends never ? true : never = true;

/** The text of the options, part of the key. */
function optionsText(o: ValidatePolicyOptions): string {
  return JSON.stringify([o.policyType ?? "identity", o.account ?? null, o.resourceType ?? null, o.kinds ?? null]);
}

/**
 * {@link validatePolicy} with the findings of each distinct document text remembered, up to
 * `maxChars` characters of remembered texts (then documents not seen yet are validated without
 * being remembered). The findings returned are frozen: hits share them.
 */
export class FindingsCache {
  /** Options text → document text → findings. */
  private readonly byOptions = new Map<string, Map<string, readonly ValidationFinding[]>>();
  private chars = 0;

  constructor(private readonly maxChars = 500_000) {}

  public validate(document: Record<string, unknown>, options: ValidatePolicyOptions): readonly ValidationFinding[] {
    if (!isPlainJson(document)) return freeze(validatePolicy(document, options));
    const key = optionsText(options);
    let byText = this.byOptions.get(key);
    if (!byText) this.byOptions.set(key, (byText = new Map()));
    const text = JSON.stringify(document);
    const hit = byText.get(text);
    if (hit) return hit;
    const findings = freeze(validatePolicy(document, options));
    if (this.chars + text.length <= this.maxChars) {
      byText.set(text, findings);
      this.chars += text.length;
    }
    return findings;
  }
}

function freeze(findings: ValidationFinding[]): readonly ValidationFinding[] {
  for (const f of findings) Object.freeze(f);
  return Object.freeze(findings);
}
