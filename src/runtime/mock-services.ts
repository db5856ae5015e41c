/**
 * Mock answers for the @pulumi/aws resources grants work on (S3 buckets, DynamoDB tables, SQS
 * queues, SNS topics, KMS keys, Lambda functions, Secrets Manager secrets, SSM parameters, EKS
 * clusters with their OIDC issuer): the names, ARNs and URLs AWS would report, so grants on them
 * render real-looking policies.
 */
import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { fallbackArn } from "./mock-arn-fallback";
import {
  MOCK_ARN_TABLE,
  named,
  regional,
  type MockCloud as Cloud,
  type MockStateOf as StateOf,
} from "./mock-arn-table";

const bucket: StateOf = (name, inputs, c) => {
  const b = typeof inputs.bucket === "string" ? inputs.bucket : name.toLowerCase();
  return { bucket: b, arn: `arn:${c.partition}:s3:::${b}` };
};

const SERVICES: Record<string, StateOf> = {
  "aws:s3/bucket:Bucket": bucket,
  "aws:s3/bucketV2:BucketV2": bucket,
  "aws:dynamodb/table:Table": (name, inputs, c) => {
    const arn = `${regional(c, "dynamodb")}:table/${name}`;
    return { name, arn, streamArn: inputs.streamEnabled ? `${arn}/stream/2024-01-01T00:00:00.000` : "" };
  },
  "aws:sqs/queue:Queue": (name, _inputs, c) => ({
    name,
    arn: `${regional(c, "sqs")}:${name}`,
    url: `https://sqs.${c.region}.amazonaws.com/${c.account}/${name}`,
  }),
  "aws:sns/topic:Topic": named("sns", ""),
  "aws:kms/key:Key": (name, _inputs, c) => ({ keyId: `key-${name}`, arn: `${regional(c, "kms")}:key/key-${name}` }),
  "aws:lambda/function:Function": named("lambda", "function:"),
  "aws:secretsmanager/secret:Secret": (name, _inputs, c) => ({
    name,
    arn: `${regional(c, "secretsmanager")}:secret:${name}-AbCdEf`,
  }),
  // The issuer id AWS makes is 32 hex digits; this one is derived from the name, so runs repeat.
  "aws:eks/cluster:Cluster": (name, _inputs, c) => ({
    name,
    arn: `${regional(c, "eks")}:cluster/${name}`,
    identities: [{ oidcs: [{ issuer: `https://oidc.eks.${c.region}.amazonaws.com/id/${issuerId(name)}` }] }],
  }),
  "aws:ssm/parameter:Parameter": (name, _inputs, c) => ({
    name,
    arn: `${regional(c, "ssm")}:parameter/${name.replace(/^\//, "")}`,
  }),
};

function issuerId(name: string): string {
  return createHash("md5").update(name).digest("hex").toUpperCase();
}

/**
 * Extra state for a service resource: the grant factories' resources here, other common ones
 * from mock-arn-table.ts, and an `arn` for any other `aws:` type that has one and was given none
 * (mock-arn-fallback.ts; empty for other types). `name` is the physical name.
 */
export function mockServiceState(
  args: pulumi.runtime.MockResourceArgs,
  name: string,
  cloud: Cloud,
): Record<string, unknown> {
  const of = SERVICES[args.type] ?? MOCK_ARN_TABLE[args.type];
  const inputs = args.inputs as Record<string, unknown>;
  if (!of) {
    const arn = typeof inputs.arn === "string" ? undefined : fallbackArn(args.type, name, inputs, cloud);
    return arn === undefined ? {} : { arn };
  }
  return { region: typeof inputs.region === "string" ? inputs.region : cloud.region, ...of(name, inputs, cloud) };
}
