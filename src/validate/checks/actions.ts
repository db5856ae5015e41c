/** Checks of action names against the AWS service reference. */
import { checkAction, editDistance, type ActionProblem } from "../../core/actions";
import type { Issue, PolicyView, StatementView } from "../model";
import { hasReference, NO_ISSUES } from "../model";
import { retiredService } from "../../core/retired-services";

/** A suggestion this close (edits) to what was typed is a typo; farther ones are merely unknown names. */
const TYPO_DISTANCE = 2;

function isTypo(typed: string, suggestion: string | undefined): suggestion is string {
  if (!suggestion) return false;
  return editDistance(typed.toLowerCase(), suggestion.toLowerCase(), TYPO_DISTANCE) <= TYPO_DISTANCE;
}

/**
 * Every action names a known service and action: a near-miss of a known name is an ERROR with the
 * suggestion; a retired service, or a name with no close match (newer than the catalogue), a WARNING.
 */
export function checkActionNames(s: StatementView): readonly Issue[] {
  let out: Issue[] | undefined;
  const actions = s.actions;
  for (let i = 0; i < actions.length; i++) {
    const item = actions[i];
    const a = item.value;
    if (typeof a !== "string" || hasReference(a) || a.includes("${")) continue;
    const problem = checkAction(a);
    if (problem) (out ??= []).push(actionIssue(a, problem, item.path));
  }
  return out ?? NO_ISSUES;
}

function actionIssue(a: string, problem: ActionProblem, path: string): Issue {
  const service = a.includes(":") ? a.slice(0, a.indexOf(":")) : a;
  const retired = retiredService(service);
  if (problem.kind === "Malformed") return { code: "INVALID_ACTION", path, message: `${problem.message}.` };
  if (problem.kind === "UnknownService") {
    if (retired) return { code: "RETIRED_SERVICE", path, message: `Action ${a} belongs to ${retired}.` };
    if (isTypo(service, problem.suggestion?.split(":")[0]))
      return { code: "INVALID_SERVICE_IN_ACTION", path, message: `${problem.message}` };
    return {
      code: "UNKNOWN_SERVICE",
      path,
      message: `Service '${service}' of action ${a} is not in the AWS service reference.`,
    };
  }
  const name = a.slice(a.indexOf(":") + 1);
  const suggested = problem.suggestion?.slice(problem.suggestion.indexOf(":") + 1);
  if (problem.kind === "PatternMatchesNothing" || isTypo(name, suggested))
    return { code: "INVALID_ACTION", path, message: problem.message };
  return { code: "UNKNOWN_ACTION", path, message: `Action ${a} is not in the AWS service reference.` };
}

const TRUST_ACTIONS = new Set([
  "sts:assumerole",
  "sts:assumerolewithsaml",
  "sts:assumerolewithwebidentity",
  "sts:tagsession",
  "sts:setsourceidentity",
  "sts:setcontext",
]);

/** A trust policy grants only the STS actions a role's trust can grant. */
export function checkTrustPolicyActions(s: StatementView, p: PolicyView): readonly Issue[] {
  if (p.type !== "trust" || s.actionKey !== "Action") return NO_ISSUES;
  const out: Issue[] = [];
  for (const item of s.actions) {
    const a = item.value;
    if (typeof a !== "string" || hasReference(a)) continue;
    const lower = a.toLowerCase();
    if (
      TRUST_ACTIONS.has(lower) ||
      lower === "*" ||
      lower === "sts:*" ||
      (lower.startsWith("sts:") && lower.includes("*"))
    )
      continue;
    out.push({
      code: "UNSUPPORTED_ACTION_IN_TRUST_POLICY",
      path: item.path,
      message: `Action ${a} cannot be granted by a role's trust policy.`,
    });
  }
  return out;
}
