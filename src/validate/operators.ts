/** The condition operators of the IAM policy language, and how an operator name breaks down. */
import { closest } from "../core/actions";

/** What an operator compares: its family decides which key types and values fit. */
export type OperatorFamily = "String" | "Numeric" | "Date" | "Bool" | "Binary" | "IpAddress" | "Arn" | "Null";

const FAMILY: Record<string, OperatorFamily> = {};
for (const op of [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
]) {
  FAMILY[op] = "String";
}
for (const op of ["Equals", "NotEquals", "LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals"]) {
  FAMILY[`Numeric${op}`] = "Numeric";
  FAMILY[`Date${op}`] = "Date";
}
FAMILY.Bool = "Bool";
FAMILY.BinaryEquals = "Binary";
FAMILY.IpAddress = "IpAddress";
FAMILY.NotIpAddress = "IpAddress";
for (const op of ["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"]) FAMILY[op] = "Arn";
FAMILY.Null = "Null";

/** Every base operator name (without set prefix or IfExists). */
export const BASE_OPERATORS: readonly string[] = Object.keys(FAMILY);

/** An operator name read into its parts. */
export interface ParsedOperator {
  readonly setOperator?: "ForAllValues" | "ForAnyValue";
  readonly base: string;
  readonly family: OperatorFamily;
  readonly ifExists: boolean;
}

/** Reads `ForAnyValue:StringLikeIfExists`; a name that is no operator gives `undefined`. */
export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name;
  let setOperator: ParsedOperator["setOperator"];
  const m = /^(ForAllValues|ForAnyValue):(.*)$/i.exec(rest);
  if (m) {
    setOperator = m[1].toLowerCase() === "forallvalues" ? "ForAllValues" : "ForAnyValue";
    rest = m[2];
  }
  const lower = rest.toLowerCase();
  const hit = (l: string): string | undefined => BASE_OPERATORS.find((b) => b.toLowerCase() === l);
  let base = hit(lower);
  let ifExists = false;
  if (!base && lower.endsWith("ifexists")) {
    base = hit(lower.slice(0, -"ifexists".length));
    ifExists = base !== undefined;
  }
  return base ? { setOperator, base, family: FAMILY[base], ifExists } : undefined;
}

/** The closest real operator to a misspelled one, keeping its set prefix and IfExists. */
export function suggestOperator(name: string): string | undefined {
  const m = /^((?:ForAllValues|ForAnyValue):)?(.*?)(IfExists)?$/i.exec(name);
  const prefix = m?.[1] ?? "";
  const body = m?.[2] ?? name;
  const suffix = m?.[3] ? "IfExists" : "";
  const best = closest(body, BASE_OPERATORS);
  if (best) return `${prefix}${best}${suffix}`;
  // A typo in the set prefix or the suffix (`ForAllValue:StringEquals`).
  const tail = name.includes(":") ? name.slice(name.indexOf(":") + 1) : undefined;
  const head = name.includes(":") ? name.slice(0, name.indexOf(":")) : undefined;
  if (tail && head && parseOperator(tail)) {
    const set = closest(head, ["ForAllValues", "ForAnyValue"]);
    if (set) return `${set}:${tail}`;
  }
  return undefined;
}
