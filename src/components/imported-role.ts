/**
 * Roles this program does not own: roles imported by ARN or name (`Role.fromRoleArn`,
 * `Role.fromRoleName`) and the immutable view of a role (`role.withoutPolicyUpdates()`). Both are
 * plain objects: an imported role registers a Pulumi resource only when a policy is added to it.
 */
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { ArnPrincipal } from "../core/principals/arn";
import type { PrincipalPolicyFragment } from "../core/principals/fragment";
import type { AddToPrincipalPolicyResult, IGrantable, IPrincipal } from "../core/principals/types";
import { settings } from "../core/settings";
import { PolicyStatement } from "../core/statement";
import { aliasValue, describe, toValue, type Value } from "../core/value";
import { isFinalized } from "../render/pulumi/lifecycle";
import { toOutput } from "../render/pulumi/values";
import { lastSegment, splitSlashArn } from "./arn-parse";
import { AttachedPolicies } from "./attached-policies";
import { IamxComponent } from "./base";
import { DefaultPolicy } from "./default-policy";
import { ImmutableRole } from "./immutable-role";
import { Grant } from "./grant";
import type { IManagedPolicy, IPolicy, IRole, IdentityRef } from "./interfaces";
import { stackSafePolicyName } from "./policy-names";
import { checkPolicy, checkStatement } from "./role-checks";
import { programAccount } from "../core/environment";
import { compareValues } from "./grant-options";

export { ImmutableRole } from "./immutable-role";
export { stackSafePolicyName } from "./policy-names";

/** Options of `Role.fromRoleArn` / `Role.fromRoleName`. */
export interface FromRoleArnOptions {
  /**
   * Whether statements and policies may be added to the imported role.
   * @default true (they go to an inline policy `Policy` made on first use)
   */
  readonly mutable?: boolean;
  /**
   * For an immutable import: report grants as not added so they go to resource policies where
   * possible. Only with `mutable: false`.
   * @default false
   */
  readonly addGrantsToResources?: boolean;
  /**
   * Name (and CDK construct id) of the inline policy made for statements. With the setting
   * `importedRoleStackSafeDefaultPolicyName: false` (CDK's flag off) it is the construct id only,
   * and the PolicyName is the policy's logical id, as in CDK.
   * @default CDK's stack-safe name, `Policy` + the import's unique id with the Pulumi stack name (`PolicydevImpA1B2C3D4`), so several stacks can add to one shared role
   */
  readonly defaultPolicyName?: string;
}

/** Builds the object `Role.fromRoleArn` returns. */
export function importRole(
  name: string,
  roleArn: pulumi.Input<string> | Value,
  options: FromRoleArnOptions,
  opts?: pulumi.ComponentResourceOptions,
  known?: { readonly roleName: Value; readonly account: Value },
): IRole {
  if (typeof name !== "string" || name.length === 0) {
    throw new ValidationError(
      "InvalidName",
      `Role.fromRoleArn needs a non-empty name as its first argument, got ${describe(name)}`,
    );
  }
  if (roleArn === undefined || roleArn === null || roleArn === "") {
    throw new ValidationError("InvalidRoleArn", `Role.fromRoleArn needs a role ARN, got ${describe(roleArn)}`, name);
  }
  if (typeof options !== "object" || options === null) {
    throw new ValidationError(
      "InvalidRoleImport",
      `Role.fromRoleArn options must be an object, got ${describe(options)}`,
      name,
    );
  }
  if (
    options.defaultPolicyName !== undefined &&
    (typeof options.defaultPolicyName !== "string" || !options.defaultPolicyName)
  ) {
    throw new ValidationError(
      "InvalidRoleImport",
      `Role.fromRoleArn \`defaultPolicyName\` must be a non-empty string, got ${describe(options.defaultPolicyName)}`,
      name,
    );
  }
  if (options.addGrantsToResources !== undefined && options.mutable !== false) {
    throw new ValidationError(
      "AddGrantsResourcesPassedMutable",
      "'addGrantsToResources' can only be passed if 'mutable: false'",
      name,
    );
  }
  const arn = toValue(roleArn, "the role ARN");
  const parsed = splitSlashArn(arn);
  if (parsed.resourceName === undefined && !known) {
    throw new ValidationError("InvalidRoleArn", `Expected a role ARN (arn:...:role/name), got ${String(arn)}`, name);
  }
  // A looked-up role (Role.fromLookup) knows its name and account without parsing its ARN.
  const parts = { account: known?.account ?? parsed.account };
  const roleName = known?.roleName ?? lastSegment(parsed.resourceName as Value);
  const scope = opts?.parent instanceof IamxComponent ? opts.parent.constructPath : [];
  // CDK: mutable unless the ARN's account and the program's are both known and differ (an unknown
  // side compares as ONE_UNRESOLVED, "the same").
  if (options.mutable !== false && compareValues(parts.account, programAccount()) !== "DIFFERENT") {
    return new ImportedRole({ arn, roleName, account: parts.account, path: [...scope, name], options, opts });
  }
  const inner = new ImportedRole({
    arn,
    roleName,
    account: parts.account,
    path: [...scope, `MutableRole${name}`],
    options,
    opts,
  });
  return new ImmutableRole(inner, options.addGrantsToResources ?? false, [...scope, name]);
}

