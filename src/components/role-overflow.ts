/**
 * Overflow policies: when a role's default policy outgrows what IAM allows inline, CDK moves the
 * statements that do not fit into managed policies `OverflowPolicy1`, `OverflowPolicy2`...
 * attached to the role from the policy's side. Those construct ids (and so the CloudFormation
 * logical ids) are CDK's; the Pulumi names follow the statements (`<role>-overflow-policy-<hash>`). Runs once, while the program's policies are
 * being finalized (CDK: an aspect at synthesis), with CDK's size estimates and budgets.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "../core/statement";
import { MAX_INLINE_POLICY_SIZE, MAX_MANAGED_POLICY_SIZE, splitDocument } from "../core/split";
import { withConstructId } from "./base";
import { claimChildName, structureText } from "./child-names";
import { ManagedPolicy } from "./managed-policy";
import type { Policy } from "./policy";
import type { Role } from "./role";
import { recordWarning } from "./warnings";

/**
 * Splits `policy` (the role's default policy) in place and makes the overflow managed policies.
 * `mark(statement, holder)` is told which component ends up holding each statement as added.
 */
export function splitRoleDefaultPolicy(
  role: Role,
  policy: Policy,
  managedPolicyCount: number,
  mark: (original: PolicyStatement, holder: object) => void,
): ManagedPolicy[] {
  const split = splitDocument(policy.document, MAX_INLINE_POLICY_SIZE, MAX_MANAGED_POLICY_SIZE);
  const count = managedPolicyCount + split.size - 1;
  if (count > 20) {
    recordWarning(
      role,
      "@aws-cdk/aws-iam:rolePolicyTooLarge",
      `Policy too large: ${count} exceeds the maximum of 20 managed policies attached to a Role`,
    );
  } else if (count > 10) {
    recordWarning(
      role,
      "@aws-cdk/aws-iam:rolePolicyLarge",
      `Policy large: ${count} exceeds 10 managed policies attached to a Role, this requires a quota increase`,
    );
  }
  const made: ManagedPolicy[] = [];
  let i = 1;
  for (const [doc, originals] of split) {
    let holder: object = policy;
    if (doc !== policy.document) {
      const mp = new ManagedPolicy(
        overflowPolicyName(role, originals),
        { description: `Part of the policies for ${stackPath(role)}`, document: doc, roles: [role] },
        withConstructId({ parent: role }, `OverflowPolicy${i}`),
      );
      i++;
      made.push(mp);
      holder = mp;
    }
    for (const s of originals) mark(s, holder);
  }
  return made;
}

/**
 * An overflow policy is named after the first statement (as added) it holds, not its number:
 * statements added after it, or removed from policies before it, leave its name as is as long
 * as CDK's split keeps that statement first in it (docs/naming.md).
 */
function overflowPolicyName(role: Role, originals: readonly PolicyStatement[]): string {
  const first = originals[0];
  const text = first ? structureText(first.toStatementJson()) : "";
  return claimChildName(role, "overflow-policy", { text, label: "" }, "the split of the default policy");
}

/** CDK's construct path starts with the stack; the Pulumi stack name plays that part here. */
function stackPath(role: Role): string {
  return [pulumi.getStack(), ...role.constructPath].join("/");
}
