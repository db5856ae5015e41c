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

// Whether a check can report an ERROR: a caller that wants only errors (a program run, which fails
// on them) skips the checks whose codes are all warnings and suggestions.
const ERRORS = true;
const NO_ERRORS = false;

const POLICY_CHECK_TABLE: readonly (readonly [PolicyCheck, boolean])[] = [
  [checkDocumentElements, ERRORS],
  [checkUniqueSids, ERRORS],
  [checkRedundantStatements, NO_ERRORS],
];

const STATEMENT_CHECK_TABLE: readonly (readonly [StatementCheck, boolean])[] = [
  [checkStatementElements, ERRORS],
  [checkEffect, ERRORS],
  [checkRequiredElements, ERRORS],
  [checkElementCombination, ERRORS],
  [checkSidCharacters, ERRORS],
  [checkActionNames, ERRORS],
  [checkTrustPolicyActions, ERRORS],
  [checkConditionOperators, ERRORS],
  [checkConditionKeys, ERRORS],
  [checkConditionKeySupport, NO_ERRORS],
  [checkOperatorKeyType, NO_ERRORS],
  [checkConditionValues, NO_ERRORS],
  [checkNullWithIfExists, ERRORS],
  [checkWildcardWithoutLike, NO_ERRORS],
  [checkSetOperators, NO_ERRORS],
  [checkResourceArns, ERRORS],
  [checkActionResourceFit, NO_ERRORS],
  [checkPrincipalKeys, ERRORS],
  [checkPrincipalValues, ERRORS],
  [checkServicePrincipalNames, ERRORS],
  [checkTrustActionsFitPrincipals, ERRORS],
  [checkNotPrincipal, NO_ERRORS],
  [checkOpenPrincipal, NO_ERRORS],
  [checkCrossAccountExternalId, NO_ERRORS],
  [checkPassRoleStar, NO_ERRORS],
  [checkAllowWithNot, NO_ERRORS],
  [checkSensitiveWildcards, NO_ERRORS],
  [checkRedundantActionsResources, NO_ERRORS],
  [checkRepeatedValues, NO_ERRORS],
  [checkEmptyValues, NO_ERRORS],
  [checkVariableSyntax, ERRORS],
  [checkVariablePlacement, ERRORS],
  [checkVariableVersion, ERRORS],
];

const POLICY_CHECKS = POLICY_CHECK_TABLE.map(([check]) => check);
const STATEMENT_CHECKS = STATEMENT_CHECK_TABLE.map(([check]) => check);
const ERROR_POLICY_CHECKS = POLICY_CHECK_TABLE.filter(([, errors]) => errors).map(([check]) => check);
const ERROR_STATEMENT_CHECKS = STATEMENT_CHECK_TABLE.filter(([, errors]) => errors).map(([check]) => check);

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
