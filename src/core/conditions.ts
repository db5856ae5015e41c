import { ValidationError } from "./errors";

/** `{ operator: { conditionKey: value } }`, e.g. `{ StringEquals: { "aws:PrincipalOrgID": "o-123" } }`. */
export type Conditions = Record<string, unknown>;

export function isConditionObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function assertConditionObject(v: unknown): asserts v is Record<string, unknown> {
  if (!isConditionObject(v)) {
    throw new ValidationError(
      "ShouldBeConditionShouldRepresented",
      "A Condition should be represented as a map of operator to value",
    );
  }
}

/**
 * Adds one operator to a condition map: a new operator is stored as given, an existing one is
 * shallow-merged (later keys win, earlier key order kept).
 */
export function mergeCondition(target: Conditions, operator: string, value: unknown): void {
  assertConditionObject(value);
  const existing = Object.prototype.hasOwnProperty.call(target, operator) ? target[operator] : undefined;
  const merged = existing !== undefined ? { ...(existing as object), ...value } : value;
  Object.defineProperty(target, operator, { value: merged, enumerable: true, writable: true, configurable: true });
}
