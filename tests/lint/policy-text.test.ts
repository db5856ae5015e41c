import { expect } from "chai";
import * as path from "node:path";
import { lintTemplate } from "../../src/lint";
import { runCli } from "../cli/in-process";
import { ids, template } from "./helpers";

const ADMIN = { Effect: "Allow", Action: "*", Resource: "*" };

/** An AWS::IAM::ManagedPolicy whose PolicyDocument is the given CloudFormation value. */
function managed(document: unknown): Record<string, unknown> {
  return { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: document } };
}

const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });

describe("lint: policy documents written as text or intrinsics", () => {
  it("reads a JSON string document", () => {
    const report = lintTemplate(template({ P: managed(JSON.stringify(doc(ADMIN))) }));
    expect(ids(report)).to.include("IAMX-AdminAccess");
    expect(report.findings.find((f) => f.ruleId === "IAMX-AdminAccess")).to.include({
      logicalId: "P",
      location: "PolicyDocument.Statement[0]",
    });
  });

  it("reads a role's inline policy and trust policy given as strings", () => {
    const report = lintTemplate(
      template({
        R: {
          Type: "AWS::IAM::Role",
          Properties: {
            AssumeRolePolicyDocument: JSON.stringify(
              doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }),
            ),
            Policies: [{ PolicyName: "inline", PolicyDocument: JSON.stringify(doc(ADMIN)) }],
          },
        },
      }),
    );
    expect(ids(report)).to.include.members(["IAMX-AdminAccess", "IAMX-TrustAnyPrincipal"]);
  });

  it("reads Fn::Sub text: references inside strings, a reference standing for a value, variables", () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [' +
      '{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*"},' +
      '{"Effect": "Allow", "Action": ${Everything}, "Resource": ${Target}}]}';
    const report = lintTemplate(
      template({ P: managed({ "Fn::Sub": [text, { Everything: '"*"', Target: { Ref: "Param" } }] }) }),
    );
    expect(ids(report)).to.include.members(["IAMX-PassRoleStar", "AwsSolutions-IAM5[Action::*]"]);
    expect(ids(report)).to.include("AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/*]");
    expect(ids(report)).to.not.include("IAMX-UnreadablePolicy");
  });

  it("reads Fn::Join text of strings and references", () => {
    const join = {
      "Fn::Join": [
        "",
        [
          '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": ',
          '"*"',
          "}, ",
          '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::',
          { Ref: "Bucket" },
          '/*"}, {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": ',
          { "Fn::GetAtt": ["Bucket", "Arn"] },
          "}]}",
        ],
      ],
    };
    const report = lintTemplate(template({ P: managed(join) }));
    expect(ids(report)).to.include("IAMX-AdminAccess");
    expect(ids(report)).to.include("AwsSolutions-IAM5[Resource::arn:aws:s3:::<Bucket>/*]");
    expect(ids(report)).to.not.include("IAMX-UnreadablePolicy");
  });

  it("reads Fn::ToJsonString of an object", () => {
    const report = lintTemplate(template({ P: managed({ "Fn::ToJsonString": doc(ADMIN) }) }));
    expect(ids(report)).to.include("IAMX-AdminAccess");
  });

  describe("IAMX-UnreadablePolicy: what cannot be read is an error, never a pass", () => {
    const cases: [string, unknown, string, string][] = [
      ["text that is not JSON", "{not json", "PolicyDocument", "a JSON string is not valid JSON"],
      ["Fn::Sub text that is not JSON", { "Fn::Sub": "{${X}" }, "PolicyDocument", "Fn::Sub is not valid JSON"],
      ["a JSON string that is a list", "[]", "PolicyDocument", "not a JSON object"],
      ["Fn::If", { "Fn::If": ["C", doc(ADMIN), doc()] }, "PolicyDocument", "Fn::If cannot be read"],
      ["a Ref to a parameter", { Ref: "Doc" }, "PolicyDocument", "Ref cannot be read"],
      ["a number", 42, "PolicyDocument", "a number, not a policy document"],
      ["a document without Statement", { Version: "2012-10-17" }, "PolicyDocument.Statement", "no Statement"],
      [
        "an Fn::If statement",
        doc({ "Fn::If": ["C", ADMIN, { Ref: "AWS::NoValue" }] }),
        "PolicyDocument.Statement[0]",
        "not a JSON object",
      ],
      ["a malformed Fn::Join", { "Fn::Join": ["", "text"] }, "PolicyDocument", "not [delimiter, [parts]]"],
    ];
    for (const [what, document, location, reason] of cases) {
      it(`${what}`, () => {
        const report = lintTemplate(template({ P: managed(document) }));
        const f = report.findings.find((x) => x.ruleId === "IAMX-UnreadablePolicy");
        expect(f, JSON.stringify(report.findings)).to.not.equal(undefined);
        expect(f).to.include({ level: "error", logicalId: "P", resourceType: "AWS::IAM::ManagedPolicy", location });
        expect(f!.message).to.contain(`${location} of P (AWS::IAM::ManagedPolicy) cannot be read`);
        expect(f!.message).to.contain(reason);
        expect(report.errorCount).to.be.greaterThan(0);
      });
    }

    it("a role's inline policy entry that is an intrinsic", () => {
      const report = lintTemplate(
        template({
          R: {
            Type: "AWS::IAM::Role",
            Properties: {
              AssumeRolePolicyDocument: doc({
                Effect: "Allow",
                Principal: { Service: "x.amazonaws.com" },
                Action: "sts:AssumeRole",
              }),
              Policies: [{ "Fn::If": ["C", { PolicyName: "p", PolicyDocument: doc(ADMIN) }, { Ref: "AWS::NoValue" }] }],
            },
          },
        }),
      );
      expect(report.findings.map((f) => `${f.ruleId}@${f.location}`)).to.include("IAMX-UnreadablePolicy@Policies[0]");
    });

    it("runs whatever packs are chosen, and only --exclude turns it off", () => {
      const t = template({ P: managed("{oops") });
      expect(ids(lintTemplate(t, { packs: ["HIPAA.Security"] }))).to.deep.equal(["IAMX-UnreadablePolicy"]);
      expect(ids(lintTemplate(t, { excludeRules: ["IAMX-UnreadablePolicy"] }))).to.deep.equal([]);
    });

    it("can be suppressed with a reason", () => {
      const t = template({
        P: {
          ...managed({ "Fn::If": ["C", doc(ADMIN), doc()] }),
          Metadata: {
            cdk_nag: { rules_to_suppress: [{ id: "IAMX-UnreadablePolicy", reason: "both branches reviewed by hand" }] },
          },
        },
      });
      const report = lintTemplate(t);
      expect(report.findings).to.deep.equal([]);
      expect(report.suppressed.map((f) => f.ruleId)).to.deep.equal(["IAMX-UnreadablePolicy"]);
    });
  });

  it("iamx lint on a YAML template with !Sub, !Join, a JSON string and !If reports each", async () => {
    const r = await runCli("lint", path.join(__dirname, "fixtures", "text-policies-template.yaml"), "-f", "json");
    expect(r.code).to.equal(1);
    const found = JSON.parse(r.stdout).findings.map((f: any) => `${f.ruleId}@${f.logicalId}`);
    expect(found).to.include.members([
      "IAMX-AdminAccess@StringPolicy",
      "IAMX-PassRoleStar@SubPolicy",
      "IAMX-AllowNotAction@JoinPolicy",
      "IAMX-UnreadablePolicy@IfPolicy",
    ]);
  });
});
