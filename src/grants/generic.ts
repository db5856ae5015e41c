/**
 * The generic recipe, for any @pulumi/aws resource with an `arn` (a log group, a state machine,
 * an ECR repository...): the actions you name, on the resource's ARN, in the grantee's identity
 * policy (CDK's `Grant.addToPrincipal`). `arnOf` gives the ARN as a policy value named after the
 * resource, for statements of your own (`Grant.addToPrincipal`, `PolicyStatement`), so that the
 * CloudFormation export names its Parameter `<Resource>Arn`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { IGrantable } from "../core/principals/types";
import { concat, type Value } from "../core/value";
import { Grant } from "../components/grant";
import { ResourceGrants } from "./base";
import { resolveResource, type ResourceAttributes, type ResourceGrantsOptions } from "./resource-ref";

/** Grants on any resource with an ARN. Make with `iamx.grants.resource()`. */
export class GenericResourceGrants extends ResourceGrants {
  /** @internal */
  constructor(res: pulumi.CustomResource | ResourceAttributes, options: ResourceGrantsOptions = {}) {
    super(resolveResource(res, options, [], "a resource"));
  }

  /** Grants the given actions on the resource's ARN. */
  public grant(grantee: IGrantable, ...actions: string[]): Grant {
    this.checkGrantee(grantee, "grant");
    return Grant.addToPrincipal({ grantee, actions, resourceArns: [this.arn] });
  }

  /** Grants the given actions on ARNs below the resource's (`<ARN><suffix>`, e.g. `"/*"` or `":*"`). */
  public grantOnSuffixes(grantee: IGrantable, actions: string[], ...suffixes: string[]): Grant {
    this.checkGrantee(grantee, "grantOnSuffixes");
    return Grant.addToPrincipal({ grantee, actions, resourceArns: suffixes.map((s) => concat(this.arn, s)) });
  }

  /** @internal */
  protected policyKind(): undefined {
    return undefined;
  }
}

/**
 * Grants on any resource with an `arn` output: `iamx.grants.resource(logGroup).grant(role,
 * "logs:PutLogEvents")`, or `{ arn }` of a resource made elsewhere.
 */
export function resourceGrants(
  res: pulumi.CustomResource | ResourceAttributes,
  options?: ResourceGrantsOptions,
): GenericResourceGrants {
  return new GenericResourceGrants(res, options);
}

/** The ARN of a resource as a policy value named after the resource (`<name>Arn` in the export). */
export function arnOf(res: pulumi.CustomResource): Value {
  return new GenericResourceGrants(res).arn;
}
