/**
 * The policy pack's policies: one per finding kind of the validation engine (src/validate), each
 * over every resource type that holds a policy document (src/validate/policy-holders.ts). The
 * engine is the only source of findings; a policy only finds the documents, reads them and words
 * the violation.
 */
import type {
  EnforcementLevel,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { ISSUE_CODES, validatePolicy, type FindingKind, type ValidationFinding } from "../validate";
import { PULUMI_POLICY_HOLDERS, pulumiPolicyDocuments, type HeldDocument } from "../validate/policy-holders";
import { holdsUnknown, plainProperties } from "./inputs";

/** Options of {@link iamxPolicies}. */
export interface IamxPoliciesOptions {
  /**
   * Enforcement level of each finding kind's policy. The pack's config (`pulumi preview
   * --policy-pack-config`) still overrides it per policy.
   * @default `{ ERROR: "mandatory", SECURITY_WARNING: "advisory", WARNING: "advisory", SUGGESTION: "disabled" }`
   */
  readonly enforcementLevels?: Partial<Record<FindingKind, EnforcementLevel>>;
  /**
   * Issue codes never reported (`["MISSING_VERSION"]`), for every policy; each policy's config
   * `ignoreCodes` adds to them.
   * @default none
   */
  readonly ignoreCodes?: readonly string[];
  /**
   * The account the stack deploys to (12 digits), so a trust policy naming it is not taken for a
   * cross-account trust; each policy's config `accountId` overrides it.
   * @default unknown: every literal account id in a trust policy counts as another account
   */
  readonly accountId?: string;
  /**
   * Quote the document's values in violations (the operator, ARN, action or principal at fault,
   * "did you mean ...", the policy name and Sid). Pulumi hands a policy pack every input with its
   * secrets in plain text and no mark of which were secret, so the pack cannot tell a secret
   * document apart: by default a violation says the code, the property, the statement's index,
   * the element's path, what is wrong in general terms and the fix, never a value. Turn it on
   * when the stacks checked hold no secret policy documents; each policy's config `showValues`
   * overrides it.
   * @default false
   */
  readonly showValues?: boolean;
  /**
   * Where to say that a document was skipped because its value is unknown at preview.
   * @default one line on standard error
   */
  readonly log?: (message: string) => void;
}

/** The policy names, by finding kind (what `--policy-pack-config` keys on). */
export const IAMX_POLICY_NAMES: Readonly<Record<FindingKind, string>> = {
  ERROR: "iamx-policy-invalid",
  SECURITY_WARNING: "iamx-policy-security-warning",
  WARNING: "iamx-policy-warning",
  SUGGESTION: "iamx-policy-suggestion",
};

const DEFAULT_LEVELS: Readonly<Record<FindingKind, EnforcementLevel>> = {
  ERROR: "mandatory",
  SECURITY_WARNING: "advisory",
  WARNING: "advisory",
  SUGGESTION: "disabled",
};

const DESCRIPTIONS: Readonly<Record<FindingKind, string>> = {
  ERROR:
    "IAM, bucket, queue, topic, key and other policy documents work as written (IAM Access Analyzer's ERROR checks, offline).",
  SECURITY_WARNING:
    "Policy documents grant no more than they seem to (IAM Access Analyzer's SECURITY_WARNING checks, offline).",
  WARNING: "Policy documents follow good practice (IAM Access Analyzer's WARNING checks, offline).",
  SUGGESTION: "Policy documents are written simply (IAM Access Analyzer's SUGGESTION checks, offline).",
};

const SEVERITIES = { ERROR: "high", SECURITY_WARNING: "high", WARNING: "medium", SUGGESTION: "low" } as const;

/** The config a policy reads (`getConfig()`). */
interface PolicyConfig {
  readonly ignoreCodes?: readonly string[];
  readonly accountId?: string;
  readonly showValues?: boolean;
}

/** One finding with the document it is about. */
interface Located {
  readonly doc: HeldDocument;
  readonly finding: ValidationFinding;
}

/**
 * The documents of one resource validated: findings, plus the documents skipped as unknown.
 * Exported for tests and for callers that want the findings without a policy pack.
 */
export function validateResourceInputs(
  type: string,
  props: object,
  accountId?: string,
): { findings: Located[]; skipped: string[] } {
  const holder = PULUMI_POLICY_HOLDERS[type];
  if (!holder) return { findings: [], skipped: [] };
  const inputs = plainProperties(
    props,
    holder.properties.map((p) => p.property),
  );
  const findings: Located[] = [];
  const skipped: string[] = [];
  for (const doc of pulumiPolicyDocuments(type, inputs)) {
    if (holdsUnknown(doc.value) || holdsUnknown(doc.name)) {
      skipped.push(doc.path);
      continue;
    }
    const document = typeof doc.value === "string" ? parseJson(doc.value) : doc.value;
    const options = {
      policyType: doc.policyType,
      ...(accountId !== undefined ? { account: accountId } : {}),
      ...(doc.policyType === "resource" ? { resourceType: holder.cfnType } : {}),
    };
    for (const finding of validatePolicy(document, options)) findings.push({ doc, finding });
  }
  return { findings, skipped };
}

/** JSON text to its value; text that is not JSON stays text (the engine reports it as no document). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * `INVALID_CONDITION_OPERATOR in policy, statement 0 (Sid "Read"), at Statement[0].Condition.StringEqual: ...`;
 * without `showValues`, no value of the document: `... in policy, statement 0, at ...: Invalid
 * condition operator. Fix: ...` (the code's title in place of the detail message).
 */
export function violationMessage(doc: HeldDocument, f: ValidationFinding, showValues = true): string {
  const name = showValues && typeof doc.name === "string" ? ` (${JSON.stringify(doc.name)})` : "";
  const sid = showValues && f.sid !== undefined ? ` (Sid ${JSON.stringify(f.sid)})` : "";
  const statement = f.statementIndex === undefined ? "" : `, statement ${f.statementIndex}${sid}`;
  const at = f.path ? `, at ${f.path}` : "";
  const what = showValues ? f.message : `${titleOf(f.code)}.`;
  const hidden = showValues ? "" : " (Values not shown: the policy's config showValues: true shows them.)";
  return `${f.code} in ${doc.path}${name}${statement}${at}: ${what} Fix: ${f.fix}${hidden}`;
}

function titleOf(code: string): string {
  return (ISSUE_CODES as Record<string, { title: string } | undefined>)[code]?.title ?? code;
}

function policyFor(kind: FindingKind, options: IamxPoliciesOptions): ResourceValidationPolicy {
  const log = options.log ?? ((message: string) => console.error(message));
  return {
    name: IAMX_POLICY_NAMES[kind],
    description: DESCRIPTIONS[kind],
    enforcementLevel: options.enforcementLevels?.[kind] ?? DEFAULT_LEVELS[kind],
    severity: SEVERITIES[kind],
    remediationSteps:
      "Each violation names the issue code, the statement and the element at fault, and the fix; " +
      "pulumi-iamx's docs/validation.md describes every code. Skip a code with the policy's config ignoreCodes.",
    configSchema: {
      properties: {
        ignoreCodes: {
          type: "array",
          items: { type: "string" },
          description: "Issue codes not to report (e.g. MISSING_VERSION).",
        },
        accountId: {
          type: "string",
          pattern: "^[0-9]{12}$",
          description: "The account the stack deploys to, so a trust policy naming it is not cross-account.",
        },
        showValues: {
          type: "boolean",
          description:
            "Quote the document's values in violations (policies get secrets in plain text, unmarked: off by default).",
        },
      },
    },
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (!(args.type in PULUMI_POLICY_HOLDERS)) return;
      const config = args.getConfig<PolicyConfig>();
      const ignored = new Set([...(options.ignoreCodes ?? []), ...(config.ignoreCodes ?? [])]);
      const showValues = config.showValues ?? options.showValues ?? false;
      const { findings, skipped } = validateResourceInputs(
        args.type,
        args.props,
        config.accountId ?? options.accountId,
      );
      // One policy says so, not all four.
      if (kind === "ERROR") {
        for (const path of skipped) {
          log(
            `iamx: ${args.name} (${args.type}): ${path} is not known until the update runs; not checked at this preview.`,
          );
        }
      }
      for (const { doc, finding } of findings) {
        if (finding.kind === kind && !ignored.has(finding.code))
          reportViolation(violationMessage(doc, finding, showValues));
      }
    },
  };
}

/**
 * The pulumi-iamx policies for a Pulumi policy pack: every IAM, bucket, queue, topic, key,
 * repository, secret, file system, backup vault, search domain, log, stream and access point policy
 * document of any Pulumi program (whether or not it uses pulumi-iamx; `IAMX_POLICY_RESOURCE_TYPES`)
 * validated at IAM Access Analyzer's level, offline. One policy per finding kind:
 * `iamx-policy-invalid` (ERROR, mandatory), `iamx-policy-security-warning` and `iamx-policy-warning`
 * (advisory), `iamx-policy-suggestion` (disabled). A document whose value is unknown at preview is
 * skipped, and the log says so.
 *
 * ```ts
 * import { PolicyPack } from "@pulumi/policy";
 * import { iamxPolicies } from "pulumi-iamx/policy";
 *
 * new PolicyPack("iamx", { policies: iamxPolicies() });
 * ```
 */
export function iamxPolicies(options: IamxPoliciesOptions = {}): ResourceValidationPolicy[] {
  return (["ERROR", "SECURITY_WARNING", "WARNING", "SUGGESTION"] as const).map((kind) => policyFor(kind, options));
}
