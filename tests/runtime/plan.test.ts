/**
 * Plan runs (`iamx preview`) against their ground truth, the mocked run: every resource with the
 * same parent, inputs and outputs, listed in creation order, for every example and the CLI's
 * fixture programs; the preview text is the mocked run's resources printed in that order. Also:
 * secrets stay masked, a deferred document under a resource outside iamx components is an Output
 * there, and a plan run fails closed as a mocked run does.
 */
import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import * as s3 from "@pulumi/aws/s3";
import { expect } from "chai";
import * as iamx from "../../src";
import { formatPlan } from "../../src/cli/preview";
import { run, type RunOptions, type RunResult } from "../../src/runtime/run";
import type { SynthesizedResource } from "../../src/runtime/types";
import { cliProgram } from "../cli-program";
import { exampleProgramNames } from "../example-program";
import { OTHER, tableArgs } from "../grants/fixtures";

const programOf = cliProgram;

const key = (r: SynthesizedResource): string => `${r.type}::${r.name}`;

/** The mocked run's resources in the order they were created. */
function inCreationOrder(mocked: RunResult): SynthesizedResource[] {
  return [...mocked.resources].sort((a, b) => mocked.order.get(key(a))! - mocked.order.get(key(b))!);
}

async function both(program: () => unknown, options: RunOptions = {}): Promise<[RunResult, RunResult]> {
  const mocked = await run(program, { ...options, mode: "mocks" });
  const plan = await run(program, { ...options, mode: "plan" });
  return [mocked, plan];
}

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

function expectSameResources(mocked: RunResult, plan: RunResult): void {
  expect(plan.mode).to.equal("plan");
  expect(plan.resources.map(key)).to.deep.equal(inCreationOrder(mocked).map(key));
  const byKey = new Map(mocked.resources.map((r) => [key(r), r]));
  for (const r of plan.resources) {
    const m = byKey.get(key(r))!;
    // (as JSON: an asset's contents are promises, a different one in each run)
    expect(plain(r), key(r)).to.deep.equal(plain(m));
    // the same key order too: the preview prints inputs in it
    expect(Object.keys(r.inputs), key(r)).to.deep.equal(Object.keys(m.inputs));
  }
}

const programs = [
  ...exampleProgramNames().map((d) => `examples/${d}`),
  "tests/cli/fixtures/partner",
  "tests/cli/fixtures/transforms.ts",
  "tests/cli/fixtures/many-roles.ts",
];

describe("runtime: plan runs (iamx preview)", function () {
  this.timeout(120_000);

  for (const target of programs) {
    it(`${target}: the mocked run's resources, inputs and outputs, in creation order`, async () => {
      const { program, options } = programOf(target);
      const [mocked, plan] = await both(program, options);
      expectSameResources(mocked, plan);
      const stack = { project: options.project!, stack: "dev" };
      expect(formatPlan(plan.resources, stack)).to.equal(formatPlan(inCreationOrder(mocked), stack));
    });
  }

  it("lists a component's children in the order it made them (the role, then its default policy)", async () => {
    const { resources } = await run(
      () => {
        const role = new iamx.Role("App", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
        role.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] }));
      },
      { mode: "plan" },
    );
    expect(resources.map(key)).to.deep.equal([
      "iamx:index:Role::App",
      "aws:iam/role:Role::App",
      "iamx:index:Policy::App-default-policy",
      "aws:iam/rolePolicy:RolePolicy::App-default-policy",
    ]);
  });

  it("a secret in a policy makes the document secret; the preview masks it", async () => {
    const program = () => {
      const role = new iamx.Role("Reader", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      const arn = new pulumi.Config("app").requireSecret("secretArn");
      role.addToPolicy(new iamx.PolicyStatement({ actions: ["secretsmanager:GetSecretValue"], resources: [arn] }));
    };
    const secretArn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-abc123";
    const options = { config: { "app:secretArn": secretArn }, secretKeys: ["app:secretArn"] };
    const [mocked, plan] = await both(program, options);
    expectSameResources(mocked, plan);
    const text = formatPlan(plan.resources, { project: "p", stack: "dev" }, { full: true });
    expect(text).to.include('policy: "[secret]"');
    expect(text).to.not.include(secretArn);
  });

  it("a resource policy under a resource outside iamx components (a table's) gets its document as under mocks", async () => {
    const program = () => {
      const table = iamx.grants.dynamodb(new dynamodb.Table("orders", tableArgs));
      table.grantReadData(iamx.Role.fromRoleArn("other", OTHER));
      table.grantReadData(new iamx.Role("Local", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") }));
    };
    const [mocked, plan] = await both(program);
    expectSameResources(mocked, plan);
    const policy = plan.resources.find((r) => r.type === "aws:dynamodb/resourcePolicy:ResourcePolicy")!;
    expect(JSON.parse(policy.inputs.policy as string).Statement[0].Principal).to.deep.equal({ AWS: OTHER });
  });

  it("a program that applies and awaits iamx outputs sees the mocked values", async () => {
    const program = async () => {
      const role = new iamx.Role("Waiter", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      const arn = await new Promise<string>((resolve) => role.roleArn.apply(resolve));
      new s3.Bucket("named", { bucket: role.roleName.apply((n) => `${n}-data`.toLowerCase()) });
      return { arn };
    };
    const [mocked, plan] = await both(program);
    expectSameResources(mocked, plan);
    expect(plan.outputs).to.deep.equal(mocked.outputs);
    expect(plan.outputs.arn).to.match(/^arn:aws:iam::123456789012:role\/Waiter-/);
  });

  describe("fails closed, as a mocked run", () => {
    async function failure(program: () => unknown): Promise<Error> {
      try {
        await run(program, { mode: "plan" });
      } catch (e) {
        return e as Error;
      }
      throw new Error("the plan run succeeded");
    }

    it("an iamx resource whose input fails: the run rejects naming it", async () => {
      const e = await failure(() => {
        new iamx.Role("Broken", {
          assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
          description: pulumi.output("x").apply((): string => {
            throw new Error("boom in apply");
          }),
        });
      });
      expect(e.message).to.contain("boom in apply");
      expect(e.message).to.contain("Broken (aws:iam/role:Role)");
    });

    it("an iamx resource whose input never resolves: the run rejects naming the pending registration", async () => {
      const e = await failure(() => {
        new iamx.Role("Stuck", {
          assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
          description: pulumi.deferredOutput<string>()[0],
        });
      });
      expect(e.message).to.contain("did not finish");
      expect(e.message).to.contain("Stuck (aws:iam/role:Role)");
    });

    it("a document that cannot render: the run rejects with the renderer's error", async () => {
      const e = await failure(() => {
        const role = new iamx.Role("Odd", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
        role.addToPolicy(
          new iamx.PolicyStatement({
            actions: ["s3:GetObject"],
            resources: [pulumi.output({ not: "a string" }) as unknown as pulumi.Output<string>],
          }),
        );
      });
      expect(e.message).to.contain("resolved to");
      expect(e.message).to.contain("where a string must be");
    });
  });
});
