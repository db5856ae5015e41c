/**
 * CDK's IAM tables as ground truth: `@aws-cdk/cloudformation-diff` (the package `cdk diff` uses)
 * on the aws-cdk-lib templates of a pair of programs, against our tables on the pulumi-iamx exports
 * of the same pair. Rows compare cell by cell, in order (colour off, as on a pipe).
 */
import { createRequire } from "node:module";
import { expect } from "chai";
import { fullDiff } from "@aws-cdk/cloudformation-diff";
import { cdkTemplate, iamxTemplate, type ExportScenario } from "../cdk-parity/export-harness";
import { iamTables } from "../../src/diff/iam-tables";
import type { CfnTemplate } from "../../src/render/cloudformation/template";

// the chalk cloudformation-diff colours its cells with: off, so cells are plain text
const chalk = createRequire(require.resolve("@aws-cdk/cloudformation-diff"))("chalk") as { level: number };
chalk.level = 0;

/** CDK's two tables for a pair of templates, without their header rows. */
export function cdkRows(oldT: CfnTemplate, newT: CfnTemplate) {
  const diff = fullDiff(oldT as any, newT as any);
  return {
    statements: diff.iamChanges.summarizeStatements().slice(1),
    managedPolicies: diff.iamChanges.summarizeManagedPolicies().slice(1),
    broadening: diff.iamChanges.permissionsBroadened,
  };
}

/** Our two tables as the same string rows. */
export function ourRows(oldT: CfnTemplate, newT: CfnTemplate) {
  const t = iamTables(oldT, newT);
  return {
    statements: t.statements.map((r) => [r.change, r.resource, r.effect, r.action, r.principal, r.condition]),
    managedPolicies: t.managedPolicies.map((r) => [r.change, r.resource, r.managedPolicyArn]),
    broadening: t.broadening,
  };
}

/** Registers a test: for the change `before` → `after`, our rows equal CDK's; returns nothing. */
export function tablesParity(
  title: string,
  before: ExportScenario,
  after: ExportScenario,
  expectRows: { statements?: boolean; managedPolicies?: boolean } = { statements: true },
): void {
  it(title, async () => {
    const [cdkOld, cdkNew, ourOld, ourNew] = await Promise.all([
      cdkTemplate(before, true),
      cdkTemplate(after, true),
      iamxTemplate(before, true, "model"),
      iamxTemplate(after, true, "model"),
    ]);
    const expected = cdkRows(cdkOld, cdkNew);
    const actual = ourRows(ourOld, ourNew);
    expect(actual.statements, "statement rows").to.deep.equal(expected.statements);
    expect(actual.managedPolicies, "managed policy rows").to.deep.equal(expected.managedPolicies);
    expect(actual.broadening, "broadening").to.equal(expected.broadening);
    // not vacuous: the change shows in the tables it is about
    if (expectRows.statements) expect(expected.statements.length, "CDK statement rows").to.be.greaterThan(0);
    if (expectRows.managedPolicies)
      expect(expected.managedPolicies.length, "CDK managed policy rows").to.be.greaterThan(0);
  });
}
