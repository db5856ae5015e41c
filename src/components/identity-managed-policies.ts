/**
 * The managed policies of a user or group made in this program. CloudFormation lists every policy
 * object, as CDK does; Pulumi attaches each ARN once, since two attachments of one ARN would
 * detach it when either is deleted. (Role keeps its own list: it records one policy per ARN.)
 */
import type * as pulumi from "@pulumi/pulumi";
import { toValue, valueKey, type Value } from "../core/value";
import type { IManagedPolicy } from "./interfaces";

export class IdentityManagedPolicies {
  private readonly policies: IManagedPolicy[] = [];
  private readonly attachedArns = new Set<string>();

  /**
   * @param attach makes the Pulumi attachment of an ARN not attached before; `index` counts the
   *   attachments from 0 (the `<name>-attach-<index>` children)
   */
  constructor(private readonly attach: (policyArn: pulumi.Output<string>, index: number) => void) {}

  /** How many policy objects were added. */
  public get count(): number {
    return this.policies.length;
  }

  /** Records `policy` (the same object twice counts once); returns whether its ARN was attached now. */
  public add(policy: IManagedPolicy): boolean {
    if (this.policies.includes(policy)) return false;
    this.policies.push(policy);
    const key = valueKey(toValue(policy.managedPolicyArn, "the managed policy ARN"));
    if (this.attachedArns.has(key)) return false;
    this.attachedArns.add(key);
    this.attach(policy.managedPolicyArn, this.attachedArns.size - 1);
    return true;
  }

  /** CloudFormation's `ManagedPolicyArns`: one entry per policy object; undefined when there is none. */
  public cfnArns(): Value[] | undefined {
    return this.policies.length > 0 ? this.policies.map((p) => toValue(p.managedPolicyArn)) : undefined;
  }
}
