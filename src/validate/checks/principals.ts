/** Checks of Principal/NotPrincipal: keys, formats, service names, and trust that fits them. */
import { closest, editDistance, isKnownService, knownServices } from "../../core/actions";
import type { Issue, PolicyView, StatementView } from "../model";
import { conditionsOf, hasReference, isObject, NO_ISSUES, principalItems } from "../model";

const PRINCIPAL_KEYS = ["AWS", "Service", "Federated", "CanonicalUser"];
const IAM_PRINCIPAL =
  /^arn:[a-z-]+:(iam|sts)::(\d{12}|\*):(root|user\/.+|role\/.+|assumed-role\/.+|federated-user\/.+|oidc-provider\/.+|saml-provider\/.+)$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;
const WEB_IDENTITY = new Set([
  "cognito-identity.amazonaws.com",
  "www.amazon.com",
  "graph.facebook.com",
  "accounts.google.com",
]);
// Service principals whose first label is not a service prefix of the catalogue.
const KNOWN_PRINCIPAL_LABELS = new Set([
  "ecs-tasks",
  "edgelambda",
  "delivery",
  "vpc-flow-logs",
  "spotfleet",
  "monitoring",
  "replicator",
  "ops",
  "transfer",
]);

/** Principal keys are AWS, Service, Federated or CanonicalUser; a bare principal is only `*`. */
export function checkPrincipalKeys(s: StatementView): readonly Issue[] {
  if (!s.principalKey) return NO_ISSUES;
  const p = s.raw[s.principalKey];
  const path = `${s.path}.${s.principalKey}`;
  if (typeof p === "string") {
    return p === "*"
      ? []
      : [
          {
            code: "INVALID_PRINCIPAL_FORMAT",
            path,
            message: `Principal ${JSON.stringify(p)} must be "*" or an object such as {"AWS": ...}.`,
          },
        ];
  }
  if (!isObject(p))
    return [{ code: "DATA_TYPE_MISMATCH", path, message: `${s.principalKey} must be "*" or an object.` }];
  const out: Issue[] = [];
  for (const k of Object.keys(p)) {
    if (PRINCIPAL_KEYS.includes(k)) continue;
    const close = PRINCIPAL_KEYS.find((x) => x.toLowerCase() === k.toLowerCase()) ?? closest(k, PRINCIPAL_KEYS);
    out.push({
      code: "INVALID_PRINCIPAL_KEY",
      path: `${path}.${k}`,
      message: `Principal key ${JSON.stringify(k)} is not one of ${PRINCIPAL_KEYS.join(", ")}${close ? ` — did you mean ${close}?` : "."}`,
    });
  }
  return out;
}

/** Each principal value has the format of its key; wildcards only as a whole `*`. */
export function checkPrincipalValues(s: StatementView): readonly Issue[] {
  const out: Issue[] = [];
  for (const { key, item } of principalItems(s)) {
    const v = item.value;
    if (typeof v !== "string" || hasReference(v) || key === "*") continue;
    const at = (code: Issue["code"], message: string): void => void out.push({ code, path: item.path, message });
    if (key === "AWS") {
      if (v === "*" || /^\d{12}$/.test(v)) continue;
      if (/[*?]/.test(v))
        at("UNSUPPORTED_WILDCARD_IN_PRINCIPAL", `AWS principal ${v} has a wildcard; only "*" alone is allowed.`);
      else if (IAM_PRINCIPAL.test(v)) continue;
      else if (/^\d+$/.test(v))
        at("INVALID_PRINCIPAL_FORMAT", `AWS principal ${v} has ${v.length} digits; an account id has 12.`);
      else
        at(
          "INVALID_PRINCIPAL_FORMAT",
          `AWS principal ${JSON.stringify(v)} is neither an account id nor an IAM user, role or root ARN.`,
        );
    } else if (key === "Service") {
      if (v === "*") continue;
      if (!SERVICE_PRINCIPAL.test(v))
        at(
          "INVALID_SERVICE_PRINCIPAL_FORMAT",
          `Service principal ${JSON.stringify(v)} is not of the form service.amazonaws.com.`,
        );
    } else if (key === "Federated") {
      if (WEB_IDENTITY.has(v) || /^arn:[a-z-]+:iam::\d{12}:(saml-provider|oidc-provider)\/.+$/.test(v)) continue;
      at(
        "INVALID_PRINCIPAL_FORMAT",
        `Federated principal ${JSON.stringify(v)} is neither a SAML/OIDC provider ARN nor a web identity provider.`,
      );
    }
  }
  return out;
}

/** A service principal's service is a service AWS has (`lamda.amazonaws.com` is a typo). */
export function checkServicePrincipalNames(s: StatementView): readonly Issue[] {
  const out: Issue[] = [];
  for (const { key, item } of principalItems(s)) {
    const v = item.value;
    if (key !== "Service" || typeof v !== "string" || !SERVICE_PRINCIPAL.test(v)) continue;
    const label = v.slice(0, v.indexOf("."));
    if (isKnownService(label) || KNOWN_PRINCIPAL_LABELS.has(label) || v.split(".").length > 3) continue;
    const close = closest(label, knownServices());
    if (close && editDistance(close, label, 2) <= 2) {
      out.push({
        code: "UNKNOWN_SERVICE_PRINCIPAL",
        path: item.path,
        message: `Service principal ${v} names no AWS service — did you mean ${close}${v.slice(label.length)}?`,
      });
    }
  }
  return out;
}

