// A pull request reviewed for what it does to access. This is the program after the change;
// deployed.template.json is what is deployed (the export of the program before it), and
// pr-comment.md is what `iamx diff` posts on the pull request:
//
//   npx iamx diff examples/diff-pr/deployed.template.json examples/diff-pr --format markdown
//   npx iamx diff examples/diff-pr --base main --format markdown --fail-on broadening   (in CI)
//
// The change: the API may now delete uploads (s3:Delete* — widening) and no longer writes orders;
// a partner account may assume the worker with an external id (the service now needs it too),
// and the worker gets a permissions boundary.
import * as iamx from "../../src";

const uploads = "arn:aws:s3:::example-uploads";
const orders = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";
const jobs = "arn:aws:sqs:us-east-1:111122223333:jobs";

const api = new iamx.Role("ApiHandler", {
  assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
  managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole")],
});
api.addToPolicy(
  new iamx.PolicyStatement({ actions: ["s3:GetObject", "s3:PutObject", "s3:Delete*"], resources: [`${uploads}/*`] }),
);
api.addToPolicy(new iamx.PolicyStatement({ actions: ["dynamodb:GetItem"], resources: [orders] }));

const worker = new iamx.Role("Worker", {
  assumedBy: new iamx.CompositePrincipal(
    new iamx.ServicePrincipal("ecs-tasks.amazonaws.com"),
    new iamx.AccountPrincipal("210987654321"),
  ),
  externalIds: ["partner-7f3a"],
  permissionsBoundary: iamx.ManagedPolicy.fromManagedPolicyName("WorkerBoundary", "workload-boundary"),
});
worker.addToPolicy(
  new iamx.PolicyStatement({ actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage"], resources: [jobs] }),
);
worker.addToPolicy(new iamx.PolicyStatement({ actions: ["dynamodb:Query"], resources: [orders] }));
