// A CDK app made before the IAM feature flags, moved to Pulumi: its Pulumi.yaml turns the two
// flags off as that app had them, so the export writes the template CDK deployed (logical ids,
// statements and policy names), and the stack can keep deploying it or move to `pulumi up`.
//
//   npx iamx export examples/cdk-feature-flags --format yaml
//   pulumi up
//
// (In code: iamx.configure({ minimizePolicies: false, importedRoleStackSafeDefaultPolicyName: false })
// before the first component; a PolicyDocument's own `minimize` prop wins over both.)
import * as iamx from "../../src";

// The nightly batch's role; its three statements would merge into two with minimizePolicies on.
const batch = new iamx.Role("NightlyBatch", { assumedBy: new iamx.ServicePrincipal("batch.amazonaws.com") });
batch.addToPolicy(
  new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-batch-input/*"] }),
);
batch.addToPolicy(
  new iamx.PolicyStatement({ actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::acme-batch-input"] }),
);
batch.addToPolicy(
  new iamx.PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::acme-batch-input/*"] }),
);

// A role another team owns: the statements this app adds go into a policy the app creates on it,
// `SharedRunnerPolicy…` (with the flag on: `Policy` + an id including the stack's name).
const runner = iamx.Role.fromRoleName("SharedRunner", "shared-runner");
runner.addToPrincipalPolicy(
  new iamx.PolicyStatement({
    actions: ["sqs:SendMessage"],
    resources: ["arn:aws:sqs:us-east-1:111122223333:batch-jobs"],
  }),
);
batch.grantPassRole(runner);

export const batchRoleArn = batch.roleArn;
