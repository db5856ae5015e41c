// iamx lint on resource policies: bucket, queue, topic, key, repository and secret policies, in
// templates (AWS::S3::BucketPolicy PolicyDocument, AWS::KMS::Key KeyPolicy, ...) and in programs
// (plain @pulumi/aws resources next to pulumi-iamx components), validated by the same engine.
import { expect } from "chai";
import Ajv from "ajv-draft-04";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { Lint, lintProgram, lintTemplate, toSarif } from "../../src/lint";
import { findingPath, templatePositions } from "../../src/lint/format/template-positions";
import { TEMPLATE_RESOURCE_POLICIES } from "../../src/validate/policy-holders";
import { PolicyStatement } from "../../src/core/statement";
import { ServicePrincipal } from "../../src/core/principals/service";
import { Role } from "../../src/components/role";
import { RESOURCE_POLICY_STATEMENTS } from "../validate/resource-policy-statements";
import { ids, template } from "./helpers";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const typo = { StringEqual: { "aws:PrincipalOrgID": "o-abc123def4" } };
const good = { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } };

// A statement each resource type's policy would hold: its service's action, its resource (none for ECR).
const STATEMENTS: Record<string, readonly [string, unknown?]> = {
  ...RESOURCE_POLICY_STATEMENTS,
  // in templates, resources given as intrinsics
  "AWS::S3::BucketPolicy": ["s3:GetObject", { "Fn::Sub": "${Bucket.Arn}/*" }],
  "AWS::SQS::QueuePolicy": ["sqs:SendMessage", { "Fn::GetAtt": ["Queue", "Arn"] }],
  "AWS::SNS::TopicPolicy": ["sns:Publish", { Ref: "Topic" }],
};

