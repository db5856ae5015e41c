// examples/roles runs under mocks: its grants hold back the function, and it exports offline.
import { expect } from "chai";
import { exportProgram, type ExportResult } from "../../src/render/cloudformation/export";
import { logicalIdFromPath } from "../../src/render/cloudformation/logical-id";
import { exampleProgram } from "../example-program";

describe("example: roles", () => {
  let result: ExportResult;
  before(async () => {
    result = await exportProgram(exampleProgram("roles"), { mode: "mocks", allowUnsupported: true });
  });

  const one = (type: string, name: string) => {
    const found = result.resources.filter((r) => r.type === type && r.name === name);
    expect(found, `${type} ${name}`).to.have.length(1);
    return found[0];
  };

  it("registers roles, policies, attachments and the late statement", () => {
    const fn = one("aws:lambda/function:Function", "ReportBuilder");
    expect(fn.inputs.role).to.equal(one("aws:iam/role:Role", "ReportFunction").outputs.arn);
    const policy = JSON.parse(one("aws:iam/rolePolicy:RolePolicy", "ReportFunction-default-policy").inputs.policy);
    expect(policy.Statement.map((s: { Action: unknown }) => s.Action)).to.deep.equal([
      "s3:PutObject",
      ["iam:GetRole", "iam:PassRole"],
      "sqs:SendMessage",
    ]);
    const partner = one("aws:iam/role:Role", "PartnerReader");
    expect(partner.inputs).to.include({ path: "/partners/", maxSessionDuration: 7200 });
    expect(JSON.parse(partner.inputs.assumeRolePolicy).Statement[0].Condition).to.deep.equal({
      StringEquals: { "sts:ExternalId": "partner-secret-id" },
    });
    expect(
      one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ReadReports-role-batch-runner-281e82ab").inputs.role,
    ).to.equal("batch-runner");
    expect(
      result.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy").map((r) => r.name),
    ).to.have.members([
      "ReportFunction-default-policy",
      "Automation-default-policy",
      "PartnerReader-inline-ReadReports",
      "Tagging-role-ReportFunction-5f4e7d51",
      "Tagging-role-PartnerReader-7cab234b",
    ]);
  });

  it("retains the partner role, applied after construction: retainOnDelete in Pulumi, Retain in the export", () => {
    const retained = result.resources.filter((r) => r.retainOnDelete).map((r) => `${r.type} ${r.name}`);
    expect(retained).to.have.members([
      "aws:iam/role:Role PartnerReader",
      "aws:iam/rolePolicy:RolePolicy PartnerReader-inline-ReadReports",
    ]);
    const resources = result.template.Resources as Record<
      string,
      { DeletionPolicy?: string; UpdateReplacePolicy?: string }
    >;
    expect(resources[logicalIdFromPath(["PartnerReader", "Resource"])]).to.include({
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
    expect(resources[logicalIdFromPath(["ReportFunction", "Resource"])]).to.not.have.property("DeletionPolicy");
  });

  it("exports CDK-shaped IAM resources with CDK's logical ids", () => {
    const resources = result.template.Resources as Record<string, { Type: string }>;
    const iam = Object.keys(resources).filter((k) => resources[k].Type.startsWith("AWS::IAM::"));
    expect(iam).to.include.members([
      logicalIdFromPath(["ReportFunction", "Resource"]),
      logicalIdFromPath(["ReportFunction", "DefaultPolicy", "Resource"]),
      logicalIdFromPath(["Tagging", "Resource"]),
    ]);
    expect(result.unsupported.map((u) => u.type)).to.deep.equal(["aws:lambda/function:Function"]);
    expect(iam.filter((k) => resources[k].Type === "AWS::IAM::Role")).to.have.length(3);
    expect(iam.filter((k) => resources[k].Type === "AWS::IAM::Policy")).to.have.length(3);
    expect(iam.filter((k) => resources[k].Type === "AWS::IAM::ManagedPolicy")).to.have.length(1);
  });
});
