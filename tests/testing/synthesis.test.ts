import { expect } from "chai";
import { Match, synthesize } from "../../src/testing";
import { Role } from "../../src/components/role";
import { PolicyStatement } from "../../src/core/statement";
import { ServicePrincipal } from "../../src/core/principals/service";

describe("testing: synthesize() and its assertions", () => {
  const program = () => {
    const role = new Role("worker", { assumedBy: new ServicePrincipal("ec2.amazonaws.com") });
    role.addToPolicy(
      new PolicyStatement({ actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:123456789012:q"] }),
    );
    return { arn: role.roleArn };
  };

  it("returns registered resources with parents, inputs and outputs", async () => {
    const s = await synthesize(program);
    s.resourceCountIs("aws:iam/role:Role", 1);
    s.resourceCountIs("aws:iam/rolePolicy:RolePolicy", 1);
    s.resourceCountIs("iamx:index:Role", 1);
    const policy = s.resource("aws:iam/rolePolicy:RolePolicy", "worker-default-policy");
    expect(policy.parent).to.equal("worker-default-policy");
    expect(policy.parentType).to.equal("iamx:index:Policy");
    expect(s.outputs.arn).to.match(/^arn:aws:iam::123456789012:role\//);
  });

  it("hasResourceProperties matches policy documents with serializedJson", async () => {
    const s = await synthesize(program);
    s.hasResourceProperties("aws:iam/rolePolicy:RolePolicy", {
      policy: Match.serializedJson({
        Version: "2012-10-17",
        Statement: [{ Action: "sqs:SendMessage", Effect: "Allow", Resource: "arn:aws:sqs:us-east-1:123456789012:q" }],
      }),
    });
    expect(() =>
      s.hasResourceProperties("aws:iam/rolePolicy:RolePolicy", { policy: Match.serializedJson({ Statement: [] }) }),
    ).to.throw(/Closest is "worker-default-policy"/);
    expect(s.findResources("aws:iam/role:Role", { assumeRolePolicy: Match.anyValue() })).to.have.length(1);
    s.resourcePropertiesCountIs("aws:iam/role:Role", { name: Match.absent() }, 1);
    expect(() => s.resourceCountIs("aws:iam/user:User", 1)).to.throw(
      /Expected 1 resources of type aws:iam\/user:User but found 0/,
    );
  });

  it("isolates runs: a second program does not see the first one's resources", async () => {
    await synthesize(program);
    const s = await synthesize(() => {
      new Role("other", { assumedBy: new ServicePrincipal("lambda") });
    });
    s.resourceCountIs("aws:iam/role:Role", 1);
    s.resourceCountIs("aws:iam/rolePolicy:RolePolicy", 0);
  });

  it("rejects with the program's own error", async () => {
    let err: unknown;
    try {
      await synthesize(() => {
        throw new Error("boom in program");
      });
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.contain("boom in program");
  });
});