function holder(type: string, Condition: unknown, path = TEMPLATE_RESOURCE_POLICIES[type][0]): Record<string, unknown> {
  const [Action, Resource] = STATEMENTS[type];
  const statement = {
    Effect: "Allow",
    Principal: { AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::444455556666:root" } },
    Action,
    ...(Resource !== undefined ? { Resource } : {}),
    Condition,
  };
  return { Type: type, Properties: nested(path, doc(statement)) };
}

/**
 * `{ A: { B: value } }` for the property path `A.B` (DynamoDB's ResourcePolicy.PolicyDocument), a
 * one-item list for a step `A[]` (a global table's Replicas[]).
 */
function nested(path: string, value: unknown): Record<string, unknown> {
  return path
    .split(".")
    .reduceRight(
      (inner: unknown, key) => (key.endsWith("[]") ? { [key.slice(0, -2)]: [inner] } : { [key]: inner }),
      value,
    ) as Record<string, unknown>;
}

const policyFindings = (r: ReturnType<typeof lintTemplate>) =>
  r.findings.filter((f) => f.ruleId.startsWith("IAMX-Policy") || f.ruleId === "IAMX-UnreadablePolicy");

describe("lint: resource policies in templates", () => {
  it("covers the bucket, queue, topic and key policies, and ECR and Secrets Manager's", () => {
    expect(Object.keys(TEMPLATE_RESOURCE_POLICIES)).to.include.members([
      "AWS::S3::BucketPolicy",
      "AWS::SQS::QueuePolicy",
      "AWS::SNS::TopicPolicy",
      "AWS::KMS::Key",
      "AWS::ECR::Repository",
      "AWS::SecretsManager::ResourcePolicy",
      "AWS::ApiGateway::RestApi",
      "AWS::Events::EventBus",
      "AWS::DynamoDB::Table",
      "AWS::DynamoDB::GlobalTable",
    ]);
    // a table's own policy and its stream's
    expect(TEMPLATE_RESOURCE_POLICIES["AWS::DynamoDB::Table"]).to.have.length(2);
  });

  for (const [type, paths] of Object.entries(TEMPLATE_RESOURCE_POLICIES)) {
    for (const path of paths) {
      it(`${type} ${path}: an error for an invalid document, nothing for a valid one`, () => {
        const bad = lintTemplate(template({ R: holder(type, typo, path) }));
        const f = bad.findings.find((x) => x.findingId === "INVALID_CONDITION_OPERATOR");
        expect(f?.ruleId, JSON.stringify(bad.findings, null, 1)).to.equal("IAMX-PolicyInvalid");
        expect(f?.location).to.equal(`${path.replaceAll("[]", "[0]")}.Statement[0].Condition.StringEqual`);
        expect(f?.statementIndex).to.equal(0);
        const ok = lintTemplate(template({ R: holder(type, good, path) }));
        expect(ok.findings, JSON.stringify(ok.findings, null, 1)).to.deep.equal([]);
      });
    }
  }

  it("a statement without a Principal is an error: a resource policy needs one", () => {
    const r = lintTemplate(
      template({
        P: {
          Type: "AWS::SNS::TopicPolicy",
          Properties: {
            Topics: [{ Ref: "T" }],
            PolicyDocument: doc({ Effect: "Allow", Action: "sns:Publish", Resource: { Ref: "T" } }),
          },
        },
      }),
    );
    expect(ids(r)).to.deep.equal(["IAMX-PolicyInvalid[MISSING_PRINCIPAL]"]);
    expect(r.findings[0].location).to.equal("PolicyDocument.Statement[0].Principal");
  });

  it("reads documents as JSON strings and Fn::Sub text; service principals with aws:SourceArn pass", () => {
    const sqs = (policyText: unknown) =>
      template({
        Q: { Type: "AWS::SQS::QueuePolicy", Properties: { Queues: [{ Ref: "Queue" }], PolicyDocument: policyText } },
      });
    const statement = (op: string) => ({
      Effect: "Allow",
      Principal: { Service: "sns.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: "${Queue.Arn}",
      Condition: { [op]: { "aws:SourceArn": "${Topic}" } },
    });
    expect(policyFindings(lintTemplate(sqs({ "Fn::Sub": JSON.stringify(doc(statement("ArnEquals"))) })))).to.deep.equal(
      [],
    );
    expect(ids(lintTemplate(sqs({ "Fn::Sub": JSON.stringify(doc(statement("ArnEqual"))) })))).to.include(
      "IAMX-PolicyInvalid[INVALID_CONDITION_OPERATOR]",
    );
    const text = JSON.stringify(
      doc({
        ...statement("ArnEquals"),
        Resource: "arn:aws:sqs:us-east-1:111122223333:q",
        Condition: { Bool: { "aws:SecureTransport": "yes" } },
      }),
    );
    expect(ids(lintTemplate(sqs(text)))).to.include("IAMX-PolicyWarning[TYPE_MISMATCH_BOOLEAN]");
  });

  it("a key policy as CDK writes it (the account's root, kms:*, '*') has no finding of any rule", () => {
    const key = {
      Type: "AWS::KMS::Key",
      Properties: {
        KeyPolicy: doc({
          Action: "kms:*",
          Effect: "Allow",
          Principal: {
            AWS: {
              "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::", { Ref: "AWS::AccountId" }, ":root"]],
            },
          },
          Resource: "*",
        }),
      },
    };
    expect(
      lintTemplate(template({ K: key }), { packs: ["AwsSolutions", "IAMX", "IAMX.Suggestions"] }).findings,
    ).to.deep.equal([]);
  });

  it("Allow with NotAction in a bucket policy is IAMX-AllowNotAction's, reported once; identity rules stay out", () => {
    const bucket = {
      Type: "AWS::S3::BucketPolicy",
      Properties: {
        Bucket: "b",
        PolicyDocument: doc({
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::444455556666:root" },
          NotAction: "s3:DeleteObject",
          Resource: "arn:aws:s3:::b/*",
        }),
      },
    };
    const r = lintTemplate(template({ B: bucket }));
    // not also as the validation rule's ALLOW_WITH_NOT_ACTION, nor as AwsSolutions-IAM5 (identity policies only)
    expect(ids(r)).to.deep.equal(["IAMX-AllowNotAction"]);
    expect(r.findings[0].message).to.contain(
      "statement 0 of the resource policy allows every action except s3:DeleteObject",
    );
  });

  it("a resource policy the lint cannot read is an IAMX-UnreadablePolicy error", () => {
    const r = lintTemplate(
      template({
        K: { Type: "AWS::KMS::Key", Properties: { KeyPolicy: { "Fn::If": ["Prod", doc(), doc()] } } },
      }),
    );
    expect(ids(r)).to.deep.equal(["IAMX-UnreadablePolicy"]);
    expect(r.findings[0].location).to.equal("KeyPolicy");
  });

  it("a DynamoDB table's nested ResourcePolicy.PolicyDocument finding points at its line", () => {
    const text = JSON.stringify(template({ T: holder("AWS::DynamoDB::Table", typo) }), null, 2);
    const f = lintTemplate(JSON.parse(text)).findings.find((x) => x.findingId === "INVALID_CONDITION_OPERATOR")!;
    expect(findingPath(f.logicalId, f.location)).to.deep.equal([
      ...["Resources", "T", "Properties", "ResourcePolicy", "PolicyDocument", "Statement", 0],
      ...["Condition", "StringEqual"],
    ]);
    const lines = text.split("\n");
    expect(templatePositions(text)(findingPath(f.logicalId, f.location))?.line).to.equal(
      lines.findIndex((l) => l.includes('"StringEqual"')) + 1,
    );
  });

  it("DynamoDB: an intrinsic where a policy could be is IAMX-UnreadablePolicy; one that holds none is left alone", () => {
    const table = (properties: Record<string, unknown>) =>
      lintTemplate(
        template({ T: { Type: "AWS::DynamoDB::Table", Properties: { TableName: "orders", ...properties } } }),
      );
    const r = table({ ResourcePolicy: { "Fn::If": ["Shared", { PolicyDocument: doc() }, { Ref: "AWS::NoValue" }] } });
    expect(ids(r)).to.deep.equal(["IAMX-UnreadablePolicy"]);
    expect(r.findings[0].location).to.equal("ResourcePolicy");
    const stream = (yes: Record<string, unknown>) => ({
      StreamSpecification: { "Fn::If": ["Streams", yes, { Ref: "AWS::NoValue" }] },
    });
    const withPolicy = table(stream({ StreamViewType: "NEW_IMAGE", ResourcePolicy: { PolicyDocument: doc() } }));
    expect(withPolicy.findings.map((f) => `${f.ruleId} ${f.location}`)).to.deep.equal([
      "IAMX-UnreadablePolicy StreamSpecification",
    ]);
    // a conditional stream without a policy, or a table without one, has no policy to read
    expect(table(stream({ StreamViewType: "NEW_IMAGE" })).findings).to.deep.equal([]);
    expect(table({}).findings).to.deep.equal([]);
  });

  it("DynamoDB global table: each replica's policy, at its own index", () => {
    const policy = (Condition: unknown) => ({
      PolicyDocument: doc({
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::444455556666:root" },
        Action: "dynamodb:GetItem",
        Resource: "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",
        Condition,
      }),
    });
    const r = lintTemplate(
      template({
        G: {
          Type: "AWS::DynamoDB::GlobalTable",
          Properties: {
            Replicas: [
              { Region: "us-east-1" },
              { Region: "eu-west-1", ResourcePolicy: policy(good) },
              { Region: "eu-west-2", ReplicaStreamSpecification: { ResourcePolicy: policy(typo) } },
            ],
          },
        },
      }),
    );
    expect(r.findings.map((f) => `${f.ruleId}[${f.findingId}] ${f.location}`)).to.deep.equal([
      "IAMX-PolicyInvalid[INVALID_CONDITION_OPERATOR] Replicas[2].ReplicaStreamSpecification.ResourcePolicy.PolicyDocument.Statement[0].Condition.StringEqual",
    ]);
  });

  it("SARIF: a resource-policy finding points at its statement, and the report is schema-valid", () => {
    const text = JSON.stringify(template({ R: holder("AWS::S3::BucketPolicy", typo) }), null, 2);
    const at = templatePositions(text);
    const sarif = toSarif(lintTemplate(JSON.parse(text)), {
      artifactUri: "t.json",
      positionOf: (f) => at(findingPath(f.logicalId, f.location)),
    }) as any;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as Record<string, unknown>;
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(
      schema,
    );
    expect(validate(sarif), JSON.stringify(validate.errors, null, 1)).to.equal(true);
    const result = sarif.runs[0].results.find((x: any) => x.ruleId === "IAMX-PolicyInvalid");
    const lines = text.split("\n");
    expect(result.locations[0].physicalLocation.region.startLine).to.equal(
      lines.findIndex((l) => l.includes('"StringEqual"')) + 1,
    );
  });
});

