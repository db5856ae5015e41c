/**
 * An imported role (`Role.fromRoleArn` / `fromRoleName`) in a scope where `Role.customizeRoles`
 * prevents synthesis (CDK wraps it the same way): it keeps the imported role's name, ARN and
 * grants, but statements, inline and managed policies given to it are only recorded for the
 * policy report — the program deploys nothing on a role the security team owns.
 */
import { ValidationError } from "../core/errors";
import type { PrincipalPolicyFragment } from "../core/principals/fragment";
import type { AddToPrincipalPolicyResult, IGrantable, IPrincipal } from "../core/principals/types";
import type { PolicyStatement } from "../core/statement";
import type { Value } from "../core/value";
import { isFinalized } from "../render/pulumi/lifecycle";
import type * as pulumi from "@pulumi/pulumi";
import type { IGrantLike, IManagedPolicy, IPolicy, IRole, IdentityRef } from "./interfaces";
import type { PrecreatedRole } from "./precreated-role";

/** The imported role as customizeRoles leaves it: attributes and grants of the import, policies recorded. */
export class PrecreatedImportedRole implements IRole {
  public readonly grantPrincipal: IPrincipal = this;

  constructor(
    private readonly role: IRole,
    private readonly record: PrecreatedRole,
  ) {}

  public get roleArn(): pulumi.Output<string> {
    return this.role.roleArn;
  }

  public get roleName(): pulumi.Output<string> {
    return this.role.roleName;
  }

  public get assumeRoleAction(): string {
    return this.role.assumeRoleAction;
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return this.role.policyFragment;
  }

  public get principalAccount(): Value | undefined {
    return this.role.principalAccount;
  }

  /** Records the statement for the report (nothing is deployed). */
  public addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.assertOpen("addToPrincipalPolicy");
    return this.record.addToPrincipalPolicy(statement);
  }

  /** Records the statement for the report; returns true. */
  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  /** Records the policy's statements for the report. */
  public attachInlinePolicy(policy: IPolicy): void {
    this.assertOpen("attachInlinePolicy");
    this.record.attachInlinePolicy(policy);
  }

  /** Records the managed policy for the report. */
  public addManagedPolicy(policy: IManagedPolicy): void {
    this.assertOpen("addManagedPolicy");
    this.record.addManagedPolicy(policy);
  }

  public grant(grantee: IGrantable, ...actions: string[]): IGrantLike {
    return this.role.grant(grantee, ...actions);
  }

  public grantPassRole(grantee: IGrantable): IGrantLike {
    return this.role.grantPassRole(grantee);
  }

  public grantAssumeRole(grantee: IPrincipal): IGrantLike {
    return this.role.grantAssumeRole(grantee);
  }

  /** @internal */
  public _identityRef(): IdentityRef {
    return this.role._identityRef();
  }

  public toString(): string {
    return this.record.path;
  }

  private assertOpen(what: string): void {
    if (isFinalized()) {
      throw new ValidationError(
        "ModifiedAfterFinalize",
        `${what} was called on ${this.record.path} after the program's policies were finalized; ` +
          "add statements while the program runs (before it ends, or before finalize()).",
        this.record.path,
      );
    }
  }
}
