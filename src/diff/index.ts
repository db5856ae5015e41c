/**
 * `iamx diff`'s model: what a change to a program's templates does to access. CDK's two IAM
 * tables (statement changes, managed policy changes) plus the access summary, and whether the
 * change widens access anywhere.
 */
import { accessSummary, type AccessSummary } from "./access-summary";
import { iamTables, type IamTables } from "./iam-tables";
import type { TemplateLike } from "./template-changes";

export type { AccessSummary, SubjectSummary, AccessChange, AccessState, MovedStatements } from "./access-summary";
export type { IamTables, StatementRow, ManagedPolicyRow } from "./iam-tables";
export type { TemplateLike } from "./template-changes";
export { formatDiffText } from "./format-text";
export { formatDiffMarkdown } from "./format-markdown";
export { formatDiffJson } from "./format-json";

/** What a change does to IAM. */
export interface IamDiff {
  readonly tables: IamTables;
  readonly access: AccessSummary;
  /** Whether some access may widen: CDK's broadening verdict, or the access summary's. */
  readonly broadening: boolean;
  /** Whether anything IAM changed (a table row or an access summary entry). */
  readonly changed: boolean;
}

/** Compares the IAM of two templates: `oldTemplate` (the base, e.g. what is deployed) → `newTemplate`. */
export function diffTemplates(oldTemplate: TemplateLike, newTemplate: TemplateLike): IamDiff {
  const tables = iamTables(oldTemplate, newTemplate);
  const access = accessSummary(oldTemplate, newTemplate);
  return {
    tables,
    access,
    broadening: tables.broadening || access.broadening,
    changed: tables.statements.length > 0 || tables.managedPolicies.length > 0 || access.subjects.length > 0,
  };
}
