// The quick start example, loaded as the CLI loads it, exports what aws-cdk-lib synthesizes for
// the same construct tree.
import * as path from "node:path";
import * as cdk from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as iam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import { locateProgram, programFunction } from "../../src/cli/program";
import { exportProgram } from "../../src/render/cloudformation/export";
import { expectSameTemplate } from "./export-harness";

function cdkQuickstart(): Record<string, any> {
  const app = new cdk.App({ context: { "@aws-cdk/aws-iam:minimizePolicies": true } });
  const stack = new cdk.Stack(app, "S");
  const table = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";
  const api = new iam.Role(stack, "ApiHandler", {
    assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
    description: "Runs the quick start API",
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole")],
  });
  api.addToPolicy(new iam.PolicyStatement({ actions: ["dynamodb:GetItem", "dynamodb:Query"], resources: [table] }));
  const worker = new iam.Role(stack, "Worker", { assumedBy: new iam.ServicePrincipal("ecs-tasks.amazonaws.com") });
  const readData = new iam.ManagedPolicy(stack, "ReadData", {
    description: "Read the quick start data bucket",
    statements: [
      new iam.PolicyStatement({
        actions: ["s3:GetObject", "s3:ListBucket"],
        resources: ["arn:aws:s3:::quickstart-app-data", "arn:aws:s3:::quickstart-app-data/*"],
      }),
    ],
    roles: [api, worker],
  });
  const deployer = new iam.Role(stack, "Deployer", { assumedBy: new iam.ServicePrincipal("codebuild.amazonaws.com") });
  api.grantPassRole(deployer);
  worker.grantPassRole(deployer);
  const developers = new iam.Group(stack, "Developers", { managedPolicies: [readData] });
  const alice = new iam.User(stack, "Alice", { groups: [developers] });
  api.addToPolicy(new iam.PolicyStatement({ actions: ["dynamodb:PutItem"], resources: [table] }));
  worker.addToPolicy(
    new iam.PolicyStatement({
      actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage"],
      resources: ["arn:aws:sqs:us-east-1:111122223333:jobs"],
    }),
  );
  new cdk.CfnOutput(stack, "apiRoleArn", { value: api.roleArn });
  new cdk.CfnOutput(stack, "workerRoleArn", { value: worker.roleArn });
  new cdk.CfnOutput(stack, "deployerRoleName", { value: deployer.roleName });
  new cdk.CfnOutput(stack, "readDataPolicyArn", { value: readData.managedPolicyArn });
  new cdk.CfnOutput(stack, "aliceName", { value: alice.userName });
  const t = Template.fromStack(stack).toJSON();
  delete t.Parameters;
  delete t.Rules;
  return t;
}

describe("cdk-parity: the quick start example", () => {
  const location = locateProgram(path.join(__dirname, "..", "..", "examples", "quickstart"));

  for (const mode of ["model", "mocks"] as const) {
    it(`exports CDK's template (${mode} mode), with late statements and stack outputs`, async () => {
      const result = await exportProgram(programFunction(location), { mode });
      expectSameTemplate(result.template, cdkQuickstart() as never);
      expect(result.unsupported).to.deep.equal([]);
      expect(result.skippedOutputs).to.deep.equal([]);
    });
  }
});
