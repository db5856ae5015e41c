// examples/serverless-app runs under mocks: CDK's grants on plain resources, and the export.
import { expect } from "chai";
import { exportProgram, type ExportResult } from "../../src/render/cloudformation/export";
import type { SynthesizedResource } from "../../src/testing/synthesize";
import { exampleProgram } from "../example-program";

describe("example: serverless-app", () => {
  let result: ExportResult;
  before(async () => {
    result = await exportProgram(exampleProgram("serverless-app"), { mode: "mocks", allowUnsupported: true });
  });

  const one = (type: string, name: string): SynthesizedResource => {
    const found = result.resources.filter((r) => r.type === type && r.name === name);
    expect(found, `${type} ${name}`).to.have.length(1);
    return found[0];
  };
  const arnOf = (type: string, name: string) => one(type, name).outputs.arn as string;

  it("the function's role gets CDK's S3, DynamoDB, SQS and KMS statements", () => {
    const uploads = arnOf("aws:s3/bucket:Bucket", "Uploads");
    const exportsArn = arnOf("aws:s3/bucket:Bucket", "Exports");
    const table = arnOf("aws:dynamodb/table:Table", "Records");
    const queue = arnOf("aws:sqs/queue:Queue", "Jobs");
    const key = arnOf("aws:kms/key:Key", "DataKey");
    const policy = JSON.parse(one("aws:iam/rolePolicy:RolePolicy", "Processor-default-policy").inputs.policy);
    expect(policy.Statement).to.deep.equal([
      {
        Action: ["s3:GetBucket*", "s3:GetObject*", "s3:List*"],
        Effect: "Allow",
        Resource: [`${uploads}/incoming/*`, uploads],
      },
      {
        Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
        Effect: "Allow",
        Resource: key,
      },
      {
        Action: [
          "s3:Abort*",
          "s3:PutObject",
          "s3:PutObjectLegalHold",
          "s3:PutObjectRetention",
          "s3:PutObjectTagging",
          "s3:PutObjectVersionTagging",
        ],
        Effect: "Allow",
        Resource: `${exportsArn}/results/*`,
      },
      {
        Action: [
          "dynamodb:BatchGetItem",
          "dynamodb:BatchWriteItem",
          "dynamodb:ConditionCheckItem",
          "dynamodb:DeleteItem",
          "dynamodb:DescribeTable",
          "dynamodb:GetItem",
          "dynamodb:GetRecords",
          "dynamodb:GetShardIterator",
          "dynamodb:PutItem",
          "dynamodb:Query",
          "dynamodb:Scan",
          "dynamodb:UpdateItem",
        ],
        Effect: "Allow",
        Resource: table,
      },
      {
        Action: [
          "sqs:ChangeMessageVisibility",
          "sqs:DeleteMessage",
          "sqs:GetQueueAttributes",
          "sqs:GetQueueUrl",
          "sqs:ReceiveMessage",
        ],
        Effect: "Allow",
        Resource: queue,
      },
    ]);
  });

  it("the partner account reads the exports through a bucket policy", () => {
    const policy = one("aws:s3/bucketPolicy:BucketPolicy", "Exports-policy");
    expect(policy.inputs.bucket).to.equal(one("aws:s3/bucket:Bucket", "Exports").outputs.bucket);
    expect(JSON.parse(policy.inputs.policy).Statement).to.deep.equal([
      {
        Action: ["s3:GetBucket*", "s3:GetObject*", "s3:List*"],
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::444455556666:root" },
        Resource: [`${arnOf("aws:s3/bucket:Bucket", "Exports")}/results/*`, arnOf("aws:s3/bucket:Bucket", "Exports")],
      },
    ]);
  });

  it("the function is wired to the role", () => {
    expect(one("aws:lambda/function:Function", "ProcessorFn").inputs.role).to.equal(
      one("aws:iam/role:Role", "Processor").outputs.arn,
    );
  });

  it("exports the IAM part: the role, its policy and the bucket policy, with the resources' ARNs as Parameters", () => {
    const t = result.template;
    const types = Object.values(t.Resources).map((r) => r.Type);
    expect(types.sort()).to.deep.equal(["AWS::IAM::Policy", "AWS::IAM::Role", "AWS::S3::BucketPolicy"]);
    expect(Object.keys(t.Parameters ?? {})).to.have.members([
      "UploadsArn",
      "DataKeyArn",
      "ExportsArn",
      "RecordsArn",
      "JobsArn",
      "ExportsName",
    ]);
    expect(result.unsupported.map((u) => u.name)).to.include.members(["Uploads", "Records", "Jobs", "ProcessorFn"]);
  });

  it("the fast export (model-only run) gives the same template", async () => {
    const fast = await exportProgram(exampleProgram("serverless-app"), { allowUnsupported: true });
    expect(fast.template).to.deep.equal(result.template);
  });
});
