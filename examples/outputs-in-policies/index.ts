// Pulumi Outputs inside policy statements (docs/outputs.md): ARNs of resources this program makes
// with @pulumi/aws, a secret from config and a condition block known only at deployment. Pulumi
// writes their values into the policies once known; the CloudFormation export renders what CDK
// renders for tokens (parameters, Fn::Join, Fn::GetAtt), and never a secret's value.
//
//   pulumi up
//   npx iamx preview examples/outputs-in-policies                        secrets show as [secret]
//   npx iamx export examples/outputs-in-policies --allow-unsupported --format yaml
//       the IAM part as a template: the bucket, queue and key ARNs are parameters, the external id
//       a NoEcho parameter
import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import * as sqs from "@pulumi/aws/sqs";
import * as iamx from "../../src";

const config = new pulumi.Config();
const partnerAccount = config.get("partnerAccount") ?? "444455556666";
const region = config.get("region") ?? "us-east-1";
// A secret: every policy holding it is a secret Output in Pulumi's state, a NoEcho parameter in
// the export.
const externalId = config.requireSecret("partnerExternalId");

const key = new kms.Key("DataKey", { description: "Encrypts the results", enableKeyRotation: true });
const results = new s3.Bucket("Results", { forceDestroy: true });
const jobs = new sqs.Queue("Jobs", { visibilityTimeoutSeconds: 60 });

const worker = new iamx.Role("Worker", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
worker.addToPolicy(
  new iamx.PolicyStatement({
    actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage"],
    resources: [jobs.arn], // an Output as a whole resource: a parameter (JobsArn) in the export
  }),
);
worker.addToPolicy(
  new iamx.PolicyStatement({
    actions: ["s3:PutObject"],
    // An Output inside a longer string: iamx.concat keeps the parts apart, so the export writes
    // CDK's Fn::Join of the bucket's ARN parameter and "/results/*". (pulumi.interpolate works too,
    // but is opaque: the export would make the whole string one parameter.)
    resources: [iamx.concat(iamx.toValue(results.arn), "/results/*")],
  }),
);
worker.addToPolicy(
  new iamx.PolicyStatement({
    actions: ["kms:GenerateDataKey", "kms:Decrypt"],
    resources: [key.arn],
    conditions: {
      StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
      // A condition value that is an Output.
      ArnLike: { "kms:EncryptionContext:aws:s3:arn": iamx.concat(iamx.toValue(results.arn), "/*") },
    },
  }),
);

// The partner assumes its role with an external id (a secret) and reads the results the export job
// tagged for it: the tag's value holds the bucket's name, which Pulumi gives a random suffix, so
// the whole condition block is one Output (in the export, a parameter of JSON text that CDK's
// CfnJson resource parses).
const partner = new iamx.Role("Partner", {
  assumedBy: new iamx.AccountPrincipal(partnerAccount),
  externalIds: [externalId],
});
partner.addToPolicy(
  new iamx.PolicyStatement({
    actions: ["s3:GetObject"],
    resources: [iamx.concat(iamx.toValue(results.arn), "/results/*")],
    conditions: {
      StringEquals: results.bucket.apply((name) => ({ "s3:ExistingObjectTag/share": `${name}-partner` })),
    },
  }),
);

export const workerRoleArn = worker.roleArn;
export const partnerRoleArn = partner.roleArn;
