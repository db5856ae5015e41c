/**
 * CDK's `LazyRole`: a role that exists only once something needs it. Until then statements,
 * inline and managed policies are queued and nothing is registered; a LazyRole nobody uses makes
 * no resource at all, in Pulumi or in the export.
 */
import type * as pulumi from "@pulumi/pulumi";
import { programAccount } from "../core/environment";
import type { PrincipalPolicyFragment } from "../core/principals/fragment";
import type { AddToPrincipalPolicyResult, IGrantable, IPrincipal } from "../core/principals/types";
import type { PolicyStatement } from "../core/statement";
import type { Value } from "../core/value";
import { DependencyGroup } from "./dependable";
import type { Grant } from "./grant";
import type { IManagedPolicy, IPolicy, IRole, IdentityRef } from "./interfaces";
import { Role, type RoleArgs } from "./role";

/**
 * A role made on first use (CDK's `iam.LazyRole`), for constructs that may or may not need one.
 * Reading `roleArn`, `roleName`, `roleId` or `policyFragment`, or granting on it, makes the real
 * {@link Role} — named as the LazyRole, so its Pulumi name and CloudFormation logical ids are the
 * ones CDK gives (`Lazy399F7F48`) — and replays what was queued: statements, then inline
 * policies, then managed policies. Before that, `addToPrincipalPolicy` queues the statement and
 * reports it added.
 */
export class LazyRole implements IRole {
  public readonly assumeRoleAction = "sts:AssumeRole";
  public readonly grantPrincipal: IPrincipal = this;
  /** The program's account (a literal when declared with `configure({ env })`). */
  public readonly principalAccount: Value = programAccount();

  private role?: Role;
  private readonly statements: PolicyStatement[] = [];
  private readonly policies: IPolicy[] = [];
  private readonly managedPolicies: IManagedPolicy[] = [];
  /** What a queued statement waits for: the real role's default policy, once it exists. */
  private readonly pending = new DependencyGroup();

  constructor(
    /** The name of the role (and of its Pulumi resources) once made. */
    public readonly name: string,
    private readonly args: RoleArgs,
    private readonly opts?: pulumi.ComponentResourceOptions,
  ) {}

  /** Whether the real role was made. */
  public get isInstantiated(): boolean {
    return this.role !== undefined;
  }

  /** The role's ARN (makes the role). */
  public get roleArn(): pulumi.Output<string> {
    return this.instantiate().roleArn;
  }

  /** The role's name (makes the role). */
  public get roleName(): pulumi.Output<string> {
    return this.instantiate().roleName;
  }

  /** The role's unique id (makes the role). */
  public get roleId(): pulumi.Output<string> {
    return this.instantiate().roleId;
  }

  /** The role as a principal (makes the role). */
  public get policyFragment(): PrincipalPolicyFragment {
    return this.instantiate().policyFragment;
  }

  /** Adds a statement to the role's default policy; queued until the role is made. */
  public addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    if (this.role) return this.role.addToPrincipalPolicy(statement);
    this.statements.push(statement);
    return { statementAdded: true, policyDependable: this.pending };
  }

  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  /** Attaches an inline policy; queued until the role is made. */
  public attachInlinePolicy(policy: IPolicy): void {
    if (this.role) this.role.attachInlinePolicy(policy);
    else this.policies.push(policy);
  }

  /** Attaches a managed policy; queued until the role is made. */
  public addManagedPolicy(policy: IManagedPolicy): void {
    if (this.role) this.role.addManagedPolicy(policy);
    else this.managedPolicies.push(policy);
  }

  public grant(grantee: IGrantable, ...actions: string[]): Grant {
    return this.instantiate().grant(grantee, ...actions);
  }

  public grantPassRole(grantee: IGrantable): Grant {
    return this.instantiate().grantPassRole(grantee);
  }

  public grantAssumeRole(grantee: IPrincipal): Grant {
    return this.instantiate().grantAssumeRole(grantee);
  }

  /** @internal */
  public _identityRef(): IdentityRef {
    return this.instantiate()._identityRef();
  }

  public toString(): string {
    return this.role ? this.role.toString() : this.name;
  }

  private instantiate(): Role {
    if (this.role) return this.role;
    const role = new Role(this.name, this.args, this.opts);
    this.role = role;
    for (const s of this.statements) role.addToPrincipalPolicy(s);
    for (const p of this.policies) role.attachInlinePolicy(p);
    for (const m of this.managedPolicies) role.addManagedPolicy(m);
    this.pending.add(role);
    return role;
  }
}
