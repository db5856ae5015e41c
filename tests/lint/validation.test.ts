import { expect } from "chai";
import { fromCfnYaml } from "../../src/render/cloudformation/yaml";
import { lintProgram, lintTemplate } from "../../src/lint";
import { PolicyStatement } from "../../src/core/statement";
import { ServicePrincipal } from "../../src/core/principals/service";
import { Role } from "../../src/components/role";
import { ids, LAMBDA_TRUST, policy, role, template } from "./helpers";

describe("lint: policy validation rules (IAMX-PolicyInvalid / SecurityWarning / Warning / Suggestion)", () => {
  it("reports an ERROR as an error finding at the element, with the statement and a fix", () => {
    const report = lintTemplate(
      template({
        P: policy({
          Sid: "Read",
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::b/*",
          Condition: { StringEqual: { "aws:PrincipalOrgID": "o-abc" } },
        }),
      }),
    );
    const f = report.findings.find((x) => x.ruleId === "IAMX-PolicyInvalid")!;
    expect(f.level).to.equal("error");
    expect(f.findingId).to.equal("INVALID_CONDITION_OPERATOR");
    expect(f.location).to.equal("PolicyDocument.Statement[0].Condition.StringEqual");
    expect(f.statementIndex).to.equal(0);
    expect(f.sid).to.equal("Read");
    expect(f.message).to.contain("did you mean StringEquals");
    expect(report.findings.filter((x) => x.ruleId === "IAMX-PolicyInvalid")).to.have.length(1);
  });

  it("maps WARNING to a warning finding and keeps SUGGESTIONs for the opt-in pack", () => {
    const t = template({
      P: policy({ Effect: "Allow", Action: ["s3:GetObject", "s3:GetObject"], Resource: "arn:aws:s3:::b" }),
    });
    expect(ids(lintTemplate(t))).to.include("IAMX-PolicyWarning[RESOURCE_NOT_SUPPORTED_BY_ACTIONS]");
    expect(ids(lintTemplate(t))).to.not.include("IAMX-PolicySuggestion[REDUNDANT_ACTION]");
    expect(ids(lintTemplate(t, { packs: ["IAMX.Suggestions"] }))).to.include("IAMX-PolicySuggestion[REDUNDANT_ACTION]");
  });

  it("validates trust policies as trust policies", () => {
    const report = lintTemplate(
      template({ R: role([{ ...LAMBDA_TRUST, Principal: { Service: "lamda.amazonaws.com" } }]) }),
    );
    expect(ids(report)).to.include("IAMX-PolicyWarning[UNKNOWN_SERVICE_PRINCIPAL]");
  });

  it("reads documents given as JSON strings and Fn::Sub text, references left unjudged", () => {
    const doc = (resource: string, op: string) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "sqs:SendMessage",
            Resource: resource,
            Condition: { [op]: { "aws:SecureTransport": "true" } },
          },
        ],
      });
    const sub = {
      Type: "AWS::IAM::Policy",
      Properties: {
        PolicyName: "p",
        PolicyDocument: {
          "Fn::Sub": doc("arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Queue.QueueName}", "Bool"),
        },
      },
    };
    const text = {
      Type: "AWS::IAM::Policy",
      Properties: { PolicyName: "p", PolicyDocument: doc("arn:aws:sqs:us-east-1:111122223333:q", "Boool") },
    };
    expect(lintTemplate(template({ S: sub })).findings.filter((f) => f.ruleId.startsWith("IAMX-Policy"))).to.deep.equal(
      [],
    );
    expect(ids(lintTemplate(template({ T: text })))).to.include("IAMX-PolicyInvalid[INVALID_CONDITION_OPERATOR]");
  });

  it("reads CDK-style Fn::Join ARNs in a YAML template without judging their references", () => {
    const yaml = `
Resources:
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:GetRole
            Resource: !Join ["", ["arn:", !Ref AWS::Partition, ":iam:us-east-1:", !Ref AWS::AccountId, ":role/x"]]
`;
    const report = lintTemplate(fromCfnYaml(yaml));
    expect(ids(report)).to.include("IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED]");
  });

  it("a suppression with appliesTo silences one issue code", () => {
    const report = lintTemplate(
      template({
        P: {
          ...policy({ Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::b" }),
          Metadata: {
            cdk_nag: {
              rules_to_suppress: [
                {
                  id: "IAMX-PolicyWarning",
                  reason: "Kept for the audit trail (SEC-9)",
                  applies_to: ["ACTION_WITHOUT_RESOURCE_LEVEL_PERMISSIONS"],
                },
              ],
            },
          },
        },
      }),
    );
    expect(report.suppressed.map((f) => f.findingId)).to.include("ACTION_WITHOUT_RESOURCE_LEVEL_PERMISSIONS");
    expect(ids(report)).to.not.include("IAMX-PolicyWarning[ACTION_WITHOUT_RESOURCE_LEVEL_PERMISSIONS]");
  });

  it("lints programs: findings name the component", async () => {
    const report = await lintProgram(() => {
      const r = new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      r.addToPolicy(
        new PolicyStatement({
          actions: ["sqs:SendMessage"],
          resources: ["arn:aws:sqs:us-east-1:111122223333:q"],
          conditions: { Bool: { "aws:SecureTransport": "yes" } },
        }),
      );
    });
    const f = report.findings.find((x) => x.findingId === "TYPE_MISMATCH_BOOLEAN")!;
    expect(f.ruleId).to.equal("IAMX-PolicyWarning");
    expect(f.component).to.equal("app/DefaultPolicy");
  });
});
