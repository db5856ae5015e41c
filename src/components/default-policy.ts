/**
 * The default inline policy of an identity (role, user, group, imported or not): made on first
 * use as a {@link Policy} component whose CDK construct id is `DefaultPolicy` (or `Policy` for
 * imported users and roles), attached through the identity's own `attachInlinePolicy`, so every
 * identity gets CDK's logical ids and policy names the same way.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AddToPrincipalPolicyResult } from "../core/principals/types";
import type { PolicyStatement } from "../core/statement";
import { withConstructId, type IamxComponent } from "./base";
import type { IIdentity } from "./interfaces";
import { Policy } from "./policy";

/** How an identity's default policy is made. */
export interface DefaultPolicyOptions {
  /** CDK construct id of the policy. Default: `DefaultPolicy`. */
  readonly constructId?: string;
  /**
   * Pulumi name of the Policy component. Default: `<owner>-default-policy` for `DefaultPolicy`,
   * else `<owner>-<construct id in kebab case>` (`<owner>-policy`).
   */
  readonly pulumiName?: string;
  /** Explicit policy name. Default: CDK's generated name (the end of the logical id). */
  readonly policyName?: string;
  /**
   * Construct path of the owner when it is not an iamx component (an imported role is a plain
   * object): the policy's path is this plus its construct id. Default: the owner's path.
   */
  readonly scopePath?: readonly string[];
  /** Pulumi options of the Policy component. Default: `{ parent: owner }` when the owner is a component. */
  readonly opts?: pulumi.ComponentResourceOptions;
  /** Construct id and policy name computed when the policy is made (overrides the two above). */
  readonly lazyNames?: () => { readonly constructId: string; readonly policyName?: string };
}

/** An identity's default policy: nothing exists until the first statement arrives. */
export class DefaultPolicy {
  private current?: Policy;

  constructor(
    private readonly owner: IIdentity & { readonly componentName?: string; readonly displayPath?: string },
    private readonly options: DefaultPolicyOptions = {},
  ) {}

  /** The Policy component, once a statement was added. */
  public get policy(): Policy | undefined {
    return this.current;
  }

  /**
   * Adds a statement, making and attaching the policy on first use. Returns the policy as the
   * statement's dependable (roles refine this per statement, see Role).
   */
  public addStatement(statement: PolicyStatement): AddToPrincipalPolicyResult {
    const policy = this.ensure();
    policy.addStatements(statement);
    return { statementAdded: true, policyDependable: policy };
  }

  /** Makes (once) and attaches the policy. */
  public ensure(): Policy {
    if (this.current) return this.current;
    const names = this.options.lazyNames?.();
    const constructId = names?.constructId ?? this.options.constructId ?? "DefaultPolicy";
    const policyName = names ? names.policyName : this.options.policyName;
    const ownerName = this.owner.componentName ?? this.options.scopePath?.[this.options.scopePath.length - 1] ?? "";
    const pulumiName =
      this.options.pulumiName ??
      (constructId === "DefaultPolicy" ? `${ownerName}-default-policy` : `${ownerName}-${kebab(constructId)}`);
    const base = this.options.opts ?? (isComponent(this.owner) ? { parent: this.owner } : {});
    const policy = new Policy(pulumiName, { policyName }, withConstructId(base, constructId, this.options.scopePath));
    this.current = policy;
    policy._setOwner(this.owner);
    this.owner.attachInlinePolicy(policy);
    return policy;
  }
}

/**
 * The default policy of a component identity (User, Group, imported users), CDK's construct id
 * given: `DefaultPolicy`, or `Policy` for imported users.
 */
export function makeDefaultPolicy(owner: IamxComponent & IIdentity, constructId: string): DefaultPolicy {
  return new DefaultPolicy(owner, { constructId });
}

function isComponent(x: unknown): x is pulumi.Resource {
  return typeof x === "object" && x !== null && (x as { __pulumiResource?: boolean }).__pulumiResource === true;
}

function kebab(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .toLowerCase();
}
