/**
 * Runs every check over a policy document and turns what they report into findings (kind and fix
 * from the code table). A check is a pure function of the document; the engine adds nothing but
 * the table's text and the statement's index and Sid.
 */
import { ISSUE_CODES } from "./codes";
import { checkActionNames, checkTrustPolicyActions } from "./checks/actions";
import {
  checkConditionKeys,
  checkConditionKeySupport,
  checkConditionOperators,
  checkConditionValues,
  checkNullWithIfExists,
  checkOperatorKeyType,
  checkSetOperators,
  checkWildcardWithoutLike,
} from "./checks/conditions";
import {
  checkCrossAccountExternalId,
  checkNotPrincipal,
  checkOpenPrincipal,
  checkPrincipalKeys,
  checkPrincipalValues,
  checkServicePrincipalNames,
  checkTrustActionsFitPrincipals,
} from "./checks/principals";
import {
  checkEmptyValues,
  checkRedundantActionsResources,
  checkRedundantStatements,
  checkRepeatedValues,
} from "./checks/redundancy";
import { checkActionResourceFit, checkResourceArns } from "./checks/resources";
import { checkAllowWithNot, checkPassRoleStar, checkSensitiveWildcards } from "./checks/security";
import {
  checkDocumentElements,
  checkEffect,
  checkElementCombination,
  checkRequiredElements,
  checkSidCharacters,
  checkStatementElements,
  checkUniqueSids,
} from "./checks/structure";
import { checkVariablePlacement, checkVariableSyntax, checkVariableVersion } from "./checks/variables";
import type { Issue, PolicyView, StatementView } from "./model";
import { isObject, viewOf } from "./model";
import type { FindingKind, ValidatePolicyOptions, ValidationFinding } from "./types";

type PolicyCheck = (p: PolicyView) => Issue[];
type StatementCheck = (s: StatementView, p: PolicyView) => Issue[];

const POLICY_CHECKS: readonly PolicyCheck[] = [checkDocumentElements, checkUniqueSids, checkRedundantStatements];

const STATEMENT_CHECKS: readonly StatementCheck[] = [
  checkStatementElements,
  checkEffect,
  checkRequiredElements,
  checkElementCombination,
  checkSidCharacters,
  checkActionNames,
  checkTrustPolicyActions,
  checkConditionOperators,
  checkConditionKeys,
  checkConditionKeySupport,
  checkOperatorKeyType,
  checkConditionValues,
  checkNullWithIfExists,
  checkWildcardWithoutLike,
  checkSetOperators,
  checkResourceArns,
  checkActionResourceFit,
  checkPrincipalKeys,
  checkPrincipalValues,
  checkServicePrincipalNames,
  checkTrustActionsFitPrincipals,
  checkNotPrincipal,
  checkOpenPrincipal,
  checkCrossAccountExternalId,
  checkPassRoleStar,
  checkAllowWithNot,
  checkSensitiveWildcards,
  checkRedundantActionsResources,
  checkRepeatedValues,
  checkEmptyValues,
  checkVariableSyntax,
  checkVariablePlacement,
  checkVariableVersion,
];

const KIND_ORDER: Record<FindingKind, number> = { ERROR: 0, SECURITY_WARNING: 1, WARNING: 2, SUGGESTION: 3 };

/**
 * Validates one policy document (a parsed JSON object) as IAM Access Analyzer's policy checks
 * would, offline, against the AWS service reference bundled with pulumi-iamx. Values that are
 * CloudFormation intrinsics or `${Ref}` placeholders are skipped where their value matters.
 * Findings come ordered by kind (errors first), then by position. Never throws: a document that is
 * not an object gives one `DATA_TYPE_MISMATCH` error.
 */
export function validatePolicy(document: unknown, options: ValidatePolicyOptions = {}): ValidationFinding[] {
  if (!isObject(document)) {
    return [
      finding(
        { code: "DATA_TYPE_MISMATCH", path: "", message: "The policy document is not a JSON object." },
        undefined,
      ),
    ];
  }
  const view = viewOf(document, options.policyType ?? "identity", options.account, options.resourceType);
  const issues: { issue: Issue; statement?: StatementView }[] = [];
  for (const check of POLICY_CHECKS) {
    for (const issue of check(view))
      issues.push({ issue, statement: view.statements.find((s) => s.index === issue.statementIndex) });
  }
  for (const s of view.statements) {
    for (const check of STATEMENT_CHECKS) for (const issue of check(s, view)) issues.push({ issue, statement: s });
  }
  return issues
    .map(({ issue, statement }, order) => ({ f: finding(issue, statement), order }))
    .sort((a, b) => KIND_ORDER[a.f.kind] - KIND_ORDER[b.f.kind] || a.order - b.order)
    .map(({ f }) => f);
}

function finding(issue: Issue, s: StatementView | undefined): ValidationFinding {
  const info = ISSUE_CODES[issue.code];
  return {
    code: issue.code,
    kind: info.kind,
    message: issue.message,
    fix: info.fix,
    path: issue.path,
    ...(s ? { statementIndex: s.index } : {}),
    ...(s?.sid !== undefined ? { sid: s.sid } : {}),
  };
}
