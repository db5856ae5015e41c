/** Checks of Resource/NotResource: ARN syntax per partition and service, and fit with the actions. */
import { editDistance, isKnownService, knownServices, closest } from "../../core/actions";
import { REGION_NAME } from "../../core/environment";
import { serviceInfo, serviceResourceTypes, type ResourceTypeInfo } from "../catalogue";
import { isOpen, matcherOf, parseArn, PARTITIONS, probeOf, resourceMatches, type FormatMatcher } from "../arn";
import { expandCached } from "../expand";
import type { Issue, Item, PolicyView, StatementView } from "../model";
import { NO_ISSUES } from "../model";
import { expandShorthand } from "../resource-shorthand";

const ACCOUNT = /^\d{12}$/;

/**
 * Every resource is `*` or a well-formed ARN of a known service, of one of its resource types (or
 * a short form the policy's service expands to one: resource-shorthand.ts).
 */
export function checkResourceArns(s: StatementView, p: PolicyView): readonly Issue[] {
  let out: Issue[] | undefined;
  const resources = s.resources;
  for (let i = 0; i < resources.length; i++) {
    const item = resources[i];
    const text = item.value;
    if (typeof text !== "string") continue;
    const expanded = expandShorthand(text, p.resourceType);
    // A pure function of the text (and whether it is a short form): programs repeat the same ARNs
    // in many policies.
    const key = expanded === undefined ? text : `${SHORT_KEY}${text}`;
    let hit = arnIssues.get(key);
    if (hit === undefined) {
      hit = arnIssue(expanded ?? text, text) ?? null;
      if (arnIssues.size >= 10_000) arnIssues.clear();
      arnIssues.set(key, hit);
    }
    if (hit) (out ??= []).push({ ...hit, path: item.path });
  }
  return out ?? NO_ISSUES;
}

const arnIssues = new Map<string, Issue | null>();
// Keys of short forms in arnIssues (no resource text starts with a NUL).
const SHORT_KEY = "\u0000";

/** An issue of an ARN text (its path is the item's, filled in by the caller). */
function issue(code: Issue["code"], message: string): Issue {
  return { code, path: "", message };
}

/** The issue of ARN text `v`, written `shown` in the policy (a short form's expansion is not). */
function arnIssue(v: string, shown: string): Issue | undefined {
  if (v === "*" || v.startsWith("${")) return undefined;
  if (!v.startsWith("arn:"))
    return issue("INVALID_ARN_PREFIX", `Resource ${JSON.stringify(shown)} is neither "*" nor an ARN.`);
  const arn = parseArn(v);
  if (!arn) return issue("MISSING_ARN_FIELD", `Resource ${shown} has fewer than the six fields of an ARN.`);
  if (!isOpen(arn.partition) && !PARTITIONS.has(arn.partition)) {
    return issue("INVALID_PARTITION", `Resource ${shown} names partition '${arn.partition}', which AWS does not have.`);
  }
  if (isOpen(arn.service)) return undefined;
  if (!isKnownService(arn.service)) {
    const close = closest(arn.service, knownServices());
    if (close && editDistance(close, arn.service.toLowerCase(), 2) <= 2) {
      return issue("INVALID_ARN_SERVICE", `Resource ${shown} names service '${arn.service}' — did you mean ${close}?`);
    }
    return undefined;
  }
  if (arn.service !== arn.service.toLowerCase()) {
    return issue("INVALID_ARN_SERVICE_CASE", `Resource ${shown}: write the service '${arn.service}' in lower case.`);
  }
  const shape = serviceShape(arn.service);
  if (!shape) return undefined;
  const { formats } = shape;
  // Region and account rules come from the resource types the ARN can be, else from all of them.
  const probe = probeOf(arn.resource);
  let matched = 0;
  let fields = rulesFor(true, true, true);
  for (let i = 0; i < shape.matchers.length; i++) {
    const m = shape.matchers[i];
    if (!probe.matches(m)) continue;
    matched++;
    if (m.fields) fields = addFields(fields, m.fields);
  }
  if (matched === 0) fields = shape.fields;
  if (arn.region !== "" && !isOpen(arn.region)) {
    if (!REGION_NAME.test(arn.region))
      return issue("INVALID_ARN_REGION", `Resource ${shown} has region '${arn.region}', which is not a Region code.`);
    if (fields.regionless) {
      return issue(
        "ARN_REGION_NOT_ALLOWED",
        `Resource ${shown} has a Region, but ${arn.service} resource ARNs have none.`,
      );
    }
  }
  if (arn.region === "" && fields.regioned) {
    return issue(
      "MISSING_ARN_REGION",
      `Resource ${shown} has no Region, but every ${arn.service} resource ARN has one.`,
    );
  }
  if (arn.account !== "" && !isOpen(arn.account)) {
    if (!ACCOUNT.test(arn.account) && arn.account !== "aws") {
      return issue("INVALID_ARN_ACCOUNT", `Resource ${shown} has account '${arn.account}', which is not 12 digits.`);
    }
    if (fields.accountless) {
      return issue(
        "ARN_ACCOUNT_NOT_ALLOWED",
        `Resource ${shown} has an account id, but ${arn.service} resource ARNs have none.`,
      );
    }
  }
  if (matched === 0) {
    const listed = formats
      .slice(0, 4)
      .map((f) => f.arn)
      .join(", ");
    return issue(
      "UNKNOWN_RESOURCE_TYPE",
      `Resource ${shown} matches no ${arn.service} resource type (${listed}${formats.length > 4 ? ", ..." : ""}).`,
    );
  }
  return undefined;
}

