/**
 * Which resources of two templates differ, the way `cdk diff` decides it: a resource is changed
 * when it was added, removed, changed type, or any key differs. Values compare as CloudFormation
 * reads them: `"10"` equals `10`, `"true"` equals `true`, `DependsOn` order does not matter, and
 * `Fn::GetAtt: "A.B"` equals `Fn::GetAtt: [A, B]`. Only changed resources feed the IAM tables.
 */
import { isObject, type Json } from "./cfn-text";

/** A template as read: its Resources (other sections do not matter to IAM). */
export interface TemplateLike {
  readonly Resources?: Record<string, unknown>;
}

/** One resource as the IAM tables read it. */
export interface ResourceEntry {
  readonly type?: string;
  readonly properties?: Record<string, Json>;
}

/** A resource present in either template that differs between them. */
export interface ResourceChange {
  readonly logicalId: string;
  readonly old?: ResourceEntry;
  readonly new?: ResourceEntry;
}

/** Every changed resource: the old template's order first, then resources only in the new one. */
export function changedResources(oldTemplate: TemplateLike, newTemplate: TemplateLike): ResourceChange[] {
  const oldRes = resourcesOf(oldTemplate);
  const newRes = resourcesOf(newTemplate);
  const ids = new Set([...Object.keys(oldRes), ...Object.keys(newRes)]);
  const out: ResourceChange[] = [];
  for (const id of ids) {
    const o = oldRes[id];
    const n = newRes[id];
    if (o === undefined && n === undefined) continue;
    if (o !== undefined && n !== undefined && cfnEqual(normalize(o), normalize(n))) continue;
    out.push({ logicalId: id, old: entry(o), new: entry(n) });
  }
  return out;
}

function resourcesOf(t: TemplateLike): Record<string, Json> {
  return isObject(t?.Resources) ? (t.Resources as Record<string, Json>) : {};
}

function entry(r: Json): ResourceEntry | undefined {
  if (r === undefined) return undefined;
  if (!isObject(r)) return {};
  return {
    type: typeof r.Type === "string" ? r.Type : undefined,
    properties: isObject(r.Properties) ? r.Properties : undefined,
  };
}

/** A copy with `Fn::GetAtt: "A.B"` as a list and `DependsOn` as a sorted list. */
export function normalize(x: Json): Json {
  if (Array.isArray(x)) return x.map(normalize);
  if (!isObject(x)) return x;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(x)) {
    if (k === "Fn::GetAtt" && typeof v === "string") out[k] = v.split(".");
    else if (k === "DependsOn") out[k] = typeof v === "string" ? [v] : Array.isArray(v) ? [...v].sort() : v;
    else out[k] = normalize(v);
  }
  return out;
}

/** Equality as CloudFormation reads values (see the module header). */
export function cfnEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if ((typeof a === "string" && typeof b === "boolean") || (typeof a === "boolean" && typeof b === "string")) {
    if (String(a) === String(b)) return true;
  }
  // as CloudFormation coerces: Number() of both sides (NaN never equals)
  if ((typeof a === "string" || typeof b === "string") && Number(a) === Number(b)) return true;
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => cfnEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && cfnEqual(a[k], b[k]));
  }
  return false;
}
