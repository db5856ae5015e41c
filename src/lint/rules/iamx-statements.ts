/**
 * pulumi-iamx least-privilege rules on Allow statements (identity policies; Allow with
 * NotAction/NotResource in any policy):
 * administrator statements, iam:PassRole on every role, and Allow with NotAction/NotResource.
 */
import { actionCovers, describeStatement, statementsOf } from "../policies";
import { isAllActions, isAllResources, type LintRule, type RuleFinding } from "./rule";

export const ADMIN_ACCESS: LintRule = {
  id: "IAMX-AdminAccess",
  pack: "IAMX",
  level: "error",
  granular: false,
  description: "A policy statement allows every action on every resource (administrator access).",
  help:
    "An Allow of Action '*' on Resource '*' (or with NotResource) is full administrator access. Grant only the " +
    "actions and resources the component needs; if it truly needs administrator access, suppress with a reason.",
  check(resource) {
    const out: RuleFinding[] = [];
    for (const s of statementsOf(resource)) {
      if (s.kind !== "identity" || s.effect !== "Allow") continue;
      if (!(s.actions ?? []).some(isAllActions)) continue;
      if (!(s.resources ?? []).some(isAllResources) && s.notResources === undefined) continue;
      out.push({
        statement: s,
        message: `${describeStatement(s)} allows every action on every resource (administrator access).`,
        fix:
          "Replace '*' with the actions the component uses (e.g. s3:GetObject) and name its resources; " +
          "suppress with a reason only for a deliberate administrator role.",
      });
    }
    return out;
  },
};

/** Every role: `*`, `arn:...:iam::<account>:role/*` or `arn:...:iam::<account>:*`. */
function coversEveryRole(resource: string): boolean {
  return isAllResources(resource) || /:role\/\*$/.test(resource) || /^arn:[^:]*:iam::[^:]*:\*$/.test(resource);
}

export const PASS_ROLE_STAR: LintRule = {
  id: "IAMX-PassRoleStar",
  pack: "IAMX",
  level: "error",
  granular: false,
  description: "A policy statement allows iam:PassRole on every role.",
  help:
    "iam:PassRole on '*' lets the holder hand any role in the account, including administrator roles, to a " +
    "service it controls: a privilege escalation path. Name the roles it may pass and add an " +
    "iam:PassedToService condition.",
  check(resource) {
    const out: RuleFinding[] = [];
    for (const s of statementsOf(resource)) {
      if (s.kind !== "identity" || s.effect !== "Allow") continue;
      // A bare '*' is reported as administrator access instead.
      const via = (s.actions ?? []).find((a) => !isAllActions(a) && actionCovers(a, "iam:PassRole"));
      const on = (s.resources ?? []).find(coversEveryRole);
      if (!via || on === undefined) continue;
      const how = via.toLowerCase() === "iam:passrole" ? "iam:PassRole" : `iam:PassRole (through ${via})`;
      out.push({
        statement: s,
        message: `${describeStatement(s)} allows ${how} on ${on}: the holder can pass any role to a service.`,
        fix:
          "Set Resource to the ARNs of the roles it must pass (iamx: role.grantPassRole(grantee)) and add a " +
          "condition StringEquals iam:PassedToService: <service>.amazonaws.com.",
      });
    }
    return out;
  },
};

export const ALLOW_NOT_ACTION: LintRule = {
  id: "IAMX-AllowNotAction",
  pack: "IAMX",
  level: "error",
  granular: false,
  description: "An Allow statement uses NotAction.",
  help:
    "Allow with NotAction grants every action except those listed, including every action AWS adds later. " +
    "List the allowed actions with Action; express exceptions as a separate Deny statement.",
  check(resource) {
    return statementsOf(resource)
      .filter((s) => s.effect === "Allow" && s.notActions !== undefined)
      .map((s) => ({
        statement: s,
        message: `${describeStatement(s)} allows every action except ${s.notActions!.join(", ")} (Allow with NotAction).`,
        fix: "Use Action with the actions needed; put exceptions in a separate Deny statement.",
      }));
  },
};

export const ALLOW_NOT_RESOURCE: LintRule = {
  id: "IAMX-AllowNotResource",
  pack: "IAMX",
  level: "error",
  granular: false,
  description: "An Allow statement uses NotResource.",
  help:
    "Allow with NotResource grants the actions on every resource except those listed, including resources " +
    "created later and in other accounts. Name the resources with Resource.",
  check(resource) {
    return statementsOf(resource)
      .filter((s) => s.effect === "Allow" && s.notResources !== undefined)
      .map((s) => ({
        statement: s,
        message: `${describeStatement(s)} allows its actions on every resource except ${s.notResources!.join(", ")} (Allow with NotResource).`,
        fix: "Use Resource with the ARNs needed; put exceptions in a separate Deny statement.",
      }));
  },
};
