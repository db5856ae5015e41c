import type { LintRuleInfo } from "../types";
import type { LintContext, LintResource, StatementView } from "../policies";

/** What a rule returns for one resource; the engine adds the resource and rule fields. */
export interface RuleFinding {
  readonly findingId?: string;
  /** The statement the finding is about, if any. */
  readonly statement?: StatementView;
  /** Where in Properties, when there is no statement (e.g. `ManagedPolicyArns[0]`). */
  readonly location?: string;
  readonly message: string;
  readonly fix: string;
}

/** A lint rule: its description plus a check over one resource of the template. */
export interface LintRule extends LintRuleInfo {
  check(resource: LintResource, context: LintContext): RuleFinding[];
}

/** The value is `*` or an ARN whose every field after `arn` is `*` or empty (`arn:aws:*:*:*:*`). */
export function isAllResources(resource: string): boolean {
  if (resource === "*") return true;
  if (!resource.startsWith("arn:")) return false;
  const fields = resource.split(":").slice(2);
  return fields.length > 0 && fields.every((f) => f === "*" || f === "");
}

/** The action is `*` (or the equivalent `*:*`). */
export function isAllActions(action: string): boolean {
  return action === "*" || action === "*:*";
}