export interface ImportedRoleProps {
  readonly arn: Value;
  readonly roleName: Value;
  readonly account: Value;
  readonly path: readonly string[];
  readonly options: FromRoleArnOptions;
  /**
   * Pulumi options of the imported role's component.
   * @default none
   */
  readonly opts?: pulumi.ComponentResourceOptions;
}

/** A role known by ARN that statements and inline policies may be added to. */
export class ImportedRole implements IRole {
  public readonly roleArn: pulumi.Output<string>;
  public readonly roleName: pulumi.Output<string>;
  public readonly assumeRoleAction = "sts:AssumeRole";
  public readonly grantPrincipal: IPrincipal = this;
  /** The account in the ARN. */
  public readonly principalAccount: Value;
  /** The import's path (its name under its parent component's path). */
  public readonly constructPath: readonly string[];

  private readonly arnValue: Value;
  private readonly attachedPolicies = new AttachedPolicies();
  private readonly defaults: DefaultPolicy;

  constructor(props: ImportedRoleProps) {
    this.arnValue = props.arn;
    this.roleArn = aliasValue(toOutput(props.arn), props.arn);
    this.roleName = aliasValue(toOutput(props.roleName), props.roleName);
    this.principalAccount = props.account;
    this.constructPath = props.path;
    const name = props.path[props.path.length - 1];
    this.defaults = new DefaultPolicy(this, {
      pulumiName: `${name}-policy`,
      scopePath: props.path,
      opts: props.opts,
      // Made on first use, when the stack name is known.
      lazyNames: () => {
        // Flag off (CDK's default without it): construct id only, so PolicyName is the logical id.
        if (!settings().importedRoleStackSafeDefaultPolicyName) {
          return { constructId: props.options.defaultPolicyName ?? "Policy" };
        }
        const policyName = props.options.defaultPolicyName ?? stackSafePolicyName(props.path);
        return { constructId: policyName, policyName };
      },
    });
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new ArnPrincipal(this.arnValue).policyFragment;
  }

  /** The path as text, for messages. */
  public get displayPath(): string {
    return this.constructPath.join("/");
  }

  /** Adds a statement to the inline policy made for this import (CDK: `Policy`). */
  public addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.assertNotFinalized("addToPrincipalPolicy");
    checkStatement(this.displayPath, statement);
    return this.defaults.addStatement(statement);
  }

  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  /** Attaches an inline policy to the imported role. */
  public attachInlinePolicy(policy: IPolicy): void {
    this.assertNotFinalized("attachInlinePolicy");
    checkPolicy(this.displayPath, policy);
    this.attachedPolicies.attach(policy, this.displayPath);
    policy.attachToRole(this);
  }

  /**
   * Attaches a ManagedPolicy made in this program (from the policy's side). Other managed
   * policies cannot be attached to an imported role: a warning, as in CDK.
   */
  public addManagedPolicy(policy: IManagedPolicy): void {
    const mp = policy as IManagedPolicy & { attachToRole?: (r: IRole) => void };
    if (typeof mp?.attachToRole === "function") {
      mp.attachToRole(this);
      return;
    }
    void pulumi.log.warn(
      `Can't combine imported IManagedPolicy: ${text(policy?.managedPolicyArn)} to imported role ` +
        `IRole: ${text(this.roleName)}. Use ManagedPolicy directly. [ack: @aws-cdk/aws-iam:IRoleCantBeUsedWithIManagedPolicy]`,
    );
  }

  public grant(grantee: IGrantable, ...actions: string[]): Grant {
    return Grant.addToPrincipal({ grantee, actions, resourceArns: [this.roleArn] });
  }

  public grantPassRole(grantee: IGrantable): Grant {
    return this.grant(grantee, "iam:PassRole");
  }

  public grantAssumeRole(grantee: IPrincipal): Grant {
    return this.grant(grantee, "sts:AssumeRole");
  }

  public dedupeString(): string {
    return `ImportedRole:${String(this.arnValue)}`;
  }

  /** @internal */
  public _identityRef(): IdentityRef {
    return { kind: "role", name: this.roleName };
  }

  public toString(): string {
    return this.displayPath;
  }

  private assertNotFinalized(what: string): void {
    if (!isFinalized()) return;
    throw new ValidationError(
      "ModifiedAfterFinalize",
      `${what} was called on ${this.displayPath} after the program's policies were finalized; ` +
        "add statements while the program runs (before it ends, or before finalize()).",
      this.displayPath,
    );
  }
}

/** A value for a message: literals as they are, tokens in their CloudFormation form. */
function text(x: unknown): string {
  const v = toValue(x, "a value");
  return typeof v === "string" ? v : JSON.stringify(v);
}
