import { expect } from "chai";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { Role } from "../../src/components/role";
import { PolicyStatement } from "../../src/core/statement";
import { ServicePrincipal } from "../../src/core/principals/service";

describe("Role pipeline (smoke)", () => {
  it("renders trust and late default-policy statements", async () => {
    const { resources } = await synthesizeRaw(async () => {
      const role = new Role("app", { assumedBy: new ServicePrincipal("lambda") });
      role.addToPolicy(new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }));
      await new Promise((r) => setTimeout(r, 20));
      role.addToPolicy(new PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] }));
      role.addToPolicy(new PolicyStatement({ actions: ["iam:PassRole"], resources: [role.roleArn] }));
    });
    const r = resources.find((x) => x.type === "aws:iam/role:Role")!;
    expect(JSON.parse(r.inputs.assumeRolePolicy)).to.deep.equal({
      Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } }],
      Version: "2012-10-17",
    });
    const p = resources.find((x) => x.type === "aws:iam/rolePolicy:RolePolicy")!;
    // The default policy is a Policy component under the role (CDK's DefaultPolicy construct).
    expect(p.parent).to.equal("app-default-policy");
    expect(p.parentType).to.equal("iamx:index:Policy");
    expect(p.inputs.role).to.equal(r.outputs.name);
    expect(JSON.parse(p.inputs.policy).Statement).to.deep.equal([
      { Action: ["s3:GetObject", "s3:PutObject"], Effect: "Allow", Resource: "arn:aws:s3:::b/*" },
      { Action: "iam:PassRole", Effect: "Allow", Resource: r.outputs.arn },
    ]);
  });
});
