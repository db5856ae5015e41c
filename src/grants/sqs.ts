/**
 * Grants on SQS queues (CDK's `Queue.grantSendMessages`, `grantConsumeMessages`, `grantPurge`),
 * with CDK's action sets. A grantee in another account also gets a statement in the queue policy
 * (an `aws.sqs.QueuePolicy` made on first use); the `encryptionKey` gets CDK's kms actions.
 */
import type * as sqs from "@pulumi/aws/sqs";
import { QueuePolicy } from "@pulumi/aws/sqs/queuePolicy";
import type { IGrantable } from "../core/principals/types";
import type { Value } from "../core/value";
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

/** Options of `iamx.grants.sqs()`. */
export interface QueueGrantsOptions extends ResourceGrantsOptions {
  /** The KMS key the queue is encrypted with; grants then include the key actions. Default: none. */
  readonly encryptionKey?: EncryptionKey;
}

const QUEUE_TYPES = ["aws:sqs/queue:Queue"];

/** Grants on an SQS queue. Make with `iamx.grants.sqs()`. */
export class QueueGrants extends EncryptedResourceGrants {
  /** @internal */
  constructor(queue: sqs.Queue | ResourceAttributes, options: QueueGrantsOptions = {}) {
    super(resolveResource(queue, options, QUEUE_TYPES, "an SQS queue"), options);
  }

  /** The queue's ARN. */
  public get queueArn(): Value {
    return this.arn;
  }

  /** Grants the given actions on the queue (no key actions). */
  public grant(grantee: IGrantable, ...actions: string[]): Grant {
    this.checkGrantee(grantee, "grant");
    return this.grantOnResource(grantee, actions, [this.arn]);
  }

  /** Receiving, changing the visibility of and deleting messages; `kms:Decrypt` on the key. */
  public grantConsumeMessages(grantee: IGrantable): Grant {
    const actions = [
      "sqs:ReceiveMessage",
      "sqs:ChangeMessageVisibility",
      "sqs:GetQueueUrl",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
    ];
    return this.actions(grantee, "grantConsumeMessages", actions, ["kms:Decrypt"]);
  }

  /** Sending messages; encryption actions on the key. */
  public grantSendMessages(grantee: IGrantable): Grant {
    const actions = ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"];
    const keyActions = ["kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"];
    return this.actions(grantee, "grantSendMessages", actions, keyActions);
  }

  /** Purging the queue. */
  public grantPurge(grantee: IGrantable): Grant {
    return this.actions(grantee, "grantPurge", ["sqs:PurgeQueue", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], []);
  }

  /** @internal */
  protected policyKind(): ResourcePolicyKind {
    const queue = ownedResource(this.ref);
    const url = outputOf(queue, "url", "iamx.grants.sqs");
    const urlValue = outputValue(queue, "url", "Url", "iamx.grants.sqs");
    return {
      cfnType: "AWS::SQS::QueuePolicy",
      cfnProperties: (document) => ({ PolicyDocument: document, Queues: [urlValue] }),
      create: (name, policy, opts) => new QueuePolicy(name, { queueUrl: url, policy, region: regionOf(queue) }, opts),
    };
  }

  /** CDK: the queue actions (principal or queue policy), then the key actions. */
  private actions(grantee: IGrantable, method: string, actions: string[], keyActions: string[]): Grant {
    this.checkGrantee(grantee, method);
    return this.grantWithKeyActions(grantee, actions, [this.arn], keyActions);
  }
}

/**
 * Grants on an SQS queue with CDK's action sets: `iamx.grants.sqs(queue).grantSendMessages(role)`.
 * `queue` is an `aws.sqs.Queue` of this program or `{ arn }` of a queue made elsewhere.
 */
export function sqsGrants(queue: sqs.Queue | ResourceAttributes, options?: QueueGrantsOptions): QueueGrants {
  return new QueueGrants(queue, options);
}
