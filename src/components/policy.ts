import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { PolicyDocument } from "../core/document";
import { ValidationError } from "../core/errors";
import { PolicyStatement } from "../core/statement";
import { describe, toValue, valueKey, type Value } from "../core/value";
import type { CfnResource } from "../render/cloudformation/model";
import { logicalIdFromPath } from "../render/cloudformation/logical-id";
import { lazyJson } from "../render/pulumi/lazy-json";
import { onFinalize } from "../render/pulumi/lifecycle";
import { IamxComponent } from "./base";
import type { IGroup, IPolicy, IRole, IUser, IdentityKind, IdentityRef } from "./interfaces";
import {
  PolicyGrantPrincipal,
  checkDocument,
  checkIdentity,
  checkStatements,
  validateDocumentsLate,
} from "./policy-common";

/** Longest inline policy name IAM accepts; CDK keeps the end of the logical id. */
const MAX_POLICY_NAME_LEN = 128;

/** Arguments of a {@link Policy}. All optional. */
export interface PolicyArgs {
  /** The inline policy's name. Default: the end (128 characters) of its CloudFormation logical id, as CDK. */
  readonly policyName?: string;
  /** Initial statements. Default: none. */
  readonly statements?: readonly PolicyStatement[];
  /** The document to use (statements are added to it). Default: a new empty document. */
  readonly document?: PolicyDocument;
  /** Roles to attach the policy to. Default: none. */
  readonly roles?: readonly IRole[];
  /** Users to attach the policy to. Default: none. */
  readonly users?: readonly IUser[];
  /** Groups to attach the policy to. Default: none. */
  readonly groups?: readonly IGroup[];
  /**
   * Always create the policy, and report an error when it is empty or attached to nothing.
   * Default: false — an empty or unattached policy is silently left out, as in CDK (unless its
   * name was read, see {@link Policy.policyName}).
   */
  readonly force?: boolean;
}

/**
 * An inline IAM policy (CDK's `iam.Policy`) attached to roles, users and groups. Statements and
 * attachments may be added until the program ends.
 *
 * Pulumi children, made when the program's policies are finalized and only if the policy is
 * emitted (see `force`): one `aws.iam.RolePolicy` / `UserPolicy` / `GroupPolicy` per attached
 * identity, the first of each kind named as the component, the next ones `<name>-role-2`,
 * `<name>-user-2`... CloudFormation: `AWS::IAM::Policy`. A resource with `dependsOn: policy`
 * waits for all of them.
 */
export class Policy extends IamxComponent implements IPolicy {
  /**
   * A policy known by name, for APIs that only need the name. It cannot be attached (as in CDK).
   * A plain object; no Pulumi resource is registered.
   */
  public static fromPolicyName(name: string, policyName: string): IPolicy {
    if (typeof name !== "string" || name.length === 0) {
      throw new ValidationError("InvalidName", `Policy.fromPolicyName needs a non-empty name, got ${describe(name)}`);
    }
    if (typeof policyName !== "string" || policyName.length === 0) {
      throw new ValidationError(
        "InvalidPolicyName",
        `Policy.fromPolicyName needs a non-empty policy name, got ${describe(policyName)}`,
        name,
      );
    }
    const fail = (): never => {
      throw new ValidationError("CannotUseImportedPolicy", "Cannot use a Policy.fromPolicyName() here.", name);
    };
    return { policyName, attachToRole: fail, attachToUser: fail, attachToGroup: fail };
  }

  /** The policy's statements. */
  public readonly document: PolicyDocument;
  /** Grants through this principal land in this policy (it cannot be named in a resource policy). */
  public readonly grantPrincipal: PolicyGrantPrincipal;
  /** The CloudFormation resource this policy exports as. */
  public readonly cfn: CfnResource;

  private readonly explicitName?: string;
  private readonly generatedName: string;
  private readonly force: boolean;
  private referenced = false;
  private readonly identities: { kind: IdentityKind; key: string; identity: IRole | IUser | IGroup }[] = [];
  private readonly created = new Map<object, pulumi.CustomResource>();
  private documentJson?: pulumi.Output<string>;
  private emitted = false;

  constructor(name: string, args: PolicyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    checkArgs(name, args);
    super("Policy", name, opts);
    this.explicitName = args.policyName;
    this.force = args.force ?? false;
    this.document = args.document ?? new PolicyDocument();
    this.cfn = this.cfnResource(["Resource"], {
      type: "AWS::IAM::Policy",
      properties: () => ({
        Groups: this.namesOf("group"),
        PolicyDocument: this.document.render(),
        PolicyName: this.nameValue(),
        Roles: this.namesOf("role"),
        Users: this.namesOf("user"),
      }),
      included: () => this.isEmitted(),
    });
    this.generatedName = logicalIdFromPath(this.cfn.path).slice(-MAX_POLICY_NAME_LEN);
    for (const u of args.users ?? []) this.attachToUser(u);
    for (const g of args.groups ?? []) this.attachToGroup(g);
    for (const r of args.roles ?? []) this.attachToRole(r);
    if (args.statements) this.addStatements(...args.statements);
    this.grantPrincipal = new PolicyGrantPrincipal(this, "Policy");
    validateDocumentsLate(
      this,
      () => [this.document],
      () => this.validate(),
    );
    // Second round of prepare hooks: after roles have split their default policies.
    onFinalize("prepare", () => onFinalize("prepare", () => this.emit()));
    this.registerOutputs({});
  }

  /**
   * The policy's name. Reading it counts as a reference (as in CDK): the policy is then always
   * created, and must have statements and an identity.
   */
  public get policyName(): string {
    this.referenced = true;
    return this.explicitName ?? this.generatedName;
  }

