// examples/users-and-groups runs under mocks and exports offline, without its secrets in the template.
import { expect } from "chai";
import { exportProgram, type ExportResult } from "../../src/render/cloudformation/export";
import { exampleProgram } from "../example-program";

function run(mode: "model" | "mocks"): Promise<ExportResult> {
  return exportProgram(exampleProgram("users-and-groups"), { mode });
}

describe("example: users-and-groups", () => {
  let result: ExportResult;
  let fast: ExportResult;
  before(async () => {
    result = await run("mocks");
    fast = await run("model");
  });

  it("registers the users, groups, key and profile under iamx components", () => {
    const count = (type: string) => result.resources.filter((r) => r.type === type).length;
    expect(count("aws:iam/user:User")).to.equal(3);
    expect(count("aws:iam/userLoginProfile:UserLoginProfile")).to.equal(2);
    expect(count("aws:iam/group:Group")).to.equal(2);
    expect(count("aws:iam/accessKey:AccessKey")).to.equal(1);
    expect(count("aws:iam/instanceProfile:InstanceProfile")).to.equal(1);
    expect(result.unsupported).to.deep.equal([]);
  });

  it("exports CDK-shaped resources, the passwords as NoEcho parameters and no secret output", () => {
    const types = Object.values(result.template.Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types.filter((t) => t === "AWS::IAM::User")).to.have.length(3);
    expect(types).to.include.members(["AWS::IAM::Group", "AWS::IAM::AccessKey", "AWS::IAM::InstanceProfile"]);
    const params = Object.values(result.template.Parameters as Record<string, { NoEcho?: boolean }>);
    expect(params.filter((p) => p.NoEcho)).to.have.length(2);
    expect(result.skippedOutputs).to.include.members(["ciSecretAccessKey", "initialPasswords"]);
    const text = JSON.stringify(result.template);
    const secrets = result.resources.flatMap((r) =>
      [r.outputs.secret, r.outputs.password].filter((v): v is string => typeof v === "string"),
    );
    expect(secrets).to.have.length(3);
    for (const s of secrets) expect(text).to.not.include(s);
  });

  it("the fast model-only export gives the same template", () => {
    expect(fast.template).to.deep.equal(result.template);
  });
});
