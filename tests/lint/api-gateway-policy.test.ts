// iamx lint on a REST API's resource policy as CDK's RestApi writes it (AWS::ApiGateway::RestApi
// Policy), with resources in API Gateway's short form execute-api:/stage/METHOD/path.
import { expect } from "chai";
import * as cdk from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as iam from "aws-cdk-lib/aws-iam";
import { lintTemplate } from "../../src/lint";

/** The template CDK synthesizes for a REST API whose policy lets an account invoke `resources`. */
function cdkTemplate(resources: string[]): Record<string, unknown> {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, "S");
  const api = new apigateway.RestApi(stack, "Api", {
    policy: new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          principals: [new iam.AccountPrincipal("444455556666")],
          actions: ["execute-api:Invoke"],
          resources,
        }),
      ],
    }),
  });
  api.root.addMethod("GET");
  return app.synth().getStackByName("S").template as Record<string, unknown>;
}

const policyFindings = (t: Record<string, unknown>) =>
  lintTemplate(t)
    .findings.filter((f) => f.ruleId.startsWith("IAMX-Policy") || f.ruleId === "IAMX-UnreadablePolicy")
    .map((f) => `${f.resourceType} ${f.ruleId}[${f.findingId}] ${f.location}`);

describe("lint: an API Gateway REST API's policy as CDK writes it", () => {
  it("takes the short form API Gateway expands to the API's ARN", () => {
    expect(policyFindings(cdkTemplate(["execute-api:/*"]))).to.deep.equal([]);
    expect(
      policyFindings(cdkTemplate(["execute-api:/prod/GET/pets", "execute-api:/prod/POST/orders/*"])),
    ).to.deep.equal([]);
  });

  it("reports a resource that is neither the short form nor an ARN", () => {
    expect(policyFindings(cdkTemplate(["execute-api:prod/GET/pets"]))).to.deep.equal([
      "AWS::ApiGateway::RestApi IAMX-PolicyInvalid[INVALID_ARN_PREFIX] Policy.Statement[0].Resource",
    ]);
  });
});
