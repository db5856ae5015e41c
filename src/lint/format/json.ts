import type { LintReport } from "../types";

/** The report as JSON text: `{ source, errorCount, warningCount, findings, suppressed, rules }`. */
export function formatJson(report: LintReport): string {
  return (
    JSON.stringify(
      {
        source: report.source,
        errorCount: report.errorCount,
        warningCount: report.warningCount,
        findings: report.findings,
        suppressed: report.suppressed,
        rules: report.rules,
      },
      null,
      2,
    ) + "\n"
  );
}
