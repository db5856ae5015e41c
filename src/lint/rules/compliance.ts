/**
 * cdk-nag's compliance-pack IAM rules (HIPAA.Security, NIST.800.53.R4/R5, PCI.DSS.321), opt-in.
 * Each rule is reported as `<pack>-<RuleName>` for every pack that includes it, as cdk-nag does.
 * Where cdk-nag matches regular expressions over the policy JSON, these walk the statements.
 */
import { asList, flatten, referencedLogicalId } from "../intrinsics";
import { IDENTITY_HOLDERS, POLICY_TYPES, describeStatement, statementsOf, type LintResource } from "../policies";
import { isAllActions, isAllResources, type LintRule, type RuleFinding } from "./rule";

type Check = LintRule["check"];

interface ComplianceRule {
  readonly name: string;
  readonly packs: readonly string[];
  readonly description: string;
  readonly help: string;
  readonly check: Check;
}

const HIPAA = "HIPAA.Security";
const NIST4 = "NIST.800.53.R4";
const NIST5 = "NIST.800.53.R5";
const PCI = "PCI.DSS.321";

/** The types cdk-nag's admin/full-access rules look at (users' inline policies are not among them). */
const ACCESS_RULE_TYPES = new Set(["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Group", "AWS::IAM::Role"]);

function identityAllows(resource: LintResource) {
  if (!ACCESS_RULE_TYPES.has(resource.type)) return [];
  return statementsOf(resource).filter((s) => s.kind === "identity" && s.effect === "Allow");
}

const RULES: ComplianceRule[] = [
  {
    name: "IAMGroupHasUsers",
    packs: [HIPAA, NIST4, PCI],
    description: "The IAM Group does not have at least one IAM User.",
    help: "Put users in groups by job function, or remove groups nobody belongs to.",
    check(resource, context) {
      if (resource.type !== "AWS::IAM::Group") return [];
      const name = typeof resource.properties.GroupName === "string" ? resource.properties.GroupName : undefined;
      const names = (x: unknown) =>
        referencedLogicalId(x) === resource.logicalId || (name !== undefined && flatten(x) === name);
      const member = context.resources.some(
        (r) =>
          (r.type === "AWS::IAM::User" && asList(r.properties.Groups).some(names)) ||
          (r.type === "AWS::IAM::UserToGroupAddition" && names(r.properties.GroupName)),
      );
      return member
        ? []
        : [
            {
              message: `The group ${resource.component} has no user.`,
              fix: "Add a user to the group (group.addUser(user)) or remove the group.",
            },
          ];
    },
  },
  {
    name: "IAMNoInlinePolicy",
    packs: [HIPAA, NIST4, NIST5, PCI],
    description: "The IAM Group, User, or Role contains an inline policy.",
    help: "Managed policies can be reused, versioned and rolled back; prefer them to inline policies.",
    check(resource) {
      const inline =
        resource.type === "AWS::IAM::Policy" ||
        (IDENTITY_HOLDERS.has(resource.type) && resource.properties.Policies !== undefined);
      return inline
        ? [
            {
              location: resource.type === "AWS::IAM::Policy" ? undefined : "Policies",
              message: `${resource.component} (${resource.type}) is or contains an inline policy.`,
              fix: "Use a ManagedPolicy (new ManagedPolicy(...), attached to the identity) instead of an inline policy.",
            },
          ]
        : [];
    },
  },
  {
    name: "IAMPolicyNoStatementsWithAdminAccess",
    packs: [HIPAA, NIST4, NIST5, PCI],
    description: "The IAM policy grants admin access: all actions on all resources.",
    help: "Restrict policies from allowing Action '*' over Resource '*'.",
    check(resource) {
      return identityAllows(resource)
        .filter((s) => (s.actions ?? []).some(isAllActions) && (s.resources ?? []).some(isAllResources))
        .map((s) => ({
          statement: s,
          message: `${describeStatement(s)} allows all actions on all resources.`,
          fix: "Grant only the actions and resources needed.",
        }));
    },
  },
  {
    name: "IAMPolicyNoStatementsWithFullAccess",
    packs: [HIPAA, NIST5, PCI],
    description: "The IAM policy grants full access: all actions of a service.",
    help: "Restrict actions to those needed instead of '*' or '<service>:*'.",
    check(resource) {
      const out: RuleFinding[] = [];
      for (const s of identityAllows(resource)) {
        const full = (s.actions ?? []).find((a) => isAllActions(a) || /^[A-Za-z0-9-]+:\*$/.test(a));
        if (full !== undefined) {
          out.push({
            statement: s,
            message: `${describeStatement(s)} allows ${full}, every action of ${full === "*" ? "every service" : "the service"}.`,
            fix: `Replace ${full} with the actions needed.`,
          });
        }
      }
      return out;
    },
  },
  {
    name: "IAMUserGroupMembership",
    packs: [HIPAA, NIST4, NIST5, PCI],
    description: "The IAM user does not belong to any group(s).",
    help: "Give users permissions through groups.",
    check(resource) {
      return resource.type === "AWS::IAM::User" && resource.properties.Groups === undefined
        ? [
            {
              message: `The user ${resource.component} belongs to no group.`,
              fix: "Add the user to a group (user.addToGroup(group)).",
            },
          ]
        : [];
    },
  },
  {
    name: "IAMUserNoPolicies",
    packs: [HIPAA, NIST4, NIST5, PCI],
    description: "The IAM policy is attached at the user level.",
    help: "Attach policies to groups or roles, not to users.",
    check(resource) {
      const atUser =
        (POLICY_TYPES.has(resource.type) && resource.properties.Users !== undefined) ||
        (resource.type === "AWS::IAM::User" &&
          (resource.properties.Policies !== undefined || resource.properties.ManagedPolicyArns !== undefined));
      return atUser
        ? [
            {
              message: `${resource.component} attaches a policy directly to a user.`,
              fix: "Attach the policy to a group the user belongs to instead.",
            },
          ]
        : [];
    },
  },
];

/** Every compliance rule, once per pack that includes it. */
export const COMPLIANCE_RULES: LintRule[] = RULES.flatMap((r) =>
  r.packs.map((pack) => ({
    id: `${pack}-${r.name}`,
    pack,
    level: "error" as const,
    granular: false,
    description: r.description,
    help: r.help,
    check: r.check,
  })),
);
