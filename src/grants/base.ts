/**
 * The shared base of the grants objects (`iamx.grants.s3(bucket)`, `.sqs(queue)`...): a resource
 * as CDK's grants see it, an `IResourceWithPolicy` for {@link Grant}: where it lives (`env`) and
 * how a statement reaches its resource policy (made on first use for resources of this program,
 * never for resources known only by ARN, as for CDK's imported resources).
 */
import type * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import type { IGrantable } from "../core/principals/types";
import { isIGrantable } from "../core/principals/types";
import type { PolicyStatement } from "../core/statement";
import { describe, type Value, type ValueInput } from "../core/value";
import {
  Grant,
  type AddToResourcePolicyResult,
  type IResourceWithPolicy,
  type ResourceEnvironment,
} from "../components/grant";
import { resourcePolicyOf, type ResourcePolicyKind } from "./resource-policy";
import type { ResourceRef } from "./resource-ref";
import { programRegion } from "../core/environment";

/** A resource grants can be given on. */
export abstract class ResourceGrants implements IResourceWithPolicy {
  /** Where the resource lives: its account (see the `account` option) and this program's region. */
  public readonly env: ResourceEnvironment;

  /** @internal The resource as resolved from the factory's argument. */
  protected readonly ref: ResourceRef;

  /** @internal */
  protected constructor(ref: ResourceRef) {
    this.ref = ref;
    this.env = { account: ref.account, region: programRegion() };
  }

  /** The resource's ARN as a policy value (a template Parameter in the CloudFormation export). */
  public get arn(): Value {
    return this.ref.arn;
  }

  /** The resource's name (its Pulumi name, or its ARN when known only by ARN). */
  public get resourceName(): string {
    return this.ref.name;
  }

  /**
   * Adds a statement to the resource's policy: for a resource of this program, to its policy
   * resource, made on first use; a resource known only by ARN reports the statement as not added.
   */
  public addToResourcePolicy(statement: PolicyStatement): AddToResourcePolicyResult {
    if (!this.ref.owned || !this.ref.resource) return { statementAdded: false };
    const kind = this.policyKind();
    if (!kind) return { statementAdded: false };
    return resourcePolicyOf(this.ref.resource, this.ref.name, kind).addStatement(statement);
  }

  public toString(): string {
    return this.ref.name;
  }

  /** @internal How the resource's policy is made (undefined: the resource has none). */
  protected abstract policyKind(): ResourcePolicyKind | undefined;

  /** CDK's `addToPrincipalOrResource` on this resource. */
  protected grantOnResource(
    grantee: IGrantable,
    actions: readonly string[],
    resourceArns: readonly ValueInput[],
    resourceSelfArns?: readonly ValueInput[],
  ): Grant {
    return Grant.addToPrincipalOrResource({ grantee, actions, resourceArns, resourceSelfArns, resource: this });
  }

  /** Throws a clear error when `grantee` cannot be granted anything. */
  protected checkGrantee(grantee: unknown, method: string): asserts grantee is IGrantable {
    if (!isIGrantable(grantee)) {
      throw new ValidationError(
        "InvalidGrantee",
        `${method} on ${this.ref.name} needs a grantee (a role, user, group or principal), got ${describe(grantee)}`,
      );
    }
  }
}

/** The Pulumi resource behind a ref (the grants of owned resources only call this). */
export function ownedResource(ref: ResourceRef): pulumi.CustomResource {
  if (!ref.resource) throw new Error(`internal: ${ref.name} is not a resource of this program`);
  return ref.resource;
}