  /** Adds statements to the policy. */
  public addStatements(...statements: PolicyStatement[]): void {
    this.assertNotFinalized("addStatements");
    checkStatements(this.displayPath, statements);
    this.document.addStatements(...statements);
  }

  /** Attaches the policy to a role (once per role ARN). */
  public attachToRole(role: IRole): void {
    this.attach(
      "role",
      role,
      () => role.attachInlinePolicy(this),
      (r) => r.roleArn,
    );
  }

  /** Attaches the policy to a user (once per user ARN). */
  public attachToUser(user: IUser): void {
    this.attach(
      "user",
      user,
      () => user.attachInlinePolicy(this),
      (u) => u.userArn,
    );
  }

  /** Attaches the policy to a group (once per group ARN). */
  public attachToGroup(group: IGroup): void {
    this.attach(
      "group",
      group,
      () => group.attachInlinePolicy(this),
      (g) => g.groupArn,
    );
  }

  /** The @pulumi/aws inline policies made for the attached identities (after finalize). */
  public get resources(): readonly pulumi.CustomResource[] {
    return [...this.created.values()];
  }

  /** Depending on the policy means waiting for all its resources (see `dependsOn`). */
  public get dependencyRoots(): readonly unknown[] {
    return [this];
  }

  public toString(): string {
    return this.displayPath;
  }

  /** @internal Whether the policy is attached to at least one identity. */
  public get isAttached(): boolean {
    return this.identities.length > 0;
  }

  private attach<T extends IRole | IUser | IGroup>(
    kind: IdentityKind,
    identity: T,
    attachBack: () => void,
    arnOf: (x: T) => unknown,
  ): void {
    this.assertNotFinalized(`attachTo${kind[0].toUpperCase()}${kind.slice(1)}`);
    checkIdentity(this.displayPath, kind, identity);
    const key = valueKey(toValue(arnOf(identity), `the ${kind} ARN`));
    if (this.identities.some((i) => i.kind === kind && i.key === key)) return;
    this.identities.push({ kind, key, identity });
    attachBack();
    if (this.emitted) this.createChildren();
  }

  private isEmitted(): boolean {
    return this.force || this.referenced || (!this.document.isEmpty && this.isAttached);
  }

  private emit(): void {
    if (this.emitted || !this.isEmitted()) return;
    this.emitted = true;
    this.createChildren();
  }

  private createChildren(): void {
    this.documentJson ??= lazyJson(() => this.document._synthesize());
    const counts: Record<IdentityKind, number> = { role: 0, user: 0, group: 0 };
    for (const { kind, identity } of this.identities) {
      const n = ++counts[kind];
      if (this.created.has(identity)) continue;
      const ref: IdentityRef = identity._identityRef();
      const childName = n === 1 ? this.componentName : `${this.componentName}-${kind}-${n}`;
      const opts = this.childOpts(ref.dependsOn ? { dependsOn: [...ref.dependsOn] } : {});
      const policy = this.documentJson;
      const name = this.nameValue();
      const child =
        kind === "role"
          ? new iam.RolePolicy(childName, { name, role: ref.name, policy }, opts)
          : kind === "user"
            ? new iam.UserPolicy(childName, { name, user: ref.name, policy }, opts)
            : new iam.GroupPolicy(childName, { name, group: ref.name, policy }, opts);
      this.created.set(identity, child);
    }
  }

  private nameValue(): string {
    return this.explicitName ?? this.generatedName;
  }

  private namesOf(kind: IdentityKind): Value[] | undefined {
    const names = this.identities
      .filter((i) => i.kind === kind)
      .map((i) => toValue(i.identity._identityRef().name, `the ${kind} name`));
    return names.length > 0 ? names : undefined;
  }

  private validate(): string[] {
    const result: string[] = [];
    if (this.document.isEmpty) {
      if (this.force) result.push("Policy created with force=true is empty. You must add statements to the policy");
      if (!this.force && this.referenced) {
        result.push("This Policy has been referenced by a resource, so it must contain at least one statement.");
      }
    }
    if (!this.isAttached) {
      if (this.force) {
        result.push("Policy created with force=true must be attached to at least one principal: user, group or role");
      }
      if (!this.force && this.referenced) {
        result.push(
          "This Policy has been referenced by a resource, so it must be attached to at least one user, group or role.",
        );
      }
    }
    result.push(...this.document.validateForIdentityPolicy());
    return result;
  }
}

function checkArgs(name: string, args: PolicyArgs): void {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new ValidationError("InvalidPolicyArgs", `Policy args must be an object, got ${describe(args)}`, name);
  }
  if (args.policyName !== undefined && (typeof args.policyName !== "string" || args.policyName.length === 0)) {
    throw new ValidationError(
      "InvalidPolicyName",
      `Policy \`policyName\` must be a non-empty string, got ${describe(args.policyName)}`,
      name,
    );
  }
  if (args.force !== undefined && typeof args.force !== "boolean") {
    throw new ValidationError(
      "InvalidPolicyArgs",
      `Policy \`force\` must be a boolean, got ${describe(args.force)}`,
      name,
    );
  }
  if (args.document !== undefined) checkDocument(name, args.document);
  if (args.statements !== undefined) checkStatements(name, args.statements, "statements");
  for (const [prop, kind] of [
    ["roles", "role"],
    ["users", "user"],
    ["groups", "group"],
  ] as const) {
    const list = args[prop];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      throw new ValidationError(
        "InvalidPolicyArgs",
        `Policy \`${prop}\` must be an array, got ${describe(list)}`,
        name,
      );
    }
    for (const x of list) checkIdentity(name, kind, x);
  }
}
