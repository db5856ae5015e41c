// examples/governance under mocks: the boundary reaches every role but the exempt one, the
// precreated role makes no resource, and the export agrees.
import { expect } from "chai";
import { exportProgram, type ExportResult } from "../../src/render/cloudformation/export";
import { exampleProgram } from "../example-program";

const BOUNDARY = "arn:aws:iam::123456789012:policy/workload-boundary";

describe("example: governance", () => {
  let result: ExportResult;
  before(async () => {
    // Leave nothing cached: the CLI tests load the same example.
    result = await exportProgram(exampleProgram("governance", { leaveUncached: true }), { mode: "mocks" });
  });

  it("Pulumi: every role and the implicit one bounded, the break-glass role not, no precreated role", () => {
    const roles = result.resources.filter((r) => r.type === "aws:iam/role:Role");
    expect(Object.fromEntries(roles.map((r) => [r.name, r.inputs.permissionsBoundary ?? null]))).to.deep.equal({
      Worker: BOUNDARY,
      PartnerAccess: BOUNDARY,
      "BuildAgents-instance-role": BOUNDARY,
      BreakGlass: null,
    });
    expect(result.outputs.exporterRoleArn).to.equal("arn:aws:iam::123456789012:role/reporting-exporter");
    const worker = result.resources.find((r) => r.name === "Worker-default-policy" && r.custom)!;
    expect(JSON.parse(worker.inputs.policy).Statement[1]).to.deep.equal({
      Action: "iam:PassRole",
      Effect: "Allow",
      Resource: "arn:aws:iam::123456789012:role/reporting-exporter",
    });
  });

  it("CloudFormation: the same boundaries, and no role for the precreated one", () => {
    const roles = Object.entries(result.template.Resources).filter(([, r]) => r.Type === "AWS::IAM::Role");
    const boundaries = Object.fromEntries(
      roles.map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ""), r.Properties?.PermissionsBoundary ?? null]),
    );
    const join = {
      "Fn::Join": [
        "",
        ["arn:", { Ref: "AWS::Partition" }, ":iam::", { Ref: "AWS::AccountId" }, ":policy/workload-boundary"],
      ],
    };
    expect(boundaries).to.deep.equal({
      Worker: join,
      PartnerAccess: join,
      BuildAgentsInstanceRole: join,
      BreakGlass: null,
    });
  });
});
