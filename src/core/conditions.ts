import { ValidationError } from "./errors";
import {
  External,
  aliasOf,
  checkNoOutputText,
  describe,
  hasTokenString,
  isPulumiInput,
  isToken,
  toValue,
  tokenString,
  type Token,
} from "./value";

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
  const block = conditionBlock(operator, value);
  const whole = isToken(block) && wholeConditions.has(block) && operator === tokenString(block);
  const keys = Object.keys(target);
  if (whole ? keys.some((k) => k !== operator) : keys.some((k) => isWholeConditionsKey(k))) {
    throw new ValidationError(
      "WholeConditionsCannotMerge",
      "Conditions given as one Pulumi Output cannot be combined with other conditions in the same statement; " +
        "give each operator (or each value) as an Output instead, or use separate statements",
    );
  }
  const existing = Object.prototype.hasOwnProperty.call(target, operator) ? target[operator] : undefined;
  let merged: unknown = block;
  if (existing !== undefined && existing !== block) {
    if (isToken(existing) || isToken(block)) throw conditionTokenMergeError(operator);
    merged = { ...(existing as object), ...(block as object) };
  }
  Object.defineProperty(target, operator, { value: merged, enumerable: true, writable: true, configurable: true });
}

/**
 * Conditions that are not known until deployment, whole (`conditions: output`) or one operator's
 * block (`{ StringEquals: output }`): a Pulumi input becomes an {@link External} that both targets
 * render as an object (see docs/outputs.md). Blocks are kept here by token.
 */
const conditionBlocks = new WeakSet<Token>();
const wholeConditions = new WeakSet<Token>();

/** Whether a token stands for a whole condition block (an operator's map, or all conditions). */
export function isConditionBlockToken(t: Token): boolean {
  return conditionBlocks.has(t);
}

/** Whether a condition operator key stands for a whole `Condition` given as one Pulumi input. */
export function isWholeConditionsKey(key: string): boolean {
  if (!hasTokenString(key)) return false;
  const v = toValue(key);
  return isToken(v) && wholeConditions.has(v);
}

/** A statement's condition map as operator entries: a whole-conditions input is one entry (its token string). */
export function conditionEntries(conditions: unknown): [string, unknown][] {
  if (isPulumiInput(conditions) || isToken(conditions)) {
    const t = blockToken(conditions, "Conditions");
    wholeConditions.add(t);
    return [[tokenString(t), t]];
  }
  assertConditionObject(conditions);
  return Object.entries(conditions);
}

/**
 * The text principal conditions are compared by (CDK: their JSON): inputs count as their tokens,
 * so two principals with the same Output have the same conditions and different Outputs differ.
 */
export function conditionsText(conditions: unknown): string {
  const normal: Conditions = {};
  for (const [k, v] of conditionEntries(conditions)) mergeCondition(normal, k, v);
  return JSON.stringify(normal);
}

/** The error CDK gives when an operator holding a token would be merged with another map. */
export function conditionTokenMergeError(operator: string): ValidationError {
  return new ValidationError(
    "MultipleConditionsCannotMerged",
    `multiple "${operator}" conditions cannot be merged if one of them contains an unresolved token`,
  );
}

/** One operator's block as stored: a token for a Pulumi input, else a checked flat map. */
export function conditionBlock(operator: string, value: unknown): unknown {
  if (isPulumiInput(value) || isToken(value)) return blockToken(value, `Condition ${operator}`);
  assertConditionObject(value);
  assertFlatConditionValues(operator, value);
  return withValuesFromInputs(value);
}

function blockToken(value: object, what: string): Token {
  // Any token is accepted where a block must be, as CDK accepts one; a Pulumi input becomes an
  // external. One that turns out not to be a map fails when the policy renders, naming it.
  const t = isToken(value)
    ? value
    : (aliasOf(value) ?? External.of(value, { description: `${what} (a Pulumi Output of a condition map)` }));
  if (typeof t === "string") {
    throw new ValidationError(
      "ShouldBeConditionShouldRepresented",
      `${what} must be a map of condition keys to values, or a Pulumi Output of one; got the string ${JSON.stringify(t)}`,
    );
  }
  conditionBlocks.add(t);
  return t;
}

/**
 * Condition values may be Pulumi inputs (an Output, a component attribute such as `role.roleName`):
 * they become Values (a reference or an external) like resources and principals do, so both
 * targets render them. Plain values are kept as given (the same object when nothing changes).
 */
function withValuesFromInputs(value: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(value);
  for (const k of keys) checkNoOutputText(k, "a condition key");
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

/** A Pulumi input, or a string that needs converting (token strings, or an Output's text to refuse). */
function isInput(v: unknown): boolean {
  if (typeof v === "string") return hasTokenString(v) || v.includes("[Output<T>]");
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
  for (const [operator, value] of conditionEntries(conditions)) {
    if (isPulumiInput(value) || isToken(value)) {
      blockToken(value, `Condition ${operator}`);
      continue;
    }
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
