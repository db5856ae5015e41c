/**
 * Lint suppressions, cdk-nag style: a rule id, a reason of at least 10 characters, and optionally
 * `appliesTo` to silence only some granular findings. Suppressions attach to any Pulumi resource
 * or component (or the program) and cover every CloudFormation resource under its construct path; template files carry them in
 * resource Metadata as cdk-nag v2 writes them (`cdk_nag.rules_to_suppress`).
 */
import * as pulumi from "@pulumi/pulumi";
import { checkScope, program, scopePath, type ProgramScope } from "../components/program-scope";
import { ValidationError } from "../core/errors";
import { describe } from "../core/value";
import { programModel, type CfnResource, type ProgramModel } from "../render/cloudformation/model";
import { isJsonObject } from "./intrinsics";
import type { LintAppliesTo, LintFinding, LintSuppression } from "./types";

/** Minimum reason length, as cdk-nag. */
export const MIN_REASON_LENGTH = 10;

interface Attached {
  readonly path: readonly string[];
  readonly suppressions: readonly LintSuppression[];
}

const registry = new WeakMap<ProgramModel, Attached[]>();

/**
 * Something suppressions can attach to: any Pulumi resource or component (an iamx component, a
 * plain `pulumi.ComponentResource` used as a parent, a provider resource), `iamx.program`, or a
 * CloudFormation model resource. They cover the target and everything below it.
 */
export type SuppressionTarget =
  pulumi.Resource | ProgramScope | { readonly constructPath: readonly string[] } | CfnResource;

function pathOf(target: unknown): readonly string[] {
  if (typeof target === "object" && target !== null) {
    const t = target as { constructPath?: unknown; path?: unknown; type?: unknown };
    if (Array.isArray(t.constructPath) && t.constructPath.every((c) => typeof c === "string")) return t.constructPath;
    if (typeof t.type === "string" && Array.isArray(t.path) && t.path.every((c) => typeof c === "string"))
      return t.path;
  }
  // Any other resource: its path is its name below its parents' names, as components' paths are.
  if (target === program || pulumi.Resource.isInstance(target)) return scopePath(checkScope(target, "Lint.suppress"));
  throw new ValidationError(
    "InvalidLintSuppression",
    `Lint.suppress needs a Pulumi resource or component (covering its children), iamx.program, or a CloudFormation ` +
      `model resource; got ${describe(target)}`,
  );
}

/**
 * Checks a suppression list and returns it normalized; throws a ValidationError naming `where`
 * and the fix for anything malformed (a missing or short reason, a bad `appliesTo`).
 */
export function validateSuppressions(suppressions: unknown, where: string): LintSuppression[] {
  if (!Array.isArray(suppressions)) {
    throw new ValidationError(
      "InvalidLintSuppression",
      `Lint suppressions for ${where} must be an array of { id, reason, appliesTo? }`,
    );
  }
  return suppressions.map((s) => validateOne(s, where));
}

function validateOne(s: unknown, where: string): LintSuppression {
  if (!isJsonObject(s) || typeof s.id !== "string" || s.id.trim() === "") {
    throw new ValidationError(
      "InvalidLintSuppression",
      `A lint suppression for ${where} needs a rule id, e.g. { id: "AwsSolutions-IAM5", reason: "..." }; got ${JSON.stringify(s)}`,
    );
  }
  const id = s.id.trim();
  if (typeof s.reason !== "string" || s.reason.trim().length < MIN_REASON_LENGTH) {
    throw new ValidationError(
      "LintSuppressionReason",
      `The suppression of ${id} on ${where} needs a reason of at least ${MIN_REASON_LENGTH} characters ` +
        `saying why the finding is acceptable; got ${JSON.stringify(s.reason ?? null)}`,
    );
  }
  const appliesTo = s.appliesTo ?? s.applies_to;
  if (appliesTo !== undefined) {
    if (!Array.isArray(appliesTo) || appliesTo.length === 0) {
      throw new ValidationError(
        "InvalidLintSuppression",
        `appliesTo of the suppression of ${id} on ${where} must be a non-empty array of finding ids or { regex }`,
      );
    }
    for (const a of appliesTo) {
      if (typeof a === "string") continue;
      if (isJsonObject(a) && typeof a.regex === "string") {
        regexOf(a.regex, id, where);
        continue;
      }
      throw new ValidationError(
        "InvalidLintSuppression",
        `appliesTo of the suppression of ${id} on ${where} holds ${JSON.stringify(a)}; use a finding id such as ` +
          `"Action::s3:*" or { regex: "/^Resource::.*$/" }`,
      );
    }
  }
  return {
    id,
    reason: s.reason.trim(),
    ...(appliesTo !== undefined ? { appliesTo: appliesTo as LintAppliesTo[] } : {}),
  };
}

/** `"/^x$/i"` (cdk-nag's form) or a bare pattern → RegExp; the stateful `g`/`y` flags are dropped. */
function regexOf(text: string, id = "", where = ""): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(text);
  try {
    return m ? new RegExp(m[1], m[2].replace(/[gy]/g, "")) : new RegExp(text);
  } catch (e) {
    throw new ValidationError(
      "InvalidLintSuppression",
      `appliesTo regex ${JSON.stringify(text)} of the suppression of ${id} on ${where} is invalid: ${(e as Error).message}`,
    );
  }
}

/** The suppression that silences `finding`, if any. */
export function matchSuppression(
  finding: LintFinding,
  suppressions: readonly LintSuppression[],
): LintSuppression | undefined {
  for (const s of suppressions) {
    const bracket = /^(.+)\[(.+)\]$/.exec(s.id);
    const ruleId = bracket ? bracket[1] : s.id;
    if (ruleId !== finding.ruleId) continue;
    if (bracket) {
      if (finding.findingId === bracket[2]) return s;
      continue;
    }
    if (s.appliesTo === undefined) return s;
    const fid = finding.findingId;
    if (fid === undefined) continue;
    if (s.appliesTo.some((a) => (typeof a === "string" ? a === fid : regexOf(a.regex).test(fid)))) return s;
  }
  return undefined;
}

/**
 * Attaches suppressions to a component (and every resource under it) of the program being
 * built. Throws a ValidationError for a missing or short reason.
 */
export function suppress(target: SuppressionTarget, suppressions: readonly LintSuppression[]): void {
  const path = pathOf(target);
  const list = validateSuppressions(suppressions, path.join("/") || "the program");
  addToModel(programModel(), path, list);
}

/** Suppressions for every resource of the program being built (cdk-nag's stack suppressions). */
export function suppressAll(suppressions: readonly LintSuppression[]): void {
  addToModel(programModel(), [], validateSuppressions(suppressions, "the program"));
}

function addToModel(model: ProgramModel, path: readonly string[], suppressions: LintSuppression[]): void {
  const list = registry.get(model) ?? [];
  list.push({ path: [...path], suppressions });
  registry.set(model, list);
}

/** The suppressions that apply to a model resource at `path` (its own and its ancestors'). */
export function suppressionsFor(model: ProgramModel, path: readonly string[]): LintSuppression[] {
  const out: LintSuppression[] = [];
  for (const a of registry.get(model) ?? []) {
    if (a.path.length <= path.length && a.path.every((c, i) => c === path[i])) out.push(...a.suppressions);
  }
  return out;
}