/**
 * What the region and account rules read of a set of formats: whether every one has no region,
 * every one has a region, and every one has no account (formats that are no ARN count for none).
 */
interface FieldRules {
  readonly regionless: boolean;
  readonly regioned: boolean;
  readonly accountless: boolean;
}

const FIELD_RULES: FieldRules[] = [];

/** The rules with one more format's fields (shared objects: an ARN check allocates none). */
function addFields(r: FieldRules, f: { readonly region: string; readonly account: string }): FieldRules {
  return rulesFor(r.regionless && f.region === "", r.regioned && f.region !== "", r.accountless && f.account === "");
}

function rulesFor(regionless: boolean, regioned: boolean, accountless: boolean): FieldRules {
  const i = (regionless ? 4 : 0) + (regioned ? 2 : 0) + (accountless ? 1 : 0);
  return (FIELD_RULES[i] ??= { regionless, regioned, accountless });
}

interface ServiceShape {
  readonly formats: readonly ResourceTypeInfo[];
  /** The formats' matchers, in the same order. */
  readonly matchers: readonly FormatMatcher[];
  /** The region and account rules of all the formats. */
  readonly fields: FieldRules;
}
const shapes = new Map<string, ServiceShape | undefined>();

/** A service's ARN formats, collected once per service. */
function serviceShape(service: string): ServiceShape | undefined {
  const key = service.toLowerCase();
  if (shapes.has(key)) return shapes.get(key);
  const types = serviceResourceTypes(key);
  const formats = types ? [...types.values()] : [];
  const matchers = formats.map(matcherOf);
  let fields = rulesFor(true, true, true);
  for (const m of matchers) if (m.fields) fields = addFields(fields, m.fields);
  const shape = formats.length === 0 ? undefined : { formats, matchers, fields };
  shapes.set(key, shape);
  return shape;
}

interface ActionShape {
  /** The single catalogue action a literal name stands for, when it takes only `*`. */
  readonly starOnly?: string;
  /** Whether some action it stands for is unknown to the catalogue's action data. */
  readonly unknown: boolean;
  /** Formats of every resource type of every action it stands for (deduplicated). */
  readonly formats: readonly ResourceTypeInfo[];
}
const actionShapes = new Map<string, ActionShape | undefined>();

