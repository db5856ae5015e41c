import type * as pulumi from "@pulumi/pulumi";
import type { PrincipalPolicyFragment } from "../core/principals/fragment";
import type { AddToPrincipalPolicyResult, IGrantable, IPrincipal } from "../core/principals/types";
import type { PolicyStatement } from "../core/statement";
import type { Value } from "../core/value";
import { DependencyGroup } from "./dependable";
import type { Grant } from "./grant";
import type { IManagedPolicy, IPolicy, IRole, IdentityRef } from "./interfaces";

/** A role that ignores statements and policies given to it (CDK's `ImmutableRole`). */
export class ImmutableRole implements IRole {
  public readonly roleArn: pulumi.Output<string>;
  public readonly roleName: pulumi.Output<string>;
  public readonly assumeRoleAction: string;
  public readonly grantPrincipal: IPrincipal = this;
  public readonly principalAccount?: Value;
  /** Where CDK would put this wrapper (it makes no resource). */
  public readonly constructPath: readonly string[];

  constructor(
    private readonly role: IRole,
    private readonly addGrantsToResources: boolean,
    path: readonly string[],
  ) {
    this.roleArn = role.roleArn;
    this.roleName = role.roleName;
    this.assumeRoleAction = role.assumeRoleAction;
    this.principalAccount = role.principalAccount;
    this.constructPath = path;
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return this.role.policyFragment;
  }

  /** Depending on the wrapper is depending on the role. */
  public get dependencyRoots(): readonly unknown[] {
    return [this.role];
  }

  /** Adds nothing; reports success unless `addGrantsToResources`. */
  public addToPrincipalPolicy(_statement: PolicyStatement): AddToPrincipalPolicyResult {
    return { statementAdded: !this.addGrantsToResources, policyDependable: new DependencyGroup() };
  }

  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  /** Does nothing. */
  public attachInlinePolicy(_policy: IPolicy): void {}

  /** Does nothing. */
  public addManagedPolicy(_policy: IManagedPolicy): void {}

  public grant(grantee: IGrantable, ...actions: string[]): Grant {
    return this.role.grant(grantee, ...actions) as Grant;
  }

  public grantPassRole(grantee: IGrantable): Grant {
    return this.role.grantPassRole(grantee) as Grant;
  }

  public grantAssumeRole(grantee: IPrincipal): Grant {
    return this.role.grantAssumeRole(grantee) as Grant;
  }

  /** @internal */
  public _identityRef(): IdentityRef {
    return this.role._identityRef();
  }

  public toString(): string {
    return this.constructPath.join("/");
  }
}
