import { ValidationError } from "./errors";
import { aliasOf, describe, isToken, toValue } from "./value";

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
  assertFlatConditionValues(operator, value);
  const converted = withValuesFromInputs(value);
  const existing = Object.prototype.hasOwnProperty.call(target, operator) ? target[operator] : undefined;
  const merged = existing !== undefined ? { ...(existing as object), ...converted } : converted;
  Object.defineProperty(target, operator, { value: merged, enumerable: true, writable: true, configurable: true });
}

/**
 * Condition values may be Pulumi inputs (an Output, a component attribute such as `role.roleName`):
 * they become Values (a reference or an external) like resources and principals do, so both
 * targets render them. Plain values are kept as given (the same object when nothing changes).
 */
function withValuesFromInputs(value: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(value);
  if (!keys.some((k) => hasInput(value[k]))) return value;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = value[k];
    const converted = Array.isArray(v) ? v.map(fromInput) : fromInput(v);
    Object.defineProperty(out, k, { value: converted, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function hasInput(v: unknown): boolean {
  return Array.isArray(v) ? v.some(isInput) : isInput(v);
}

function isInput(v: unknown): boolean {
  if (typeof v !== "object" || v === null || isToken(v) || Array.isArray(v)) return false;
  const o = v as { apply?: unknown; then?: unknown };
  return aliasOf(v) !== undefined || typeof o.apply === "function" || typeof o.then === "function";
}

function fromInput(v: unknown): unknown {
  return isInput(v) ? toValue(v, "a condition value") : v;
}

/**
 * Checks every operator of a condition map (see {@link assertFlatConditionValues}); used where a
 * whole map arrives at once (a principal's conditions), before anything serializes it.
 */
export function assertConditions(conditions: unknown): asserts conditions is Conditions {
  assertConditionObject(conditions);
  for (const operator of Object.keys(conditions)) {
    const value = conditions[operator];
    assertConditionObject(value);
    assertFlatConditionValues(operator, value);
  }
}

/**
 * IAM condition values are flat: each key holds a string, number or boolean (or a token, Output
 * or promise of one), or a list of those. Anything else (a nested object or list, null, a BigInt,
 * a function) is refused here, naming the operator and key, rather than rendered as CDK would:
 * IAM refuses it at deployment, and a circular or very deep value would crash serialization.
 * Looking one level down only keeps this safe for values of any depth.
 */
export function assertFlatConditionValues(operator: string, value: Record<string, unknown>): void {
  if (isToken(value)) return;
  for (const key of Object.keys(value)) {
    const v = value[key];
    const list = Array.isArray(v);
    const at = list ? v.findIndex((e) => !isConditionScalar(e)) : isConditionScalar(v) ? -1 : 0;
    if (at < 0) continue;
    throw new ValidationError(
      "InvalidConditionValue",
      `Condition ${operator} ${JSON.stringify(key)} must be a string, number, boolean or Pulumi input, or a list ` +
        `of them (IAM condition values are flat), got ${describe(list ? v[at] : v)}${list ? ` at index ${at}` : ""}`,
    );
  }
}

function isConditionScalar(v: unknown): boolean {
  if (typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  return isToken(v) || isInput(v);
}
