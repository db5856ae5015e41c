// Model-only runs give iamx resources lazy output properties through accessors shared by every
// resource: each resource must still get outputs of its own.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Role } from "../../src/components/role";
import { ServicePrincipal } from "../../src/core/principals/service";
import { runModelOnly } from "../../src/testing/model-run";

describe("testing: model-only run outputs", () => {
  it("gives each resource its own outputs, the same one on every read, and keeps assigned values", async () => {
    const roles: Role[] = [];
    await runModelOnly(() => {
      for (const name of ["a", "b"]) {
        roles.push(new Role(name, { assumedBy: new ServicePrincipal("lambda.amazonaws.com") }));
      }
    });
    const [a, b] = roles.map((r) => r.resource);
    expect(pulumi.Output.isInstance(a.arn)).to.equal(true);
    expect(a.arn).to.equal(a.arn);
    expect(a.arn).to.not.equal(b.arn);
    expect(a.arn).to.not.equal(a.name);
    expect(a.urn).to.not.equal(b.urn);
    expect([...(await (a.arn as unknown as { allResources(): Promise<Set<unknown>> }).allResources())]).to.deep.equal([
      a,
    ]);
    expect(Object.keys(a)).to.include.members(["arn", "name", "urn", "id"]);
    const replacement = pulumi.output("arn:aws:iam::1:role/x");
    (a as unknown as { arn: unknown }).arn = replacement;
    expect(a.arn).to.equal(replacement);
    expect(b.arn).to.not.equal(replacement);
  });
});
