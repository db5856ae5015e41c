/** Checks of the Condition element: operators, keys, value types, set operators and IfExists. */
import { editDistance, expandAction } from "../../core/actions";
import { serviceInfo } from "../catalogue";
import { isMultiValued, lookupConditionKey, scalarType } from "../condition-keys";
import type { Issue, StatementView } from "../model";
import { conditionsOf, hasReference, isObject, NO_ISSUES } from "../model";
import { parseOperator, suggestOperator, type OperatorFamily } from "../operators";

/** Every operator is one IAM defines, spelled as IAM spells it. */
export function checkConditionOperators(s: StatementView): readonly Issue[] {
  const c = s.raw.Condition;
  if (!isObject(c)) return NO_ISSUES;
  const out: Issue[] = [];
  for (const op of Object.keys(c)) {
    const parsed = parseOperator(op);
    const canonical =
      parsed &&
      `${parsed.setOperator ? parsed.setOperator + ":" : ""}${parsed.base}${parsed.ifExists ? "IfExists" : ""}`;
    if (canonical === op) continue;
    const suggestion = canonical ?? suggestOperator(op);
    out.push({
      code: "INVALID_CONDITION_OPERATOR",
      path: `${s.path}.Condition.${op}`,
      message: `Condition operator ${op} does not exist${suggestion ? ` — did you mean ${suggestion}?` : "."}`,
    });
  }
  return out;
}

/** Every condition key is a global key, a key of a known service, or a federation provider's key. */
export function checkConditionKeys(s: StatementView): readonly Issue[] {
  const out: Issue[] = [];
  for (const c of conditionsOf(s)) {
    if (hasReference(c.key)) continue;
    const hit = lookupConditionKey(c.key);
    if (hit.found !== false) continue;
    const did = hit.suggestion ? ` — did you mean ${hit.suggestion}?` : ".";
    if (hit.reason === "format") {
      out.push({
        code: "INVALID_CONDITION_KEY_FORMAT",
        path: c.path,
        message: `Condition key ${JSON.stringify(c.key)} is not of the form prefix:name.`,
      });
    } else if (hit.reason === "global") {
      out.push({
        code: "INVALID_GLOBAL_CONDITION_KEY",
        path: c.path,
        message: `${c.key} is not a global condition key${did}`,
      });
    } else if (
      hit.suggestion &&
      (hit.suggestion.toLowerCase().startsWith("aws:") ||
        editDistance(hit.suggestion.toLowerCase(), c.key.toLowerCase(), 2) <= 2)
    ) {
      out.push({
        code: "INVALID_SERVICE_CONDITION_KEY",
        path: c.path,
        message: `${c.key} is not a condition key of service '${c.key.split(":")[0]}'${did}`,
      });
    } else {
      out.push({
        code: "UNKNOWN_CONDITION_KEY",
        path: c.path,
        message: `${c.key} is not in the AWS service reference's keys of '${c.key.split(":")[0]}'.`,
      });
    }
  }
  return out;
}

/**
 * A service condition key is supported by at least one action of the statement (checked only when
 * every action is a known literal or pattern of the catalogue: `*` and NotAction say nothing).
 */
export function checkConditionKeySupport(s: StatementView): readonly Issue[] {
  if (s.actionKey !== "Action" || s.actions.length === 0) return NO_ISSUES;
  const keys = conditionsOf(s).filter((c) => !hasReference(c.key));
  if (keys.length === 0) return NO_ISSUES;
  const actions: { service: string; name: string }[] = [];
  for (const item of s.actions) {
    if (typeof item.value !== "string" || item.value === "*" || hasReference(item.value)) return NO_ISSUES;
    const expanded = expandAction(item.value);
    if (expanded.length === 0) return NO_ISSUES;
    for (const a of expanded)
      actions.push({ service: a.slice(0, a.indexOf(":")), name: a.slice(a.indexOf(":") + 1).toLowerCase() });
  }
  const out: Issue[] = [];
  for (const c of keys) {
    const hit = lookupConditionKey(c.key);
    if (hit.found !== true || !hit.service) continue;
    const lower = c.key.toLowerCase();
    const supported = actions.some(({ service, name }) => {
      const info = serviceInfo(service)?.actions.get(name);
      if (!info) return true;
      // Pattern keys (s3:ExistingObjectTag/<key>) are listed in their pattern form.
      return info.conditionKeys.has(lower) || info.conditionKeys.has(hit.key.toLowerCase());
    });
    if (!supported) {
      out.push({
        code: "UNSUPPORTED_CONDITION_KEY_FOR_ACTIONS",
        path: c.path,
        message: `No action of the statement supports condition key ${c.key}.`,
      });
    }
  }
  return out;
}

/** Which key scalar types each operator family fits (undefined: fits every key). */
const FITS: Record<OperatorFamily, readonly string[] | undefined> = {
  String: ["String", "ARN"],
  Arn: ["ARN", "String"],
  Numeric: ["Numeric"],
  Date: ["Date"],
  Bool: ["Bool"],
  IpAddress: ["IPAddress"],
  Binary: undefined,
  Null: undefined,
};

