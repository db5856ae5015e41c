// pulumi-iamx quick start: a small service's IAM written the CDK way, deployed by Pulumi.
//
//   pulumi up                          deploy it (the repository root's Pulumi.yaml points here)
//   npx iamx export examples/quickstart --format yaml   the same IAM as a CloudFormation template
//   npx iamx preview examples/quickstart                what `pulumi up` would create, offline
//
// Roles for an API function and a background worker, a deployer allowed to pass them, a managed
// policy both services share, developers in a group with read access, and statements added after
// the program has done other (asynchronous) work: every statement lands in the right policy.
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";

const config = new pulumi.Config();
const dataBucket = config.get("dataBucket") ?? "quickstart-app-data";
const table = `arn:aws:dynamodb:us-east-1:111122223333:table/${config.get("table") ?? "orders"}`;
const queue = `arn:aws:sqs:us-east-1:111122223333:${config.get("queue") ?? "jobs"}`;

// The API function's role: Lambda assumes it; AWS's managed policy lets it write logs.
const api = new iamx.Role("ApiHandler", {
  assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
  description: "Runs the quick start API",
  managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole")],
});
api.addToPolicy(new iamx.PolicyStatement({ actions: ["dynamodb:GetItem", "dynamodb:Query"], resources: [table] }));

// The worker's role, for ECS tasks.
const worker = new iamx.Role("Worker", { assumedBy: new iamx.ServicePrincipal("ecs-tasks.amazonaws.com") });

// Both services read the data bucket through one customer managed policy.
const readData = new iamx.ManagedPolicy("ReadData", {
  description: "Read the quick start data bucket",
  statements: [
    new iamx.PolicyStatement({
      actions: ["s3:GetObject", "s3:ListBucket"],
      resources: [`arn:aws:s3:::${dataBucket}`, `arn:aws:s3:::${dataBucket}/*`],
    }),
  ],
  roles: [api, worker],
});

// CI deploys both services, so it may pass their roles; the grants are Grants you can depend on.
const deployer = new iamx.Role("Deployer", { assumedBy: new iamx.ServicePrincipal("codebuild.amazonaws.com") });
const passApi = api.grantPassRole(deployer);
worker.grantPassRole(deployer);

// Developers get read access through a group.
const developers = new iamx.Group("Developers", { managedPolicies: [readData] });
const alice = new iamx.User("Alice", { groups: [developers] });

// Statements added later (after awaiting other work) still land in each role's default policy.
async function addLatePermissions(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10));
  api.addToPolicy(new iamx.PolicyStatement({ actions: ["dynamodb:PutItem"], resources: [table] }));
  worker.addToPolicy(
    new iamx.PolicyStatement({ actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage"], resources: [queue] }),
  );
}

export = async () => {
  await addLatePermissions();
  passApi.assertSuccess();
  return {
    apiRoleArn: api.roleArn,
    workerRoleArn: worker.roleArn,
    deployerRoleName: deployer.roleName,
    readDataPolicyArn: readData.managedPolicyArn,
    aliceName: alice.userName,
  };
};
