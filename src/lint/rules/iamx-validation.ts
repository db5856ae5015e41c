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

/** A template value with intrinsics written as the `${X}` placeholders validation skips. */
function placeholders(x: unknown): unknown {
  if (typeof x === "string") return x.replace(/\$\{!/g, "${");
  if (Array.isArray(x)) return x.map(placeholders);
  if (!isJsonObject(x)) return x;
  const fn = intrinsicName(x);
  if (fn === undefined) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, placeholders(v)]));
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

function validated(resource: LintResource, context: LintContext): Located[] {
  let hit = results.get(resource);
  if (!hit) {
    hit = [];
    for (const doc of documentsOf(resource)) {
      const findings = validatePolicy(placeholders(doc.doc), {
        policyType: doc.kind,
        account: context.accountId,
        ...(doc.kind === "resource" ? { resourceType: resource.type } : {}),
      });
      for (const finding of findings) {
        if (!COVERED_BY_IAMX_RULES[doc.kind].has(finding.code)) hit.push({ doc, finding });
      }
    }
    results.set(resource, hit);
  }
  return hit;
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
      'the element at fault. Suppress one code with appliesTo: ["<CODE>"] and a reason.',
    check(resource, context): RuleFinding[] {
      const statements = statementsOf(resource);
      return validated(resource, context)
        .filter(({ finding }) => finding.kind === kind)
        .map(({ doc, finding }) => {
          const statement =
            finding.statementIndex === undefined
              ? undefined
              : statements.find((s) => s.location === `${doc.location}.Statement[${finding.statementIndex}]`);
          return {
            findingId: finding.code,
            ...(statement ? { statement } : {}),
            location: finding.path ? `${doc.location}.${finding.path}` : doc.location,
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
