// examples/cdk-feature-flags, loaded as the CLI loads it (its Pulumi.yaml turns two CDK flags off),
// exports what aws-cdk-lib synthesizes for the same construct tree in an app with those flags off;
// without that config, the export matches CDK's app with the flags on, a different template.
import * as path from "node:path";
import * as cdk from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as iam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import { locateProgram, programFunction } from "../../src/cli/program";
import { exportProgram } from "../../src/render/cloudformation/export";
import { expectSameTemplate } from "./export-harness";

function cdkApp(flags: boolean): Record<string, any> {
  const app = new cdk.App({
    context: {
      "@aws-cdk/aws-iam:minimizePolicies": flags,
      "@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName": flags,
    },
  });
  const stack = new cdk.Stack(app, "S");
  const batch = new iam.Role(stack, "NightlyBatch", { assumedBy: new iam.ServicePrincipal("batch.amazonaws.com") });
  batch.addToPolicy(
    new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-batch-input/*"] }),
  );
  batch.addToPolicy(
    new iam.PolicyStatement({ actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::acme-batch-input"] }),
  );
  batch.addToPolicy(
    new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::acme-batch-input/*"] }),
  );
  const runner = iam.Role.fromRoleName(stack, "SharedRunner", "shared-runner");
  runner.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ["sqs:SendMessage"],
      resources: ["arn:aws:sqs:us-east-1:111122223333:batch-jobs"],
    }),
  );
  batch.grantPassRole(runner);
  new cdk.CfnOutput(stack, "batchRoleArn", { value: batch.roleArn });
  const t = Template.fromStack(stack).toJSON();
  delete t.Parameters;
  delete t.Rules;
  return t;
}

describe("cdk-parity: the cdk-feature-flags example", () => {
  const location = locateProgram(path.join(__dirname, "..", "..", "examples", "cdk-feature-flags"));
  const options = { config: location.config, project: location.project };

  for (const mode of ["model", "mocks"] as const) {
    it(`exports the template of a CDK app with both flags off (${mode} mode)`, async () => {
      const result = await exportProgram(programFunction(location), { ...options, mode });
      expectSameTemplate(result.template, cdkApp(false) as never);
    });
  }

  it("without the example's config (the flags on), it exports CDK's template with the flags on, another one", async () => {
    // The flag names the policy with the stack's name: the Pulumi stack named as CDK's stack.
    const result = await exportProgram(programFunction(location), {
      project: location.project,
      stack: "S",
      mode: "model",
    });
    expectSameTemplate(result.template, cdkApp(true) as never);
    expect(Object.keys(result.template.Resources)).to.not.deep.equal(Object.keys(cdkApp(false).Resources));
  });
});
