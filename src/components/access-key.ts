import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { ValidationError } from "../core/errors";
import { aliasValue, describe, toValue, type Value } from "../core/value";
import type { CfnResource } from "../render/cloudformation/model";
import { IamxComponent } from "./base";
import type { IUser } from "./interfaces";

/** Whether an access key can be used (CDK's `AccessKeyStatus`). */
export enum AccessKeyStatus {
  /** The key can sign requests. */
  ACTIVE = "Active",
  /** The key exists but cannot sign requests. */
  INACTIVE = "Inactive",
  /**
   * CloudFormation's third state. Not deployable with Pulumi: @pulumi/aws's `AccessKey` accepts
   * only `Active` and `Inactive`, so this value is rejected with a clear error.
   */
  EXPIRED = "Expired",
}

/** Arguments of an {@link AccessKey}. */
export interface AccessKeyArgs {
  /** The user the key belongs to (a {@link User} or an imported user). A key cannot move between users. */
  readonly user: IUser;
  /**
   * A number to bump to rotate the key: a new value replaces the key (new id and secret). Pulumi
   * has no such input, so the serial is the key's `replacementTrigger`.
   * @default no serial
   */
  readonly serial?: number;
  /**
   * Whether the key can be used.
   * @default `Active` (AWS's default; not emitted)
   */
  readonly status?: AccessKeyStatus | `${AccessKeyStatus}`;
}

/**
 * An access key of an IAM user (CDK's `iam.AccessKey`): a key id and a secret for programmatic
 * access. The secret is only ever exposed as a Pulumi secret, so it is encrypted in the stack's
 * state and outputs. In the CloudFormation export the secret is CDK's reference to it,
 * `Fn::GetAtt [<key>, SecretAccessKey]`, wherever the program uses it; a stack output of it is left
 * out, since a CloudFormation Output would show it in plain text.
 *
 * Pulumi child: `aws.iam.AccessKey` named as the component. CloudFormation: `AWS::IAM::AccessKey`.
 */
export class AccessKey extends IamxComponent {
  /** The key id (`AKIA...`). */
  public readonly accessKeyId: pulumi.Output<string>;
  /** The secret access key, as a Pulumi secret (never plain text in state or outputs). */
  public readonly secretAccessKey: pulumi.Output<string>;
  /** The underlying @pulumi/aws access key. */
  public readonly resource: iam.AccessKey;
  /** The CloudFormation resource this key exports as. */
  public readonly cfn: CfnResource;

  constructor(name: string, args: AccessKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    const checked = checkArgs(name, args);
    super("AccessKey", name, opts);

    this.resource = new iam.AccessKey(
      name,
      { user: args.user.userName, status: checked.status },
      this.childOpts({
        // The provider marks both secret; repeated here so the key stays secret whatever provider runs it.
        additionalSecretOutputs: ["secret", "sesSmtpPasswordV4"],
        ...(checked.serial !== undefined ? { replacementTrigger: checked.serial } : {}),
      }),
    );
    this.secretAccessKey = pulumi.secret(this.resource.secret);
    this.cfn = this.cfnResource(["Resource"], {
      type: "AWS::IAM::AccessKey",
      properties: () => ({
        Serial: checked.serial,
        Status: checked.status,
        UserName: checked.userName,
      }),
      attributes: { Ref: () => this.resource.id, SecretAccessKey: () => this.secretAccessKey },
      secretAttributes: ["SecretAccessKey"],
    });
    this.accessKeyId = aliasValue(this.resource.id, this.cfn.ref);
    // Where the program uses the secret, the export writes CDK's reference to it
    // (`Fn::GetAtt [<key>, SecretAccessKey]`), never the secret. A stack output of it is still left
    // out of the export: a CloudFormation Output would show the secret to anyone who can describe the stack.
    aliasValue(this.secretAccessKey, this.cfn.getAtt("SecretAccessKey"));
    this.registerOutputs({ accessKeyId: this.accessKeyId, secretAccessKey: this.secretAccessKey });
  }
}

interface CheckedArgs {
  readonly serial?: number;
  readonly status?: "Active" | "Inactive";
  readonly userName: Value;
}

const MAX_SERIAL = 2 ** 31 - 1;

function checkArgs(name: string, args: AccessKeyArgs): CheckedArgs {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new ValidationError(
      "InvalidAccessKeyArgs",
      `AccessKey needs args with a \`user\`, got ${describe(args)}`,
      name,
    );
  }
  const user = args.user as Partial<IUser> | undefined;
  if (typeof user !== "object" || user === null || user.userName === undefined || user.userName === null) {
    throw new ValidationError(
      "InvalidAccessKeyUser",
      `AccessKey \`user\` must be an IAM user (a User or User.fromUserName(...)), got ${describe(args.user)}`,
      name,
    );
  }
  const { serial, status } = args;
  if (
    serial !== undefined &&
    (typeof serial !== "number" || !Number.isInteger(serial) || serial < 0 || serial > MAX_SERIAL)
  ) {
    throw new ValidationError(
      "InvalidAccessKeySerial",
      `AccessKey \`serial\` must be a whole number between 0 and ${MAX_SERIAL}, got ${describe(serial)}`,
      name,
    );
  }
  if (status === AccessKeyStatus.EXPIRED) {
    throw new ValidationError(
      "AccessKeyStatusNotSupported",
      'AccessKey status "Expired" cannot be deployed with Pulumi: @pulumi/aws accepts only "Active" or "Inactive". ' +
        'Use "Inactive" to disable the key, or delete the AccessKey.',
      name,
    );
  }
  if (status !== undefined && status !== AccessKeyStatus.ACTIVE && status !== AccessKeyStatus.INACTIVE) {
    throw new ValidationError(
      "InvalidAccessKeyStatus",
      `AccessKey \`status\` must be "Active" or "Inactive", got ${describe(status)}`,
      name,
    );
  }
  return { serial, status, userName: toValue(user.userName, "the access key's user name") };
}
