// examples/transforms runs under mocks and exports offline: the transforms' tags and role settings
// reach both the Pulumi inputs and the template; the option it sets (protect) changes neither.
import { expect } from "chai";
import { exportProgram, type ExportResult } from "../../src/render/cloudformation/export";
import { exampleProgram } from "../example-program";

describe("example: transforms", () => {
  let result: ExportResult;
  before(async () => {
    result = await exportProgram(exampleProgram("transforms"), { mode: "mocks" });
  });

  const inputsOf = (type: string, name: string): Record<string, unknown> => {
    const found = result.resources.filter((r) => r.type === type && r.name === name);
    expect(found, `${type} ${name}`).to.have.length(1);
    return found[0].inputs;
  };

  it("gives Pulumi the transformed inputs", () => {
    const role = inputsOf("aws:iam/role:Role", "Responder");
    expect(role.tags).to.deep.equal({ team: "sre", "managed-by": "pulumi" });
    expect(role.maxSessionDuration).to.equal(3600);
    expect(role.path).to.equal("/oncall/");
    expect(inputsOf("aws:iam/user:User", "Deployer").tags).to.deep.equal({ "managed-by": "pulumi" });
  });

  it("exports them as CloudFormation properties, sorted Tags included", () => {
    const resources = Object.values(result.template.Resources);
    const role = resources.find((r) => r.Type === "AWS::IAM::Role")!;
    expect(role.Properties).to.include({ MaxSessionDuration: 3600, Path: "/oncall/" });
    expect(role.Properties?.Tags).to.deep.equal([
      { Key: "managed-by", Value: "pulumi" },
      { Key: "team", Value: "sre" },
    ]);
    const user = resources.find((r) => r.Type === "AWS::IAM::User")!;
    expect(user.Properties?.Tags).to.deep.equal([{ Key: "managed-by", Value: "pulumi" }]);
    expect(result.notes).to.deep.equal([]);
  });
});
