/** `iamx diff --format json`: the whole diff as JSON (tables, access summary, verdicts). */
import type { IamDiff } from "./index";

/** The diff as indented JSON, ending in a newline. */
export function formatDiffJson(diff: IamDiff): string {
  return (
    JSON.stringify(
      {
        changed: diff.changed,
        broadening: diff.broadening,
        statementChanges: diff.tables.statements,
        managedPolicyChanges: diff.tables.managedPolicies,
        access: diff.access.subjects,
      },
      null,
      2,
    ) + "\n"
  );
}
