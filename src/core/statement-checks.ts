/** Input checks of PolicyStatement: action format, principal objects, list props. */
import { ValidationError } from "./errors";
import { NOT_A_PRINCIPAL, type IPrincipal } from "./principals/types";
import { describe, hasTokenString, isToken, showJson, toValue, type Value, type ValueInput } from "./value";

const ACTION_PATTERN = /^(\*|[a-zA-Z0-9-]+:[a-zA-Z0-9*]+)$/;
/** Action texts that passed the format check: programs repeat a few hundred (bounded, so junk cannot grow it). */
const wellFormed = new Set<string>();
const MAX_WELL_FORMED = 10_000;

export function validateActions(actions: readonly Value[]): void {
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    if (typeof a !== "string" || wellFormed.has(a)) continue;
    if (ACTION_PATTERN.test(a)) {
      if (wellFormed.size >= MAX_WELL_FORMED) wellFormed.clear();
      wellFormed.add(a);
    } else {
      throw new ValidationError(
        "ActionInvalid",
        `Action '${a}' is invalid. An action string consists of a service namespace, a colon, and the name of an action. Action names can include wildcards.`,
      );
    }
  }
}

export function validatePrincipal(p: unknown): void {
  if (typeof p !== "object" || p === null || !("policyFragment" in p)) {
    throw new ValidationError(
      "InvalidPrincipal",
      `Expected a principal (an object with a policyFragment), got ${showJson(p)}`,
    );
  }
  if ((p as Record<symbol, unknown>)[NOT_A_PRINCIPAL]) {
    throw new ValidationError(
      "CannotUseGroupAsPrincipal",
      "Cannot use an IAM Group as the 'Principal' or 'NotPrincipal' in an IAM Policy",
    );
  }
}

const NO_INPUTS: readonly ValueInput[] = Object.freeze([]);

/** A list prop as given (not copied: callers only read it), or an empty list. */
export function listProp(x: readonly ValueInput[] | undefined, name: string): readonly ValueInput[] {
  if (x === undefined || x === null) return NO_INPUTS;
  if (!Array.isArray(x))
    throw new ValidationError("InvalidStatementProps", `PolicyStatement ${name} must be an array, got ${showJson(x)}`);
  return x;
}

export function principalListProp(x: readonly IPrincipal[] | undefined, name: string): IPrincipal[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x))
    throw new ValidationError("InvalidStatementProps", `PolicyStatement ${name} must be an array of principals`);
  return [...x];
}

/** A sid is text or a token; CDK also keeps a number as given (`fromJson` of `"Sid": 7`). */
export function checkSid(sid: unknown): string | undefined {
  const number = typeof sid === "number" && Number.isFinite(sid);
  // A sid holding token strings (Token.asString) is the value they stand for, as a token sid is.
  if (typeof sid === "string" && hasTokenString(sid)) return toValue(sid, "the sid") as unknown as string;
  if (sid === undefined || typeof sid === "string" || number || isToken(sid)) {
    return sid as string | undefined;
  }
  throw new ValidationError("InvalidStatementProps", `PolicyStatement sid must be a string, got ${describe(sid)}`);
}

/** An effect is text; CDK keeps an unknown one as given, so only the type is checked. */
export function checkEffect(effect: unknown): string | undefined {
  if (effect === undefined || typeof effect === "string") return effect;
  throw new ValidationError(
    "InvalidStatementProps",
    `PolicyStatement effect must be a string, got ${describe(effect)}`,
  );
}