describe("lint: resource policies in programs (plain @pulumi/aws resources next to pulumi-iamx)", () => {
  /** A bucket policy granting an iamx role's ARN (known only under mocks), with the given condition. */
  function program(condition: Record<string, unknown>, suppress = false) {
    return () => {
      const role = new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      const bucket = new aws.s3.Bucket("data");
      const policy = new aws.s3.BucketPolicy("data-policy", {
        bucket: bucket.id,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AppReads",
              Effect: "Allow",
              Principal: { AWS: role.roleArn },
              Action: "s3:GetObject",
              Resource: pulumi.interpolate`${bucket.arn}/*`,
              Condition: condition,
            },
          ],
        }),
      });
      if (suppress) {
        Lint.suppress(policy, [{ id: "IAMX-PolicyInvalid", reason: "Tracked in SEC-42, fixed next sprint" }]);
      }
    };
  }

  it("lints a bucket policy made with @pulumi/aws, its iamx output resolved, naming the resource", async () => {
    const bad = await lintProgram(program(typo));
    const f = bad.findings.find((x) => x.findingId === "INVALID_CONDITION_OPERATOR");
    expect(f, JSON.stringify(bad.findings, null, 1)).to.not.equal(undefined);
    expect(f!.ruleId).to.equal("IAMX-PolicyInvalid");
    expect(f!.component).to.equal("data-policy");
    expect(f!.resourceType).to.equal("AWS::S3::BucketPolicy");
    expect(f!.sid).to.equal("AppReads");
    expect(f!.location).to.equal("PolicyDocument.Statement[0].Condition.StringEqual");
    const ok = await lintProgram(program(good));
    expect(ok.findings, JSON.stringify(ok.findings, null, 1)).to.deep.equal([]);
  });

  it("Lint.suppress on the @pulumi/aws resource silences its findings", async () => {
    const r = await lintProgram(program(typo, true));
    expect(ids(r)).to.not.include("IAMX-PolicyInvalid[INVALID_CONDITION_OPERATOR]");
    expect(r.suppressed.map((s) => s.findingId)).to.include("INVALID_CONDITION_OPERATOR");
  });

  it("lints a plain aws.iam.Role's trust and inline policies; iamx's own resources are linted once", async () => {
    const r = await lintProgram(() => {
      new aws.iam.Role("legacy", {
        assumeRolePolicy: JSON.stringify(
          doc({ Effect: "Allow", Principal: { Service: "lamda.amazonaws.com" }, Action: "sts:AssumeRole" }),
        ),
        inlinePolicies: [
          {
            name: "reads",
            policy: JSON.stringify(
              doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: typo }),
            ),
          },
        ],
      });
      const app = new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      app.addToPolicy(
        new PolicyStatement({
          actions: ["sqs:SendMessage"],
          resources: ["arn:aws:sqs:us-east-1:111122223333:q"],
          conditions: { Bool: { "aws:SecureTransport": "yes" } },
        }),
      );
    });
    const got = r.findings
      .filter((f) => f.ruleId.startsWith("IAMX-Policy"))
      .map((f) => `${f.component} ${f.ruleId}[${f.findingId}] ${f.location}`);
    expect(got).to.have.members([
      "legacy IAMX-PolicyInvalid[INVALID_CONDITION_OPERATOR] Policies[0].PolicyDocument.Statement[0].Condition.StringEqual",
      "legacy IAMX-PolicyWarning[UNKNOWN_SERVICE_PRINCIPAL] AssumeRolePolicyDocument.Statement[0].Principal.Service",
      'app/DefaultPolicy IAMX-PolicyWarning[TYPE_MISMATCH_BOOLEAN] PolicyDocument.Statement[0].Condition.Bool["aws:SecureTransport"]',
    ]);
  });

  // Resources whose policies name their own resource in a service's own form, or hold it nested.
  const holders: readonly (readonly [string, string, string, (policy: string) => void])[] = [
    [
      "aws.apigateway.RestApi",
      "AWS::ApiGateway::RestApi",
      "Policy",
      (policy) => void new aws.apigateway.RestApi("holder", { policy }),
    ],
    [
      "aws.apigateway.RestApiPolicy",
      "AWS::ApiGateway::RestApi",
      "Policy",
      (policy) => void new aws.apigateway.RestApiPolicy("holder", { restApiId: "a1b2c3d4e5", policy }),
    ],
    [
      "aws.cloudwatch.EventBusPolicy",
      "AWS::Events::EventBus",
      "Policy",
      (policy) => void new aws.cloudwatch.EventBusPolicy("holder", { eventBusName: "orders", policy }),
    ],
    [
      "aws.dynamodb.ResourcePolicy",
      "AWS::DynamoDB::Table",
      "ResourcePolicy.PolicyDocument",
      (policy) =>
        void new aws.dynamodb.ResourcePolicy("holder", {
          resourceArn: "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
          policy,
        }),
    ],
  ];
  for (const [name, cfnType, property, make] of holders) {
    it(`lints ${name}'s policy as ${cfnType}'s ${property}, naming the resource`, async () => {
      const [Action, Resource] = RESOURCE_POLICY_STATEMENTS[cfnType];
      const policy = (Condition: unknown) =>
        JSON.stringify(
          doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action, Resource, Condition }),
        );
      const bad = await lintProgram(() => make(policy(typo)));
      expect(
        bad.findings.map((f) => `${f.component} ${f.resourceType} ${f.ruleId}[${f.findingId}] ${f.location}`),
      ).to.deep.equal([
        `holder ${cfnType} IAMX-PolicyInvalid[INVALID_CONDITION_OPERATOR] ${property}.Statement[0].Condition.StringEqual`,
      ]);
      const ok = await lintProgram(() => make(policy(good)));
      expect(ok.findings, JSON.stringify(ok.findings, null, 1)).to.deep.equal([]);
    });
  }

  it("a document that is a Pulumi secret is checked, its findings showing no values", async () => {
    const r = await lintProgram(() => {
      new aws.sqs.QueuePolicy("jobs", {
        queueUrl: "q",
        policy: pulumi.secret(
          JSON.stringify(
            doc({
              Sid: "SecretSid",
              Effect: "Allow",
              Principal: { AWS: "arn:aws:iam::444455556666:root" },
              Action: "sqs:SendMessage",
              Resource: "arn:aws:sqs:us-east-1:11112222333:q",
            }),
          ),
        ),
      });
    });
    const f = r.findings.find((x) => x.findingId === "INVALID_ARN_ACCOUNT");
    expect(f, JSON.stringify(r.findings, null, 1)).to.not.equal(undefined);
    expect(f!.location).to.equal("PolicyDocument.Statement[0].Resource");
    expect(JSON.stringify(r)).to.not.match(/11112222333|444455556666|SecretSid/);
    expect(f!.message).to.contain("secret");
  });
});
