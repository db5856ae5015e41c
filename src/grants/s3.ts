/**
 * Grants on S3 buckets (CDK's `Bucket.grantRead`, `grantWrite`...), with CDK's action sets. Write
 * grants use the action set of the `@aws-cdk/aws-s3:grantWriteWithoutAcl` behaviour every CDK v2
 * project has (`s3:PutObject`... without `s3:PutObjectAcl`; ACLs through {@link BucketGrants.grantPutAcl}).
 *
 * Each grant goes to the grantee's identity policy, and to the bucket policy too when the
 * grantee is in another account (an `aws.s3.BucketPolicy` made on first use). Kms actions go to
 * the `encryptionKey`, when given, as CDK grants them on a KMS-encrypted bucket's key.
 */
import type * as s3 from "@pulumi/aws/s3";
import { BucketPolicy } from "@pulumi/aws/s3/bucketPolicy";
import type { IGrantable } from "../core/principals/types";
import { ValidationError } from "../core/errors";
import { concat, describe, type Value } from "../core/value";
import type { Grant } from "../components/grant";
import { ownedResource } from "./base";
import { EncryptedResourceGrants } from "./encrypted";
import type { EncryptionKey } from "./kms";
import type { ResourcePolicyKind } from "./resource-policy";
import {
  outputOf,
  outputValue,
  regionOf,
  resolveResource,
  type ResourceAttributes,
  type ResourceGrantsOptions,
} from "./resource-ref";

/** Options of `iamx.grants.s3()`. */
export interface BucketGrantsOptions extends ResourceGrantsOptions {
  /** The KMS key the bucket's objects are encrypted with; grants then include the key actions. Default: none. */
  readonly encryptionKey?: EncryptionKey;
}

const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const READ_ACTIONS = ["s3:GetObject*", "s3:GetBucket*", "s3:List*"];
const PUT_ACTIONS = [
  "s3:PutObject",
  "s3:PutObjectLegalHold",
  "s3:PutObjectRetention",
  "s3:PutObjectTagging",
  "s3:PutObjectVersionTagging",
  "s3:Abort*",
];
const PUT_ACL_ACTIONS = ["s3:PutObjectAcl", "s3:PutObjectVersionAcl"];
const DELETE_ACTIONS = ["s3:DeleteObject*"];
const WRITE_ACTIONS = [...DELETE_ACTIONS, ...PUT_ACTIONS];
const KEY_READ_ACTIONS = ["kms:Decrypt", "kms:DescribeKey"];
const KEY_WRITE_ACTIONS = ["kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Decrypt"];

/** Grants on an S3 bucket. Make with `iamx.grants.s3()`. */
export class BucketGrants extends EncryptedResourceGrants {
  /** @internal */
  constructor(bucket: s3.Bucket | s3.BucketV2 | ResourceAttributes, options: BucketGrantsOptions = {}) {
    super(resolveResource(bucket, options, BUCKET_TYPES, "an S3 bucket"), options);
  }

  /** The bucket's ARN. */
  public get bucketArn(): Value {
    return this.arn;
  }

  /** The ARN of the objects matching a key pattern (`<bucket ARN>/<pattern>`). */
  public arnForObjects(keyPattern: string): Value {
    return concat(this.arn, `/${keyPattern}`);
  }

  /** Read access to the bucket and its objects matching `objectsKeyPattern` (default `*`). */
  public grantRead(identity: IGrantable, objectsKeyPattern = "*"): Grant {
    return this.onBucketAndObjects(identity, "grantRead", objectsKeyPattern, [...READ_ACTIONS, ...KEY_READ_ACTIONS]);
  }

  /**
   * Write (put and delete) access to the objects matching `objectsKeyPattern` (default `*`) and
   * the bucket. `allowedActionPatterns` replaces the S3 actions. Default: CDK's write actions.
   */
  public grantWrite(identity: IGrantable, objectsKeyPattern = "*", allowedActionPatterns: string[] = []): Grant {
    checkStrings(allowedActionPatterns, "grantWrite", "allowedActionPatterns");
    const actions = allowedActionPatterns.length > 0 ? allowedActionPatterns : WRITE_ACTIONS;
    return this.onBucketAndObjects(identity, "grantWrite", objectsKeyPattern, [...actions, ...KEY_WRITE_ACTIONS]);
  }

