import { formatSourceLocation, type SourceLocation } from "../../core/source-location";
import type { LintFinding, LintReport } from "../types";

function where(f: LintFinding): string {
  const parts = [`${f.component} (${f.resourceType} ${f.logicalId})`];
  if (f.location) parts.push(f.location);
  return parts.join(" ");
}

/** The report as human-readable text: one block per finding, then a summary line. */
export function formatText(report: LintReport): string {
  const lines: string[] = [];
  // Findings of one statement share its location object; relative paths are costly to work out.
  const made = new Map<SourceLocation, string>();
  const shown = (loc: SourceLocation): string => {
    let text = made.get(loc);
    if (text === undefined) made.set(loc, (text = formatSourceLocation(loc)));
    return text;
  };
  for (const f of report.findings) {
    const id = f.findingId ? `${f.ruleId}[${f.findingId}]` : f.ruleId;
    lines.push(`${f.level.toUpperCase()} ${id}: ${where(f)}`);
    lines.push(`  ${f.message}`);
    lines.push(`  Fix: ${f.fix}`);
    if (f.source) lines.push(`  Made at: ${shown(f.source)}`);
  }
  if (report.suppressed.length > 0) {
    if (lines.length > 0) lines.push("");
    lines.push(`Suppressed (${report.suppressed.length}):`);
    for (const f of report.suppressed) {
      const id = f.findingId ? `${f.ruleId}[${f.findingId}]` : f.ruleId;
      lines.push(`  ${id} on ${f.component}: ${f.suppression.reason}`);
    }
  }
  if (lines.length > 0) lines.push("");
  const noun = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  lines.push(
    `${noun(report.errorCount, "error")}, ${noun(report.warningCount, "warning")}, ${report.suppressed.length} suppressed` +
      ` (rules: ${[...new Set(report.rules.map((r) => r.pack))].join(", ")})`,
  );
  return lines.join("\n") + "\n";
}
