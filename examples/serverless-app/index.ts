// A serverless app built with plain @pulumi/aws resources, and its function's permissions granted
// the CDK way: `iamx.grants.s3(bucket).grantReadWrite(role)` writes the statements CDK's
// `bucket.grantReadWrite(role)` writes, with the same actions, resources and key permissions.
//
//   pulumi up                                          deploy it
//   npx iamx export examples/serverless-app --allow-unsupported --format yaml
//       the IAM part as a CloudFormation template: each resource ARN becomes a Parameter
//
// Uploads land in an encrypted bucket; the function reads them, records them in an encrypted
// table, takes jobs from an encrypted queue, and publishes results to an exports bucket that a
// partner account may read (a bucket policy, as CDK writes for another account).
import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import * as kms from "@pulumi/aws/kms";
import * as lambda from "@pulumi/aws/lambda";
import * as s3 from "@pulumi/aws/s3";
import * as sqs from "@pulumi/aws/sqs";
import * as iamx from "../../src";

const config = new pulumi.Config();
const partnerAccount = config.get("partnerAccount") ?? "444455556666";

// One customer managed key encrypts the uploads, the table and the queue.
const key = new kms.Key("DataKey", { description: "Encrypts the serverless app's data", enableKeyRotation: true });

const uploads = new s3.Bucket("Uploads", { forceDestroy: true });
new s3.BucketServerSideEncryptionConfiguration("Uploads-encryption", {
  bucket: uploads.bucket,
  rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn } }],
});
const exportsBucket = new s3.Bucket("Exports", { forceDestroy: true });

const table = new dynamodb.Table("Records", {
  attributes: [{ name: "id", type: "S" }],
  hashKey: "id",
  billingMode: "PAY_PER_REQUEST",
  serverSideEncryption: { enabled: true, kmsKeyArn: key.arn },
});

const jobs = new sqs.Queue("Jobs", { kmsMasterKeyId: key.id, visibilityTimeoutSeconds: 60 });

// The function's role: Lambda assumes it; AWS's managed policy lets it write logs.
const role = new iamx.Role("Processor", {
  assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
  managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole")],
});

// CDK's grants on the plain resources; the key actions come with each encrypted resource.
const grants = [
  iamx.grants.s3(uploads, { encryptionKey: key }).grantRead(role, "incoming/*"),
  iamx.grants.s3(exportsBucket).grantPut(role, "results/*"),
  iamx.grants.dynamodb(table, { encryptionKey: key }).grantReadWriteData(role),
  iamx.grants.sqs(jobs, { encryptionKey: key }).grantConsumeMessages(role),
];

// The partner's account reads the exports: a statement in the bucket's policy.
iamx.grants.s3(exportsBucket).grantRead(new iamx.AccountPrincipal(partnerAccount), "results/*");

// The function waits for its policies: a Grant works as a `dependsOn`.
const fn = new lambda.Function(
  "ProcessorFn",
  {
    role: role.roleArn,
    runtime: "nodejs22.x",
    handler: "index.handler",
    timeout: 30,
    code: new pulumi.asset.AssetArchive({
      "index.js": new pulumi.asset.StringAsset(
        "exports.handler = async (event) => ({ records: event.Records?.length ?? 0 });",
      ),
    }),
    environment: { variables: { TABLE: table.name, EXPORTS: exportsBucket.bucket } },
  },
  { dependsOn: grants },
);

new lambda.EventSourceMapping("Jobs-source", { eventSourceArn: jobs.arn, functionName: fn.arn }, { dependsOn: grants });

export const functionName = fn.name;
export const roleArn = role.roleArn;
export const exportsBucketName = exportsBucket.bucket;
