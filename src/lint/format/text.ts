import { formatSourceLocation, type SourceLocation } from "../../core/source-location";
import type { LintFinding, LintReport } from "../types";

function where(f: LintFinding): string {
  const parts = [`${f.component} (${f.resourceType} ${f.logicalId})`];
  if (f.location) parts.push(f.location);
  return parts.join(" ");
}

/** The report as human-readable text: one block per finding, then a summary line. */
export function formatText(report: LintReport): string {
  return [...formatTextChunks(report)].join("");
}

/** Lines a chunk of {@link formatTextChunks} holds (a few hundred kB of text). */
const CHUNK_LINES = 2048;

/**
 * {@link formatText}'s text in pieces, each a run of whole lines, for writing as it is made: the
 * report of a large program is megabytes, which need not be held at once.
 */
export function* formatTextChunks(report: LintReport): Generator<string> {
  let lines: string[] = [];
  const full = (): boolean => lines.length >= CHUNK_LINES;
  const take = (): string => {
    const chunk = lines.join("\n") + "\n";
    lines = [];
    return chunk;
  };
  // Findings of one statement share its location object; relative paths are costly to work out.
  const made = new Map<SourceLocation, string>();
  const shown = (loc: SourceLocation): string => {
    let text = made.get(loc);
    if (text === undefined) made.set(loc, (text = formatSourceLocation(loc)));
    return text;
  };
  let any = false;
  for (const f of report.findings) {
    const id = f.findingId ? `${f.ruleId}[${f.findingId}]` : f.ruleId;
    lines.push(`${f.level.toUpperCase()} ${id}: ${where(f)}`);
    lines.push(`  ${f.message}`);
    lines.push(`  Fix: ${f.fix}`);
    if (f.source) lines.push(`  Made at: ${shown(f.source)}`);
    any = true;
    if (full()) yield take();
  }
  if (report.suppressed.length > 0) {
    if (any) lines.push("");
    lines.push(`Suppressed (${report.suppressed.length}):`);
    any = true;
    for (const f of report.suppressed) {
      const id = f.findingId ? `${f.ruleId}[${f.findingId}]` : f.ruleId;
      lines.push(`  ${id} on ${f.component}: ${f.suppression.reason}`);
      if (full()) yield take();
    }
  }
  if (any) lines.push("");
  const noun = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  lines.push(
    `${noun(report.errorCount, "error")}, ${noun(report.warningCount, "warning")}, ${report.suppressed.length} suppressed` +
      ` (rules: ${[...new Set(report.rules.map((r) => r.pack))].join(", ")})`,
  );
  yield take();
}
