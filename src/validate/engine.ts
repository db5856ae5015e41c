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

type PolicyCheck = (p: PolicyView) => readonly Issue[];
type StatementCheck = (s: StatementView, p: PolicyView) => readonly Issue[];

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

/**
 * Checks that never report an ERROR (their codes are warnings and suggestions): a caller that
 * wants only errors (a program run, which fails on them) skips them.
 */
const NO_ERRORS = new Set<PolicyCheck | StatementCheck>([
  checkRedundantStatements,
  checkConditionKeySupport,
  checkOperatorKeyType,
  checkConditionValues,
  checkWildcardWithoutLike,
  checkSetOperators,
  checkActionResourceFit,
  checkNotPrincipal,
  checkOpenPrincipal,
  checkCrossAccountExternalId,
  checkPassRoleStar,
  checkAllowWithNot,
  checkSensitiveWildcards,
  checkRedundantActionsResources,
  checkRepeatedValues,
  checkEmptyValues,
]);

const ERROR_POLICY_CHECKS = POLICY_CHECKS.filter((c) => !NO_ERRORS.has(c));
const ERROR_STATEMENT_CHECKS = STATEMENT_CHECKS.filter((c) => !NO_ERRORS.has(c));

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
  const kinds = options.kinds;
  const onlyErrors = kinds !== undefined && kinds.every((k) => k === "ERROR");
  const policyChecks = onlyErrors ? ERROR_POLICY_CHECKS : POLICY_CHECKS;
  const statementChecks = onlyErrors ? ERROR_STATEMENT_CHECKS : STATEMENT_CHECKS;
  const issues: { issue: Issue; statement?: StatementView }[] = [];
  // Index loops: a program validates thousands of statements, mostly before the engine is
  // optimized, and a for-of loop allocates an iterator and a result per step until it is.
  const statements = view.statements;
  for (let c = 0; c < policyChecks.length; c++) {
    const found = policyChecks[c](view);
    for (let i = 0; i < found.length; i++) {
      const issue = found[i];
      issues.push({ issue, statement: statements.find((s) => s.index === issue.statementIndex) });
    }
  }
  for (let k = 0; k < statements.length; k++) {
    const s = statements[k];
    for (let c = 0; c < statementChecks.length; c++) {
      const found = statementChecks[c](s, view);
      for (let i = 0; i < found.length; i++) issues.push({ issue: found[i], statement: s });
    }
  }
  if (issues.length === 0) return [];
  const wanted =
    kinds === undefined ? issues : issues.filter(({ issue }) => kinds.includes(ISSUE_CODES[issue.code].kind));
  return wanted
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
