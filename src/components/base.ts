import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import {
  currentFinalizeScope,
  isFinalized,
  isScopeFinalized,
  onFinalize,
  reportProblem,
} from "../render/pulumi/lifecycle";
import { CfnResource, programModel, type CfnResourceProps } from "../render/cloudformation/model";
import { keepOriginalProps } from "../runtime/transforms";
import { applyConfigSettings } from "./config";
import { RemovalPolicy, checkRemovalPolicy, retainsOnDelete, type CfnRemovalAttributes } from "./removal-policy";

/** Every iamx component, for scoping (permissions boundaries, customizeRoles). */
const NODE_CHILDREN = new WeakMap<object, IamxComponent[]>();
/** The first iamx component of each run (keyed by its model), for {@link firstComponent}. */
const FIRST_COMPONENT = new WeakMap<object, IamxComponent>();

/** Where the construct-path override travels inside the options (see {@link withConstructId}). */
const CONSTRUCT_ID = Symbol.for("pulumi-iamx.constructId");

interface ConstructIdOverride {
  readonly constructId: string;
  readonly scopePath?: readonly string[];
}

/**
 * @internal Options that give a component a CDK construct id other than its Pulumi name, so that
 * its CloudFormation logical ids are CDK's (a role's `DefaultPolicy` is the Pulumi component
 * `<role>-default-policy`). `scopePath` replaces the path of the parent (for objects such as
 * imported roles that are not Pulumi resources themselves).
 */
export function withConstructId<T extends pulumi.ComponentResourceOptions>(
  opts: T | undefined,
  constructId: string,
  scopePath?: readonly string[],
): T {
  const override: ConstructIdOverride = { constructId, scopePath };
  return { ...(opts ?? ({} as T)), [CONSTRUCT_ID]: override };
}

/**
 * Base of every pulumi-iamx component: a Pulumi ComponentResource that also knows its construct
 * path (its name under its parents' names, as CDK's construct ids), and registers the
 * CloudFormation resources it stands for.
 */
export abstract class IamxComponent extends pulumi.ComponentResource {
  /** The component's name, as given. */
  public readonly componentName: string;
  /** Names from the outermost parent component down to this one (CDK's construct path). */
  public readonly constructPath: readonly string[];
  /** The nearest iamx component or Pulumi component above this one, if any. */
  public readonly scope?: pulumi.Resource;

  private removal?: { readonly policy: RemovalPolicy; readonly cfn: CfnRemovalAttributes };
  /** `retainOnDelete` of the Pulumi children made so far; undefined before the first. */
  private childrenRetain?: boolean;
  /** The CloudFormation resource CDK's `applyRemovalPolicy` acts on (the `Resource` child). */
  private defaultCfn?: CfnResource;
  /** The finalize scope this component was built in (one per provider request; see lifecycle.ts). */
  private readonly finalizeScope = currentFinalizeScope();

  constructor(typeName: string, name: string, opts: pulumi.ComponentResourceOptions | undefined) {
    assertName(typeName, name);
    super(`iamx:index:${typeName}`, name, {}, opts);
    keepOriginalProps(this);
    applyConfigSettings();
    this.componentName = name;
    this.scope = opts?.parent;
    const override = (opts as { [CONSTRUCT_ID]?: ConstructIdOverride } | undefined)?.[CONSTRUCT_ID];
    this.constructPath = [...(override?.scopePath ?? scopePath(opts?.parent)), override?.constructId ?? name];
    if (opts?.parent) {
      const list = NODE_CHILDREN.get(opts.parent) ?? [];
      list.push(this);
      NODE_CHILDREN.set(opts.parent, list);
    }
    if (!FIRST_COMPONENT.has(programModel())) FIRST_COMPONENT.set(programModel(), this);
    // Pulumi's own option on the component: its resources are retained, in both targets.
    if (opts?.retainOnDelete === true) this.setRemoval(RemovalPolicy.RETAIN);
  }

  /**
   * Pulumi waits for this before it lists a component's children for a `dependsOn`. iamx
   * components make some children only at finalize (a role's default and overflow policies, a
   * policy's attachments), so a resource with `dependsOn: component` waits for the finalized set.
   */
  protected async initialize(): Promise<unknown> {
    await new Promise<void>((resolve) => {
      if (isFinalized()) resolve();
      else onFinalize("resolve", resolve);
    });
    return undefined;
  }

  /** The path as text, for messages (`app/role`). */
  public get displayPath(): string {
    return this.constructPath.join("/");
  }

  /** Registers a CloudFormation resource at `[...constructPath, ...subPath]`. */
  protected cfnResource(subPath: string[], props: Omit<CfnResourceProps, "path">): CfnResource {
    const resource = programModel().add(new CfnResource({ ...props, path: [...this.constructPath, ...subPath] }));
    if (subPath.length === 1 && subPath[0] === "Resource") {
      this.defaultCfn = resource;
      if (this.removal) setCfnRemoval(resource, this.removal.cfn);
    }
    return resource;
  }

