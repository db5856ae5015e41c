/**
 * The contracts shared by the identity components (Role, User, Group) and the policies that
 * attach to them (Policy, ManagedPolicy). Components code against these interfaces, never against
 * each other's classes, so the files stay independent and imported identities (`Role.fromRoleArn`,
 * `User.fromUserName`...) plug in the same way as components made in this program.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyDocument } from "../core/document";
import type { PolicyStatement } from "../core/statement";
import type { AddToPrincipalPolicyResult, IDependable, IGrantable, IPrincipal } from "../core/principals/types";

/** A managed policy (made in this program or imported) that identities can attach. */
export interface IManagedPolicy {
  /**
   * The policy's ARN. An Output registered with `aliasValue`, so passing it into a policy gives
   * the right reference in both targets.
   */
  readonly managedPolicyArn: pulumi.Output<string>;
}

/** What identities need to know about an inline policy ({@link Policy}) attached to them. */
export interface IPolicy {
  /** The inline policy's name; two different policies with one name cannot share an identity. */
  readonly policyName: string;
  /** Attaches this policy to a role (idempotent; calls `role.attachInlinePolicy(this)` back). */
  attachToRole(role: IRole): void;
  /** Attaches this policy to a user (idempotent; calls `user.attachInlinePolicy(this)` back). */
  attachToUser(user: IUser): void;
  /** Attaches this policy to a group (idempotent; calls `group.attachInlinePolicy(this)` back). */
  attachToGroup(group: IGroup): void;
}

/** The kind of IAM identity, which decides the @pulumi/aws resource types used to attach. */
export type IdentityKind = "role" | "user" | "group";

/**
 * How a policy refers to an identity it attaches to. `name` is an Output or a string registered
 * with `aliasValue` where the identity was made in this program (so `toValue(name)` gives the
 * CloudFormation `Ref`), a literal for imported identities.
 */
export interface IdentityRef {
  readonly kind: IdentityKind;
  /** The identity's physical name: the `role`/`user`/`group` input of the attaching resources. */
  readonly name: pulumi.Input<string>;
  /** The Pulumi resources attachments should wait for besides `name` (none for imports). */
  readonly dependsOn?: readonly pulumi.Resource[];
}

/** A role, user or group: a principal with an identity policy that inline and managed policies attach to. */
export interface IIdentity extends IPrincipal {
  /** Attaches an inline policy (deduplicated; a different policy with the same name is an error). */
  attachInlinePolicy(policy: IPolicy): void;
  /** Attaches a managed policy to this identity. */
  addManagedPolicy(policy: IManagedPolicy): void;
  /** Adds a statement to the identity's default inline policy, made on first use. */
  addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult;
  /** @internal How attaching policies refer to this identity. */
  _identityRef(): IdentityRef;
}

/** An IAM role, made in this program or imported. */
export interface IRole extends IIdentity {
  /** The role's ARN. */
  readonly roleArn: pulumi.Output<string>;
  /** The role's name. */
  readonly roleName: pulumi.Output<string>;
  /** The role's stable unique id (`AROA...`), when known (not for imported roles). */
  readonly roleId?: pulumi.Output<string>;
  /** The role's trust policy, when this program owns it. */
  readonly assumeRolePolicy?: PolicyDocument;
  /** Grants `grantee` the given actions on this role. */
  grant(grantee: IGrantable, ...actions: string[]): IGrantLike;
  /** Grants `grantee` `iam:PassRole` on this role. */
  grantPassRole(grantee: IGrantable): IGrantLike;
  /** Grants `grantee` `sts:AssumeRole` on this role. */
  grantAssumeRole(grantee: IPrincipal): IGrantLike;
}

/** An IAM user, made in this program or imported. */
export interface IUser extends IIdentity {
  /** The user's name. */
  readonly userName: pulumi.Output<string>;
  /** The user's ARN. */
  readonly userArn: pulumi.Output<string>;
  /** Adds the user to a group. */
  addToGroup(group: IGroup): void;
}

/** An IAM group, made in this program or imported. */
export interface IGroup extends IIdentity {
  /** The group's name. */
  readonly groupName: pulumi.Output<string>;
  /** The group's ARN. */
  readonly groupArn: pulumi.Output<string>;
}

/**
 * The outcome of a `grant*` call, as identities return it (implemented by `Grant` in grant.ts).
 * Declared here so the interfaces do not import the Grant class.
 */
export interface IGrantLike extends IDependable {
  /** Whether the permissions were added somewhere (to an identity or a resource policy). */
  readonly success: boolean;
  /** Throws when the grant could not be added. */
  assertSuccess(): void;
}
