/**
 * Roles this program does not own: roles imported by ARN or name (`Role.fromRoleArn`,
 * `Role.fromRoleName`) and the immutable view of a role (`role.withoutPolicyUpdates()`). Both are
 * plain objects: an imported role registers a Pulumi resource only when a policy is added to it.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { ArnPrincipal } from "../core/principals/arn";
import type { PrincipalPolicyFragment } from "../core/principals/fragment";
import type { AddToPrincipalPolicyResult, IGrantable, IPrincipal } from "../core/principals/types";
import { PolicyStatement } from "../core/statement";
import { aliasValue, describe, toValue, type Value } from "../core/value";
import { logicalIdFromPath } from "../render/cloudformation/logical-id";
import { isFinalized } from "../render/pulumi/lifecycle";
import { toOutput } from "../render/pulumi/values";
import { lastSegment, splitSlashArn } from "./arn-parse";
import { AttachedPolicies } from "./attached-policies";
import { IamxComponent } from "./base";
import { DefaultPolicy } from "./default-policy";
import { DependencyGroup } from "./dependable";
import { Grant } from "./grant";
import type { IManagedPolicy, IPolicy, IRole, IdentityRef } from "./interfaces";

/** Options of `Role.fromRoleArn` / `Role.fromRoleName`. */
export interface FromRoleArnOptions {
  /**
   * Whether statements and policies may be added to the imported role. Default: true (they go to
   * an inline policy `Policy` made on first use).
   */
  readonly mutable?: boolean;
  /**
   * For an immutable import: report grants as not added so they go to resource policies where
   * possible. Only with `mutable: false`. Default: false.
   */
  readonly addGrantsToResources?: boolean;
  /**
   * Name (and CDK construct id) of the inline policy made for statements. Default: CDK's
   * stack-safe name, `Policy` + the import's unique id with the Pulumi stack name
   * (`PolicydevImpA1B2C3D4`), so several stacks can add to one shared role.
   */
  readonly defaultPolicyName?: string;
}

/** Builds the object `Role.fromRoleArn` returns. */
export function importRole(
  name: string,
  roleArn: pulumi.Input<string> | Value,
  options: FromRoleArnOptions,
  opts?: pulumi.ComponentResourceOptions,
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
  const parts = splitSlashArn(arn);
  if (parts.resourceName === undefined) {
    throw new ValidationError("InvalidRoleArn", `Expected a role ARN (arn:...:role/name), got ${String(arn)}`, name);
  }
  const roleName = lastSegment(parts.resourceName);
  const scope = opts?.parent instanceof IamxComponent ? opts.parent.constructPath : [];
  // The program's account is unresolved, so any ARN account compares as "the same" (CDK: ONE_UNRESOLVED).
  if (options.mutable !== false) {
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

interface ImportedRoleProps {
  readonly arn: Value;
  readonly roleName: Value;
  readonly account: Value;
  readonly path: readonly string[];
  readonly options: FromRoleArnOptions;
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

const MAX_POLICY_NAME_LEN = 128;

/**
 * CDK's name for an imported role's policy with `@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName`
 * on (as in every new CDK project): `Policy` + the import's unique id from its stack down, so two
 * stacks importing one role do not overwrite each other's policy. The Pulumi stack plays the CDK
 * stack. Over 128 characters, CDK's shortened unique resource name is used.
 */
export function stackSafePolicyName(path: readonly string[]): string {
  const prefix = "Policy";
  const components = [pulumi.getStack(), ...path];
  const name = prefix + logicalIdFromPath(components);
  if (name.length <= MAX_POLICY_NAME_LEN) return name;
  return prefix + uniqueResourceName(components, MAX_POLICY_NAME_LEN - prefix.length);
}

/** CDK's `makeUniqueResourceName` (human part cut in the middle to fit, plus the path hash). */
function uniqueResourceName(path: readonly string[], maxLength: number): string {
  const components = path.filter((c) => c !== "Default");
  const strip = (c: string) => c.replace(/[^A-Za-z0-9]/g, "");
  if (components.length === 1 && strip(components[0]).length <= maxLength) return strip(components[0]);
  const hash = createHash("md5").update(components.join("/")).digest("hex").slice(0, 8).toUpperCase();
  const kept: string[] = [];
  for (const c of components) if (kept.length === 0 || !kept[kept.length - 1].endsWith(c)) kept.push(c);
  const human = kept
    .filter((c) => c !== "Resource")
    .map(strip)
    .join("");
  const maxHuman = maxLength - hash.length;
  const half = maxHuman / 2;
  return (human.length > maxHuman ? human.slice(0, half) + human.slice(-half) : human) + hash;
}

/** A value for a message: literals as they are, tokens in their CloudFormation form. */
function text(x: unknown): string {
  const v = toValue(x, "a value");
  return typeof v === "string" ? v : JSON.stringify(v);
}

function checkStatement(scope: string, statement: unknown): void {
  if (!(statement instanceof PolicyStatement)) {
    throw new ValidationError("InvalidStatement", `Expected a PolicyStatement, got ${describe(statement)}`, scope);
  }
}

function checkPolicy(scope: string, policy: unknown): void {
  const p = policy as Partial<IPolicy> | null;
  if (typeof p !== "object" || p === null || typeof p.attachToRole !== "function") {
    throw new ValidationError("InvalidPolicy", `attachInlinePolicy needs a Policy, got ${describe(policy)}`, scope);
  }
}
