/**
 * The testing kit's `synthesize` runs a plan run (src/testing/synthesize.ts synthesizePlanned),
 * not a mocked one: against its ground truth, the mocked run (`synthesizeRaw`), it must give the
 * same resources with the same parents, inputs (key order included), outputs and retainOnDelete,
 * in creation order; the same stack outputs; and the same CloudFormation template (secret outputs
 * as NoEcho parameters). Every example program and the CLI's fixtures, plus the cases a plan run
 * handles on its own: secrets, a late removal policy, a resource outside iamx components, a
 * program awaiting an iamx output.
 */
import * as pulumi from "@pulumi/pulumi";
import * as dynamodb from "@pulumi/aws/dynamodb";
import { expect } from "chai";
import * as iamx from "../../src";
import { run } from "../../src/runtime/run";
import { synthesize } from "../../src/testing";
import type { SynthesizedResource, SynthesizeOptions } from "../../src/testing/synthesize";
import { templateOf } from "../../src/testing/template-source";
import { cliProgram } from "../cli-program";
import { exampleProgramNames } from "../example-program";
import { OTHER, tableArgs } from "../grants/fixtures";

const key = (r: SynthesizedResource): string => `${r.type}::${r.name}`;
// (as JSON: an asset's contents are promises, a different one in each run)
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

/** The kit's result and the mocked run's, with the mocked resources in creation order. */
async function both(program: () => unknown, options: SynthesizeOptions = {}) {
  const mocked = await run(program, { ...options, mode: "mocks" });
  const mockedInCreationOrder = [...mocked.resources].sort(
    (a, b) => mocked.order.get(key(a))! - mocked.order.get(key(b))!,
  );
  const kit = await synthesize(program, options);
  return { mocked, mockedInCreationOrder, kit };
}

async function expectSameAsMocked(program: () => unknown, options: SynthesizeOptions = {}): Promise<void> {
  const { mocked, mockedInCreationOrder, kit } = await both(program, options);
  expect(kit.resources.map(key)).to.deep.equal(mockedInCreationOrder.map(key));
  for (const [i, r] of kit.resources.entries()) {
    const m = mockedInCreationOrder[i];
    expect(plain(r), key(r)).to.deep.equal(plain(m));
    expect(Object.keys(r.inputs), key(r)).to.deep.equal(Object.keys(m.inputs));
  }
  expect(plain(kit.outputs)).to.deep.equal(plain(mocked.outputs));
  expect(kit.template).to.deep.equal(templateOf(mocked));
}

const programOf = cliProgram;

describe("testing: synthesize() gives the mocked run's resources, outputs and template", function () {
  this.timeout(60_000);

  const targets = [
    ...exampleProgramNames().map((d) => `examples/${d}`),
    "tests/cli/fixtures/partner",
    "tests/cli/fixtures/transforms.ts",
  ];
  for (const target of targets) {
    it(`${target}`, async () => {
      const { program, options } = programOf(target);
      await expectSameAsMocked(program, options);
    });
  }

  it("secret Outputs only a resolved run can tell (an applied secret, a dynamic reference): the same template", async () => {
    const program = () => {
      const role = new iamx.Role("Reader", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      const applied = pulumi.secret("arn:aws:s3:::hidden-bucket").apply((v) => `${v}/*`);
      role.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: [applied] }));
      const reference = pulumi.secret("{{resolve:secretsmanager:db}}");
      role.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:PutObject"], resources: [reference] }));
      return { arn: role.roleArn };
    };
    await expectSameAsMocked(program);
    const template = (await synthesize(program)).template;
    const parameters = Object.values((template.Parameters ?? {}) as Record<string, { NoEcho?: boolean }>);
    expect(parameters.map((p) => p.NoEcho)).to.deep.equal([true]);
    expect(JSON.stringify(template)).to.not.include("hidden-bucket");
    expect(JSON.stringify(template)).to.include("{{resolve:secretsmanager:db}}");
  });

  it("applyRemovalPolicy after an await: the same retainOnDelete", async () => {
    const program = async () => {
      const group = new iamx.Group("G");
      await new Promise((resolve) => setTimeout(resolve, 5));
      group.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
    };
    await expectSameAsMocked(program);
    const s = await synthesize(program);
    expect(s.resource("aws:iam/group:Group", "G").retainOnDelete).to.equal(true);
  });

  it("a resource policy under a resource outside iamx components, and a program awaiting an iamx output", async () => {
    await expectSameAsMocked(async () => {
      const local = new iamx.Role("Local", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      const table = iamx.grants.dynamodb(new dynamodb.Table("orders", tableArgs));
      table.grantReadData(iamx.Role.fromRoleArn("other", OTHER));
      table.grantReadData(local);
      const arn = await new Promise<string>((resolve) => local.roleArn.apply(resolve));
      return { arn };
    });
  });

  it("rejects as the mocked run does when a registration fails", async () => {
    const program = () => {
      new iamx.Role("Broken", {
        assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
        description: pulumi.output("x").apply((): string => {
          throw new Error("boom in apply");
        }),
      });
    };
    const messageOf = async (p: Promise<unknown>): Promise<string> =>
      p.then(
        () => "resolved",
        (e: unknown) => (e as Error).message,
      );
    const kit = await messageOf(synthesize(program));
    expect(kit).to.contain("boom in apply").and.to.contain("Broken (aws:iam/role:Role)");
    expect(kit).to.equal(await messageOf(run(program, { mode: "mocks" })));
  });
});
