import * as cdkIam from "aws-cdk-lib/aws-iam";
import * as cdkKms from "aws-cdk-lib/aws-kms";
import * as cdkSns from "aws-cdk-lib/aws-sns";
import * as cdkSqs from "aws-cdk-lib/aws-sqs";
import * as kms from "@pulumi/aws/kms";
import * as sns from "@pulumi/aws/sns";
import * as sqs from "@pulumi/aws/sqs";
import * as iamx from "../../src";
import { expectGrantsParity } from "./grants-harness";
import { OTHER } from "../grants/fixtures";

const QUEUE_METHODS = ["grantSendMessages", "grantConsumeMessages", "grantPurge"] as const;
const TOPIC_METHODS = ["grantPublish", "grantSubscribe"] as const;
const lambdaCdk = () => new cdkIam.ServicePrincipal("lambda.amazonaws.com");
const lambdaIamx = () => new iamx.ServicePrincipal("lambda.amazonaws.com");

describe("CDK parity: SQS queue and SNS topic grants", () => {
  it("every queue grant: same account, KMS-encrypted, another account's role, an account principal", async () => {
    await expectGrantsParity(
      (stack) => {
        const q = new cdkSqs.Queue(stack, "Q");
        const e = new cdkSqs.Queue(stack, "E", { encryptionMasterKey: new cdkKms.Key(stack, "Key") });
        for (const m of QUEUE_METHODS) {
          q[m](new cdkIam.Role(stack, `${m}Role`, { assumedBy: lambdaCdk() }));
          e[m](new cdkIam.Role(stack, `${m}Key`, { assumedBy: lambdaCdk() }));
          q[m](cdkIam.Role.fromRoleArn(stack, `${m}Other`, `${OTHER}-${m}`));
        }
        q.grant(new cdkIam.AccountPrincipal("333333333333"), "sqs:GetQueueUrl");
      },
      () => {
        const q = iamx.grants.sqs(new sqs.Queue("Q"));
        const e = iamx.grants.sqs(new sqs.Queue("E"), { encryptionKey: new kms.Key("Key") });
        for (const m of QUEUE_METHODS) {
          q[m](new iamx.Role(`${m}Role`, { assumedBy: lambdaIamx() }));
          e[m](new iamx.Role(`${m}Key`, { assumedBy: lambdaIamx() }));
          q[m](iamx.Role.fromRoleArn(`${m}Other`, `${OTHER}-${m}`));
        }
        q.grant(new iamx.AccountPrincipal("333333333333"), "sqs:GetQueueUrl");
      },
    );
  });

  it("every topic grant: same account, KMS-encrypted, another account's role, a service principal", async () => {
    await expectGrantsParity(
      (stack) => {
        const t = new cdkSns.Topic(stack, "T");
        const e = new cdkSns.Topic(stack, "E", { masterKey: new cdkKms.Key(stack, "Key") });
        for (const m of TOPIC_METHODS) {
          t[m](new cdkIam.Role(stack, `${m}Role`, { assumedBy: lambdaCdk() }));
          e[m](new cdkIam.Role(stack, `${m}Key`, { assumedBy: lambdaCdk() }));
          t[m](cdkIam.Role.fromRoleArn(stack, `${m}Other`, `${OTHER}-${m}`));
        }
        t.grantPublish(new cdkIam.ServicePrincipal("events.amazonaws.com"));
      },
      () => {
        const t = iamx.grants.sns(new sns.Topic("T"));
        const e = iamx.grants.sns(new sns.Topic("E"), { encryptionKey: new kms.Key("Key") });
        for (const m of TOPIC_METHODS) {
          t[m](new iamx.Role(`${m}Role`, { assumedBy: lambdaIamx() }));
          e[m](new iamx.Role(`${m}Key`, { assumedBy: lambdaIamx() }));
          t[m](iamx.Role.fromRoleArn(`${m}Other`, `${OTHER}-${m}`));
        }
        t.grantPublish(new iamx.ServicePrincipal("events.amazonaws.com"));
      },
    );
  });
});