type PrincipalKind = "aws" | "service" | "saml" | "oidc" | "any";

function principalKinds(s: StatementView): Set<PrincipalKind> | undefined {
  const kinds = new Set<PrincipalKind>();
  for (const { key, item } of principalItems(s)) {
    const v = item.value;
    if (typeof v !== "string" || hasReference(v)) return undefined;
    if (key === "*" || v === "*") kinds.add("any");
    else if (key === "AWS") kinds.add("aws");
    else if (key === "Service") kinds.add("service");
    else if (key === "Federated") kinds.add(v.includes(":saml-provider/") ? "saml" : "oidc");
    else return undefined;
  }
  return kinds;
}

const FITS: Record<string, readonly PrincipalKind[]> = {
  "sts:assumerole": ["aws", "service", "any"],
  "sts:assumerolewithsaml": ["saml", "any"],
  "sts:assumerolewithwebidentity": ["oidc", "any"],
};

/** In a trust policy each assume action fits some principal of the statement, and each principal some action. */
export function checkTrustActionsFitPrincipals(s: StatementView, p: PolicyView): readonly Issue[] {
  if (p.type !== "trust" || s.actionKey !== "Action" || s.principalKey !== "Principal") return NO_ISSUES;
  const kinds = principalKinds(s);
  if (!kinds || kinds.size === 0 || kinds.has("any")) return NO_ISSUES;
  const actions = s.actions.map((a) => (typeof a.value === "string" ? a.value.toLowerCase() : ""));
  if (actions.some((a) => a.includes("*") || a === "")) return NO_ISSUES;
  const out: Issue[] = [];
  for (const [i, a] of actions.entries()) {
    const fits = FITS[a];
    if (fits && !fits.some((k) => kinds.has(k))) {
      out.push({
        code: "TRUST_ACTION_PRINCIPAL_MISMATCH",
        path: s.actions[i].path,
        message: `${s.actions[i].value as string} cannot be used by the statement's ${[...kinds].join("/")} principal.`,
      });
    }
  }
  const assumes = actions.filter((a) => FITS[a]);
  for (const k of kinds) {
    if (assumes.length > 0 && !assumes.some((a) => FITS[a].includes(k))) {
      out.push({
        code: "TRUST_ACTION_PRINCIPAL_MISMATCH",
        path: `${s.path}.Principal`,
        message: `No action of the statement lets its ${k} principal assume the role.`,
      });
    }
  }
  return out;
}

/** NotPrincipal: with Allow it grants everyone else; with Deny it is easy to get wrong. */
export function checkNotPrincipal(s: StatementView): readonly Issue[] {
  if (s.principalKey !== "NotPrincipal") return NO_ISSUES;
  const path = `${s.path}.NotPrincipal`;
  if (s.effect === "Allow")
    return [
      { code: "ALLOW_WITH_NOT_PRINCIPAL", path, message: "Allow with NotPrincipal grants every principal not listed." },
    ];
  if (s.effect === "Deny")
    return [
      {
        code: "DENY_WITH_NOT_PRINCIPAL",
        path,
        message: "Deny with NotPrincipal: prefer a condition on aws:PrincipalArn.",
      },
    ];
  return NO_ISSUES;
}

/** An Allow to any principal without a condition: an open trust, or a public resource. */
export function checkOpenPrincipal(s: StatementView, p: PolicyView): readonly Issue[] {
  if (p.type === "identity" || s.effect !== "Allow" || s.principalKey !== "Principal" || s.raw.Condition !== undefined)
    return NO_ISSUES;
  const open = principalItems(s).find(({ key, item }) => (key === "*" || key === "AWS") && item.value === "*");
  if (!open) return NO_ISSUES;
  return p.type === "trust"
    ? [{ code: "OPEN_TRUST", path: open.item.path, message: "Any AWS principal may assume this role." }]
    : [
        {
          code: "ANY_PRINCIPAL_WITHOUT_CONDITION",
          path: open.item.path,
          message: "Any principal, including anonymous ones, is allowed.",
        },
      ];
}

/** A role trusted by another account's principal requires sts:ExternalId (or names a role, or an organization). */
export function checkCrossAccountExternalId(s: StatementView, p: PolicyView): readonly Issue[] {
  if (p.type !== "trust" || s.effect !== "Allow" || s.principalKey !== "Principal") return NO_ISSUES;
  const guarded = conditionsOf(s).some((c) =>
    /^(sts:externalid|aws:principalorgid|aws:principalorgpaths|aws:principalarn)$/i.test(c.key),
  );
  if (guarded) return NO_ISSUES;
  const out: Issue[] = [];
  for (const { key, item } of principalItems(s)) {
    const v = item.value;
    if (key !== "AWS" || typeof v !== "string" || hasReference(v)) continue;
    const account = /^\d{12}$/.test(v) ? v : /^arn:[a-z-]+:iam::(\d{12}):root$/.exec(v)?.[1];
    if (!account || account === p.account) continue;
    out.push({
      code: "CROSS_ACCOUNT_WITHOUT_EXTERNAL_ID",
      path: item.path,
      message: `Every principal of account ${account} may assume this role, with no sts:ExternalId condition.`,
    });
  }
  return out;
}
