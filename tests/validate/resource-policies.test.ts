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

  describe("an API Gateway REST API's policy (AWS::ApiGateway::RestApi)", () => {
    const api = "AWS::ApiGateway::RestApi";
    const invoke = (Resource: unknown, Action: unknown = "execute-api:Invoke") =>
      doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action, Resource });
    const full = (path: string) => `arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/${path}`;

    it("takes API Gateway's short form execute-api:/stage/METHOD/path, as API Gateway does", () => {
      for (const r of ["execute-api:/*", "execute-api:/prod/GET/pets", "execute-api:/*/POST/orders/*"]) {
        expect(codes(invoke(r), api), r).to.deep.equal([]);
      }
      expect(codes(invoke(["execute-api:/prod/GET/pets", full("prod/GET/pets")]), api)).to.deep.equal([]);
    });

    it("reads the short form as the API's own ARN: the same findings as the full ARN", () => {
      // API Gateway writes the API's Region, account and id in front of the path when it saves the policy.
      for (const path of ["prod/GET/pets", "*", "prod", "prod/GET/pets/${aws:username}"]) {
        const short = validatePolicy(invoke(`execute-api:/${path}`), { policyType: "resource", resourceType: api });
        const long = validatePolicy(invoke(full(path)), { policyType: "resource", resourceType: api });
        expect(
          short.map((f) => f.code),
          path,
        ).to.deep.equal(long.map((f) => f.code));
        // a finding names the text as written
        for (const f of short) expect(f.message, path).not.to.contain("a1b2c3d4e5");
      }
      expect(codes(invoke("execute-api:/prod/GET/pets", "s3:GetObject"), api)).to.include(
        "RESOURCE_NOT_SUPPORTED_BY_ACTIONS",
      );
    });

    it("still reports real errors: a full ARN's bad field, a text that is neither form", () => {
      expect(codes(invoke("arn:aws:execute-api:us-east-1:11112222333:a1b2c3d4e5/prod/GET/pets"), api)).to.include(
        "INVALID_ARN_ACCOUNT",
      );
      expect(codes(invoke("arn:aws:execute-api:us-east-one:111122223333:a1b2c3d4e5/*"), api)).to.include(
        "INVALID_ARN_REGION",
      );
      for (const r of ["execute-api:prod/GET/pets", "execute-ap:/prod/GET/pets", "/prod/GET/pets"]) {
        expect(codes(invoke(r), api), r).to.include("INVALID_ARN_PREFIX");
      }
    });

    it("the short form is API Gateway's alone: elsewhere it is no ARN", () => {
      const short = invoke("execute-api:/prod/GET/pets");
      expect(codes(short, "AWS::S3::BucketPolicy")).to.include("INVALID_ARN_PREFIX");
      expect(codes(short)).to.include("INVALID_ARN_PREFIX");
      const identity = doc({ Effect: "Allow", Action: "execute-api:Invoke", Resource: "execute-api:/prod/GET/pets" });
      expect(validatePolicy(identity).map((f) => f.code)).to.include("INVALID_ARN_PREFIX");
    });
  });
});
