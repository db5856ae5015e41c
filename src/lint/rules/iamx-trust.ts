/**
 * pulumi-iamx rules on role trust policies (`AssumeRolePolicyDocument`, Allow statements):
 * anyone may assume the role, another account may assume it without an external id, and an OIDC
 * provider's identities may assume it without a condition on the token's `sub` claim.
 */
import { asList, flatten, isJsonObject, referencedLogicalId } from "../intrinsics";
import {
  actionCovers,
  conditionEntries,
  describeStatement,
  statementsOf,
  type LintContext,
  type StatementView,
} from "../policies";
import type { LintRule, RuleFinding } from "./rule";

/** The raw values of one principal type (`AWS`, `Federated`, ...) of a statement. */
function principalValues(s: StatementView, type: string): unknown[] {
  const p = s.principal;
  if (!isJsonObject(p)) return [];
  return asList(p[type]);
}

function isAnyPrincipal(s: StatementView): boolean {
  if (s.principal === "*") return true;
  return principalValues(s, "AWS").some((v) => v === "*");
}

function hasConditions(s: StatementView): boolean {
  return conditionEntries(s).length > 0;
}

function trustStatements(resource: Parameters<LintRule["check"]>[0]): StatementView[] {
  return statementsOf(resource).filter((s) => s.kind === "trust" && s.effect === "Allow");
}

function allowsAction(s: StatementView, action: string): boolean {
  if (s.actions === undefined) return s.notActions !== undefined; // NotAction: everything but
  return s.actions.some((a) => actionCovers(a, action));
}

export const TRUST_ANY_PRINCIPAL: LintRule = {
  id: "IAMX-TrustAnyPrincipal",
  pack: "IAMX",
  level: "error",
  granular: false,
  description: "A role's trust policy lets any principal assume it, with no condition.",
  help:
    "Principal '*' without conditions lets every AWS account assume the role. Trust a specific account, role " +
    "or service, or restrict with conditions such as aws:PrincipalOrgID or sts:ExternalId.",
  check(resource) {
    return trustStatements(resource)
      .filter((s) => isAnyPrincipal(s) && !hasConditions(s))
      .map((s) => ({
        statement: s,
        message: `${describeStatement(s)} lets any AWS principal assume ${resource.component}, with no condition.`,
        fix:
          "Trust a specific principal (new AccountPrincipal(id), new ServicePrincipal(...)) or add a condition, " +
          "e.g. StringEquals aws:PrincipalOrgID: o-xxxxxxxxxx.",
      }));
  },
};

/** The account a principal value names, `"self"` for this account, undefined when unknown. */
function accountOf(value: unknown, context: LintContext): string | undefined {
  if (
    referencedLogicalId(value) !== undefined &&
    context.resources.some((r) => r.logicalId === referencedLogicalId(value))
  ) {
    return "self";
  }
  const flat = flatten(value);
  if (flat.includes("<AWS::AccountId>")) return "self";
  if (/^\d{12}$/.test(flat)) return flat;
  // Intrinsics flatten to `<AWS::Partition>`; their colons must not split ARN fields.
  const m = /^arn:[^:]*:(?:iam|sts)::(\d{12}):/.exec(flat.replace(/<[^>]*>/g, "x"));
  return m ? m[1] : undefined;
}

export const CROSS_ACCOUNT_NO_EXTERNAL_ID: LintRule = {
  id: "IAMX-CrossAccountTrustWithoutExternalId",
  pack: "IAMX",
  level: "warning",
  granular: false,
  description: "A role's trust policy lets another account assume it without an sts:ExternalId condition.",
  help:
    "A role assumed by a third party's account should require an external id, so the third party cannot be " +
    "tricked into using it for someone else (the confused deputy problem). Roles trusted by your own accounts " +
    "can be suppressed, or pass the deploy account to the lint.",
  check(resource, context) {
    const out: RuleFinding[] = [];
    for (const s of trustStatements(resource)) {
      if (!allowsAction(s, "sts:AssumeRole")) continue;
      if (conditionEntries(s).some((c) => c.key === "sts:externalid")) continue;
      const others = new Set<string>();
      for (const v of principalValues(s, "AWS")) {
        const account = accountOf(v, context);
        if (account !== undefined && account !== "self" && account !== context.accountId) others.add(account);
      }
      if (others.size === 0) continue;
      const accounts = [...others].join(", ");
      out.push({
        statement: s,
        message: `${describeStatement(s)} lets account ${accounts} assume ${resource.component} without an sts:ExternalId condition.`,
        fix:
          "Require an external id: Role externalIds: ['<id>'], or add the condition StringEquals sts:ExternalId; " +
          "if the account is one of yours, pass it as the lint's accountId or suppress with a reason.",
      });
    }
    return out;
  },
};

const OIDC_PROVIDER_TYPES = new Set(["AWS::IAM::OIDCProvider", "Custom::AWSCDKOpenIdConnectProvider"]);

function isOidcProvider(value: unknown, s: StatementView, context: LintContext): boolean {
  const id = referencedLogicalId(value);
  if (id !== undefined) {
    const target = context.resources.find((r) => r.logicalId === id);
    if (target) return OIDC_PROVIDER_TYPES.has(target.type);
  }
  const flat = flatten(value);
  if (flat.includes(":oidc-provider/")) return true;
  if (flat.includes(":saml-provider/") || flat === "cognito-identity.amazonaws.com") return false;
  return allowsAction(s, "sts:AssumeRoleWithWebIdentity");
}

/** A condition on a `...:sub` key whose values are not all `*`. */
function restrictsSub(s: StatementView): boolean {
  return conditionEntries(s).some((c) => c.key.endsWith(":sub") && !asList(c.value).every((v) => v === "*"));
}

export const OIDC_TRUST_NO_SUB: LintRule = {
  id: "IAMX-OidcTrustWithoutSub",
  pack: "IAMX",
  level: "error",
  granular: false,
  description: "A role's trust policy lets an OIDC provider's identities assume it without a sub condition.",
  help:
    "Without a condition on the token's sub claim, every identity the provider issues tokens to can assume " +
    "the role (for GitHub Actions: every repository on GitHub). Add a StringEquals/StringLike condition on " +
    "<provider>:sub.",
  check(resource, context) {
    const out: RuleFinding[] = [];
    for (const s of trustStatements(resource)) {
      const providers = principalValues(s, "Federated").filter((v) => isOidcProvider(v, s, context));
      if (providers.length === 0 || restrictsSub(s)) continue;
      out.push({
        statement: s,
        message: `${describeStatement(s)} lets any identity of the OIDC provider ${providers.map(flatten).join(", ")} assume ${resource.component}: no condition on the sub claim.`,
        fix:
          "Add a condition on the sub claim, e.g. StringLike token.actions.githubusercontent.com:sub: " +
          "repo:my-org/my-repo:ref:refs/heads/main (iamx: new WebIdentityPrincipal(arn, conditions) or " +
          "OpenIdConnectPrincipal(provider, conditions)).",
      });
    }
    return out;
  },
};
