/**
 * Grants on SSM parameters (CDK's `StringParameter.grantRead`, `grantWrite`), with CDK's actions.
 * Parameters have no resource policy: statements always go to the grantee's identity policy. For
 * a SecureString parameter encrypted with a customer key (`encryptionKey`), the key grant comes
 * first, as in CDK.
 */
import type * as ssm from "@pulumi/aws/ssm";
import type { IGrantable } from "../core/principals/types";
import type { Value } from "../core/value";
import { Grant } from "../components/grant";
import { EncryptedResourceGrants } from "./encrypted";
import type { EncryptionKey } from "./kms";
import { resolveResource, type ResourceAttributes, type ResourceGrantsOptions } from "./resource-ref";

/** Options of `iamx.grants.ssm()`. */
export interface ParameterGrantsOptions extends ResourceGrantsOptions {
  /** The KMS key a SecureString parameter is encrypted with (its `keyId`). Default: none. */
  readonly encryptionKey?: EncryptionKey;
}

const PARAMETER_TYPES = ["aws:ssm/parameter:Parameter"];
const READ_ACTIONS = ["ssm:DescribeParameters", "ssm:GetParameters", "ssm:GetParameter", "ssm:GetParameterHistory"];

/** Grants on an SSM parameter. Make with `iamx.grants.ssm()`. */
export class ParameterGrants extends EncryptedResourceGrants {
  /** @internal */
  constructor(parameter: ssm.Parameter | ResourceAttributes, options: ParameterGrantsOptions = {}) {
    super(resolveResource(parameter, options, PARAMETER_TYPES, "an SSM parameter"), options);
  }

  /** The parameter's ARN. */
  public get parameterArn(): Value {
    return this.arn;
  }

  /** Reading the parameter (and `kms:Decrypt` on its key). */
  public grantRead(grantee: IGrantable): Grant {
    this.checkGrantee(grantee, "grantRead");
    this.encryptionKey?.grantDecrypt(grantee);
    return Grant.addToPrincipal({ grantee, actions: READ_ACTIONS, resourceArns: [this.arn] });
  }

  /** Writing the parameter (and encryption on its key). */
  public grantWrite(grantee: IGrantable): Grant {
    this.checkGrantee(grantee, "grantWrite");
    this.encryptionKey?.grantEncrypt(grantee);
    return Grant.addToPrincipal({ grantee, actions: ["ssm:PutParameter"], resourceArns: [this.arn] });
  }

  /** @internal */
  protected policyKind(): undefined {
    return undefined;
  }
}

/**
 * Grants on an SSM parameter with CDK's actions: `iamx.grants.ssm(parameter).grantRead(role)`.
 * `parameter` is an `aws.ssm.Parameter` of this program or `{ arn }` of one made elsewhere.
 */
export function ssmGrants(
  parameter: ssm.Parameter | ResourceAttributes,
  options?: ParameterGrantsOptions,
): ParameterGrants {
  return new ParameterGrants(parameter, options);
}
