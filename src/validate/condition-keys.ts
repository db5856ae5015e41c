/** Finding a condition key in the catalogue: global (`aws:`), a service's, or a federation provider's. */
import { closest, isKnownService, readCatalogueJson } from "../core/actions";
import { retiredService } from "../core/retired-services";
import { findGlobalKey, findServiceKey, globalKeyNames, serviceKeys, type KeyType } from "./catalogue";

/** Lookup result: the key's type, or why it is not a key, with the closest known one. */
export type KeyLookup =
  | { readonly found: true; readonly key: string; readonly type: KeyType; readonly service?: string }
  | { readonly found: false; readonly reason: "global" | "service" | "format"; readonly suggestion?: string }
  | { readonly found: "unchecked" };

const FEDERATION_PREFIXES = new Set(["saml", "cognito-identity-auth", "cognito-identity-unauth"]);

/**
 * Looks a condition key up. Keys of web identity and OIDC providers (`accounts.google.com:aud`,
 * `oidc.eks....amazonaws.com/id/X:sub`) and SAML keys are not checked: any provider may define them.
 */
export function lookupConditionKey(key: string): KeyLookup {
  const colon = key.indexOf(":");
  if (colon <= 0 || colon === key.length - 1) return { found: false, reason: "format" };
  const prefix = key.slice(0, colon);
  const lower = prefix.toLowerCase();
  if (lower === "aws") {
    const g = findGlobalKey(key);
    if (g) return { found: true, key: g.key, type: g.type };
    // Service files list some aws: keys (aws:RequestTag/${TagKey}) with their own types.
    return {
      found: false,
      reason: "global",
      suggestion: closest(
        key,
        globalKeyNames().map((k) => k.replace(/\/\$\{TagKey\}$/, "/")),
      ),
    };
  }
  if (prefix.includes(".") || prefix.includes("/") || FEDERATION_PREFIXES.has(lower) || retiredService(lower)) {
    return { found: "unchecked" };
  }
  if (!isKnownService(lower)) {
    // Prefixes that are not services but have keys (`catalog:` of AWS Marketplace).
    if (unassociatedPrefixes().has(lower)) return { found: "unchecked" };
    return { found: false, reason: "service", suggestion: globalTwin(key) };
  }
  const info = serviceKeys(lower);
  const hit = info && findServiceKey(info, key);
  if (hit) return { found: true, key: hit.key, type: hit.type, service: lower };
  const names = info ? [...info.conditionKeys.values()].map((k) => k.key) : [];
  return { found: false, reason: "service", suggestion: globalTwin(key) ?? closest(key, names) };
}

/** `s3:SourceIp` → `aws:SourceIp`: a service key that is really a global one. */
function globalTwin(key: string): string | undefined {
  return findGlobalKey(`aws:${key.slice(key.indexOf(":") + 1)}`)?.key;
}

let unassociated: Set<string> | undefined;
function unassociatedPrefixes(): Set<string> {
  unassociated ??= new Set(
    Object.keys(readCatalogueJson("unassociatedConditions.json") as object).map((k) => k.toLowerCase()),
  );
  return unassociated;
}

/** Whether a key type holds several values per request. */
export function isMultiValued(type: KeyType): boolean {
  return type.startsWith("ArrayOf");
}

/** The scalar type of a key type (`ArrayOfARN` → `ARN`). */
export function scalarType(type: KeyType): string {
  return type.startsWith("ArrayOf") ? type.slice("ArrayOf".length) : type;
}
