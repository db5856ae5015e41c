/**
 * Renderings of the policy report: JSON (CDK's `iam-policy-report.json`, 2-space indent), text
 * (CDK's `iam-policy-report.txt`) and Markdown (a summary table, then one section per role, for
 * a pull request or a ticket to the security team).
 */
import type { DetailedPolicyReport, PolicyReport, RoleOrigin, RolePolicyReport } from "./report";

/** The report as CDK writes `iam-policy-report.json`. */
export function formatReportJson(report: PolicyReport): string {
  return JSON.stringify(report, undefined, 2) + "\n";
}

/** The report as CDK writes `iam-policy-report.txt`. */
export function formatReportText(report: PolicyReport): string {
  if (report.roles.length === 0) return "";
  const section = (title: string, value: unknown[]) => [title, value.length === 0 ? "NONE" : pretty(value)];
  return (
    report.roles
      .map((role) =>
        [
          `<${role.missing ? "missing role" : role.roleName}> (${role.roleConstructPath})`,
          "",
          ...section("AssumeRole Policy:", role.assumeRolePolicy),
          "",
          ...section("Managed Policy ARNs:", role.managedPolicyArns),
          "",
          ...section("Managed Policies Statements:", role.managedPolicyStatements),
          "",
          ...section("Identity Policy Statements:", role.identityPolicyStatements),
        ].join("\n"),
      )
      .join("\n\n") + "\n"
  );
}

const ORIGIN_TEXT: Record<RoleOrigin, string> = {
  created: "created by the program",
  precreated: "precreated",
  missing: "**missing a precreated name**",
  imported: "imported (what the program adds is not deployed)",
};

/** The report as Markdown: a table of the roles, then each role's policies. */
export function formatReportMarkdown(detailed: DetailedPolicyReport): string {
  const { report, origins, permissionsBoundaries } = detailed;
  const lines = ["# IAM policy report", ""];
  if (report.roles.length === 0) return [...lines, "The program has no IAM roles.", ""].join("\n");
  const count = (o: RoleOrigin) => origins.filter((x) => x === o).length;
  const imported = count("imported") > 0 ? `, ${count("imported")} imported` : "";
  lines.push(
    `${plural(report.roles.length, "role")}: ${count("created")} created by the program, ${count("precreated")} precreated, ` +
      `${count("missing")} missing a precreated name${imported}.`,
    "",
    "| Role | Name | Made | Permissions boundary |",
    "|---|---|---|---|",
    ...report.roles.map(
      (r, i) =>
        `| ${code(r.roleConstructPath)} | ${nameText(r, origins[i])} | ${ORIGIN_TEXT[origins[i] ?? "created"]} | ` +
        `${permissionsBoundaries[i] ? code(permissionsBoundaries[i]!) : "none"} |`,
    ),
  );
  report.roles.forEach((role, i) =>
    lines.push("", ...roleSection(role, origins[i] ?? "created", permissionsBoundaries[i])),
  );
  return lines.join("\n") + "\n";
}

function roleSection(role: RolePolicyReport, origin: RoleOrigin, boundary: string | undefined): string[] {
  const out = [
    `## ${code(role.roleConstructPath)}`,
    "",
    `Name: ${nameText(role, origin)}. Made: ${ORIGIN_TEXT[origin]}. Permissions boundary: ${boundary ? code(boundary) : "none"}.`,
    "",
  ];
  out.push("**Trust policy**", "", ...jsonBlock(role.assumeRolePolicy), "");
  out.push("**Managed policy ARNs**", "");
  if (role.managedPolicyArns.length === 0) out.push("None.");
  else out.push(...role.managedPolicyArns.map((a) => `- ${code(typeof a === "string" ? a : JSON.stringify(a))}`));
  out.push("", "**Managed policy statements**", "", ...jsonBlock(role.managedPolicyStatements), "");
  out.push("**Identity policy statements**", "", ...jsonBlock(role.identityPolicyStatements));
  return out;
}

/** A role's name for people: generated names (a reference to the role itself) read as such. */
function nameText(role: RolePolicyReport, origin: RoleOrigin | undefined): string {
  if (role.missing) return "—";
  if (origin !== "precreated" && role.roleName.startsWith("(") && role.roleName.endsWith(".Ref)")) return "generated";
  return code(role.roleName);
}

function jsonBlock(value: unknown[]): string[] {
  return value.length === 0 ? ["None."] : ["```json", pretty(value), "```"];
}

function pretty(value: unknown): string {
  return JSON.stringify(value, undefined, 2);
}

/** Inline code, safe inside a table cell. */
function code(text: string): string {
  return "`" + text.replace(/`/g, "'").replace(/\|/g, "\\|") + "`";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
