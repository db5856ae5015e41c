/**
 * `iamx.grants`: CDK's grant methods for the resources a program makes with @pulumi/aws. Each
 * factory takes the resource (or `{ arn }` of one made elsewhere) and options, and returns an
 * object with CDK's `grant*` methods, each returning a {@link Grant}:
 *
 * ```ts
 * iamx.grants.s3(bucket).grantRead(role);
 * iamx.grants.dynamodb(table, { encryptionKey: key }).grantReadWriteData(role);
 * ```
 */
export { s3Grants as s3, BucketGrants, type BucketGrantsOptions } from "./s3";
export { dynamodbGrants as dynamodb, TableGrants, type TableGrantsOptions, type TableAttributes } from "./dynamodb";
export { sqsGrants as sqs, QueueGrants, type QueueGrantsOptions } from "./sqs";
export { snsGrants as sns, TopicGrants, type TopicGrantsOptions } from "./sns";
export { kmsGrants as kms, KeyGrants, type KeyGrantsOptions, type EncryptionKey } from "./kms";
export { lambdaGrants as lambda, FunctionGrants, type FunctionGrantsOptions } from "./lambda";
export { secretsmanagerGrants as secretsmanager, SecretGrants, type SecretGrantsOptions } from "./secretsmanager";
export { ssmGrants as ssm, ParameterGrants, type ParameterGrantsOptions } from "./ssm";
export { resourceGrants as resource, arnOf, GenericResourceGrants } from "./generic";
export { ResourceGrants } from "./base";
export type { ResourceGrantsOptions, ResourceAttributes } from "./resource-ref";