  /** Put access (no ACLs) to the objects matching `objectsKeyPattern` (default `*`). */
  public grantPut(identity: IGrantable, objectsKeyPattern = "*"): Grant {
    return this.onObjects(identity, "grantPut", objectsKeyPattern, [...PUT_ACTIONS, ...KEY_WRITE_ACTIONS]);
  }

  /** Access to the ACLs of the objects matching `objectsKeyPattern` (default `*`). */
  public grantPutAcl(identity: IGrantable, objectsKeyPattern = "*"): Grant {
    return this.onObjects(identity, "grantPutAcl", objectsKeyPattern, PUT_ACL_ACTIONS);
  }

  /** Delete access to the objects matching `objectsKeyPattern` (default `*`). */
  public grantDelete(identity: IGrantable, objectsKeyPattern = "*"): Grant {
    return this.onObjects(identity, "grantDelete", objectsKeyPattern, DELETE_ACTIONS);
  }

  /** Read and write access to the bucket and its objects matching `objectsKeyPattern` (default `*`). */
  public grantReadWrite(identity: IGrantable, objectsKeyPattern = "*"): Grant {
    const keyActions = [...new Set([...KEY_READ_ACTIONS, ...KEY_WRITE_ACTIONS])];
    return this.onBucketAndObjects(identity, "grantReadWrite", objectsKeyPattern, [
      ...READ_ACTIONS,
      ...WRITE_ACTIONS,
      ...keyActions,
    ]);
  }

  /** @internal */
  protected policyKind(): ResourcePolicyKind {
    const bucket = ownedResource(this.ref);
    const name = outputOf(bucket, "bucket", "iamx.grants.s3");
    const nameValue = outputValue(bucket, "bucket", "Name", "iamx.grants.s3");
    return {
      cfnType: "AWS::S3::BucketPolicy",
      cfnProperties: (document) => ({ Bucket: nameValue, PolicyDocument: document }),
      create: (policyName, policy, opts) =>
        new BucketPolicy(policyName, { bucket: name, policy, region: regionOf(bucket) }, opts),
    };
  }

  private onBucketAndObjects(identity: IGrantable, method: string, pattern: string, actions: string[]): Grant {
    this.checkGrantee(identity, method);
    return this.grantActions(identity, actions, [this.arn, this.arnForObjects(checkPattern(pattern, method))]);
  }

  private onObjects(identity: IGrantable, method: string, pattern: string, actions: string[]): Grant {
    this.checkGrantee(identity, method);
    return this.grantActions(identity, actions, [this.arnForObjects(checkPattern(pattern, method))]);
  }

  /** CDK: S3 actions on the bucket (principal or bucket policy), then kms actions on the key. */
  private grantActions(identity: IGrantable, actions: string[], resourceArns: Value[]): Grant {
    const keyActions = actions.filter((a) => a.startsWith("kms:"));
    const bucketActions = actions.filter((a) => !a.startsWith("kms:"));
    return this.grantWithKeyActions(identity, bucketActions, resourceArns, keyActions);
  }
}

function checkPattern(pattern: unknown, method: string): string {
  if (typeof pattern !== "string" || pattern.length === 0) {
    throw new ValidationError(
      "InvalidObjectsKeyPattern",
      `${method}: objectsKeyPattern must be a non-empty string (e.g. "*" or "uploads/*"), got ${describe(pattern)}`,
    );
  }
  return pattern;
}

function checkStrings(x: unknown, method: string, what: string): void {
  if (!Array.isArray(x) || x.some((a) => typeof a !== "string")) {
    throw new ValidationError(
      "InvalidGrantOptions",
      `${method}: ${what} must be an array of strings, got ${describe(x)}`,
    );
  }
}

/**
 * Grants on an S3 bucket with CDK's action sets: `iamx.grants.s3(bucket).grantRead(role)`.
 * `bucket` is an `aws.s3.Bucket`/`BucketV2` of this program or `{ arn }` of a bucket made elsewhere.
 */
export function s3Grants(
  bucket: s3.Bucket | s3.BucketV2 | ResourceAttributes,
  options?: BucketGrantsOptions,
): BucketGrants {
  return new BucketGrants(bucket, options);
}
