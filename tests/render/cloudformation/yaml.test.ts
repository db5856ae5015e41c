import { expect } from "chai";
import { fromCfnYaml, toCfnYaml } from "../../../src/render/cloudformation/yaml";

const template = {
  Parameters: { DataBucketArn: { Type: "String", Description: "bucket ARN" } },
  Resources: {
    RoleF48FFE04: {
      Type: "AWS::IAM::Role",
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } }],
          Version: "2012-10-17",
        },
        ManagedPolicyArns: [
          { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/ReadOnlyAccess"]] },
        ],
        Description: "yes",
      },
    },
    PolicyA: {
      Type: "AWS::IAM::Policy",
      Properties: {
        PolicyDocument: {
          Statement: [
            {
              Action: ["s3:GetObject"],
              Effect: "Allow",
              Resource: [
                { "Fn::GetAtt": ["RoleF48FFE04", "Arn"] },
                { "Fn::Select": [1, { "Fn::Split": ["/", { Ref: "DataBucketArn" }] }] },
              ],
            },
          ],
          Version: "2012-10-17",
        },
        PolicyName: "on",
        Roles: [{ Ref: "RoleF48FFE04" }],
      },
      DependsOn: ["RoleF48FFE04"],
    },
  },
  Outputs: { Arn: { Value: { "Fn::GetAtt": ["RoleF48FFE04", "Arn"] } } },
};

describe("render/cloudformation: YAML", () => {
  const text = toCfnYaml(template);

  it("uses CloudFormation's short intrinsic forms", () => {
    expect(text).to.include("- !Ref RoleF48FFE04");
    expect(text).to.include("Value: !GetAtt RoleF48FFE04.Arn");
    expect(text).to.include("- !Join\n");
    expect(text).to.include("!Ref AWS::Partition");
    expect(text).to.include("- !Select\n");
    expect(text).to.include("- !Split\n");
    expect(text).to.not.include("Fn::");
    expect(text).to.not.match(/\bRef:/);
  });

  it("quotes strings a YAML 1.1 reader would take for dates or booleans", () => {
    expect(text).to.include('Version: "2012-10-17"');
    expect(text).to.include('Description: "yes"');
    expect(text).to.include('PolicyName: "on"');
  });

  it("reads back to the same template", () => {
    expect(fromCfnYaml(text)).to.deep.equal(template);
  });

  it("keeps a Condition key that is not the intrinsic", () => {
    const doc = { Statement: [{ Condition: { StringEquals: { "aws:SourceAccount": "1" } } }] };
    const yaml = toCfnYaml(doc);
    expect(yaml).to.not.include("!Condition");
    expect(fromCfnYaml(yaml)).to.deep.equal(doc);
  });
});
