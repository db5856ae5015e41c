/**
 * A plan run's output properties of iamx resources are made into Outputs on first use
 * (runtime/plan.ts): whatever a program does with them gives what the mocked run gives, the
 * ground truth.
 */
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import { expect } from "chai";
import * as iamx from "../../src";
import { run, type RunResult } from "../../src/runtime/run";

const key = (r: { type: string; name: string }): string => `${r.type}::${r.name}`;
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

function byKey(r: RunResult): Record<string, unknown> {
  return Object.fromEntries(r.resources.map((x) => [key(x), plain(x)]));
}

describe("runtime: plan runs' output properties, as under mocks", function () {
  this.timeout(60_000);

  it("lifted members, interpolation, all() and Output checks see the mocked values", async () => {
    const program = () => {
      const role = new iamx.Role("Lazy", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      const length = (role.roleArn as unknown as { length: pulumi.Output<number> }).length;
      new s3.Bucket("lifted", {
        bucket: pulumi.interpolate`b-${role.roleName}-${length}`.apply((s) => s.toLowerCase()),
        tags: pulumi.all([role.roleArn, role.roleId]).apply(([arn, id]) => ({ arn, id })),
      });
      const user = new iamx.User("Reader");
      return {
        arn: role.roleArn,
        length,
        userName: user.userName,
        isOutput: pulumi.Output.isInstance(role.roleArn),
        isInstance: role.roleArn instanceof (pulumi.Output as unknown as new () => unknown),
      };
    };
    const mocked = await run(program, { mode: "mocks" });
    const plan = await run(program, { mode: "plan" });
    expect(byKey(plan)).to.deep.equal(byKey(mocked));
    expect(plan.outputs).to.deep.equal(mocked.outputs);
    expect(plan.outputs.isOutput).to.equal(true);
    expect(plan.outputs.isInstance).to.equal(true);
    expect(plan.outputs.arn).to.match(/^arn:aws:iam::123456789012:role\/Lazy-/);
    const bucket = plan.resources.find((r) => r.type === "aws:s3/bucket:Bucket")!;
    expect(bucket.inputs.bucket).to.match(/^b-lazy-[a-z0-9]+-\d+$/);
  });

  it("a secret config value in a resource's input keeps its output secret", async () => {
    const program = () => {
      const user = new iamx.User("Secretive", { path: new pulumi.Config("app").requireSecret("path") });
      new s3.Bucket("tagged", { tags: { path: user.userName } });
    };
    const options = { config: { "app:path": "/team/" }, secretKeys: ["app:path"] };
    const mocked = await run(program, { ...options, mode: "mocks" });
    const plan = await run(program, { ...options, mode: "plan" });
    expect(byKey(plan)).to.deep.equal(byKey(mocked));
  });
});
