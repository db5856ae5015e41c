/**
 * The access summary as lines for people, shared by the text and Markdown formats: per subject a
 * heading and one line per change.
 */
import type { AccessChange, AccessState, SubjectSummary } from "./access-summary";

/** One line of a subject's summary; `sign` is `+` (widens), `-` (narrows) or `~` (neither: moved, reshaped). */
export interface SummaryLine {
  readonly sign: "+" | "-" | "~" | "!";
  readonly text: string;
}

/** The heading of a subject. */
export function subjectHeading(s: SubjectSummary): string {
  const state = s.added ? " (new)" : s.removed ? " (removed)" : "";
  return `${s.label}${state}`;
}

/** The lines of a subject's summary. */
export function subjectLines(s: SubjectSummary): SummaryLine[] {
  const lines: SummaryLine[] = [];
  for (const u of s.unreadable) lines.push({ sign: "!", text: `cannot tell (policy not readable): ${u}` });
  for (const c of s.changes) lines.push({ sign: c.broadening ? "+" : "-", text: changeText(s, c) });
  for (const a of s.managedPoliciesAttached) lines.push({ sign: "+", text: `managed policy attached: ${a}` });
  for (const d of s.managedPoliciesDetached) lines.push({ sign: "-", text: `managed policy detached: ${d}` });
  if (s.boundary) {
    const { before, after } = s.boundary;
    if (before === undefined) lines.push({ sign: "-", text: `permissions boundary set: ${after}` });
    else if (after === undefined) lines.push({ sign: "+", text: `permissions boundary removed: ${before}` });
    else lines.push({ sign: "+", text: `permissions boundary changed: ${before} → ${after}` });
  }
  for (const m of s.moved) {
    lines.push({
      sign: "~",
      text:
        `moved, access unchanged: ${m.count} statement part(s) from ${m.from.join(", ")} to ${m.to.join(", ")}` +
        ` (${m.examples.join("; ")}${m.count > m.examples.length ? "; …" : ""})`,
    });
  }
  if (s.reshaped && s.moved.length === 0) {
    lines.push({ sign: "~", text: "statements rewritten (merged or split), access unchanged" });
  }
  return lines;
}

function changeText(s: SubjectSummary, c: AccessChange): string {
  if (s.kind === "trust") return trustText(c);
  const who = c.principal !== undefined ? `${c.principal === "*" ? "anyone" : c.principal} ` : "";
  const verb =
    c.kind === "gained" ? "newly allowed" : c.kind === "lost" ? "no longer allowed" : "allowed under other conditions";
  const on = ` on ${c.resource === "*" ? "* (any resource)" : c.resource}`;
  const when = c.kind === "conditions" ? ` (was ${stateText(c.before)}; now ${stateText(c.after)})` : stateSuffix(c);
  return `${who}${verb} ${c.actionSummary}${on}${when}`;
}

function stateSuffix(c: AccessChange): string {
  const st = c.kind === "gained" ? c.after : c.before;
  const t = stateText(st);
  return t === "always" ? "" : ` (${t})`;
}

function trustText(c: AccessChange): string {
  const who = c.principal === undefined || c.principal === "*" ? "anyone" : c.principal;
  const how = c.actions.join(", ");
  if (c.kind === "gained") return `${who} may now assume the role (${how})${stateSuffix(c)}`;
  if (c.kind === "lost") return `${who} may no longer assume the role (${how})${stateSuffix(c)}`;
  return `${who} may assume the role (${how}) under other conditions (was ${stateText(c.before)}; now ${stateText(c.after)})`;
}

/** When a state allows: `always`, `when {...}`, `unless {...}`, `never`. */
export function stateText(st: AccessState): string {
  if (st.allowedWhen.length === 0) return "never";
  const when = st.allowedWhen.includes("") ? "always" : `when ${st.allowedWhen.join(" or ")}`;
  return st.deniedWhen.length > 0 ? `${when} unless ${st.deniedWhen.join(" or ")}` : when;
}
