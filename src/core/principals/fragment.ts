import { ValidationError } from "../errors";
import type { Conditions } from "../conditions";
import type { Value } from "../value";

/** The key under which a literal principal string (`"Principal": "*"`) is kept. */
export const LITERAL_STRING_KEY = "LiteralString";

/** What a principal contributes to a statement: `{ AWS: [...] }` and the conditions it needs. */
export class PrincipalPolicyFragment {
  constructor(
    public readonly principalJson: Record<string, Value[]>,
    public readonly conditions: Conditions = {},
  ) {}
}

/** Appends each key's values of `source` to `target`; a literal principal cannot mix with others. */
export function mergePrincipal(target: Record<string, Value[]>, source: Record<string, Value[]>): void {
  const sourceKeys = Object.keys(source);
  const targetKeys = Object.keys(target);
  if (
    (LITERAL_STRING_KEY in source && targetKeys.some((k) => k !== LITERAL_STRING_KEY)) ||
    (LITERAL_STRING_KEY in target && sourceKeys.some((k) => k !== LITERAL_STRING_KEY))
  ) {
    throw new ValidationError(
      "CannotMustBeCannotMerge",
      `Cannot merge principals ${JSON.stringify(target)} and ${JSON.stringify(source)}; if one uses a literal principal string the other one must be empty`,
    );
  }
  for (const key of sourceKeys) {
    const values = Array.isArray(source[key]) ? source[key] : [source[key] as unknown as Value];
    const existing = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : [];
    Object.defineProperty(target, key, {
      value: [...existing, ...values],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
}
