/**
 * A statement's `validation` opt-out (`ignore` codes, or `enabled: false`) as a lint suppression:
 * the program accepts the finding where the statement is, so the lint does too, and still shows
 * it (suppressed, with where the acceptance comes from) for a security team to review.
 */
import type { ValidationOptions } from "../core/statement";
import { ACTION_CATALOGUE_CODES } from "../validate/codes";
import { POLICY_INVALID, POLICY_SECURITY_WARNING, POLICY_SUGGESTION, POLICY_WARNING } from "./rules/iamx-validation";
import type { LintSuppression } from "./types";

/** The rules whose findings come from policy validation (src/validate): those a statement's opt-out covers. */
const VALIDATION_RULES: ReadonlySet<string> = new Set(
  [POLICY_INVALID, POLICY_SECURITY_WARNING, POLICY_WARNING, POLICY_SUGGESTION].map((r) => r.id),
);

/** The reason shown for a finding a statement's `validation.ignore` accepts. */
export const IGNORE_REASON = "Opted out in code by the statement's validation.ignore";
/** The reason shown for a finding of a statement with `validation: { enabled: false }`. */
export const DISABLED_REASON = "Opted out in code by the statement's validation: { enabled: false }";

/** The reason shown for an action catalogue finding of a statement with `allowUnknownActions`. */
export const UNKNOWN_ACTIONS_REASON =
  "Accepted in code by the statement's allowUnknownActions (an action newer than the catalogue)";

/** What of a program's statement decides its opt-outs. */
export interface StatementOptOuts {
  readonly validation: ValidationOptions;
  readonly allowUnknownActions: boolean;
}

/**
 * The suppression a statement's opt-out makes for a finding of `ruleId` with issue code `code` on
 * it, if it covers it: its `validation` (as the program's validation skips the finding), or its
 * `allowUnknownActions` for the action catalogue's codes (as the program's check does).
 */
export function optOutSuppression(
  ruleId: string,
  code: string | undefined,
  statement: StatementOptOuts | undefined,
): LintSuppression | undefined {
  if (statement === undefined || code === undefined || !VALIDATION_RULES.has(ruleId)) return undefined;
  const validation = statement.validation;
  const reason =
    validation.enabled === false
      ? DISABLED_REASON
      : validation.ignore?.includes(code)
        ? IGNORE_REASON
        : statement.allowUnknownActions && ACTION_CATALOGUE_CODES.has(code)
          ? UNKNOWN_ACTIONS_REASON
          : undefined;
  return reason === undefined ? undefined : { id: ruleId, reason, appliesTo: [code] };
}

/** Whether a rule's findings can be covered by a statement's validation opt-out. */
export function isValidationRule(ruleId: string): boolean {
  return VALIDATION_RULES.has(ruleId);
}
