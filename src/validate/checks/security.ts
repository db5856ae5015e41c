/** Security warnings on what an Allow statement grants. */
import type { Issue, PolicyView, StatementView } from "../model";
import { NO_ISSUES } from "../model";

function lower(v: unknown): string | undefined {
  return typeof v === "string" ? v.toLowerCase() : undefined;
}

function grantsEveryResource(s: StatementView): boolean {
  return s.resourceKey === "NotResource" || s.resources.some((r) => r.value === "*");
}

function coversPassRole(action: string): boolean {
  const re = new RegExp(
    `^${action
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return re.test("iam:PassRole");
}

/** iam:PassRole granted on every role (explicitly, or through a wildcard action). */
export function checkPassRoleStar(s: StatementView, p: PolicyView): readonly Issue[] {
  if (p.type === "trust" || s.effect !== "Allow" || s.actionKey !== "Action" || !grantsEveryResource(s))
    return NO_ISSUES;
  for (const item of s.actions) {
    const a = lower(item.value);
    if (a === "iam:passrole") {
      return [
        {
          code: "PASS_ROLE_WITH_STAR_IN_RESOURCE",
          path: item.path,
          message: 'iam:PassRole is granted on every role ("*").',
        },
      ];
    }
  }
  for (const item of s.actions) {
    const a = lower(item.value);
    if (a && a.includes("*") && coversPassRole(a)) {
      return [
        {
          code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
          path: item.path,
          message: `${item.value as string} on "*" includes iam:PassRole on every role.`,
        },
      ];
    }
  }
  return NO_ISSUES;
}

/** NotAction or NotResource with Allow. */
export function checkAllowWithNot(s: StatementView): readonly Issue[] {
  if (s.effect !== "Allow") return NO_ISSUES;
  const out: Issue[] = [];
  if (s.actionKey === "NotAction")
    out.push({
      code: "ALLOW_WITH_NOT_ACTION",
      path: `${s.path}.NotAction`,
      message: "Allow with NotAction grants every action not listed.",
    });
  if (s.resourceKey === "NotResource")
    out.push({
      code: "ALLOW_WITH_NOT_RESOURCE",
      path: `${s.path}.NotResource`,
      message: "Allow with NotResource grants every resource not listed.",
    });
  return out;
}

const SENSITIVE = ["iam", "sts", "kms", "organizations", "secretsmanager", "account"];

/**
 * A wildcard action on a sensitive service (or `*`) on every resource. Identity policies only: in a
 * resource policy `"Resource": "*"` is the resource holding it (a key policy's `kms:*` for the
 * account is KMS's own default).
 */
export function checkSensitiveWildcards(s: StatementView, p: PolicyView): readonly Issue[] {
  if (p.type !== "identity" || s.effect !== "Allow" || s.actionKey !== "Action" || !grantsEveryResource(s))
    return NO_ISSUES;
  const out: Issue[] = [];
  for (const item of s.actions) {
    const a = lower(item.value);
    if (!a) continue;
    const service = a === "*" ? "*" : a.slice(0, a.indexOf(":"));
    const name = a.slice(a.indexOf(":") + 1);
    if (a === "*" || (SENSITIVE.includes(service) && name === "*")) {
      out.push({
        code: "WILDCARD_ON_SENSITIVE_SERVICE",
        path: item.path,
        message:
          a === "*"
            ? `"*" grants every action of ${SENSITIVE.join(", ")} on every resource.`
            : `${item.value as string} grants every ${service} action on every resource.`,
      });
    }
  }
  return out;
}
