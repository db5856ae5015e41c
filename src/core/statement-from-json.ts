/** Reading a statement's props from IAM policy JSON (`PolicyStatement.fromJson`). */
import type { Conditions } from "./conditions";
import { ValidationError } from "./errors";
import { JsonPrincipal } from "./principals/json";
import type { Effect, PolicyStatementProps } from "./statement-types";
import { showJson, type Value } from "./value";

/** The props of the statement `json` describes; throws when it is not an object or a field is malformed. */
export function statementPropsFromJson(json: unknown): PolicyStatementProps {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ValidationError(
      "MustBeFieldsEitherString",
      `A policy statement must be a JSON object, got ${showJson(json)}`,
    );
  }
  const obj = json as Record<string, unknown>;
  return {
    sid: obj.Sid as string | undefined,
    effect: obj.Effect as Effect | undefined,
    actions: ensureArrayOrUndefined(obj.Action),
    notActions: ensureArrayOrUndefined(obj.NotAction),
    resources: ensureArrayOrUndefined(obj.Resource),
    notResources: ensureArrayOrUndefined(obj.NotResource),
    principals: obj.Principal ? [new JsonPrincipal(obj.Principal)] : undefined,
    notPrincipals: obj.NotPrincipal ? [new JsonPrincipal(obj.NotPrincipal)] : undefined,
    conditions: obj.Condition as Conditions | undefined,
  };
}

function ensureArrayOrUndefined(field: unknown): Value[] | undefined {
  if (field === undefined) return undefined;
  if (typeof field !== "string" && !Array.isArray(field)) {
    throw new ValidationError("MustBeFieldsEitherString", "Fields must be either a string or an array of strings");
  }
  if (Array.isArray(field) && !field.every((f) => typeof f === "string")) {
    throw new ValidationError("MustBeFieldsEitherString", "Fields must be either a string or an array of strings");
  }
  return Array.isArray(field) ? field : [field];
}
