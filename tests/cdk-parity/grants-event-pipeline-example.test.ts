// examples/event-pipeline writes the policies aws-cdk-lib writes for the same pipeline built with
// CDK's L2 constructs and their grants (SNS with a key, Secrets Manager, SSM, Lambda, a generic
// grant, and a subscription grant to another account), minimizePolicies on and off.
import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import * as cdkKms from "aws-cdk-lib/aws-kms";
import * as cdkLambda from "aws-cdk-lib/aws-lambda";
import * as cdkSecrets from "aws-cdk-lib/aws-secretsmanager";
import * as cdkSns from "aws-cdk-lib/aws-sns";
import * as cdkSsm from "aws-cdk-lib/aws-ssm";
import { exampleProgram } from "../example-program";
import { expectGrantsParity } from "./grants-harness";

function cdkPipeline(stack: cdk.Stack): void {
  const key = new cdkKms.Key(stack, "EventsKey", { enableKeyRotation: true });
  const events = new cdkSns.Topic(stack, "Events", { masterKey: key });
  const apiToken = new cdkSecrets.Secret(stack, "ApiToken");
  const endpoint = new cdkSsm.StringParameter(stack, "Endpoint", { stringValue: "https://hooks.example.com/notify" });
  const notifierRole = new cdkIam.Role(stack, "NotifierRole", {
    assumedBy: new cdkIam.ServicePrincipal("lambda.amazonaws.com"),
  });
  events.grantPublish(notifierRole);
  apiToken.grantRead(notifierRole);
  endpoint.grantRead(notifierRole);
  const notifier = new cdkLambda.Function(stack, "Notifier", {
    role: notifierRole,
    runtime: cdkLambda.Runtime.NODEJS_22_X,
    handler: "index.handler",
    code: cdkLambda.Code.fromInline("exports.handler = async () => ({ sent: true });"),
  });
  const schedulerRole = new cdkIam.Role(stack, "SchedulerRole", {
    assumedBy: new cdkIam.ServicePrincipal("scheduler.amazonaws.com"),
  });
  notifier.grantInvoke(schedulerRole);
  const deployer = new cdkIam.Role(stack, "Deployer", {
    assumedBy: new cdkIam.ServicePrincipal("codebuild.amazonaws.com"),
  });
  cdkIam.Grant.addToPrincipal({
    grantee: deployer,
    actions: ["lambda:UpdateFunctionCode", "lambda:GetFunction"],
    resourceArns: [notifier.functionArn],
  });
  events.grantSubscribe(new cdkIam.AccountPrincipal("444455556666"));
}

describe("CDK parity: the event-pipeline example", function () {
  this.timeout(120_000);

  it("the roles' policies and the topic's policy are CDK's", async () => {
    // Every policy resource of both sides is compared (CDK's Function, given its role, adds none).
    await expectGrantsParity(cdkPipeline, exampleProgram("event-pipeline", { leaveUncached: true }));
  });
});
