import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { ValidationError } from "../core/errors";
import { describe } from "../core/value";
import type { CfnResource } from "../render/cloudformation/model";
import { logicalIdFromPath } from "../render/cloudformation/logical-id";
import { lazyJson } from "../render/pulumi/lazy-json";
import { onFinalize } from "../render/pulumi/lifecycle";
import { claimChildName } from "./child-names";
import type { IPolicy, IdentityRef } from "./interfaces";
import { PolicyBase, type PolicyBaseArgs, type PolicyTarget } from "./policy-base";
import { checkPolicyArgsObject, checkPolicyContentArgs, validateDocumentsLate } from "./policy-common";

/** Longest inline policy name IAM accepts; CDK keeps the end of the logical id. */
const MAX_POLICY_NAME_LEN = 128;

/** Arguments of a {@link Policy}. All optional. */
export interface PolicyArgs extends PolicyBaseArgs {
  /**
   * The inline policy's name.
   * @default the end (128 characters) of its CloudFormation logical id, as CDK
   */
  readonly policyName?: string;
  /**
   * Always create the policy, and report an error when it is empty or attached to nothing.
   * @default false — an empty or unattached policy is silently left out, as in CDK (unless its name was read, see {@link Policy.policyName})
   */
  readonly force?: boolean;
}

/**
 * An inline IAM policy (CDK's `iam.Policy`) attached to roles, users and groups. Statements and
 * attachments may be added until the program ends.
 *
 * Pulumi children, made when the program's policies are finalized and only if the policy is
 * emitted (see `force`): one `aws.iam.RolePolicy` / `UserPolicy` / `GroupPolicy` per attached
 * identity, named after it (`<name>-role-<role>-<hash>`, `<name>-user-...`: docs/naming.md); an
 * identity's default policy names its child for that identity as the component
 * (`<identity>-default-policy`). CloudFormation: `AWS::IAM::Policy`. A resource with
 * `dependsOn: policy` waits for all of them.
 */
export class Policy extends PolicyBase implements IPolicy {
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

  /** The CloudFormation resource this policy exports as. */
  public readonly cfn: CfnResource;

  private readonly explicitName?: string;
  private readonly generatedName: string;
  private readonly force: boolean;
  private referenced = false;
  private readonly created = new Map<object, pulumi.CustomResource>();
  private documentJson?: pulumi.Output<string>;
  private emitted = false;
  private owner?: object;

  constructor(name: string, args: PolicyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    checkArgs(name, args);
    super("Policy", name, args.document, opts);
    this.explicitName = args.policyName;
    this.force = args.force ?? false;
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
      documents: () => ({ PolicyDocument: this.document }),
    });
    this.generatedName = logicalIdFromPath(this.cfn.path).slice(-MAX_POLICY_NAME_LEN);
    this.addInitial(args);
    validateDocumentsLate(
      this,
      () => [{ document: this.document, type: "identity", label: "the policy" }],
      () => this.validate(),
    );
    // After roles have split their default policies and documents are validated.
    onFinalize("emit", () => this.emit());
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

  /** The @pulumi/aws inline policies made for the attached identities (after finalize). */
  public get resources(): readonly pulumi.CustomResource[] {
    return [...this.created.values()];
  }

  /**
   * @internal Makes this the default policy of `owner`: its child for the owner is named as the
   * component (`<owner>-default-policy`); children for other identities are named after them.
   */
  public _setOwner(owner: object): void {
    this.owner = owner;
  }

  /** @internal Whether the policy is attached to at least one identity. */
  public get isAttached(): boolean {
    return this.targets.length > 0;
  }

  /** @internal The identity records the policy back in its own inline policies (`attachInlinePolicy`). */
  protected onAttached({ identity }: PolicyTarget): void {
    identity.attachInlinePolicy(this);
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
    this.documentJson ??= lazyJson(() => this.document._synthesize(), `policy ${this.componentName}`);
    for (const { kind, identity, childIdentity } of this.targets) {
      if (this.created.has(identity)) continue;
      const ref: IdentityRef = identity._identityRef();
      // Named after the identity (the owner's default policy: as the component), never by position,
      // so attaching the policy to one more or one fewer identity renames no other child.
      const childName =
        identity === this.owner
          ? this.componentName
          : claimChildName(this, kind, childIdentity, `attachTo${kind[0].toUpperCase()}${kind.slice(1)}`);
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
  checkPolicyArgsObject("Policy", name, args);
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
  checkPolicyContentArgs("Policy", name, args);
}
