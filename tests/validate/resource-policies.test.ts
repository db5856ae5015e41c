import { expect } from "chai";
import { validatePolicy } from "../../src/validate";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const codes = (d: unknown, resourceType?: string) =>
  validatePolicy(d, { policyType: "resource", ...(resourceType ? { resourceType } : {}) }).map((f) => f.code);

describe("validate: resource policies (bucket, queue, topic, key, repository, secret)", () => {
  it("a key policy giving the account kms:* on the key ('*') is KMS's default, not a sensitive wildcard", () => {
    const key = doc({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "kms:*",
      Resource: "*",
    });
    expect(codes(key, "AWS::KMS::Key")).to.deep.equal([]);
    // the same grant in an identity policy is every key of the account
    const identity = doc({ Effect: "Allow", Action: "kms:*", Resource: "*" });
    expect(validatePolicy(identity).map((f) => f.code)).to.include("WILDCARD_ON_SENSITIVE_SERVICE");
  });

  it("needs a Principal in every statement", () => {
    const noPrincipal = doc({
      Effect: "Allow",
      Action: "sqs:SendMessage",
      Resource: "arn:aws:sqs:us-east-1:111122223333:q",
    });
    expect(codes(noPrincipal, "AWS::SQS::QueuePolicy")).to.include("MISSING_PRINCIPAL");
  });

  it("takes service principals with aws:SourceArn conditions without a finding", () => {
    const topic = doc({
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sns:Publish",
      Resource: "arn:aws:sns:us-east-1:111122223333:t",
      Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:us-east-1:111122223333:rule/r" } },
    });
    expect(codes(topic, "AWS::SNS::TopicPolicy")).to.deep.equal([]);
    const misspelt = doc({
      Effect: "Allow",
      Principal: { Service: "event.amazonaws.com" },
      Action: "sns:Publish",
      Resource: "arn:aws:sns:us-east-1:111122223333:t",
      Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:us-east-1:111122223333:rule/r" } },
    });
    expect(codes(misspelt, "AWS::SNS::TopicPolicy")).to.include("UNKNOWN_SERVICE_PRINCIPAL");
  });

  it("reports a bucket open to anyone without a condition, not one guarded by aws:SourceVpce", () => {
    const open = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
    expect(codes(doc(open), "AWS::S3::BucketPolicy")).to.include("ANY_PRINCIPAL_WITHOUT_CONDITION");
    const guarded = { ...open, Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } };
    expect(codes(doc(guarded), "AWS::S3::BucketPolicy")).to.deep.equal([]);
  });

  it("an ECR repository policy names no Resource (it applies to its repository); other resource policies must", () => {
    const pull = {
      Sid: "Pull",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::444455556666:root" },
      Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
    };
    expect(codes(doc(pull), "AWS::ECR::Repository")).to.deep.equal([]);
    const secret = {
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::444455556666:root" },
      Action: "secretsmanager:GetSecretValue",
    };
    expect(codes(doc(secret), "AWS::SecretsManager::ResourcePolicy")).to.include("MISSING_RESOURCE");
  });
});
