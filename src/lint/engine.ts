/**
 * Runs the lint rules over template resources and applies suppressions.
 * Inputs: a CloudFormation template (any file, suppressions read from cdk-nag v2 Metadata) or the
 * program's CloudFormation model (rendered with the exporter; component paths and
 * `Lint.suppress` suppressions come from the model). Cost: linear in the number of statements.
 */
import { ValidationError } from "../core/errors";
import type { SourceLocation } from "../core/source-location";
import { programModel, type ProgramModel } from "../render/cloudformation/model";
import { renderTemplate, type CfnTemplate } from "../render/cloudformation/template";
import { isJsonObject } from "./intrinsics";
import type { PulumiLintResource } from "./pulumi-resources";
import type { LintContext, LintResource } from "./policies";
import { ALL_PACKS, ALL_RULES, DEFAULT_PACKS, type LintRule } from "./rules";
import { UNREADABLE_POLICY } from "./rules/iamx-unreadable";
import { matchSuppression, suppressionsFor, validateSuppressions } from "./suppressions";
import type { LintFinding, LintOptions, LintReport, LintRuleInfo, LintSuppression, SuppressedFinding } from "./types";
import { isValidationRule, optOutSuppression, type StatementOptOuts } from "./validation-opt-out";

/** A resource to lint with the suppressions that apply to it. */
interface Input extends LintResource {
  readonly suppressions: readonly LintSuppression[];
  /** Its policy documents hold a Pulumi secret: findings say what and where, never the values. */
  readonly secret?: boolean;
  /**
   * The opt-outs (`validation`, `allowUnknownActions`) of the program's statement at a statement's
   * location (`PolicyDocument.Statement[1]`), for a program's resource.
   */
  readonly statementAt?: (statementLocation: string) => StatementOptOuts | undefined;
}

/** A finding of a resource whose documents hold a secret: the code and place stay, values go. */
function redacted(finding: LintFinding): LintFinding {
  // Issue codes (INVALID_CONDITION_OPERATOR) carry no value; cdk-nag style ids (Resource::arn:...) do.
  const { findingId, sid: _sid, ...rest } = finding;
  const code = findingId !== undefined && /^[A-Z][A-Z0-9_]*$/.test(findingId) ? findingId : undefined;
  return {
    ...rest,
    ...(code !== undefined ? { findingId: code } : {}),
    message: `${code ?? finding.ruleId} in ${finding.location ?? "a policy document"}: the document is a Pulumi secret, so its values are not shown.`,
  };
}

/** The rule reported for a suppression in a template's Metadata that is malformed. */
export const INVALID_SUPPRESSION_RULE: LintRuleInfo = {
  id: "IAMX-InvalidSuppression",
  pack: "IAMX",
  level: "error",
  granular: false,
  description: "A suppression in the template's Metadata is malformed (no rule id, or a reason under 10 characters).",
  help: "Give every suppression an id and a reason of at least 10 characters saying why the finding is acceptable.",
};

/** The rules a run uses. */
export function selectRules(options: LintOptions = {}): LintRule[] {
  const packs = options.packs ?? DEFAULT_PACKS;
  if (!Array.isArray(packs)) throw new ValidationError("InvalidLintOptions", "packs must be an array of pack names");
  for (const p of packs) {
    if (!ALL_PACKS.includes(p)) {
      throw new ValidationError(
        "InvalidLintOptions",
        `Unknown lint pack ${JSON.stringify(p)}; available packs: ${ALL_PACKS.join(", ")}`,
      );
    }
  }
  const excluded = new Set(options.excludeRules ?? []);
  const rules = ALL_RULES.filter((r) => packs.includes(r.pack) && !excluded.has(r.id));
  // Whatever the packs, a policy no rule could read is never a silent pass.
  if (!excluded.has(UNREADABLE_POLICY.id)) rules.push(UNREADABLE_POLICY);
  return rules;
}

