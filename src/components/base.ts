import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { SourceCapture, type SourceLocation } from "../core/source-location";
import {
  currentFinalizeScope,
  isFinalized,
  isScopeFinalized,
  onFinalize,
  reportProblem,
} from "../render/pulumi/lifecycle";
import { CfnResource, programModel, type CfnResourceProps } from "../render/cloudformation/model";
import { untilFinalized } from "../render/pulumi/registration-gate";
import { keepOriginalProps, optionsOnlyTransform } from "../runtime/transforms";
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
  /** Whether the engine read the removal policy (a child's registration reached it): it is final. */
  private removalRead = false;
  /**
   * Every Pulumi child's own first transform: the engine calls it when the child's registration
   * reaches it (at finalize, see {@link childOpts}) and it sets `retainOnDelete` from the removal
   * policy as it is then, so `applyRemovalPolicy` works at any time before finalize.
   */
  private readonly removalTransform = optionsOnlyTransform((args) => {
    this.removalRead = true;
    const retain = this.retainsOnDelete();
    if ((args.opts.retainOnDelete ?? false) === retain) return undefined;
    return { props: args.props, opts: { ...args.opts, retainOnDelete: retain } };
  });
  /** Where the user's code made this component. */
  private readonly createdAt = new SourceCapture(IamxComponent);
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
      else onFinalize("resolve", () => resolve);
    });
    return undefined;
  }

  /** Where the user's code made this component (the first stack frame outside pulumi-iamx), if known. */
  public get sourceLocation(): SourceLocation | undefined {
    return this.createdAt.location;
  }

  /** The path as text, for messages (`app/role`). */
  public get displayPath(): string {
    return this.constructPath.join("/");
  }

  /** Registers a CloudFormation resource at `[...constructPath, ...subPath]`. */
  protected cfnResource(subPath: string[], props: Omit<CfnResourceProps, "path">): CfnResource {
    const resource = programModel().add(
      new CfnResource({ source: () => this.sourceLocation, ...props, path: [...this.constructPath, ...subPath] }),
    );
    if (subPath.length === 1 && subPath[0] === "Resource") {
      this.defaultCfn = resource;
      if (this.removal) setCfnRemoval(resource, this.removal.cfn);
    }
    return resource;
  }

  /**
   * What happens to this component's resources when the program stops managing them or replaces
   * them (CDK's `applyRemovalPolicy`), at any time before finalize; the last call wins. The export
   * writes CDK's `DeletionPolicy` and `UpdateReplacePolicy` on the component's resource; Pulumi
   * gets `retainOnDelete` on every child resource the component makes, set by a resource transform
   * when the child's registration reaches the engine (at finalize).
   */
  public applyRemovalPolicy(policy: RemovalPolicy): void {
    checkRemovalPolicy(policy, this.displayPath);
    this.assertNotFinalized("applyRemovalPolicy");
    if (this.removalRead && retainsOnDelete(policy) !== this.retainsOnDelete()) {
      // Only reachable when a child registered before finalize (its `dependsOn` replaced by a transformation).
      throw new ValidationError(
        "RemovalPolicyAfterRegistration",
        `applyRemovalPolicy(${policy}) came after Pulumi registered resources of ${this.displayPath} ` +
          `with retainOnDelete ${this.retainsOnDelete()}, which Pulumi cannot change afterwards. ` +
          "Call it before those resources register (keep the `dependsOn` iamx gives its resources, " +
          "which holds them until the program's policies are finalized).",
        this.displayPath,
      );
    }
    this.setRemoval(policy);
  }

  private retainsOnDelete(): boolean {
    return this.removal !== undefined && retainsOnDelete(this.removal.policy);
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

  /**
   * Pulumi options for children of this component: its removal policy as a transform (see
   * {@link applyRemovalPolicy}), and a `dependsOn` that holds the registration until the
   * program's policies are finalized, so that the transform reads the final policy.
   */
  protected childOpts(extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return {
      parent: this,
      ...(this.retainsOnDelete() ? { retainOnDelete: true } : {}),
      ...extra,
      transforms: [this.removalTransform, ...(extra.transforms ?? [])],
      dependsOn: untilFinalized(extra.dependsOn),
    };
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
