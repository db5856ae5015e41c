/**
 * Tags for whole scopes (CDK's `Tags.of(scope).add/remove`), with CDK's aspect rules: every
 * taggable resource in the scope is reached (made before or after the call, or made for you by
 * another component); a tag has a priority (add: 100, remove: 200 by default) and a higher one
 * wins, at equal priority the one applied later wins; scopes apply outermost first (the program,
 * then each component down to the resource), each scope's calls in call order, so at equal
 * priority the closest scope wins whatever the call order. A component's own `tags` count as
 * given at priority 50 (CDK's priority for tags on a CloudFormation resource's props).
 *
 * Registrations are kept per program run and read when the program's policies are finalized
 * (see tag-set.ts). Cost: O(depth × registrations on the path) per tagged resource.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { describe } from "../core/value";

import { addScopedRule, checkScope, perRun, scopeLabel, type GovernanceScope } from "./program-scope";
import { checkTagKey, checkTagValue } from "./tag-checks";

/** Options of {@link Tags.add} and {@link Tags.remove} (CDK's `TagProps`). */
export interface TagProps {
  /**
   * Priority of this tag operation: a higher priority wins; at equal priority the operation
   * applied later wins.
   * @default 100 for `add`, 200 for `remove`
   */
  readonly priority?: number;
  /**
   * Only resources of these CloudFormation types are tagged (`AWS::IAM::Role`, ...).
   * @default every taggable resource
   */
  readonly includeResourceTypes?: readonly string[];
  /**
   * Resources of these CloudFormation types are left alone (this wins over the include list).
   * @default none
   */
  readonly excludeResourceTypes?: readonly string[];
  /**
   * Accepted for CDK compatibility and ignored: no IAM resource launches instances.
   * @default true
   */
  readonly applyToLaunchedInstances?: boolean;
}

/** One `add` (with a value) or `remove` (without) on a scope. */
export interface TagOperation {
  readonly key: string;
  /** The value to set; undefined for a removal. */
  readonly value?: pulumi.Input<string>;
  readonly priority: number;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

const STATE = Symbol("pulumi-iamx.tags");

function registrations(): Map<GovernanceScope, TagOperation[]> {
  return perRun(STATE, () => new Map<GovernanceScope, TagOperation[]>());
}

/** The tag operations registered on `scope` in this run, in call order. */
export function tagOperationsOf(scope: GovernanceScope): readonly TagOperation[] {
  return registrations().get(scope) ?? [];
}

/** Whether an operation reaches a resource of CloudFormation type `type` (CDK's include/exclude rule). */
export function appliesTo(op: TagOperation, type: string): boolean {
  if (op.exclude && op.exclude.length > 0 && op.exclude.includes(type)) return false;
  if (op.include && op.include.length > 0 && !op.include.includes(type)) return false;
  return true;
}

/**
 * Adds or removes tags on every taggable resource of a scope (CDK's `Tags`), applied when the
 * program's policies are finalized, so it reaches resources made before or after the call.
 * Tagged: roles, users, OIDC and SAML providers in both targets; managed policies and instance
 * profiles on the Pulumi side only (CloudFormation has no `Tags` for them, and CDK does not tag
 * them). Groups, inline policies and access keys take no tags.
 *
 * @example
 * ```ts
 * iamx.Tags.of(iamx.program).add("team", "payments");
 * iamx.Tags.of(adminRole).add("tier", "break-glass", { priority: 300 });
 * iamx.Tags.of(iamx.program).remove("team", { includeResourceTypes: ["AWS::IAM::User"] });
 * ```
 */
export class Tags {
  /**
   * The tags of a scope: an iamx component, any Pulumi component (or other resource) used as a
   * parent, or `iamx.program` for the whole program (the Pulumi stack resource counts as the
   * program too).
   */
  public static of(scope: GovernanceScope): Tags {
    return new Tags(checkScope(scope, "Tags.of"));
  }

  private constructor(private readonly scope: GovernanceScope) {}

  /** Sets tag `key` to `value` on every taggable resource in the scope (default priority 100). */
  public add(key: string, value: pulumi.Input<string>, props: TagProps = {}): void {
    const where = scopeLabel(this.scope);
    checkTagKey(key, where);
    if (value === undefined) {
      throw new ValidationError("InvalidTagValue", `Tag ${JSON.stringify(key)} must have a value`, where);
    }
    this.register({ key, value: checkTagValue(key, value, where), ...checkProps(props, 100, where) });
  }

  /** Removes tag `key` from every taggable resource in the scope (default priority 200). */
  public remove(key: string, props: TagProps = {}): void {
    const where = scopeLabel(this.scope);
    checkTagKey(key, where);
    this.register({ key, ...checkProps(props, 200, where) });
  }

  private register(op: TagOperation): void {
    addScopedRule(registrations(), this.scope, op, "Tags");
  }
}

function checkProps(
  props: TagProps,
  defaultPriority: number,
  where: string,
): Pick<TagOperation, "priority" | "include" | "exclude"> {
  if (typeof props !== "object" || props === null || Array.isArray(props)) {
    throw new ValidationError("InvalidTagProps", `Tag options must be an object, got ${describe(props)}`, where);
  }
  const priority = props.priority ?? defaultPriority;
  if (typeof priority !== "number" || !Number.isFinite(priority)) {
    throw new ValidationError("InvalidTagProps", `Tag \`priority\` must be a number, got ${describe(priority)}`, where);
  }
  return {
    priority,
    include: typeList(props.includeResourceTypes, "includeResourceTypes", where),
    exclude: typeList(props.excludeResourceTypes, "excludeResourceTypes", where),
  };
}

function typeList(list: unknown, prop: string, where: string): readonly string[] | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.some((t) => typeof t !== "string")) {
    throw new ValidationError(
      "InvalidTagProps",
      `Tag \`${prop}\` must be a list of CloudFormation type names (e.g. "AWS::IAM::Role"), got ${describe(list)}`,
      where,
    );
  }
  return [...(list as string[])];
}
