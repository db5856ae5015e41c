/**
 * What a grant needs to know about the resource it is on: its ARN as a model value, its account,
 * and whether this program owns it (and so may write its resource policy).
 *
 * A resource is given either as a @pulumi/aws resource made in this program (owned), or as
 * attributes (`{ arn: "arn:aws:sqs:...:222222222222:q" }`) for a resource made elsewhere
 * (imported: like CDK's `fromXxxArn` imports, its resource policy is never written).
 *
 * ARNs of @pulumi/aws resources become External values named after the resource: the Pulumi
 * name comes from `pulumi.resourceName(res)` (public in @pulumi/pulumi 3.270: the `name` given to
 * the resource's constructor), so `bucket.arn` of `new s3.Bucket("data")` becomes the template
 * Parameter `DataArn` in the CloudFormation export.
 *
 * The account: the `account` option when given; else the account field of a literal ARN; else
 * this program's account (an unresolved value, as in an environment-agnostic CDK stack, which
 * counts as the grantee's account when the grantee is also this program's).
 */
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { describe, toValue, type Value } from "../core/value";
import { programAccount } from "../core/environment";

/** Options every grants factory takes. */
export interface ResourceGrantsOptions {
  /**
   * The account the resource lives in. Give it when the resource is created through a provider
   * for another account than the grantees': grants then also write the resource policy, as
   * CDK does for a resource in another account. Default: the account of a literal ARN, else this
   * program's account.
   */
  readonly account?: string;
}

/** A resource made outside this program, known by its ARN. */
export interface ResourceAttributes {
  /** The resource's ARN (a literal gives the account; a Pulumi Output becomes an External). */
  readonly arn: pulumi.Input<string>;
}

/** The resolved view of a resource for grants. */
export interface ResourceRef {
  /** The @pulumi/aws resource, when one was given. */
  readonly resource?: pulumi.CustomResource;
  /** A readable name for messages and the export (the Pulumi name, else the ARN). */
  readonly name: string;
  /** The ARN as a model value. */
  readonly arn: Value;
  /** The account the resource lives in. */
  readonly account: Value;
  /** Whether this program made the resource (its resource policy may be written). */
  readonly owned: boolean;
}

/**
 * Resolves a resource given to a grants factory. `types` are the accepted Pulumi type tokens
 * (`aws:s3/bucket:Bucket`; empty: any resource with an `arn`); `what` names it in messages.
 */
export function resolveResource(
  x: unknown,
  options: ResourceGrantsOptions | undefined,
  types: readonly string[],
  what: string,
): ResourceRef {
  const fn = `iamx.grants needs ${what}`;
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new ValidationError("InvalidGrantOptions", `${fn} options as an object, got ${describe(options)}`);
  }
  const explicitAccount = options?.account;
  if (explicitAccount !== undefined && (typeof explicitAccount !== "string" || !/^\d{12}$/.test(explicitAccount))) {
    throw new ValidationError(
      "InvalidAccount",
      `${fn}: \`account\` must be a 12-digit AWS account id, got ${describe(explicitAccount)}`,
    );
  }
  if (pulumi.CustomResource.isInstance(x)) {
    const type = pulumi.resourceType(x);
    if (types.length > 0 && !types.includes(type)) {
      throw new ValidationError(
        "InvalidGrantResource",
        `${fn} (${types.join(" or ")}), got a ${type} "${pulumi.resourceName(x)}"`,
      );
    }
    const name = pulumi.resourceName(x);
    const arn = toValue(arnOutput(x, fn), "the resource ARN", { resourceName: name, property: "Arn" });
    return { resource: x, name, arn, account: explicitAccount ?? programAccount(), owned: true };
  }
  if (typeof x === "object" && x !== null && !Array.isArray(x) && "arn" in x) {
    const raw = (x as ResourceAttributes).arn;
    if (raw === undefined || raw === null || raw === "") {
      throw new ValidationError("InvalidGrantResource", `${fn}: \`arn\` must be an ARN, got ${describe(raw)}`);
    }
    const arn = toValue(raw, "the resource ARN");
    const account = explicitAccount ?? accountOfLiteralArn(arn, fn) ?? programAccount();
    return { name: typeof arn === "string" ? arn : String(arn), arn, account, owned: false };
  }
  throw new ValidationError(
    "InvalidGrantResource",
    `${fn} (${types.length > 0 ? `a ${types.join(" or ")}` : "a resource with an `arn` output"} made in this program, ` +
      `or \`{ arn }\` of one made elsewhere), got ${describe(x)}`,
  );
}

/** The account field of a literal ARN (undefined for tokens and ARNs without an account). */
export function accountOfLiteralArn(arn: Value, fn: string): string | undefined {
  if (typeof arn !== "string") return undefined;
  const fields = arn.split(":");
  if (fields.length < 6 || fields[0] !== "arn") {
    throw new ValidationError(
      "InvalidArn",
      `${fn}: "${arn}" is not an ARN (arn:partition:service:region:account:resource)`,
    );
  }
  return fields[4] === "" ? undefined : fields[4];
}

/** Pulumi's Output property `name` of a resource, with a clear error when it has none. */
export function outputOf(res: pulumi.CustomResource, property: string, fn: string): pulumi.Output<string> {
  const out = (res as unknown as Record<string, unknown>)[property];
  if (!pulumi.Output.isInstance(out)) {
    throw new ValidationError(
      "InvalidGrantResource",
      `${fn}: resource "${pulumi.resourceName(res)}" has no \`${property}\` output`,
    );
  }
  return out as pulumi.Output<string>;
}

/** A model value for an output of a plain resource, named after the resource and property. */
export function outputValue(res: pulumi.CustomResource, property: string, cfnProperty: string, fn: string): Value {
  return toValue(outputOf(res, property, fn), `the ${property}`, {
    resourceName: pulumi.resourceName(res),
    property: cfnProperty,
  });
}

function arnOutput(res: pulumi.CustomResource, fn: string): pulumi.Output<string> {
  return outputOf(res, "arn", fn);
}

/** The `region` output of a resource, so that its policy is made in the same region. */
export function regionOf(res: pulumi.CustomResource): pulumi.Output<string> | undefined {
  const region = (res as unknown as { region?: unknown }).region;
  return pulumi.Output.isInstance(region) ? (region as pulumi.Output<string>) : undefined;
}
