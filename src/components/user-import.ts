/**
 * Users that exist outside the program (`User.fromUserName`, `fromUserArn`, `fromUserAttributes`).
 * They follow CDK's imported user: statements go to an inline policy named `Policy`, joining a
 * group makes a separate membership (`AWS::IAM::UserToGroupAddition`, Pulumi
 * `aws.iam.UserGroupMembership`), and managed policies cannot be attached.
 */
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { ValidationError } from "../core/errors";
import { Aws, aliasValue, concat, describe, toValue, type Value } from "../core/value";
import { CfnResource, programModel } from "../render/cloudformation/model";
import { toOutput } from "../render/pulumi/values";
import { extractResourceName, lastSegment, splitSlashArn } from "./arn-parse";
import { childName, claimChildName, principalIdentity } from "./child-names";
import { checkGroup } from "./identity-checks";
import { UserComponent } from "./identity-component";
import type { IGroup, IManagedPolicy, IUser, IdentityRef } from "./interfaces";
import { programAccount } from "../core/environment";

/** Attributes of an imported user (CDK's `UserAttributes`). */
export interface UserAttributes {
  /** The user's ARN (`arn:aws:iam::123456789012:user/path/name`). */
  readonly userArn: pulumi.Input<string>;
}

/** How an existing user is named: by ARN, or by name in the account the program deploys to. */
export type UserImportSpec = UserAttributes | { readonly userName: string };

/** Makes the component standing for an existing user. */
export function importUser(name: string, spec: UserImportSpec, opts?: pulumi.ComponentResourceOptions): IUser {
  return new ImportedUser(name, spec, opts);
}

/**
 * An existing IAM user, as `User.fromUserName`, `fromUserArn` and `fromUserAttributes` return it:
 * a component with no cloud resource of its own.
 */
export class ImportedUser extends UserComponent {
  /** The user's name. */
  public readonly userName: pulumi.Output<string>;
  /** The user's ARN. */
  public readonly userArn: pulumi.Output<string>;
  /** The account in the identity's ARN. */
  public readonly principalAccount: Value;

  protected readonly arnValue: Value;
  private readonly nameValue: Value;
  private groupCount = 0;
  private readonly memberships = new Map<string, iam.UserGroupMembership>();

  constructor(name: string, spec: UserImportSpec, opts?: pulumi.ComponentResourceOptions) {
    const { arn, userName } = parseSpec(name, spec);
    // CDK names an imported user's default policy `Policy`, not `DefaultPolicy`.
    super("ImportedUser", name, opts, "Policy");
    this.arnValue = arn;
    this.nameValue = userName;
    this.principalAccount = splitSlashArn(arn).account;
    this.userArn = aliasValue(toOutput(arn), arn);
    this.userName = aliasValue(toOutput(userName), userName);
    this.registerOutputs({ userName: this.userName, userArn: this.userArn });
  }

  /**
   * Adds the user to a group (Pulumi: one `aws.iam.UserGroupMembership` per group, named after it,
   * `<name>-group-<group>-<hash>` (docs/naming.md); CloudFormation: each call a new
   * `AWS::IAM::UserToGroupAddition` `<userName>Group<n>` at the top of the template, as CDK).
   * When the user name is only known at deployment (an ARN from a Pulumi output), the logical id
   * uses this component's name instead (CDK cannot build that case at all).
   */
  public addToGroup(group: IGroup): void {
    this.assertNotFinalized("addToGroup");
    checkGroup(group, "addToGroup", this.displayPath);
    const n = this.groupCount++;
    const idBase = typeof this.nameValue === "string" ? this.nameValue : this.componentName;
    const groupName = toValue(group.groupName);
    const userName = this.nameValue;
    // One Pulumi membership per group, named after it: deleting a second membership of the same
    // group would take the user out of it.
    const identity = principalIdentity(toValue(group.groupArn, "the group ARN"), group, "group", this.displayPath);
    const key = childName(this.componentName, "group", identity);
    let membership = this.memberships.get(key);
    if (!membership) {
      membership = new iam.UserGroupMembership(
        claimChildName(this, "group", identity, "addToGroup"),
        { user: this.userName, groups: [group.groupName] },
        { parent: this },
      );
      this.memberships.set(key, membership);
    }
    const made = membership;
    programModel().add(
      new CfnResource({
        type: "AWS::IAM::UserToGroupAddition",
        path: [`${idBase}Group${n}`],
        properties: () => ({ GroupName: groupName, Users: [userName] }),
        attributes: { Ref: () => made.id },
      }),
    );
  }

  /** Imported users cannot take managed policies (CDK's error). */
  public addManagedPolicy(_policy: IManagedPolicy): void {
    throw new ValidationError(
      "CannotAddManagedPolicyImported",
      "Cannot add managed policy to imported User",
      this.displayPath,
    );
  }

  /** @internal */
  public _identityRef(): IdentityRef {
    return { kind: "user", name: this.userName };
  }
}

function parseSpec(name: string, spec: UserImportSpec): { arn: Value; userName: Value } {
  if (typeof spec !== "object" || spec === null) {
    throw new ValidationError(
      "InvalidUserAttributes",
      `User.fromUserAttributes needs a \`userArn\`, got ${describe(spec)}`,
      name,
    );
  }
  if ("userName" in spec) {
    const userName = spec.userName;
    if (typeof userName !== "string" || userName.length === 0) {
      throw new ValidationError(
        "InvalidUserName",
        `User.fromUserName needs a non-empty user name, got ${describe(userName)}`,
        name,
      );
    }
    const arn = concat("arn:", Aws.PARTITION, ":iam::", programAccount(), `:user/${userName}`);
    return { arn, userName: lastSegment(userName) };
  }
  const input = spec.userArn as unknown;
  if (typeof input !== "string" && (typeof input !== "object" || input === null)) {
    throw new ValidationError(
      "InvalidUserArn",
      `An imported user needs its ARN as a string or a Pulumi input, got ${describe(input)}`,
      name,
    );
  }
  const arn = toValue(input, "the user ARN");
  return { arn, userName: lastSegment(extractResourceName(arn, "user")) };
}
