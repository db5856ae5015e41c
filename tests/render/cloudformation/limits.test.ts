/**
 * CloudFormation's template quotas: 500 resources (aws-cdk-lib's synth refuses 501 too, and is the
 * ground truth here), 200 parameters, 200 outputs, a 1,048,576-byte body. At each limit the
 * export passes; one past it, it fails naming every exceeded quota with its count.
 */
import { expect } from "chai";
import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../../src";
import { exportTemplate } from "../../../src/render/cloudformation/export";
import {
  CFN_LIMITS,
  TemplateLimitsError,
  checkTemplateLimits,
  exceededLimits,
} from "../../../src/render/cloudformation/limits";
import type { CfnTemplate } from "../../../src/render/cloudformation/template";

/** `roles` roles with one statement each (a role and its default policy) and `users` users. */
function cdkSynth(roles: number, users: number): void {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, "S");
  for (let i = 0; i < roles; i++) {
    const role = new cdkIam.Role(stack, `Role${i}`, { assumedBy: new cdkIam.ServicePrincipal("lambda.amazonaws.com") });
    role.addToPolicy(new cdkIam.PolicyStatement({ actions: ["s3:GetObject"], resources: [`arn:aws:s3:::b${i}/*`] }));
  }
  for (let i = 0; i < users; i++) new cdkIam.User(stack, `User${i}`);
  app.synth();
}

function iamxProgram(roles: number, users: number, outputs = 0): () => Record<string, unknown> {
  return () => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < roles; i++) {
      const role = new iamx.Role(`Role${i}`, { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      role.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: [`arn:aws:s3:::b${i}/*`] }));
      if (i < outputs) out[`role${i}Arn`] = role.roleArn;
    }
    for (let i = 0; i < users; i++) new iamx.User(`User${i}`);
    return out;
  };
}

async function rejection(p: Promise<unknown>): Promise<TemplateLimitsError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(TemplateLimitsError);
    return e as TemplateLimitsError;
  }
  throw new Error("expected a TemplateLimitsError");
}

describe("render: CloudFormation template limits", function () {
  this.timeout(120_000);

  it("500 resources export (as CDK synthesizes them); 501 fail, as CDK's synth does, with the same counts by type", async () => {
    // 250 roles with a default policy each = 500 resources; one user more = 501
    expect(() => cdkSynth(250, 0)).to.not.throw();
    const t = await exportTemplate(iamxProgram(250, 0));
    expect(Object.keys(t.Resources)).to.have.length(500);

    let cdkMessage = "";
    try {
      cdkSynth(250, 1);
    } catch (e) {
      cdkMessage = (e as Error).message;
    }
    expect(cdkMessage).to.match(/: 501 is greater than allowed maximum of 500: /);
    const err = await rejection(exportTemplate(iamxProgram(250, 1)));
    expect(err.exceeded).to.have.length(1);
    expect(err.exceeded[0]).to.include({ quota: "resources", count: 501, maximum: 500 });
    // CDK lists the resource types with their counts; so do we (largest first)
    for (const c of err.exceeded[0].contributors) expect(cdkMessage).to.include(c);
    expect(err.exceeded[0].contributors).to.deep.equal([
      "AWS::IAM::Policy (250)",
      "AWS::IAM::Role (250)",
      "AWS::IAM::User (1)",
    ]);
    expect(err.message).to.match(/resources: 501, maximum 500; AWS::IAM::Policy \(250\), AWS::IAM::Role \(250\)/);
    expect(err.message).to.include("Split the program's IAM resources into several stacks");
  });

  it("200 outputs export; 201 fail", async () => {
    const t = await exportTemplate(iamxProgram(200, 0, 200));
    expect(Object.keys(t.Outputs ?? {})).to.have.length(200);
    const err = await rejection(exportTemplate(iamxProgram(201, 0, 201)));
    expect(err.exceeded.map((e) => [e.quota, e.count])).to.deep.equal([["outputs", 201]]);
  });

  it("200 parameters export; 201 fail", async () => {
    const program = (n: number) => () => {
      const role = new iamx.Role("Reader", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      for (let i = 0; i < n; i++) {
        // an output the model cannot see into becomes a parameter
        const arn = iamx.toValue(pulumi.output(`arn:aws:s3:::bucket-${i}`), "bucket", {
          resourceName: `Bucket${i}`,
          property: "arn",
        });
        role.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: [arn] }));
      }
    };
    const t = await exportTemplate(program(200));
    expect(Object.keys(t.Parameters ?? {})).to.have.length(200);
    const err = await rejection(exportTemplate(program(201)));
    expect(err.exceeded.map((e) => [e.quota, e.count, e.maximum])).to.deep.equal([["parameters", 201, 200]]);
  });

  it("the body: 1,048,576 bytes (UTF-8, as written) pass, one more fails naming the largest resources", () => {
    const template: CfnTemplate = {
      Resources: {
        Small: { Type: "AWS::IAM::User" },
        Big: { Type: "AWS::IAM::User", Properties: { Path: "/é/" } },
      },
    };
    const atLimit = "é".repeat(CFN_LIMITS.templateBodyBytes / 2); // 2 bytes each
    expect(exceededLimits(template, { text: atLimit, format: "json" })).to.deep.equal([]);
    const over = exceededLimits(template, { text: atLimit + "x", format: "yaml" });
    expect(over).to.have.length(1);
    expect(over[0]).to.deep.include({ quota: "template body", count: 1_048_577, maximum: 1_048_576 });
    expect(over[0].contributors[0]).to.match(/^Big \(\d+ bytes as JSON\)$/);
    expect(() => checkTemplateLimits(template, { text: atLimit + "x", format: "yaml" })).to.throw(
      TemplateLimitsError,
      /template body: 1,048,577 bytes as YAML, maximum 1,048,576; largest resources: Big/,
    );
    // without a body, the compact JSON is measured
    expect(exceededLimits(template)).to.deep.equal([]);
  });

  it("one error names every exceeded quota", () => {
    const resources: CfnTemplate["Resources"] = {};
    for (let i = 0; i < 501; i++) resources[`R${i}`] = { Type: "AWS::IAM::Group" };
    const names = (n: number, p: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${p}${i}`, i]));
    const template = {
      Resources: resources,
      Parameters: names(201, "P") as unknown as CfnTemplate["Parameters"],
      Outputs: names(202, "O") as unknown as CfnTemplate["Outputs"],
    };
    const text = "x".repeat(CFN_LIMITS.templateBodyBytes + 10);
    const exceeded = exceededLimits(template, { text, format: "json" });
    expect(exceeded.map((e) => e.quota)).to.deep.equal(["resources", "parameters", "outputs", "template body"]);
    expect(() => checkTemplateLimits(template, { text, format: "json" })).to.throw(
      /resources: 501, maximum 500; AWS::IAM::Group \(501\)\n {2}- parameters: 201, maximum 200\n {2}- outputs: 202, maximum 200\n {2}- template body: 1,048,586 bytes as JSON/,
    );
  });
});
