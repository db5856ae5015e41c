/**
 * Policy validation (src/validate, IAM Access Analyzer's checks, offline) as lint rules: one rule
 * per finding kind, so each kind has its lint level. The finding id is the issue code, so a
 * suppression's `appliesTo: ["UNKNOWN_RESOURCE_TYPE"]` silences one code. Security warnings that
 * an IAMX rule already reports (Allow with NotAction/NotResource; PassRole on `*` in identity
 * policies; open trust, cross-account trust without ExternalId in trust policies) are left to that
 * rule. Resource policies (bucket, queue, topic, key...) are validated with their resource type.
 */
import { validatePolicy, type FindingKind, type ValidationFinding } from "../../validate";
import { intrinsicName, isJsonObject } from "../intrinsics";
import {
  documentsOf,
  statementsOf,
  type LintContext,
  type LintResource,
  type PolicyKind,
  type ReadDocument,
  type StatementView,
} from "../policies";
import type { LintRule, RuleFinding } from "./rule";

/** Codes reported by IAMX rules of their own, by the kind of policy those rules read; the validation rules skip them. */
const ALLOW_WITH_NOT = ["ALLOW_WITH_NOT_ACTION", "ALLOW_WITH_NOT_RESOURCE"];
const COVERED_BY_IAMX_RULES: Readonly<Record<PolicyKind, ReadonlySet<string>>> = {
  identity: new Set([
    "PASS_ROLE_WITH_STAR_IN_RESOURCE",
    "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
    ...ALLOW_WITH_NOT,
  ]),
  trust: new Set(["OPEN_TRUST", "CROSS_ACCOUNT_WITHOUT_EXTERNAL_ID", ...ALLOW_WITH_NOT]),
  resource: new Set(ALLOW_WITH_NOT),
};

/**
 * A template value with intrinsics written as the `${X}` placeholders validation skips. Parts with
 * nothing to rewrite are returned as they are (most documents have none), so no copy is made.
 */