/** What an action text (`s3:GetObject`, `ec2:Describe*`) acts on, computed once per text. */
function actionShape(a: string): ActionShape | undefined {
  if (actionShapes.has(a)) return actionShapes.get(a);
  const expanded = expandCached(a);
  let shape: ActionShape | undefined;
  if (expanded.length > 0) {
    const formats = new Set<ResourceTypeInfo>();
    let unknown = false;
    let starOnly: string | undefined;
    for (const full of expanded) {
      const info = serviceInfo(full.slice(0, full.indexOf(":")));
      const act = info?.actions.get(full.slice(full.indexOf(":") + 1).toLowerCase());
      if (!info || !act) {
        unknown = true;
        continue;
      }
      for (const t of act.resourceTypes) {
        const f = info.resourceTypes.get(t);
        if (f) formats.add(f);
      }
      if (!/[*?]/.test(a) && act.resourceTypes.length === 0) starOnly = full;
    }
    shape = { starOnly, unknown, formats: [...formats] };
  }
  if (actionShapes.size >= 5_000) actionShapes.clear();
  actionShapes.set(a, shape);
  return shape;
}

/**
 * In a statement of Action and Resource: an action named explicitly that takes only `*` is given
 * `*`; a resource ARN of a known service is a type some action of the statement acts on.
 */
export function checkActionResourceFit(s: StatementView, p: PolicyView): readonly Issue[] {
  if (s.actionKey !== "Action" || s.resourceKey !== "Resource" || s.resources.length === 0) return NO_ISSUES;
  const shapes: { item: Item; shape: ActionShape }[] = [];
  for (const item of s.actions) {
    const a = item.value;
    if (typeof a !== "string" || a === "*" || a.includes("${")) return NO_ISSUES;
    const shape = actionShape(a);
    if (!shape) return NO_ISSUES;
    shapes.push({ item, shape });
  }
  const out: Issue[] = [];
  const allStrings = s.resources.every((r) => typeof r.value === "string");
  const hasStar = s.resources.some((r) => r.value === "*");
  if (allStrings && !hasStar) {
    const seen = new Set<string>();
    for (const { item, shape } of shapes) {
      if (!shape.starOnly || seen.has(shape.starOnly)) continue;
      seen.add(shape.starOnly);
      out.push({
        code: "ACTION_WITHOUT_RESOURCE_LEVEL_PERMISSIONS",
        path: item.path,
        message: `${shape.starOnly} takes only "*" as its resource, and the statement gives it none.`,
      });
    }
  }
  if (shapes.some(({ shape }) => shape.unknown)) return out;
  const formats =
    shapes.length === 1 ? shapes[0].shape.formats : [...new Set(shapes.flatMap(({ shape }) => shape.formats))];
  if (formats.length === 0) return out;
  const actionsKey = shapes.map(({ item }) => item.value as string).join(",");
  for (const r of s.resources) {
    const v = r.value;
    if (typeof v !== "string" || v === "*") continue;
    const arn = expandShorthand(v, p.resourceType) ?? v;
    const key = `${actionsKey}\n${arn}`;
    let fits = fitCache.get(key);
    if (fits === undefined) {
      fits = resourceFits(arn, formats);
      if (fitCache.size >= 10_000) fitCache.clear();
      fitCache.set(key, fits);
    }
    if (!fits) {
      out.push({
        code: "RESOURCE_NOT_SUPPORTED_BY_ACTIONS",
        path: r.path,
        message: `No action of the statement acts on a resource like ${v}.`,
      });
    }
  }
  return out;
}

function resourceFits(v: string, formats: readonly ResourceTypeInfo[]): boolean {
  const arn = parseArn(v);
  if (!arn || isOpen(arn.service) || !isKnownService(arn.service)) return true;
  const service = arn.service.toLowerCase();
  return formats.some((f) => formatService(f) === service && resourceMatches(arn.resource, f));
}

// Whether a resource text fits the statement's actions, per action list and resource text.
const fitCache = new Map<string, boolean>();

const serviceOfFormat = new Map<string, string>();
function formatService(f: ResourceTypeInfo): string {
  let s = serviceOfFormat.get(f.arn);
  if (s === undefined) {
    s = parseArn(f.arn)?.service.toLowerCase() ?? "";
    serviceOfFormat.set(f.arn, s);
  }
  return s;
}