  /**
   * What happens to this component's resources when the program stops managing them or replaces
   * them (CDK's `applyRemovalPolicy`). The export writes CDK's `DeletionPolicy` and
   * `UpdateReplacePolicy` on the component's resource; Pulumi gets `retainOnDelete` on every child
   * resource the component makes. Pulumi cannot change that option on a resource already
   * registered, so a call that would change it after the component made its resources (a Role
   * makes its `aws.iam.Role` at once) fails naming the fix: make the component with
   * `{ retainOnDelete: true }` in its options. Other calls work at any time before finalize.
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    checkRemovalPolicy(policy, this.displayPath);
    this.assertNotFinalized("applyRemovalPolicy");
    const retain = retainsOnDelete(policy);
    if (this.childrenRetain !== undefined && this.childrenRetain !== retain) {
      throw new ValidationError(
        "RemovalPolicyAfterRegistration",
        `applyRemovalPolicy(${policy}) came after its Pulumi resources were registered ` +
          `with retainOnDelete ${this.childrenRetain}, which Pulumi cannot change afterwards. ` +
          (retain
            ? "Make the component with `{ retainOnDelete: true }` in its options (then applyRemovalPolicy(RETAIN) or RETAIN_ON_UPDATE_OR_DELETE only sets the export's DeletionPolicy)."
            : "Leave `retainOnDelete` out of the component's options."),
        this.displayPath,
      );
    }
    this.setRemoval(policy);
  }

  private setRemoval(policy: RemovalPolicy): void {
    this.removal = { policy, cfn: checkRemovalPolicy(policy, this.displayPath) };
    if (this.defaultCfn) setCfnRemoval(this.defaultCfn, this.removal.cfn);
  }

  /**
   * Whether this component's policies are final: the program's were finalized, or (component
   * provider) the request that built this component was. Its documents cannot change any more.
   */
  public get policiesFinalized(): boolean {
    return isFinalized() || isScopeFinalized(this.finalizeScope);
  }

  /**
   * Fails with a clear message when this component's policies are final (see
   * {@link policiesFinalized}): a change now would never reach its rendered documents.
   */
  protected assertNotFinalized(what: string): void {
    if (isFinalized()) {
      throw new ValidationError(
        "ModifiedAfterFinalize",
        `${what} was called on ${this.displayPath} after the program's policies were finalized; ` +
          "add statements while the program runs (before it ends, or before finalize()).",
        this.displayPath,
      );
    }
    if (this.policiesFinalized) {
      throw new ValidationError(
        "ModifiedAfterFinalize",
        `${what} was called on ${this.displayPath} after its policies were finalized by the request that built it; ` +
          "a later request adds resources of its own instead (see sdk-gen/README.md, what lands when).",
        this.displayPath,
      );
    }
  }

  /**
   * Fails when the program's policies were finalized; for methods that make their resources at
   * once (a managed-policy attachment), which a later provider request may still call.
   */
  protected assertProgramOpen(what: string): void {
    if (isFinalized()) this.assertNotFinalized(what);
  }

  /** Runs `check` at finalize and reports each message it returns against this component. */
  protected validateAtFinalize(check: () => string[]): void {
    onFinalize("checks", () => {
      for (const message of check()) reportProblem(this.displayPath, message);
    });
  }

  /** Pulumi options for children of this component. */
  protected childOpts(extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    const retain = this.removal !== undefined && retainsOnDelete(this.removal.policy);
    this.childrenRetain ??= retain;
    return { parent: this, ...(retain ? { retainOnDelete: true } : {}), ...extra };
  }
}

function setCfnRemoval(resource: CfnResource, cfn: CfnRemovalAttributes): void {
  resource.deletionPolicy = cfn.deletionPolicy;
  resource.updateReplacePolicy = cfn.updateReplacePolicy;
}

/** The first iamx component the current program run built, if any. */
export function firstComponent(): IamxComponent | undefined {
  return FIRST_COMPONENT.get(programModel());
}

/** The iamx components created directly under a component (or any Pulumi resource). */
export function childComponents(scope: object): readonly IamxComponent[] {
  return NODE_CHILDREN.get(scope) ?? [];
}

interface ResourceInternals {
  __name?: string;
  __pulumiType?: string;
  __parentResource?: pulumi.Resource;
}

// Plain Pulumi components count as scopes too, like constructs in CDK; the stack itself does not.
function scopePath(parent: pulumi.Resource | undefined): string[] {
  if (!parent) return [];
  if (parent instanceof IamxComponent) return [...parent.constructPath];
  const internals = parent as unknown as ResourceInternals;
  if (internals.__pulumiType === "pulumi:pulumi:Stack") return [];
  const above = scopePath(internals.__parentResource);
  return internals.__name ? [...above, internals.__name] : above;
}

function assertName(typeName: string, name: unknown): void {
  if (typeof name !== "string" || name.length === 0) {
    throw new ValidationError(
      "InvalidName",
      `${typeName} needs a non-empty name as its first argument, got ${JSON.stringify(name)}`,
    );
  }
}
