/**
 * `iamx diff --format markdown`: for a pull request comment. A verdict line, CDK's two tables as
 * Markdown tables (several lines in a cell joined with `<br>`), and the access summary as lists.
 */
import type { IamDiff } from "./index";
import { subjectHeading, subjectLines } from "./summary-lines";

const SIGN: Record<string, string> = { "+": "➕", "-": "➖", "~": "↔️", "!": "⚠️" };

/** The diff as Markdown. */
export function formatDiffMarkdown(diff: IamDiff): string {
  const out: string[] = ["## IAM changes", ""];
  if (!diff.changed) return [...out, "No IAM changes.", ""].join("\n");
  out.push(
    diff.broadening
      ? "**This change widens access.** Review the newly allowed access below before approving."
      : "This change does not widen access.",
    "",
  );
  if (diff.access.subjects.length > 0) {
    out.push("### Access summary", "");
    for (const s of diff.access.subjects) {
      out.push(`- **${cell(subjectHeading(s))}**`);
      for (const l of subjectLines(s)) out.push(`  - ${SIGN[l.sign]} ${inline(l.text)}`);
    }
    out.push("");
  }
  if (diff.tables.statements.length > 0) {
    out.push("### IAM statement changes", "");
    out.push("| | Resource | Effect | Action | Principal | Condition |", "|---|---|---|---|---|---|");
    for (const r of diff.tables.statements) {
      out.push(`| ${r.change} | ${[r.resource, r.effect, r.action, r.principal, r.condition].map(cell).join(" | ")} |`);
    }
    out.push("");
  }
  if (diff.tables.managedPolicies.length > 0) {
    out.push("### Managed policy changes", "");
    out.push("| | Resource | Managed policy ARN |", "|---|---|---|");
    for (const r of diff.tables.managedPolicies)
      out.push(`| ${r.change} | ${cell(r.resource)} | ${cell(r.managedPolicyArn)} |`);
    out.push("");
  }
  return out.join("\n");
}

/** A table cell: code-styled, `|` escaped, lines joined with `<br>`. */
function cell(s: string): string {
  if (s === "") return "";
  return s
    .split("\n")
    .map((l) => "`" + l.replace(/\|/g, "\\|").replace(/`/g, "'") + "`")
    .join("<br>");
}

/** Text in a list item: `|` and markup characters left readable. */
function inline(s: string): string {
  return s.replace(/([*_<>[\]])/g, "\\$1");
}