function info(r: LintRuleInfo): LintRuleInfo {
  return {
    id: r.id,
    level: r.level,
    pack: r.pack,
    description: r.description,
    help: r.help,
    granular: r.granular,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Where the user's code made a finding's statement (program lints); see {@link lintModelWith}. */
type Locate = (logicalId: string, location: string | undefined) => SourceLocation | undefined;

function withSource(f: LintFinding, source: SourceLocation | undefined): LintFinding {
  return source ? { ...f, source } : f;
}

function run(inputs: readonly Input[], preFindings: LintFinding[], options: LintOptions, locate?: Locate): LintReport {
  const rules = selectRules(options);
  const context: LintContext = { resources: inputs, accountId: options.accountId };
  const findings: LintFinding[] = [...preFindings];
  const suppressed: SuppressedFinding[] = [];
  for (const resource of inputs) {
    for (const rule of rules) {
      // A statement's validation opt-out covers this rule's findings (programs only).
      const optOuts = resource.statementAt && isValidationRule(rule.id) ? resource.statementAt : undefined;
      for (const f of rule.check(resource, context)) {
        const location = f.location ? f.location : f.statement?.location;
        // located as it is made (one object a finding); the source is its last key, as the JSON formats print it
        const source = locate?.(resource.logicalId, location);
        // built key by key (no object a key): thousands of findings, each printed in this key order
        const finding = { ruleId: rule.id, level: rule.level } as Mutable<LintFinding>;
        if (f.findingId !== undefined) finding.findingId = f.findingId;
        finding.component = resource.component;
        finding.logicalId = resource.logicalId;
        finding.resourceType = resource.type;
        if (f.location || f.statement) finding.location = location;
        if (f.statement?.policyName !== undefined) finding.policyName = f.statement.policyName;
        if (f.statement) finding.statementIndex = f.statement.index;
        if (f.statement?.sid !== undefined) finding.sid = f.statement.sid;
        finding.message = f.message;
        finding.fix = f.fix;
        if (source && !resource.secret) finding.source = source;
        const shown = resource.secret ? withSource(redacted(finding), source) : finding;
        // a suppression the user wrote first: it has their own reason
        const s =
          matchSuppression(shown, resource.suppressions) ??
          (optOuts && f.statement ? optOutSuppression(rule.id, f.findingId, optOuts(f.statement.location)) : undefined);
        if (s) {
          const { source: at, ...rest } = shown;
          suppressed.push(at ? { ...rest, suppression: s, source: at } : { ...rest, suppression: s });
        } else findings.push(shown);
      }
    }
  }
  const ruleInfos = rules.map(info);
  if (preFindings.length > 0) ruleInfos.push(info(INVALID_SUPPRESSION_RULE));
  return {
    findings,
    suppressed,
    rules: ruleInfos,
    errorCount: findings.filter((f) => f.level === "error").length,
    warningCount: findings.filter((f) => f.level === "warning").length,
    ...(options.source !== undefined ? { source: options.source } : {}),
  };
}

/** `Stack/MyRole/Resource` → `MyRole`. */
function componentFromCdkPath(path: unknown): string | undefined {
  if (typeof path !== "string" || !path.includes("/")) return undefined;
  const parts = path.split("/").slice(1);
  if (parts[parts.length - 1] === "Resource") parts.pop();
  return parts.length > 0 ? parts.join("/") : undefined;
}

/**
 * Lints a CloudFormation template (parsed JSON or YAML). Suppressions come from each resource's
 * `Metadata.cdk_nag.rules_to_suppress` (cdk-nag v2's format); a malformed one is reported as an
 * `IAMX-InvalidSuppression` error and ignored.
 */
export function lintTemplate(template: unknown, options: LintOptions = {}): LintReport {
  if (!isJsonObject(template) || !isJsonObject(template.Resources)) {
    throw new ValidationError("InvalidTemplate", "A CloudFormation template needs a Resources object");
  }
  const inputs: Input[] = [];
  const pre: LintFinding[] = [];
  for (const [logicalId, r] of Object.entries(template.Resources)) {
    if (!isJsonObject(r) || typeof r.Type !== "string") continue;
    const metadata = isJsonObject(r.Metadata) ? r.Metadata : {};
    const component = componentFromCdkPath(metadata["aws:cdk:path"]) ?? logicalId;
    const suppressions: LintSuppression[] = [];
    const nag = isJsonObject(metadata.cdk_nag) ? metadata.cdk_nag.rules_to_suppress : undefined;
    for (const s of Array.isArray(nag) ? nag : []) {
      try {
        suppressions.push(...validateSuppressions([s], component));
      } catch (e) {
        pre.push({
          ruleId: INVALID_SUPPRESSION_RULE.id,
          level: "error",
          component,
          logicalId,
          resourceType: r.Type,
          location: "Metadata.cdk_nag.rules_to_suppress",
          message: (e as Error).message,
          fix: INVALID_SUPPRESSION_RULE.help,
        });
      }
    }
    inputs.push({
      logicalId,
      type: r.Type,
      properties: isJsonObject(r.Properties) ? r.Properties : {},
      component,
      suppressions,
    });
  }
  return run(inputs, pre, options);
}

/**
 * Lints the program's CloudFormation model (default: the program being built; call after
 * `finalize()`, or use `Lint.program`). Findings name components by construct path and honour
 * `Lint.suppress`.
 */
export function lintModel(model: ProgramModel = programModel(), options: LintOptions = {}): LintReport {
  return lintModelWith(model, [], options);
}

/**
 * {@link lintModel} plus the program's own `@pulumi/aws` resources that hold policy documents
 * (bucket, queue, topic, key policies, roles of its own): `Lint.suppress` on one, or on a parent,
 * covers it as it covers a component. `rendered`: the model's template, when the caller rendered it.
 */
export function lintModelWith(
  model: ProgramModel,
  plain: readonly PulumiLintResource[],
  options: LintOptions = {},
  rendered?: CfnTemplate,
): LintReport {
  const template = rendered ?? renderTemplate(model);
  const byId = new Map(model.resources.map((r) => [r.logicalId, r]));
  const inputs: Input[] = [];
  for (const [logicalId, r] of Object.entries(template.Resources)) {
    const source = byId.get(logicalId);
    inputs.push({
      logicalId,
      type: r.Type,
      properties: (r.Properties ?? {}) as Record<string, unknown>,
      component: source?.displayPath || logicalId,
      suppressions: source ? suppressionsFor(model, source.path) : [],
      ...(source ? { statementAt: (location: string) => source.statementAt(location) } : {}),
    });
  }
  for (const { resource, path, secret } of plain) {
    inputs.push({ ...resource, suppressions: suppressionsFor(model, path), secret });
  }
  // Each finding points at the call that made its statement (or component) in the user's code.
  // A finding's source depends only on its resource and its location up to the statement; a
  // statement often has several findings. Located as they are made: one object a finding.
  const sources = new Map<string, Map<string, SourceLocation | undefined>>();
  const locate: Locate = (logicalId, findingLocation) => {
    const resource = byId.get(logicalId);
    if (!resource) return undefined;
    let ofResource = sources.get(logicalId);
    if (!ofResource) sources.set(logicalId, (ofResource = new Map()));
    // the whole location first: most findings are at a statement, or at a place asked before
    const asked = findingLocation ?? "\n";
    if (ofResource.has(asked)) return ofResource.get(asked);
    const location = findingLocation === undefined ? undefined : statementPrefix(findingLocation);
    const key = location ?? "\n";
    let source: SourceLocation | undefined;
    if (ofResource.has(key)) source = ofResource.get(key);
    else ofResource.set(key, (source = resource.sourceOf(location)));
    ofResource.set(asked, source);
    return source;
  };
  return run(inputs, [], { source: "program", ...options }, locate);
}

/** A finding's location up to its statement (`PolicyDocument.Statement[2]`), or all of it. */
function statementPrefix(location: string): string {
  for (let i = location.indexOf(".Statement["); i >= 0; i = location.indexOf(".Statement[", i + 1)) {
    let end = i + ".Statement[".length;
    const digits = end;
    while (end < location.length && location.charCodeAt(end) >= 48 && location.charCodeAt(end) <= 57) end++;
    if (end > digits && location[end] === "]")
      return end + 1 === location.length ? location : location.slice(0, end + 1);
  }
  return location;
}
