/**
 * The managed policies of a user or group made in this program. CloudFormation lists every policy
 * object, as CDK does; Pulumi attaches each ARN once, since two attachments of one ARN would
 * detach it when either is deleted. (Role keeps its own list: it records one policy per ARN.)
 */
import type * as pulumi from "@pulumi/pulumi";
import { toValue, valueKey, type Value } from "../core/value";
import { claimChildName, managedPolicyIdentity, type ChildOwner } from "./child-names";
import type { IManagedPolicy } from "./interfaces";

export class IdentityManagedPolicies {
  private readonly policies: IManagedPolicy[] = [];
  private readonly attachedArns = new Set<string>();

  /**
   * @param owner the user or group, whose children the attachments are
   * @param attach makes the Pulumi attachment of an ARN not attached before, called `name`
   *   (`<owner>-attach-<policy>-<hash>`, after the ARN: see docs/naming.md)
   */
  constructor(
    private readonly owner: ChildOwner,
    private readonly attach: (policyArn: pulumi.Output<string>, name: string) => void,
  ) {}

  /** How many policy objects were added. */
  public get count(): number {
    return this.policies.length;
  }

  /** Records `policy` (the same object twice counts once); returns whether its ARN was attached now. */
  public add(policy: IManagedPolicy): boolean {
    if (this.policies.includes(policy)) return false;
    const arn = toValue(policy.managedPolicyArn, "the managed policy ARN");
    const key = valueKey(arn);
    if (this.attachedArns.has(key)) {
      this.policies.push(policy);
      return false;
    }
    const name = claimChildName(
      this.owner,
      "attach",
      managedPolicyIdentity(arn, this.owner.displayPath),
      "addManagedPolicy",
    );
    this.policies.push(policy);
    this.attachedArns.add(key);
    this.attach(policy.managedPolicyArn, name);
    return true;
  }

  /** CloudFormation's `ManagedPolicyArns`: one entry per policy object; undefined when there is none. */
  public cfnArns(): Value[] | undefined {
    return this.policies.length > 0 ? this.policies.map((p) => toValue(p.managedPolicyArn)) : undefined;
  }
}
