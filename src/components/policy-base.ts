/**
 * What Policy and ManagedPolicy share as components: a document that statements go to, a grant
 * principal that adds to it, and the identities the policy is attached to from its own side
 * (`attachToRole` / `attachToUser` / `attachToGroup`, once per identity ARN). What an attachment
 * makes differs (an inline policy per identity, attached back to it, or a managed policy
 * attachment), so each subclass says it in {@link PolicyBase.onAttached}.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PolicyDocument } from "../core/document";
import type { PolicyStatement } from "../core/statement";
import { toValue, valueKey, type Value } from "../core/value";
import { IamxComponent } from "./base";
import { principalIdentity, type ChildIdentity } from "./child-names";
import type { IGroup, IRole, IUser, IdentityKind } from "./interfaces";
import { PolicyGrantPrincipal, checkIdentity, checkStatements } from "./policy-common";

/** An identity the policy is attached to. */
export interface PolicyTarget {
  readonly kind: IdentityKind;
  /** The identity's ARN as a model value key: one attachment per ARN and kind. */
  readonly key: string;
  readonly identity: IRole | IUser | IGroup;
  /** What the identity is, for the names of the children standing for it (docs/naming.md). */
  readonly childIdentity: ChildIdentity;
}

/** The arguments both policies take (see {@link PolicyArgs}, {@link ManagedPolicyArgs}). All optional. */
export interface PolicyBaseArgs {
  /**
   * Initial statements.
   * @default none
   */
  readonly statements?: readonly PolicyStatement[];
  /**
   * The document to use (statements are added to it).
   * @default a new empty document
   */
  readonly document?: PolicyDocument;
  /**
   * Roles to attach the policy to.
   * @default none
   */
  readonly roles?: readonly IRole[];
  /**
   * Users to attach the policy to.
   * @default none
   */
  readonly users?: readonly IUser[];
  /**
   * Groups to attach the policy to.
   * @default none
   */
  readonly groups?: readonly IGroup[];
}

/** Base of {@link Policy} and {@link ManagedPolicy}. */
export abstract class PolicyBase extends IamxComponent {
  /** The policy's statements. */
  public readonly document: PolicyDocument;
  /** Grants through this principal land in this policy (it cannot be named in a resource policy). */
  public readonly grantPrincipal: PolicyGrantPrincipal;

  /** @internal The identities attached from the policy's side, in attachment order. */
  protected readonly targets: PolicyTarget[] = [];

  constructor(
    typeName: "Policy" | "ManagedPolicy",
    name: string,
    document: PolicyDocument | undefined,
    opts: pulumi.ComponentResourceOptions | undefined,
  ) {
    super(typeName, name, opts);
    this.document = document ?? new PolicyDocument();
    this.grantPrincipal = new PolicyGrantPrincipal(this, typeName);
  }

  /** Adds statements to the policy. */
  public addStatements(...statements: PolicyStatement[]): void {
    this.assertNotFinalized("addStatements");
    checkStatements(this.displayPath, statements);
    this.document.addStatements(...statements);
  }

  /** Attaches the policy to a role (once per role ARN). */
  public attachToRole(role: IRole): void {
    this.attach("role", role, () => role.roleArn);
  }

  /** Attaches the policy to a user (once per user ARN). */
  public attachToUser(user: IUser): void {
    this.attach("user", user, () => user.userArn);
  }

  /** Attaches the policy to a group (once per group ARN). */
  public attachToGroup(group: IGroup): void {
    this.attach("group", group, () => group.groupArn);
  }

  /** Depending on the policy means waiting for all its resources (see `dependsOn`). */
  public get dependencyRoots(): readonly unknown[] {
    return [this];
  }

  public toString(): string {
    return this.displayPath;
  }

  /** @internal Called once per new identity, after it was recorded in {@link targets}. */
  protected abstract onAttached(target: PolicyTarget): void;

  /** @internal The constructor props both policies take: users, groups, roles (in that order), then statements. */
  protected addInitial(args: PolicyBaseArgs): void {
    for (const u of args.users ?? []) this.attachToUser(u);
    for (const g of args.groups ?? []) this.attachToGroup(g);
    for (const r of args.roles ?? []) this.attachToRole(r);
    if (args.statements) this.addStatements(...args.statements);
  }

  /** @internal The names of the attached identities of one kind, for CloudFormation; undefined when none. */
  protected namesOf(kind: IdentityKind): Value[] | undefined {
    const names = this.targets
      .filter((t) => t.kind === kind)
      .map((t) => toValue(t.identity._identityRef().name, `the ${kind} name`));
    return names.length > 0 ? names : undefined;
  }

  /**
   * @internal Whether attaching makes the attachment resource at once (then a later provider
   * request may still attach the policy, as long as the program is not finalized).
   */
  protected attachesAtOnce(): boolean {
    return false;
  }

  private attach(kind: IdentityKind, identity: IRole | IUser | IGroup, arnOf: () => unknown): void {
    const what = `attachTo${kind[0].toUpperCase()}${kind.slice(1)}`;
    if (this.attachesAtOnce()) this.assertProgramOpen(what);
    else this.assertNotFinalized(what);
    checkIdentity(this.displayPath, kind, identity);
    const arn = toValue(arnOf(), `the ${kind} ARN`);
    const key = valueKey(arn);
    if (this.targets.some((t) => t.kind === kind && t.key === key)) return;
    const childIdentity = principalIdentity(arn, identity, kind, this.displayPath);
    const target: PolicyTarget = { kind, key, identity, childIdentity };
    this.targets.push(target);
    this.onAttached(target);
  }
}
