/**
 * cdk-nag's AwsSolutions IAM rules, reimplemented over template JSON by walking statements.
 * IAM4: roles, users and groups do not use AWS managed policies (`ManagedPolicyArns` entries
 * containing `:iam::aws:`), one finding per policy, `Policy::<arn>`.
 * IAM5: Allow statements of identity policies have no wildcard: one finding per distinct action
 * containing `*` (`Action::<action>`) and per distinct resource containing `*` (`Resource::<arn>`),
 * per resource, as cdk-nag. Deny statements and NotAction/NotResource are not inspected here (the
 * IAMX rules cover NotAction/NotResource).
 */
import { asList, flatten } from "../intrinsics";
import { IDENTITY_HOLDERS, describeStatement, statementsOf, type StatementView } from "../policies";
import type { LintRule, RuleFinding } from "./rule";

export const IAM4: LintRule = {
  id: "AwsSolutions-IAM4",
  pack: "AwsSolutions",
  level: "error",
  granular: true,
  description: "The IAM user, role, or group uses AWS managed policies.",
  help:
    "AWS managed policies are written for every customer and many do not restrict resources. Replace them with " +
    "customer managed policies or grants scoped to what the component needs, or suppress with " +
    "appliesTo: ['Policy::<arn>'] and a reason.",
  check(resource) {
    if (!IDENTITY_HOLDERS.has(resource.type)) return [];
    const out: RuleFinding[] = [];
    const seen = new Set<string>();
    asList(resource.properties.ManagedPolicyArns).forEach((arn, i) => {
      const flat = flatten(arn);
      if (!flat.includes(":iam::aws:") || seen.has(flat)) return;
      seen.add(flat);
      out.push({
        findingId: `Policy::${flat}`,
        location: `ManagedPolicyArns[${i}]`,
        message: `${resource.component} uses the AWS managed policy ${flat}.`,
        fix:
          "Replace it with a customer managed policy or grants that name only the actions and resources needed; " +
          `to keep it, suppress with appliesTo: ['Policy::${flat}'] and a reason.`,
      });
    });
    return out;
  },
};

export const IAM5: LintRule = {
  id: "AwsSolutions-IAM5",
  pack: "AwsSolutions",
  level: "error",
  granular: true,
  description: "The IAM entity contains wildcard permissions without a suppression giving evidence for them.",
  help:
    "Wildcard actions grant actions added to the service later; wildcard resources grant every resource. Name " +
    "the actions and resources, or suppress each wildcard with appliesTo: ['Action::s3:Get*'] / " +
    "['Resource::arn:...'] and a reason giving the evidence.",
  check(resource) {
    const first = new Map<string, { statement: StatementView; kind: "Action" | "Resource"; value: string }>();
    const where = new Map<string, Set<string>>();
    for (const s of statementsOf(resource)) {
      if (s.kind !== "identity" || s.effect !== "Allow") continue;
      const note = (kind: "Action" | "Resource", value: string) => {
        const id = `${kind}::${value}`;
        if (!first.has(id)) first.set(id, { statement: s, kind, value });
        where.set(id, (where.get(id) ?? new Set()).add(s.location));
      };
      for (const a of s.actions ?? []) if (a.includes("*")) note("Action", a);
      for (const r of s.resources ?? []) if (r.includes("*")) note("Resource", r);
    }
    return [...first].map(([findingId, { statement, kind, value }]) => {
      const count = where.get(findingId)!.size;
      const also = count > 1 ? ` (and ${count - 1} more statement${count > 2 ? "s" : ""})` : "";
      return {
        findingId,
        statement,
        message:
          kind === "Action"
            ? `${describeStatement(statement)}${also} allows the wildcard action ${value}.`
            : `${describeStatement(statement)}${also} allows actions on the wildcard resource ${value}.`,
        fix:
          (kind === "Action"
            ? "List the exact actions needed instead of the wildcard"
            : "Name the specific resource ARNs instead of the wildcard") +
          `; if the wildcard is intended, suppress with appliesTo: ['${findingId}'] and a reason giving the evidence.`,
      };
    });
  },
};
