// A program and its unit tests. index.test.ts runs this program offline with the testing kit
// (pulumi-iamx/testing: Pulumi mocks, no engine, no cloud, no credentials) and asserts on the
// resources it would create, their policies, its stack outputs and its CloudFormation export:
//
//   npx mocha -r ts-node/register examples/testing-kit/index.test.ts
//   pulumi up
//
// The program is a function (`export =`): Pulumi runs it once, and the tests run it afresh for
// each case, with the config of the case.
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";

export = () => {
  const config = new pulumi.Config();
  const stage = config.get("stage") ?? "dev";
  if (stage !== "dev" && stage !== "prod") throw new Error(`config stage must be dev or prod, got "${stage}"`);
  const bucket = config.get("uploadsBucket") ?? "acme-uploads";

  // The ingest function reads uploads and records them in a table of the same account.
  const ingest = new iamx.Role("Ingest", {
    assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
    managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole")],
    // Production roles stay within the organisation's boundary.
    ...(stage === "prod"
      ? { permissionsBoundary: iamx.ManagedPolicy.fromManagedPolicyName("Boundary", "workload-boundary") }
      : {}),
  });
  ingest.addToPolicy(
    new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: [`arn:aws:s3:::${bucket}/incoming/*`] }),
  );
  ingest.addToPolicy(
    new iamx.PolicyStatement({
      actions: ["dynamodb:PutItem"],
      resources: [iamx.concat("arn:aws:dynamodb:us-east-1:", iamx.Aws.ACCOUNT_ID, `:table/uploads-${stage}`)],
    }),
  );

  // Operators may assume the function's role to replay a failed upload.
  const operators = new iamx.Group("Operators");
  ingest.grantAssumeRole(operators);

  return { ingestRoleArn: ingest.roleArn, operatorsGroup: operators.groupName };
};
