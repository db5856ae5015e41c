import * as cdkIam from "aws-cdk-lib/aws-iam";
import * as cdkKms from "aws-cdk-lib/aws-kms";
import * as cdkLambda from "aws-cdk-lib/aws-lambda";
import * as kms from "@pulumi/aws/kms";
import * as lambda from "@pulumi/aws/lambda";
import { expect } from "chai";
import * as iamx from "../../src";
import { expectGrantsParity, type CdkTemplate } from "./grants-harness";
import { OTHER } from "../grants/fixtures";

const KEY_METHODS = ["grantEncrypt", "grantDecrypt", "grantEncryptDecrypt"] as const;

function cdkFunction(stack: import("aws-cdk-lib").Stack): cdkLambda.Function {
  return new cdkLambda.Function(stack, "Fn", {
    runtime: cdkLambda.Runtime.NODEJS_22_X,
    handler: "index.handler",
    code: cdkLambda.Code.fromInline("exports.handler = async () => {}"),
  });
}

function ourFunction(): lambda.Function {
  return new lambda.Function("Fn", {
    runtime: "nodejs22.x",
    handler: "index.handler",
    role: "arn:aws:iam::123456789012:role/fn",
  });
}

describe("CDK parity: KMS key and Lambda function grants", () => {
  it("every key grant to roles of the key's account: identity policies only", async () => {
    await expectGrantsParity(
      (stack) => {
        const key = new cdkKms.Key(stack, "Key");
        for (const m of KEY_METHODS)
          key[m](new cdkIam.Role(stack, m, { assumedBy: new cdkIam.AccountRootPrincipal() }));
        key.grant(new cdkIam.Role(stack, "Custom", { assumedBy: new cdkIam.AccountRootPrincipal() }), "kms:Sign");
      },
      () => {
        const key = iamx.grants.kms(new kms.Key("Key"));
        for (const m of KEY_METHODS) key[m](new iamx.Role(m, { assumedBy: new iamx.AccountRootPrincipal() }));
        key.grant(new iamx.Role("Custom", { assumedBy: new iamx.AccountRootPrincipal() }), "kms:Sign");
      },
    );
  });

  it("a key grant to another account's role: the same identity statement (key policy external)", async () => {
    await expectGrantsParity(
      (stack) => {
        new cdkKms.Key(stack, "Key").grantDecrypt(cdkIam.Role.fromRoleArn(stack, "Other", OTHER));
      },
      () => {
        iamx.grants
          .kms(new kms.Key("Key"), { externalKeyPolicy: true })
          .grantDecrypt(iamx.Role.fromRoleArn("Other", OTHER));
      },
      {
        check: (_ours, theirs) => {
          // What CDK adds to the key policy is what our error asks the user to write there.
          const keyPolicy = Object.values(theirs).find((r) => r.Type === "AWS::KMS::Key")!.Properties!.KeyPolicy as {
            Statement: unknown[];
          };
          expect(keyPolicy.Statement).to.deep.include({
            Action: "kms:Decrypt",
            Effect: "Allow",
            Principal: { AWS: OTHER },
            Resource: "*",
          });
        },
      },
    );
  });

  it("grantInvoke: a role, a service (twice: one permission), an account, a service with source conditions", async () => {
    await expectGrantsParity(
      (stack) => {
        const fn = cdkFunction(stack);
        fn.grantInvoke(new cdkIam.Role(stack, "Caller", { assumedBy: new cdkIam.AccountRootPrincipal() }));
        fn.grantInvoke(new cdkIam.ServicePrincipal("events.amazonaws.com"));
        fn.grantInvoke(new cdkIam.AccountPrincipal("333333333333"));
        fn.grantInvoke(
          new cdkIam.ServicePrincipal("s3.amazonaws.com").withConditions({
            ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" },
            StringEquals: { "aws:SourceAccount": "123456789012" },
          }),
        );
        fn.grantInvoke(new cdkIam.ServicePrincipal("events.amazonaws.com"));
      },
      () => {
        const fn = iamx.grants.lambda(ourFunction());
        fn.grantInvoke(new iamx.Role("Caller", { assumedBy: new iamx.AccountRootPrincipal() }));
        fn.grantInvoke(new iamx.ServicePrincipal("events.amazonaws.com"));
        fn.grantInvoke(new iamx.AccountPrincipal("333333333333"));
        fn.grantInvoke(
          new iamx.ServicePrincipal("s3.amazonaws.com").withConditions({
            ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" },
            StringEquals: { "aws:SourceAccount": "123456789012" },
          }),
        );
        fn.grantInvoke(new iamx.ServicePrincipal("events.amazonaws.com"));
      },
      // CDK's function role gets a policy of its own in neither program; compare everything else.
    );
  });

  it("grantInvoke to another account's role: its policy and a permission (logical id aside)", async () => {
    const permissions = (t: CdkTemplate) =>
      Object.values(t)
        .filter((r) => r.Type === "AWS::Lambda::Permission")
        .map((r) => r.Properties);
    await expectGrantsParity(
      (stack) => {
        cdkFunction(stack).grantInvoke(cdkIam.Role.fromRoleArn(stack, "Other", OTHER));
      },
      () => {
        iamx.grants.lambda(ourFunction()).grantInvoke(iamx.Role.fromRoleArn("Other", OTHER));
      },
      {
        types: ["AWS::IAM::Policy"],
        check: (ours, theirs) => {
          expect(permissions(ours.cfn)).to.deep.equal(permissions(theirs));
          expect(permissions(ours.cfn)).to.have.length(1);
        },
      },
    );
  });
});