/** The operator's family fits the key's type (a Numeric operator on a String key never matches). */
export function checkOperatorKeyType(s: StatementView): readonly Issue[] {
  const out: Issue[] = [];
  for (const c of conditionsOf(s)) {
    const op = parseOperator(c.operator);
    if (!op || hasReference(c.key)) continue;
    const hit = lookupConditionKey(c.key);
    if (hit.found !== true) continue;
    const fits = FITS[op.family];
    const type = scalarType(hit.type);
    if (fits && !fits.includes(type)) {
      out.push({
        code: "TYPE_MISMATCH",
        path: c.path,
        message: `${c.operator} compares ${op.family} values but ${hit.key} is of type ${hit.type}.`,
      });
    }
  }
  return out;
}

const BOOL = /^(true|false)$/i;
const NUMBER = /^-?\d+(\.\d+)?$/;
const DATE = /^(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?|\d+)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
const IPV6 = /^[0-9a-f:]*:[0-9a-f:.]*(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/i;

function valueFits(family: OperatorFamily, v: string): boolean {
  switch (family) {
    case "Bool":
    case "Null":
      return BOOL.test(v);
    case "Numeric":
      return NUMBER.test(v);
    case "Date":
      return DATE.test(v) && (!/^\d{4}-/.test(v) || !Number.isNaN(Date.parse(v)));
    case "IpAddress":
      return IPV4.test(v) || (IPV6.test(v) && v.split(":").length >= 3);
    case "Arn":
      return v === "*" || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:.+$/.test(v) || /^arn:\*?$/.test(v) || v.startsWith("arn:*");
    default:
      return true;
  }
}

const MISMATCH_CODE = {
  Bool: "TYPE_MISMATCH_BOOLEAN",
  Null: "TYPE_MISMATCH_BOOLEAN",
  Numeric: "TYPE_MISMATCH_NUMBER",
  Date: "TYPE_MISMATCH_DATE",
  IpAddress: "TYPE_MISMATCH_IP_RANGE",
  Arn: "TYPE_MISMATCH_ARN",
} as const;

/** Each value has the form its operator compares (`Bool` takes true/false, `IpAddress` a CIDR...). */
export function checkConditionValues(s: StatementView): readonly Issue[] {
  const out: Issue[] = [];
  for (const c of conditionsOf(s)) {
    const op = parseOperator(c.operator);
    if (!op || op.family === "String" || op.family === "Binary") continue;
    for (const item of c.values) {
      const v = typeof item.value === "boolean" || typeof item.value === "number" ? String(item.value) : item.value;
      if (typeof v !== "string" || v.includes("${")) continue;
      if (!valueFits(op.family, v)) {
        out.push({
          code: MISMATCH_CODE[op.family],
          path: item.path,
          message: `${JSON.stringify(item.value)} is not a valid ${op.family === "Null" ? "Bool" : op.family} value for ${c.operator}.`,
        });
      }
    }
  }
  return out;
}

/** `Null` tests whether a key exists: `NullIfExists` is meaningless. */
export function checkNullWithIfExists(s: StatementView): readonly Issue[] {
  const c = s.raw.Condition;
  if (!isObject(c)) return NO_ISSUES;
  return Object.keys(c)
    .filter((op) => parseOperator(op)?.family === "Null" && parseOperator(op)?.ifExists)
    .map((op) => ({
      code: "NULL_WITH_IF_EXISTS" as const,
      path: `${s.path}.Condition.${op}`,
      message: `${op} is not a valid operator.`,
    }));
}

/** A wildcard in a value compared with an Equals operator is taken literally. */
export function checkWildcardWithoutLike(s: StatementView): readonly Issue[] {
  const out: Issue[] = [];
  for (const c of conditionsOf(s)) {
    const op = parseOperator(c.operator);
    if (!op || !(op.family === "String" || op.family === "Arn") || /Like$/.test(op.base)) continue;
    for (const item of c.values) {
      if (typeof item.value === "string" && /[*?]/.test(item.value.replace(/\$\{[^}]*\}/g, ""))) {
        out.push({
          code: "WILDCARD_WITHOUT_LIKE_OPERATOR",
          path: item.path,
          message: `${c.operator} compares ${JSON.stringify(item.value)} literally; its wildcard matches only a literal ${item.value.includes("*") ? "*" : "?"}.`,
        });
      }
    }
  }
  return out;
}

/** Set operators go with multi-valued keys, and multi-valued keys with set operators. */
export function checkSetOperators(s: StatementView): readonly Issue[] {
  const out: Issue[] = [];
  for (const c of conditionsOf(s)) {
    const op = parseOperator(c.operator);
    if (!op || hasReference(c.key) || op.family === "Null") continue;
    const hit = lookupConditionKey(c.key);
    if (hit.found !== true) continue;
    const multi = isMultiValued(hit.type);
    if (op.setOperator && !multi) {
      out.push({
        code: "SET_OPERATOR_WITH_SINGLE_VALUED_KEY",
        path: c.path,
        message: `${op.setOperator} is used with ${hit.key}, which has a single value per request.`,
      });
    } else if (!op.setOperator && multi) {
      out.push({
        code: "MULTI_VALUED_KEY_WITHOUT_SET_OPERATOR",
        path: c.path,
        message: `${hit.key} can have several values per request; ${c.operator} does not say whether all or any must match.`,
      });
    }
    if (op.setOperator === "ForAllValues" && op.ifExists) {
      out.push({
        code: "REDUNDANT_IF_EXISTS",
        path: c.path,
        message: `${c.operator}: ForAllValues is already true when ${c.key} is absent.`,
      });
    }
  }
  return out;
}
