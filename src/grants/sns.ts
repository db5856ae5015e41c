/**
 * Grants on SNS topics (CDK's `Topic.grantPublish`, `grantSubscribe`), with CDK's action sets. A
 * grantee in another account also gets a statement in the topic policy (an `aws.sns.TopicPolicy`
 * made on first use, its statements numbered as CDK's TopicPolicy does); publishing to a topic
 * with an `encryptionKey` also grants CDK's kms actions.
 */
import type * as sns from "@pulumi/aws/sns";
import { TopicPolicy } from "@pulumi/aws/sns/topicPolicy";
import type { IGrantable } from "../core/principals/types";
import type { Value } from "../core/value";
import type { Grant } from "../components/grant";
import { ownedResource } from "./base";
import { EncryptedResourceGrants } from "./encrypted";
import type { EncryptionKey } from "./kms";
import type { ResourcePolicyKind } from "./resource-policy";
import {
  outputOf,
  regionOf,
  resolveResource,
  type ResourceAttributes,
  type ResourceGrantsOptions,
} from "./resource-ref";

/** Options of `iamx.grants.sns()`. */
export interface TopicGrantsOptions extends ResourceGrantsOptions {
  /** The KMS key the topic is encrypted with; publishing then includes the key actions. Default: none. */
  readonly encryptionKey?: EncryptionKey;
}

const TOPIC_TYPES = ["aws:sns/topic:Topic"];
const TOPIC_KEY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey*"];

/** Grants on an SNS topic. Make with `iamx.grants.sns()`. */
export class TopicGrants extends EncryptedResourceGrants {
  /** @internal */
  constructor(topic: sns.Topic | ResourceAttributes, options: TopicGrantsOptions = {}) {
    super(resolveResource(topic, options, TOPIC_TYPES, "an SNS topic"), options);
  }

  /** The topic's ARN. */
  public get topicArn(): Value {
    return this.arn;
  }

  /** Grants the given actions on the topic (no key actions). */
  public grant(grantee: IGrantable, ...actions: string[]): Grant {
    this.checkGrantee(grantee, "grant");
    return this.grantOnResource(grantee, actions, [this.arn]);
  }

  /** Publishing to the topic; `kms:Decrypt` and `kms:GenerateDataKey*` on the key. */
  public grantPublish(grantee: IGrantable): Grant {
    this.checkGrantee(grantee, "grantPublish");
    return this.grantWithKeyActions(grantee, ["sns:Publish"], [this.arn], TOPIC_KEY_ACTIONS);
  }

  /** Subscribing to the topic. */
  public grantSubscribe(grantee: IGrantable): Grant {
    this.checkGrantee(grantee, "grantSubscribe");
    return this.grantOnResource(grantee, ["sns:Subscribe"], [this.arn]);
  }

  /** @internal */
  protected policyKind(): ResourcePolicyKind {
    const topic = ownedResource(this.ref);
    const arn = outputOf(topic, "arn", "iamx.grants.sns");
    return {
      cfnType: "AWS::SNS::TopicPolicy",
      cfnProperties: (document) => ({ PolicyDocument: document, Topics: [this.arn] }),
      create: (name, policy, opts) => new TopicPolicy(name, { arn, policy, region: regionOf(topic) }, opts),
      documentProps: { assignSids: true },
    };
  }
}

/**
 * Grants on an SNS topic with CDK's action sets: `iamx.grants.sns(topic).grantPublish(role)`.
 * `topic` is an `aws.sns.Topic` of this program or `{ arn }` of a topic made elsewhere.
 */
export function snsGrants(topic: sns.Topic | ResourceAttributes, options?: TopicGrantsOptions): TopicGrants {
  return new TopicGrants(topic, options);
}
