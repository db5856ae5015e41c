import * as cdkDynamo from "aws-cdk-lib/aws-dynamodb";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import * as cdkKms from "aws-cdk-lib/aws-kms";
import * as dynamodb from "@pulumi/aws/dynamodb";
import * as kms from "@pulumi/aws/kms";
import { expect } from "chai";
import * as iamx from "../../src";
import { expectGrantsParity } from "./grants-harness";
import { OTHER, tableArgs } from "../grants/fixtures";

type Method = "grantReadData" | "grantWriteData" | "grantReadWriteData" | "grantFullAccess" | "grantStreamRead";
const METHODS: Method[] = [
  "grantReadData",
  "grantWriteData",
  "grantReadWriteData",
  "grantFullAccess",
  "grantStreamRead",
];
const partitionKey = { name: "id", type: cdkDynamo.AttributeType.STRING };

describe("CDK parity: DynamoDB table grants", () => {
  it("every grant, same account, with and without a KMS key and indexes", async () => {
    await expectGrantsParity(
      (stack) => {
        const key = new cdkKms.Key(stack, "Key");
        const plain = new cdkDynamo.Table(stack, "T", { partitionKey, stream: cdkDynamo.StreamViewType.NEW_IMAGE });
        const encrypted = new cdkDynamo.Table(stack, "E", {
          partitionKey,
          stream: cdkDynamo.StreamViewType.NEW_IMAGE,
          encryption: cdkDynamo.TableEncryption.CUSTOMER_MANAGED,
          encryptionKey: key,
        });
        const indexed = new cdkDynamo.Table(stack, "I", { partitionKey, stream: cdkDynamo.StreamViewType.NEW_IMAGE });
        indexed.addGlobalSecondaryIndex({
          indexName: "gsi",
          partitionKey: { name: "g", type: cdkDynamo.AttributeType.STRING },
        });
        for (const m of METHODS) {
          plain[m](
            new cdkIam.Role(stack, `${m}Plain`, { assumedBy: new cdkIam.ServicePrincipal("lambda.amazonaws.com") }),
          );
          encrypted[m](
            new cdkIam.Role(stack, `${m}Key`, { assumedBy: new cdkIam.ServicePrincipal("lambda.amazonaws.com") }),
          );
          indexed[m](
            new cdkIam.Role(stack, `${m}Index`, { assumedBy: new cdkIam.ServicePrincipal("lambda.amazonaws.com") }),
          );
        }
      },
      () => {
        const key = new kms.Key("Key");
        const plain = iamx.grants.dynamodb(new dynamodb.Table("T", tableArgs));
        const encrypted = iamx.grants.dynamodb(new dynamodb.Table("E", tableArgs), { encryptionKey: key });
        const indexed = iamx.grants.dynamodb(new dynamodb.Table("I", tableArgs), { grantIndexPermissions: true });
        for (const m of METHODS) {
          plain[m](new iamx.Role(`${m}Plain`, { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") }));
          encrypted[m](new iamx.Role(`${m}Key`, { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") }));
          indexed[m](new iamx.Role(`${m}Index`, { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") }));
        }
      },
      { singleResourceAsScalar: true },
    );
  });

  it("every data grant to a role of another account: its policy and the table's resource policy", async () => {
    const methods = METHODS.filter((m) => m !== "grantStreamRead");
    await expectGrantsParity(
      (stack) => {
        const table = new cdkDynamo.Table(stack, "T", { partitionKey });
        for (const m of methods) table[m](cdkIam.Role.fromRoleArn(stack, m, `${OTHER}-${m}`));
      },
      () => {
        const table = iamx.grants.dynamodb(new dynamodb.Table("T", tableArgs));
        for (const m of methods) table[m](iamx.Role.fromRoleArn(m, `${OTHER}-${m}`));
      },
      {
        singleResourceAsScalar: true,
        check: async ({ run }, theirs) => {
          const policy = run.get("aws:dynamodb/resourcePolicy:ResourcePolicy", "T-policy");
          const cdkTable = Object.values(theirs).find((r) => r.Type === "AWS::DynamoDB::Table")!;
          const expected = (cdkTable.Properties!.ResourcePolicy as { PolicyDocument: unknown }).PolicyDocument;
          const arn = run.resources.find((r) => r.name === "T")!.outputs.arn as string;
          expect(JSON.parse(policy.inputs.policy as string)).to.deep.equal(
            JSON.parse(JSON.stringify(expected).split('"<T>"').join(JSON.stringify(arn))),
          );
          expect(policy.inputs.resourceArn).to.equal(arn);
        },
      },
    );
  });

  it("grantStreamRead on a table of another account's role: identity policy only (streams have no resource policy)", async () => {
    await expectGrantsParity(
      (stack) => {
        const table = new cdkDynamo.Table(stack, "T", { partitionKey, stream: cdkDynamo.StreamViewType.NEW_IMAGE });
        table.grantStreamRead(cdkIam.Role.fromRoleArn(stack, "Other", OTHER));
      },
      () => {
        iamx.grants.dynamodb(new dynamodb.Table("T", tableArgs)).grantStreamRead(iamx.Role.fromRoleArn("Other", OTHER));
      },
      { singleResourceAsScalar: true },
    );
  });
});