function placeholders(x: unknown): unknown {
  if (typeof x === "string") return x.includes("${!") ? x.replace(/\$\{!/g, "${") : x;
  if (Array.isArray(x)) {
    const out = x.map(placeholders);
    return out.every((v, i) => v === x[i]) ? x : out;
  }
  if (!isJsonObject(x)) return x;
  const fn = intrinsicName(x);
  if (fn === undefined) {
    let changed = false;
    const entries = Object.entries(x).map(([k, v]) => {
      const p = placeholders(v);
      if (p !== v) changed = true;
      return [k, p] as const;
    });
    return changed ? Object.fromEntries(entries) : x;
  }
  const arg = x[fn];
  if (fn === "Ref" && typeof arg === "string") return `\${${arg}}`;
  if (fn === "Fn::GetAtt") {
    const path = Array.isArray(arg) ? arg.join(".") : arg;
    return typeof path === "string" ? `\${${path}}` : x;
  }
  if (fn === "Fn::Sub") {
    const template = Array.isArray(arg) ? arg[0] : arg;
    return typeof template === "string" ? template : x;
  }
  if (fn === "Fn::Join" && Array.isArray(arg) && typeof arg[0] === "string" && Array.isArray(arg[1])) {
    const parts = arg[1].map(placeholders);
    return parts.every((p) => typeof p === "string") ? parts.join(arg[0]) : x;
  }
  return x;
}

interface Located {
  readonly doc: ReadDocument;
  readonly finding: ValidationFinding;
}

const results = new WeakMap<LintResource, Located[]>();
/**
 * Findings by document text and validation options: validation is a pure function of them, and
 * programs repeat documents (every Lambda role's trust policy). Findings are only read.
 */
const verdicts = new Map<string, readonly ValidationFinding[]>();

function validated(resource: LintResource, context: LintContext): Located[] {
  let hit = results.get(resource);
  if (!hit) {
    hit = [];
    for (const doc of documentsOf(resource)) {
      const resourceType = doc.kind === "resource" ? resource.type : undefined;
      const key = `${doc.kind}\n${context.accountId ?? ""}\n${resourceType ?? ""}\n${JSON.stringify(doc.doc)}`;
      let findings = verdicts.get(key);
      if (findings === undefined) {
        findings = validatePolicy(placeholders(doc.doc), {
          policyType: doc.kind,
          account: context.accountId,
          ...(resourceType !== undefined ? { resourceType } : {}),
        });
        if (verdicts.size >= 10_000) verdicts.clear();
        verdicts.set(key, findings);
      }
      for (const finding of findings) {
        if (!COVERED_BY_IAMX_RULES[doc.kind].has(finding.code)) hit.push({ doc, finding });
      }
    }
    results.set(resource, hit);
  }
  return hit;
}

/**
 * Where in Properties a finding at `path` of the document is: after the document's location, or,
 * for one statement property's document, the property in place of its `Statement` element.
 */
function findingLocation(doc: ReadDocument, path: string): string {
  if (doc.statementProperty) {
    return path.startsWith("Statement") ? `${doc.location}${path.slice("Statement".length)}` : doc.location;
  }
  return path ? `${doc.location}.${path}` : doc.location;
}

function ruleFor(
  kind: FindingKind,
  id: string,
  level: "error" | "warning",
  pack: string,
  description: string,
): LintRule {
  return {
    id,
    pack,
    level,
    granular: true,
    description,
    help:
      "Each finding names its issue code (docs/validation.md describes every code and its fix), the statement and " +
      'the element at fault. Suppress one code with appliesTo: ["<CODE>"] and a reason; in a program, a statement\'s ' +
      'validation: { ignore: ["<CODE>"] } suppresses its findings of that code, and allowUnknownActions those of ' +
      "the action catalogue.",
    check(resource, context): RuleFinding[] {
      const found = validated(resource, context).filter(({ finding }) => finding.kind === kind);
      if (found.length === 0) return [];
      const statements = new Map<string, StatementView>();
      for (const s of statementsOf(resource)) if (!statements.has(s.location)) statements.set(s.location, s);
      return found.map(({ doc, finding }) => {
        const statement =
          finding.statementIndex === undefined
            ? undefined
            : statements.get(
                doc.statementProperty ? doc.location : `${doc.location}.Statement[${finding.statementIndex}]`,
              );
        return {
          findingId: finding.code,
          ...(statement ? { statement } : {}),
          location: findingLocation(doc, finding.path),
          message: `${finding.code}: ${finding.message}`,
          fix: finding.fix,
        };
      });
    },
  };
}

/** ERROR findings: the policy does not work as written. */
export const POLICY_INVALID = ruleFor(
  "ERROR",
  "IAMX-PolicyInvalid",
  "error",
  "IAMX",
  "A policy does not work as written (IAM Access Analyzer's ERROR checks, offline).",
);

/** SECURITY_WARNING findings not already reported by an IAMX rule. */
export const POLICY_SECURITY_WARNING = ruleFor(
  "SECURITY_WARNING",
  "IAMX-PolicySecurityWarning",
  "warning",
  "IAMX",
  "A policy grants more than it seems to (IAM Access Analyzer's SECURITY_WARNING checks, offline).",
);

/** WARNING findings: bad practice, or probably not what was meant. */
export const POLICY_WARNING = ruleFor(
  "WARNING",
  "IAMX-PolicyWarning",
  "warning",
  "IAMX",
  "A policy has a part that is bad practice or probably not what was meant (IAM Access Analyzer's WARNING checks, offline).",
);

/** SUGGESTION findings (opt-in pack `IAMX.Suggestions`). */
export const POLICY_SUGGESTION = ruleFor(
  "SUGGESTION",
  "IAMX-PolicySuggestion",
  "warning",
  "IAMX.Suggestions",
  "A policy could be written more simply (IAM Access Analyzer's SUGGESTION checks, offline).",
);
