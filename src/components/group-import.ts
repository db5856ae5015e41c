/**
 * Groups that exist outside the program (`Group.fromGroupArn`, `Group.fromGroupName`). As in
 * CDK, the name is everything after `group/` (path included), statements go to an inline policy
 * named `DefaultPolicy`, and managed policies are not attached (a warning is logged).
 */
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { Aws, aliasValue, concat, describe, toCfnJson, toValue, type Value } from "../core/value";
import { toOutput } from "../render/pulumi/values";
import { splitSlashArn } from "./arn-parse";
import { GroupComponent } from "./identity-component";
import type { IGroup, IManagedPolicy, IdentityRef } from "./interfaces";
import { programAccount } from "../core/environment";

/** How an existing group is named: by ARN, or by name in the account the program deploys to. */
export type GroupImportSpec = { readonly groupArn: pulumi.Input<string> } | { readonly groupName: string };

/** Makes the component standing for an existing group. */
export function importGroup(name: string, spec: GroupImportSpec, opts?: pulumi.ComponentResourceOptions): IGroup {
  return new ImportedGroup(name, spec, opts);
}

/**
 * An existing IAM group, as `Group.fromGroupArn` and `fromGroupName` return it: a component with
 * no cloud resource of its own.
 */
export class ImportedGroup extends GroupComponent {
  /** The group's name. */
  public readonly groupName: pulumi.Output<string>;
  /** The group's ARN. */
  public readonly groupArn: pulumi.Output<string>;
  /** The account in the identity's ARN. */
  public readonly principalAccount: Value;

  protected readonly arnValue: Value;

  constructor(name: string, spec: GroupImportSpec, opts?: pulumi.ComponentResourceOptions) {
    const arn = arnOf(name, spec);
    const parts = splitSlashArn(arn);
    super("ImportedGroup", name, opts, "DefaultPolicy");
    this.arnValue = arn;
    this.principalAccount = parts.account;
    const groupName = parts.resourceName ?? "";
    this.groupArn = aliasValue(toOutput(arn), arn);
    this.groupName = aliasValue(toOutput(groupName), groupName);
    this.registerOutputs({ groupName: this.groupName, groupArn: this.groupArn });
  }

  /**
   * Does nothing, as in CDK: the program does not own the group's policy list. Logs a warning so
   * the dropped policy is visible; attach it with a `ManagedPolicy`'s `groups` instead.
   */
  public addManagedPolicy(policy: IManagedPolicy): void {
    void pulumi.log.warn(
      `${this.displayPath}: managed policies are not attached to imported groups (as in CDK); ` +
        `use the ManagedPolicy's \`groups\` to attach ${describePolicy(policy)}`,
      this,
    );
  }

  /** @internal */
  public _identityRef(): IdentityRef {
    return { kind: "group", name: this.groupName };
  }
}

function describePolicy(policy: IManagedPolicy): string {
  const arn = (policy as Partial<IManagedPolicy> | null)?.managedPolicyArn;
  if (arn == null) return "it";
  const v = toValue(arn, "the managed policy ARN");
  return typeof v === "string" ? v : JSON.stringify(toCfnJson(v));
}

function arnOf(name: string, spec: GroupImportSpec): Value {
  if (typeof spec === "object" && spec !== null && "groupName" in spec) {
    const groupName = spec.groupName;
    if (typeof groupName !== "string" || groupName.length === 0) {
      throw new ValidationError(
        "InvalidGroupName",
        `Group.fromGroupName needs a non-empty group name, got ${describe(groupName)}`,
        name,
      );
    }
    return concat("arn:", Aws.PARTITION, ":iam::", programAccount(), `:group/${groupName}`);
  }
  const input = (spec as { groupArn?: unknown } | null)?.groupArn;
  if (typeof input !== "string" && (typeof input !== "object" || input === null)) {
    throw new ValidationError(
      "InvalidGroupArn",
      `Group.fromGroupArn needs the group's ARN as a string or a Pulumi input, got ${describe(input)}`,
      name,
    );
  }
  return toValue(input, "the group ARN");
}
