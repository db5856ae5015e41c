import { expect } from "chai";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import { synthesize } from "../../src/testing";
import * as grants from "../../src/grants";
import { Role } from "../../src/components/role";
import { ServicePrincipal } from "../../src/core/principals/service";

/** The Statement of the role's default policy, parsed. */
function statements(s: Awaited<ReturnType<typeof synthesize>>, role: string): { Resource: unknown }[] {
  const policy = s.resource("aws:iam/rolePolicy:RolePolicy", `${role}-default-policy`);
  return (JSON.parse(policy.inputs.policy as string) as { Statement: { Resource: unknown }[] }).Statement;
}

describe("testing: resources outside the grant factories have a mocked ARN", () => {
  it("grants.resource(bus) works, and the statement's Resource is the bus's mocked ARN", async () => {
    const s = await synthesize(() => {
      const role = new Role("publisher", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      const bus = new cloudwatch.EventBus("orders", { name: "orders" });
      grants.resource(bus).grant(role, "events:PutEvents");
    });
    const bus = s.resource("aws:cloudwatch/eventBus:EventBus", "orders");
    expect(bus.outputs.arn).to.equal("arn:aws:events:us-east-1:123456789012:event-bus/orders");
    expect(statements(s, "publisher")[0].Resource).to.equal(bus.outputs.arn);
  });

  it("a type outside the table gets an ARN of its catalogue resource type, usable in a statement", async () => {
    const s = await synthesize(
      () => {
        const role = new Role("archiver", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
        const bus = new cloudwatch.EventBus("orders", { name: "orders" });
        const archive = new cloudwatch.EventArchive("orders-archive", {
          name: "orders-archive",
          eventSourceArn: bus.arn,
        });
        grants.resource(archive).grant(role, "events:DescribeArchive");
      },
      { account: "210987654321", region: "eu-west-1" },
    );
    const archive = s.resource("aws:cloudwatch/eventArchive:EventArchive", "orders-archive");
    expect(archive.outputs.arn).to.equal("arn:aws:events:eu-west-1:210987654321:archive/orders-archive");
    expect(statements(s, "archiver")[0].Resource).to.equal(archive.outputs.arn);
  });
});
