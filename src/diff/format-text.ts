/**
 * `iamx diff` for a terminal: CDK's two tables drawn as boxes (added rows green, removed red when
 * colour is on) and the access summary beneath.
 */
import type { IamDiff } from "./index";
import { subjectHeading, subjectLines } from "./summary-lines";

/** Options of {@link formatDiffText}. */
export interface TextOptions {
  /**
   * ANSI colours.
   * @default false
   */
  readonly color?: boolean;
}

const STATEMENT_HEADER = ["", "Resource", "Effect", "Action", "Principal", "Condition"];
const MANAGED_HEADER = ["", "Resource", "Managed Policy ARN"];

/** The diff as text: tables, then the access summary. */
export function formatDiffText(diff: IamDiff, options: TextOptions = {}): string {
  const paint = (sign: string, s: string) =>
    !options.color
      ? s
      : sign === "+"
        ? `\u001b[32m${s}\u001b[39m`
        : sign === "-"
          ? `\u001b[31m${s}\u001b[39m`
          : sign === "!"
            ? `\u001b[33m${s}\u001b[39m`
            : s;
  if (!diff.changed) return "No IAM changes.\n";
  const out: string[] = [];
  if (diff.tables.statements.length > 0) {
    out.push("IAM Statement Changes");
    const rows = diff.tables.statements.map((r) => [
      r.change,
      r.resource,
      r.effect,
      r.action,
      r.principal,
      r.condition,
    ]);
    out.push(box(STATEMENT_HEADER, rows, paint));
  }
  if (diff.tables.managedPolicies.length > 0) {
    out.push("IAM Policy Changes");
    const rows = diff.tables.managedPolicies.map((r) => [r.change, r.resource, r.managedPolicyArn]);
    out.push(box(MANAGED_HEADER, rows, paint));
  }
  if (diff.access.subjects.length > 0) {
    out.push("Access summary");
    for (const s of diff.access.subjects) {
      out.push(`  ${subjectHeading(s)}`);
      for (const l of subjectLines(s)) out.push(paint(l.sign, `    ${l.sign} ${l.text}`));
    }
  }
  out.push(
    diff.broadening
      ? paint("+", "This change widens access (--fail-on broadening would fail).")
      : "This change does not widen access.",
  );
  return out.join("\n") + "\n";
}

/** A table with box borders; cells may hold several lines. */
function box(header: string[], rows: string[][], paint: (sign: string, s: string) => string): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => Math.max(...r[c].split("\n").map((l) => l.length)))));
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => "─".repeat(w + 2)).join(m) + r;
  const lines = (r: string[]) => {
    const cells = r.map((c) => c.split("\n"));
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from(
      { length: height },
      (_, i) => "│" + cells.map((c, j) => ` ${(c[i] ?? "").padEnd(widths[j])} `).join("│") + "│",
    );
  };
  const out = [rule("┌", "┬", "┐"), ...lines(header)];
  for (const r of rows) {
    out.push(rule("├", "┼", "┤"));
    out.push(...lines(r).map((l) => paint(r[0], l)));
  }
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}
