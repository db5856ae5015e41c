// An event pipeline built with plain @pulumi/aws resources, its permissions granted the CDK way
// (docs/grants.md): each grant writes the statements CDK's grant on the same L2 construct writes.
//
//   pulumi up
//   npx iamx export examples/event-pipeline --allow-unsupported --format yaml
//       the IAM part as a CloudFormation template: each resource's ARN becomes a Parameter
//
// A scheduler invokes a notifier function, which CI deploys; the function reads an API token
// (a secret) and an endpoint (a parameter) and publishes to an encrypted topic, to which a partner
// account may subscribe (a statement in the topic's policy, as CDK writes for another account).
import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/aws/kms";
import * as lambda from "@pulumi/aws/lambda";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as sns from "@pulumi/aws/sns";
import * as ssm from "@pulumi/aws/ssm";
import * as iamx from "../../src";

const config = new pulumi.Config();
const partnerAccount = config.get("partnerAccount") ?? "444455556666";

const eventsKey = new kms.Key("EventsKey", { description: "Encrypts the events topic", enableKeyRotation: true });
const events = new sns.Topic("Events", { kmsMasterKeyId: eventsKey.id });
const apiToken = new secretsmanager.Secret("ApiToken", { description: "The notifier's API token" });
const endpoint = new ssm.Parameter("Endpoint", { type: "String", value: "https://hooks.example.com/notify" });

// The notifier function's role.
const notifierRole = new iamx.Role("NotifierRole", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
const grants = [
  iamx.grants.sns(events, { encryptionKey: eventsKey }).grantPublish(notifierRole),
  iamx.grants.secretsmanager(apiToken).grantRead(notifierRole),
  iamx.grants.ssm(endpoint).grantRead(notifierRole),
];

// The function waits for its policies: a Grant works as a `dependsOn`.
const notifier = new lambda.Function(
  "Notifier",
  {
    role: notifierRole.roleArn,
    runtime: "nodejs22.x",
    handler: "index.handler",
    code: new pulumi.asset.AssetArchive({
      "index.js": new pulumi.asset.StringAsset("exports.handler = async () => ({ sent: true });"),
    }),
    environment: { variables: { TOPIC: events.arn, TOKEN_SECRET: apiToken.arn, ENDPOINT: endpoint.name } },
  },
  { dependsOn: grants },
);

// EventBridge Scheduler invokes the function.
const schedulerRole = new iamx.Role("SchedulerRole", {
  assumedBy: new iamx.ServicePrincipal("scheduler.amazonaws.com"),
});
iamx.grants.lambda(notifier).grantInvoke(schedulerRole);

// CI deploys the function's code: actions no grant method covers take the generic grant (any
// actions on the resource's ARN).
const deployer = new iamx.Role("Deployer", { assumedBy: new iamx.ServicePrincipal("codebuild.amazonaws.com") });
iamx.grants.resource(notifier).grant(deployer, "lambda:UpdateFunctionCode", "lambda:GetFunction");

// The partner's account subscribes its own queue to the events: a statement in the topic's policy.
iamx.grants.sns(events).grantSubscribe(new iamx.AccountPrincipal(partnerAccount));

export const notifierName = notifier.name;
export const topicArn = events.arn;
export const schedulerRoleArn = schedulerRole.roleArn;
