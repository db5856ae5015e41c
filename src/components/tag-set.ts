/**
 * The tags of one taggable resource, as CDK's TagManager keeps them: the component's own `tags`
 * at priority 50, then every `Tags.of(...)` operation of the resource's scopes, outermost scope
 * first and each scope's operations in call order (see tags.ts). A tag is set when its priority
 * is at least the key's current one; a removal deletes the key under the same rule.
 *
 * Both targets read the result once the program is finalized: Pulumi gets a `tags` map (a
 * deferred input, so tags added later still land; Output values keep their secrecy), the
 * CloudFormation export a `Tags` list of `{Key, Value}` sorted by key as CDK sorts it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { toValue, type Value } from "../core/value";
import { lazyValue } from "../render/pulumi/lazy-json";
import { isFinalized, onFinalize, reportProblem } from "../render/pulumi/lifecycle";
import { registerTransformableTags, type TransformableTags } from "../render/cloudformation/transformed";
import { hasLegacyTransformations } from "../runtime/transforms";
import type { IamxComponent } from "./base";
import { scopesOf, type GovernanceScope } from "./program-scope";
import { checkTagKey, checkTagValue, MAX_TAGS, type TagMap } from "./tag-checks";
import { appliesTo, tagOperationsOf } from "./tags";

/** CDK's priority for tags given on a resource itself. */
const OWN_TAG_PRIORITY = 50;

interface Entry {
  readonly value: pulumi.Input<string>;
  readonly priority: number;
}

const byResource = new WeakMap<object, TagSet>();

/** The tags of a Pulumi resource an iamx component made, if it is taggable. */
export function tagSetOf(resource: object): TagSet | undefined {
  return byResource.get(resource);
}

/** A resource's tags after Tags.of and transforms; see the file header. */
export class TagSet implements TransformableTags {
  /** The Pulumi resource the tags go to, once made (it is a scope of its own: `Tags.of(role.resource)`). */
  public resource?: pulumi.Resource;
  private computed?: Map<string, pulumi.Input<string>>;
  /** Tags a Pulumi transform gave the resource instead (see src/render/cloudformation/transformed.ts). */
  private transformed?: Map<string, pulumi.Input<string>>;

  /**
   * @param owner the component the resource belongs to
   * @param cfnType the CloudFormation type, matched by include/exclude lists
   * @param own the component's `tags` argument
   */
  constructor(
    private readonly owner: IamxComponent,
    public readonly cfnType: string,
    private readonly own: TagMap | undefined,
  ) {
    onFinalize("checks", () => {
      const count = this.final().size;
      if (count > MAX_TAGS) {
        reportProblem(owner.displayPath, `has ${count} tags; an IAM resource takes at most ${MAX_TAGS}`);
      }
    });
  }

  /** Whether the component was given tags of its own. */
  public get hasOwnTags(): boolean {
    return !!this.own && Object.keys(this.own).length > 0;
  }

  /** The final tags, key → value (computed once the program is finalized). */
  public final(): ReadonlyMap<string, pulumi.Input<string>> {
    if (this.transformed) return this.transformed;
    if (this.computed) return this.computed;
    const tags = this.compute();
    if (isFinalized()) this.computed = tags;
    return tags;
  }

  /**
   * The `tags` input of the Pulumi resource: a deferred map, undefined when there are none. Real
   * in model-only runs too when legacy transformations will read it (as in `pulumi up`).
   */
  public pulumiTags(): pulumi.Output<Record<string, string> | undefined> {
    return lazyValue(() => {
      const tags = this.final();
      if (tags.size === 0) return undefined;
      return Object.fromEntries(tags) as pulumi.Input<Record<string, string>>;
    }, hasLegacyTransformations(this.owner));
  }

  /** CloudFormation `Tags`: `{Key, Value}` sorted by key (CDK's order); undefined when none. */
  public cfnTags(): { Key: string; Value: Value }[] | undefined {
    const tags = [...this.final()];
    if (tags.length === 0) return undefined;
    return tags
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => ({
        Key: key,
        Value: toValue(value, `the value of tag ${key}`, { resourceName: this.owner.componentName, property: "Tag" }),
      }));
  }

  /** Records the Pulumi resource that carries these tags (a scope too, and found by transforms). */
  public attach(resource: pulumi.Resource): void {
    this.resource = resource;
    byResource.set(resource, this);
    registerTransformableTags(resource, this);
  }

  /**
   * @internal Replaces the tags with those a Pulumi transform gave the resource, checked as own
   * tags are (a ValidationError names the component and the key).
   */
  public _setTransformed(tags: ReadonlyMap<string, pulumi.Input<string>>): void {
    const where = this.owner.displayPath;
    if (tags.size > MAX_TAGS) {
      throw new ValidationError(
        "TooManyTags",
        `has ${tags.size} tags; an IAM resource takes at most ${MAX_TAGS}`,
        where,
      );
    }
    for (const [key, value] of tags) checkTagValue(checkTagKey(key, where), value, where);
    this.transformed = new Map(tags);
  }

  private compute(): Map<string, pulumi.Input<string>> {
    const tags = new Map<string, Entry>();
    const priorities = new Map<string, number>();
    const set = (key: string, value: pulumi.Input<string>, priority: number) => {
      if (priority < (priorities.get(key) ?? 0)) return;
      tags.set(key, { value, priority });
      priorities.set(key, priority);
    };
    for (const [key, value] of Object.entries(this.own ?? {})) set(key, value, OWN_TAG_PRIORITY);
    const scopes: GovernanceScope[] = scopesOf(this.owner).reverse();
    if (this.resource) scopes.push(this.resource);
    for (const scope of scopes) {
      for (const op of tagOperationsOf(scope)) {
        if (!appliesTo(op, this.cfnType)) continue;
        if (op.value !== undefined) set(op.key, op.value, op.priority);
        else if (op.priority >= (priorities.get(op.key) ?? 0)) {
          tags.delete(op.key);
          priorities.set(op.key, op.priority);
        }
      }
    }
    return new Map([...tags].map(([key, e]) => [key, e.value]));
  }
}

/**
 * The export note of a resource whose CloudFormation type has no `Tags` (managed policies,
 * instance profiles): its own `tags` are deployed by Pulumi but cannot be in the template.
 * Tags that reach it only through `Tags.of` are not noted: CDK does not tag these types either.
 */
export function pulumiOnlyTagsNote(tags: TagSet): string[] {
  if (!tags.hasOwnTags) return [];
  const keys = [...tags.final().keys()].sort((a, b) => a.localeCompare(b));
  if (keys.length === 0) return [];
  return [`tags ${keys.join(", ")} are deployed by Pulumi only: ${tags.cfnType} has no Tags in CloudFormation`];
}
