/**
 * What happens to a resource when the program stops managing it (CDK's `RemovalPolicy`). Pulumi
 * has one switch, `retainOnDelete`, which covers both deletion and the deletion of a replaced
 * resource; CloudFormation has `DeletionPolicy` and `UpdateReplacePolicy`, written as CDK writes them.
 */
import { ValidationError } from "../core/errors";
import { describe } from "../core/value";

/** What happens to a resource when it is removed from the program or replaced (CDK's `RemovalPolicy`). */
export enum RemovalPolicy {
  /** Deleted (the default for IAM resources). CloudFormation: `Delete` / `Delete`. */
  DESTROY = "destroy",
  /** Left in the account, unmanaged. Pulumi: `retainOnDelete`. CloudFormation: `Retain` / `Retain`. */
  RETAIN = "retain",
  /**
   * Not supported by IAM resources (CloudFormation rejects `Snapshot` for them), so refused with a
   * clear error. CDK writes it and warns.
   */
  SNAPSHOT = "snapshot",
  /**
   * Kept on update and delete, but deleted if its creation fails. Pulumi: `retainOnDelete`.
   * CloudFormation: `DeletionPolicy: RetainExceptOnCreate`, `UpdateReplacePolicy: Retain`.
   */
  RETAIN_ON_UPDATE_OR_DELETE = "retain-on-update-or-delete",
}

/** The CloudFormation attributes a removal policy sets. */
export interface CfnRemovalAttributes {
  readonly deletionPolicy: string;
  readonly updateReplacePolicy: string;
}

const CFN: Record<string, CfnRemovalAttributes> = {
  [RemovalPolicy.DESTROY]: { deletionPolicy: "Delete", updateReplacePolicy: "Delete" },
  [RemovalPolicy.RETAIN]: { deletionPolicy: "Retain", updateReplacePolicy: "Retain" },
  [RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE]: { deletionPolicy: "RetainExceptOnCreate", updateReplacePolicy: "Retain" },
};

/** Checks a removal policy given by a program; returns its CloudFormation attributes. */
export function checkRemovalPolicy(policy: unknown, where: string): CfnRemovalAttributes {
  if (policy === RemovalPolicy.SNAPSHOT) {
    throw new ValidationError(
      "RemovalPolicySnapshotNotSupported",
      `RemovalPolicy.SNAPSHOT is not supported by IAM resources (CloudFormation rejects it); ` +
        "use RemovalPolicy.RETAIN or RemovalPolicy.DESTROY.",
      where,
    );
  }
  const attributes = typeof policy === "string" ? CFN[policy] : undefined;
  if (!attributes) {
    throw new ValidationError(
      "InvalidRemovalPolicy",
      `Expected a RemovalPolicy (DESTROY, RETAIN or RETAIN_ON_UPDATE_OR_DELETE), got ${describe(policy)}`,
      where,
    );
  }
  return attributes;
}

/** Whether Pulumi should leave the resource in the account (`retainOnDelete`). */
export function retainsOnDelete(policy: RemovalPolicy): boolean {
  return policy !== RemovalPolicy.DESTROY;
}
