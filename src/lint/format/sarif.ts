/**
 * The report as SARIF 2.1.0 (the format GitHub code scanning and most CI dashboards read).
 * Each finding is a result with the rule id, level, a message that ends with the fix, the
 * component as a logical location and, when known, the template or program file as the physical
 * location: for a program finding, the file, line and column of the call that made the statement
 * (or component) at fault. Suppressed findings are results too, carrying an `inSource` suppression with the reason,
 * so viewers show them as suppressed rather than losing them.
 */
import * as path from "node:path";
import { findingPath, jsonPointer } from "./template-positions";
import type { LintFinding, LintReport, SuppressedFinding } from "../types";

/** Options of the SARIF formatter (`Lint.formatSarif`). */
export interface SarifOptions {
  /**
   * The file that was linted (relative URI), for physical locations.
   * @default the report's source, if any
   */
  readonly artifactUri?: string;
  /**
   * The line of a resource in that file, when it can be found.
   * @default no regions
   */
  readonly lineOf?: (logicalId: string) => number | undefined;
  /**
   * The line and column in that file of what a finding points at (its statement, else its
   * resource), when it can be found; takes precedence over `lineOf`.
   * @default lineOf's line
   */
  readonly positionOf?: (finding: LintFinding) => { readonly line: number; readonly column: number } | undefined;
  /**
   * The tool version.
   * @default none
   */
  readonly toolVersion?: string;
  /**
   * The repository root: an absolute `artifactUri` (or one relative to the working directory)
   * is made relative to it, as GitHub code scanning needs.
   * @default URIs as given
   */
  readonly rootDir?: string;
}

/** Where the tool's documentation is (SARIF `informationUri`). */
export const INFORMATION_URI = "https://www.npmjs.com/package/pulumi-iamx";

/**
 * GitHub code scanning's `security-severity` (0.0-10.0) by level: errors are high, warnings
 * medium, notes low.
 */
const SECURITY_SEVERITY: Record<string, string> = { error: "8.0", warning: "5.0", note: "2.0" };

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** The SARIF log as an object. */
export function toSarif(report: LintReport, options: SarifOptions = {}): Record<string, unknown> {
  const ruleIds = [...new Set([...report.rules.map((r) => r.id)])];
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const given = options.artifactUri ?? (report.source && report.source !== "program" ? report.source : undefined);
  const uri = given === undefined ? undefined : repositoryUri(given, options.rootDir);
  const rules = report.rules.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    fullDescription: { text: `${r.description} ${r.help}` },
    help: { text: r.help },
    defaultConfiguration: { level: r.level },
    properties: {
      pack: r.pack,
      granular: r.granular,
      tags: ["security", "iam", "least-privilege"],
      "security-severity": SECURITY_SEVERITY[r.level] ?? "5.0",
    },
  }));
  const artifactUris = new Set<string>(uri ? [uri] : []);
  const result = (f: LintFinding | SuppressedFinding) => {
    const position = options.positionOf?.(f);
    const line = position?.line ?? options.lineOf?.(f.logicalId);
    const region =
      line === undefined ? undefined : { startLine: line, ...(position ? { startColumn: position.column } : {}) };
    const location: Record<string, unknown> = {
      logicalLocations: [
        {
          name: f.logicalId,
          fullyQualifiedName: f.location ? `${f.component}/${f.location}` : f.component,
          kind: "resource",
        },
      ],
    };
    if (f.source) {
      // A program finding: the call in the user's code that made the statement (or component).
      const sourceUri = repositoryUri(f.source.file, options.rootDir ?? process.cwd());
      artifactUris.add(sourceUri);
      location.physicalLocation = {
        artifactLocation: { uri: sourceUri },
        region: { startLine: f.source.line, startColumn: f.source.column },
      };
    } else if (uri) {
      location.physicalLocation = {
        artifactLocation: { uri },
        ...(region ? { region } : {}),
      };
    }
    const out: Record<string, unknown> = {
      ruleId: f.ruleId,
      ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
      level: f.level,
      message: { text: `${f.message} Fix: ${f.fix}` },
      locations: [location],
      partialFingerprints: {
        "iamxFinding/v1": [f.ruleId, f.logicalId, f.findingId ?? f.location ?? ""].join("|"),
      },
      properties: {
        component: f.component,
        logicalId: f.logicalId,
        resourceType: f.resourceType,
        fix: f.fix,
        ...(f.findingId !== undefined ? { findingId: f.findingId } : {}),
        ...(f.location !== undefined ? { location: f.location } : {}),
        // In a template file: where the statement is, as a JSON pointer.
        ...(report.source !== "program" ? { pointer: jsonPointer(findingPath(f.logicalId, f.location)) } : {}),
        ...(f.statementIndex !== undefined ? { statementIndex: f.statementIndex } : {}),
        ...(f.sid !== undefined ? { sid: f.sid } : {}),
        ...(f.policyName !== undefined ? { policyName: f.policyName } : {}),
      },
    };
    if ("suppression" in f) out.suppressions = [{ kind: "inSource", justification: f.suppression.reason }];
    return out;
  };
  const results = [...report.findings.map(result), ...report.suppressed.map(result)];
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "iamx-lint",
            informationUri: INFORMATION_URI,
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules,
          },
        },
        ...(artifactUris.size > 0 ? { artifacts: [...artifactUris].map((u) => ({ location: { uri: u } })) } : {}),
        results,
      },
    ],
  };
}

/**
 * A URI relative to the repository root with `/` separators (no `..`: a file outside the root
 * keeps its path as given).
 */
function repositoryUri(file: string, rootDir: string | undefined): string {
  let p = file;
  if (rootDir !== undefined) {
    const relative = path.relative(rootDir, path.resolve(file));
    if (!relative.startsWith("..") && !path.isAbsolute(relative)) p = relative;
  }
  return p.split(path.sep).join("/").replace(/^\.\//, "");
}

/** The SARIF log as JSON text. */
export function formatSarif(report: LintReport, options: SarifOptions = {}): string {
  return JSON.stringify(toSarif(report, options), null, 2) + "\n";
}
