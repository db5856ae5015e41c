import { IAM4, IAM5 } from "./aws-solutions";
import { COMPLIANCE_RULES } from "./compliance";
import { ADMIN_ACCESS, ALLOW_NOT_ACTION, ALLOW_NOT_RESOURCE, PASS_ROLE_STAR } from "./iamx-statements";
import { POLICY_INVALID, POLICY_SECURITY_WARNING, POLICY_SUGGESTION, POLICY_WARNING } from "./iamx-validation";
import { CROSS_ACCOUNT_NO_EXTERNAL_ID, OIDC_TRUST_NO_SUB, TRUST_ANY_PRINCIPAL } from "./iamx-trust";
import type { LintRule } from "./rule";

export type { LintRule, RuleFinding } from "./rule";

/** Every rule, in report order. */
export const ALL_RULES: readonly LintRule[] = [
  IAM4,
  IAM5,
  ADMIN_ACCESS,
  PASS_ROLE_STAR,
  ALLOW_NOT_ACTION,
  ALLOW_NOT_RESOURCE,
  TRUST_ANY_PRINCIPAL,
  CROSS_ACCOUNT_NO_EXTERNAL_ID,
  OIDC_TRUST_NO_SUB,
  POLICY_INVALID,
  POLICY_SECURITY_WARNING,
  POLICY_WARNING,
  POLICY_SUGGESTION,
  ...COMPLIANCE_RULES,
];

/** Packs run when none are chosen. */
export const DEFAULT_PACKS: readonly string[] = ["AwsSolutions", "IAMX"];

/** Every pack name. */
export const ALL_PACKS: readonly string[] = [...new Set(ALL_RULES.map((r) => r.pack))];
