/**
 * What User, Group and their imports share as principals: the identity's ARN as its policy
 * fragment, inline policies plus a default policy made on first use (see identity-policies.ts),
 * and, per kind, how a policy or a membership refers back to them. Role is not one of them: its
 * default policy, overflow splitting and precreated form differ.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ArnPrincipal } from "../core/principals/arn";
import type { PrincipalPolicyFragment } from "../core/principals/fragment";
import { NOT_A_PRINCIPAL, type AddToPrincipalPolicyResult, type IPrincipal } from "../core/principals/types";
import type { PolicyStatement } from "../core/statement";
import type { Value } from "../core/value";
import { IamxComponent } from "./base";
import { checkUser } from "./identity-checks";
import { IdentityPolicies } from "./identity-policies";
import type { IGroup, IIdentity, IManagedPolicy, IPolicy, IUser, IdentityRef } from "./interfaces";
import type { Policy } from "./policy";

/** Base of the user and group components (made in this program or imported). */
export abstract class IdentityComponent extends IamxComponent implements IIdentity {
  /** The action a trust policy allows this principal (`sts:AssumeRole`). */
  public readonly assumeRoleAction = "sts:AssumeRole";
  /** Grants to this identity add statements to its own policy. */
  public readonly grantPrincipal: IPrincipal = this;
  /** The account the identity lives in. */
  public abstract readonly principalAccount: Value;

  /** @internal The identity's ARN as a model value (a reference for components, the given ARN for imports). */
  protected abstract readonly arnValue: Value;
  private readonly policies: IdentityPolicies;

  /**
   * @param defaultPolicyId CDK's construct id of the default policy: `DefaultPolicy`, or `Policy`
   *   for imported users
   */
  constructor(
    typeName: string,
    name: string,
    opts: pulumi.ComponentResourceOptions | undefined,
    defaultPolicyId: string,
  ) {
    super(typeName, name, opts);
    this.policies = new IdentityPolicies(this, defaultPolicyId);
  }

  /** The identity as a statement principal: its ARN. */
  public get policyFragment(): PrincipalPolicyFragment {
    return new ArnPrincipal(this.arnValue).policyFragment;
  }

  /** The identity's default inline policy, once a statement was added. */
  public get defaultPolicy(): Policy | undefined {
    return this.policies.defaultPolicyComponent;
  }

  /** Attaches an inline policy (a different policy with the same name is an error). */
  public attachInlinePolicy(policy: IPolicy): void {
    // Records the policy only; the policy makes (and checks) its own attachment.
    this.assertProgramOpen("attachInlinePolicy");
    this.policies.attach(policy, (p) => this.attachBack(p));
  }

  /**
   * Adds a statement to the identity's default inline policy, made on first use (`DefaultPolicy`;
   * for imported users, `Policy`).
   */
  public addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.assertNotFinalized("addToPrincipalPolicy");
    return this.policies.addStatement(statement);
  }

  /** Like {@link addToPrincipalPolicy}, returning whether the statement was added (always true). */
  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  /** Attaches a managed policy to this identity. */
  public abstract addManagedPolicy(policy: IManagedPolicy): void;

  /** @internal How attaching policies refer to this identity. */
  public abstract _identityRef(): IdentityRef;

  /** @internal Lets an attached inline policy record this identity (`policy.attachToUser(this)` or `attachToGroup`). */
  protected abstract attachBack(policy: IPolicy): void;
}

/** Base of Group and imported groups. */
export abstract class GroupComponent extends IdentityComponent implements IGroup {
  /** The group's name. */
  public abstract readonly groupName: pulumi.Output<string>;
  /** The group's ARN. */
  public abstract readonly groupArn: pulumi.Output<string>;
  /** Marks groups so a PolicyStatement refuses them as principals. */
  public readonly [NOT_A_PRINCIPAL] = true;

  /** Adds a user to the group (same as `user.addToGroup(group)`). */
  public addUser(user: IUser): void {
    checkUser(user, "addUser", this.displayPath);
    user.addToGroup(this);
  }

  /** @internal */
  protected attachBack(policy: IPolicy): void {
    policy.attachToGroup(this);
  }
}

/** Base of User and imported users. */
export abstract class UserComponent extends IdentityComponent implements IUser {
  /** The user's name. */
  public abstract readonly userName: pulumi.Output<string>;
  /** The user's ARN. */
  public abstract readonly userArn: pulumi.Output<string>;

  /** Adds the user to a group. */
  public abstract addToGroup(group: IGroup): void;

  /** @internal */
  protected attachBack(policy: IPolicy): void {
    policy.attachToUser(this);
  }
}
