/** Checks of policy variables (`${aws:username}`): syntax, where they may stand, and what they name. */
import { lookupConditionKey } from "../condition-keys";
import type { Issue, Item, PolicyView, StatementView } from "../model";
import { conditionsOf, isReference, NO_ISSUES, principalItems } from "../model";
import { parseOperator } from "../operators";

const SPECIAL = new Set(["*", "?", "$"]);

/** The `${...}` policy variables in a text, with syntax problems found while reading them. */
function variablesIn(text: string): { variables: string[]; problems: { code: Issue["code"]; message: string }[] } {
  const variables: string[] = [];
  const problems: { code: Issue["code"]; message: string }[] = [];
  let i = text.indexOf("${");
  while (i >= 0) {
    const end = text.indexOf("}", i + 2);
    if (end < 0) {
      problems.push({
        code: "MISSING_BRACE_IN_VARIABLE",
        message: `${JSON.stringify(text)} opens a policy variable with \${ and never closes it.`,
      });
      break;
    }
    const inner = text.slice(i + 2, end);
    if (!isReference(inner) || inner === "") {
      const name = inner.split(",")[0];
      if (name.trim() === "")
        problems.push({
          code: "EMPTY_VARIABLE",
          message: `${JSON.stringify(text)} has an empty policy variable \${}.`,
        });
      else if (/\s/.test(name))
        problems.push({
          code: "UNSUPPORTED_SPACE_IN_VARIABLE",
          message: `Policy variable \${${inner}} has a space in its name.`,
        });
      else variables.push(name);
    }
    i = text.indexOf("${", end + 1);
  }
  return { variables, problems };
}

function itemsWithVariables(s: StatementView): { item: Item; element: string; operator?: string }[] {
  const out: { item: Item; element: string; operator?: string }[] = [];
  for (const item of s.resources) out.push({ item, element: s.resourceKey ?? "Resource" });
  for (const c of conditionsOf(s))
    for (const item of c.values) out.push({ item, element: "Condition", operator: c.operator });
  return out;
}

/** Whether a value is text with a `${` (where a policy variable can start). */
function opensVariable(v: unknown): boolean {
  return typeof v === "string" && v.includes("${");
}

/** Whether some resource or condition value may hold a policy variable (most statements have none). */
function mayHaveVariables(s: StatementView): boolean {
  return anyOpensVariable(s.resources) || s.raw.Condition !== undefined;
}

function anyOpensVariable(items: readonly Item[]): boolean {
  for (let i = 0; i < items.length; i++) if (opensVariable(items[i].value)) return true;
  return false;
}

/** Policy variables are well-formed, name known keys, and are used with String or Arn operators. */
export function checkVariableSyntax(s: StatementView): readonly Issue[] {
  if (!mayHaveVariables(s)) return NO_ISSUES;
  const out: Issue[] = [];
  for (const { item, operator } of itemsWithVariables(s)) {
    if (typeof item.value !== "string" || !item.value.includes("${")) continue;
    const { variables, problems } = variablesIn(item.value);
    for (const p of problems) out.push({ ...p, path: item.path });
    if (variables.length === 0) continue;
    const family = operator ? parseOperator(operator)?.family : undefined;
    if (family && family !== "String" && family !== "Arn") {
      out.push({
        code: "INVALID_VARIABLE_FOR_OPERATOR",
        path: item.path,
        message: `${operator} cannot compare policy variables (${variables.map((v) => `\${${v}}`).join(", ")}).`,
      });
    }
    for (const v of variables) {
      if (SPECIAL.has(v)) continue;
      const hit = lookupConditionKey(v);
      if (hit.found === false)
        out.push({
          code: "UNKNOWN_VARIABLE",
          path: item.path,
          message: `Policy variable \${${v}} names no known condition key.`,
        });
    }
  }
  return out;
}

/** Policy variables stand only in Resource, NotResource and condition values. */
export function checkVariablePlacement(s: StatementView): readonly Issue[] {
  if (!anyOpensVariable(s.actions) && !opensVariable(s.sid) && !principalOpensVariable(s)) return NO_ISSUES;
  const out: Issue[] = [];
  const elsewhere: Item[] = [...s.actions];
  for (const { item } of principalItems(s)) elsewhere.push(item);
  if (s.sid !== undefined) elsewhere.push({ value: s.sid, path: `${s.path}.Sid` });
  for (const item of elsewhere) {
    if (typeof item.value !== "string") continue;
    const { variables } = variablesIn(item.value);
    if (variables.length > 0) {
      out.push({
        code: "VARIABLE_UNSUPPORTED_IN_ELEMENT",
        path: item.path,
        message: `Policy variable \${${variables[0]}} cannot be used in ${item.path.split(".").pop()?.replace(/\[.*$/, "")}.`,
      });
    }
  }
  return out;
}

function principalOpensVariable(s: StatementView): boolean {
  const principals = principalItems(s);
  for (let i = 0; i < principals.length; i++) if (opensVariable(principals[i].item.value)) return true;
  return false;
}

/** Policy variables need Version 2012-10-17; older versions take them literally. */
export function checkVariableVersion(s: StatementView, p: PolicyView): readonly Issue[] {
  if (p.raw.Version === "2012-10-17") return NO_ISSUES;
  for (const { item } of itemsWithVariables(s)) {
    if (typeof item.value === "string" && variablesIn(item.value).variables.length > 0) {
      return [
        {
          code: "VARIABLE_UNSUPPORTED_IN_VERSION",
          path: item.path,
          message: `Policy variables need "Version": "2012-10-17"; this policy has ${JSON.stringify(p.raw.Version ?? "no version")}.`,
        },
      ];
    }
  }
  return NO_ISSUES;
}
