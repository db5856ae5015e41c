// examples/tags runs under mocks and exports offline: each resource gets the tags CDK's rules give it.
import { expect } from "chai";
import { exportProgram, type ExportResult } from "../../src/render/cloudformation/export";
import { exampleProgram } from "../example-program";

describe("example: tags", () => {
  let result: ExportResult;
  before(async () => {
    result = await exportProgram(exampleProgram("tags"), { mode: "mocks" });
  });

  const tagsOf = (type: string, name: string): unknown => {
    const found = result.resources.filter((r) => r.type === type && r.name === name);
    expect(found, `${type} ${name}`).to.have.length(1);
    return found[0].inputs.tags;
  };

  it("tags each Pulumi resource by scope, priority, type filter and removal", () => {
    expect(tagsOf("aws:iam/role:Role", "ApiHandler")).to.deep.equal({
      owner: "api-team",
      "data-class": "internal",
      project: "shop",
      "cost-center": "4711",
      reviewed: "2026-12",
    });
    expect(tagsOf("aws:iam/role:Role", "Builder")).to.deep.equal({
      project: "shop",
      "cost-center": "4711",
      team: "build",
    });
    expect(tagsOf("aws:iam/user:User", "Operator")).to.deep.equal({ "cost-center": "shared", team: "platform" });
    expect(tagsOf("aws:iam/policy:Policy", "ReadReports")).to.deep.equal({
      owner: "data-team",
      project: "shop",
      "cost-center": "4711",
    });
  });

  it("exports Tags sorted by key, none on the managed policy, and notes that", () => {
    const resources = Object.values(result.template.Resources as Record<string, any>);
    const user = resources.find((r) => r.Type === "AWS::IAM::User");
    expect(user.Properties.Tags).to.deep.equal([
      { Key: "cost-center", Value: "shared" },
      { Key: "team", Value: "platform" },
    ]);
    const policy = resources.find((r) => r.Type === "AWS::IAM::ManagedPolicy");
    expect(policy.Properties).to.not.have.property("Tags");
    expect(result.notes).to.have.length(1);
    expect(result.notes[0]).to.include("ReadReports").and.to.include("AWS::IAM::ManagedPolicy");
  });
});
