/**
 * A finalize that fails registers nothing: no resource an iamx component made reaches the engine
 * with inputs from the failed finalize (an invalid policy must not be created before the run
 * fails), the run's error is finalize's, once, and no rejection escapes. Before this held, the
 * documents resolved (and every child registered) before finalize threw its problems.
 *
 * What reaches the engine is recorded by a stack transform: the offline runs apply it when a
 * registration reaches the mocked engine (`newResource`), as the engine does.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { expect } from "chai";
import * as iamx from "../../src";
import { ValidationErrors } from "../../src/core/errors";
import { reportProgram } from "../../src/governance/program";
import { synthesizePlanned, synthesizeRaw } from "../../src/testing/synthesize";

const lambda = () => new iamx.ServicePrincipal("lambda.amazonaws.com");
const valid = () => new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] });
/** An ERROR of the policy validation: a condition operator typo (INVALID_CONDITION_OPERATOR). */
const invalid = () =>
  new iamx.PolicyStatement({
    actions: ["s3:GetObject"],
    resources: ["arn:aws:s3:::b/*"],
    conditions: { StringEqual: { "aws:PrincipalOrgID": "o-abc123" } },
  });
/** An ERROR of the policy validation found without the action catalogue: a malformed resource ARN. */
const malformedArn = () => new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:b/k"] });

type Runner = (program: () => unknown) => Promise<unknown>;
const RUNS: [string, Runner][] = [
  ["a mocked run (synthesizeRaw)", synthesizeRaw],
  ["a plan run (the testing kit's synthesize, iamx preview)", synthesizePlanned],
];

interface Outcome {
  readonly error?: unknown;
  /** `type name` of every registration that reached the (mocked) engine. */
  readonly engine: string[];
}

/** Runs `program` recording what reaches the engine; waits a few turns after it settled. */
async function recorded(runner: Runner, program: (engine: string[]) => unknown): Promise<Outcome> {
  const engine: string[] = [];
  let error: unknown;
  try {
    await runner(() => {
      pulumi.runtime.registerResourceTransform((args) => {
        engine.push(`${args.type} ${args.name}`);
        return undefined;
      });
      return program(engine);
    });
  } catch (e) {
    error = e;
  }
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return { error, engine };
}

/** The registrations of resources made by iamx components (their Pulumi children). */
const iamxChildren = (engine: string[]) => engine.filter((r) => r.startsWith("aws:iam/"));

function expectFinalizeError(error: unknown, fragment: string): void {
  expect(error, "the run should fail").to.be.instanceOf(ValidationErrors);
  expect((error as Error).message).to.contain(fragment);
}

/** A role with a DefaultPolicy and an inline policy, a managed policy and a policy attached to it. */
function program(statement: () => iamx.PolicyStatement): void {
  const role = new iamx.Role("app", {
    assumedBy: lambda(),
    inlinePolicies: { Own: new iamx.PolicyDocument({ statements: [valid()] }) },
  });
  role.addToPolicy(statement());
  new iamx.ManagedPolicy("managed", { roles: [role], statements: [statement()] });
  new iamx.Policy("attached", { roles: [role], statements: [statement()] });
}

describe("runtime: a failing finalize registers nothing", function () {
  this.timeout(60_000);

  for (const [label, runner] of RUNS) {
    describe(label, () => {
      it("(control) the same program with valid statements registers the role, its policies and attachments", async () => {
        const { error, engine } = await recorded(runner, () => program(valid));
        expect(error).to.equal(undefined);
        // (attachments are named after what they attach: a hash follows)
        const prefixes = iamxChildren(engine).map((r) => r.replace(/-[0-9a-f]{8}$/, ""));
        expect(prefixes).to.have.members([
          "aws:iam/role:Role app",
          "aws:iam/rolePolicy:RolePolicy app-inline-Own",
          "aws:iam/rolePolicy:RolePolicy app-default-policy",
          "aws:iam/policy:Policy managed",
          "aws:iam/rolePolicyAttachment:RolePolicyAttachment managed-role-app",
          "aws:iam/rolePolicy:RolePolicy attached-role-app",
        ]);
      });

      it("policy validation fails (an ERROR finding): no role, policy or attachment reaches the engine", async () => {
        const { error, engine } = await recorded(runner, () => program(invalid));
        expectFinalizeError(error, "INVALID_CONDITION_OPERATOR");
        expect(iamxChildren(engine)).to.deep.equal([]);
      });

      it("a malformed resource ARN, with the action catalogue check off, fails the same way", async () => {
        const { error, engine } = await recorded(runner, () => {
          iamx.configure({ checkActions: false });
          program(malformedArn);
        });
        expectFinalizeError(error, "MISSING_ARN_FIELD");
        expect(iamxChildren(engine)).to.deep.equal([]);
      });

      it("a statement added late (after the program awaited) that fails validation: nothing of it or its role registers", async () => {
        const { error, engine } = await recorded(runner, async () => {
          const role = new iamx.Role("app", { assumedBy: lambda() });
          role.addToPolicy(valid());
          await new Promise((r) => setTimeout(r, 5));
          role.addToPolicy(invalid());
          new iamx.Policy("late", { roles: [role], statements: [invalid()] });
        });
        expectFinalizeError(error, "INVALID_CONDITION_OPERATOR");
        expect(iamxChildren(engine)).to.deep.equal([]);
      });

      it("a failing CDK check (a statement with no action) fails the run with its error, once, registering nothing", async () => {
        const unhandled: unknown[] = [];
        const listener = (e: unknown) => unhandled.push(e);
        process.on("unhandledRejection", listener);
        try {
          const { error, engine } = await recorded(runner, () => {
            const role = new iamx.Role("app", { assumedBy: lambda() });
            role.addToPolicy(new iamx.PolicyStatement({ resources: ["*"] }));
            // a resource the user made directly: registers (out of the guarantee's scope)
            new aws.s3.Bucket("mine");
          });
          expectFinalizeError(error, "at least one");
          expect(iamxChildren(engine)).to.deep.equal([]);
          expect(engine).to.include("aws:s3/bucket:Bucket mine");
        } finally {
          process.off("unhandledRejection", listener);
        }
        expect(unhandled).to.deep.equal([]);
      });
    });
  }

  it("the policy report of a failed program under mocks still completes (an output of a held-back role never settles)", async () => {
    const report = await reportProgram(
      () => {
        const role = new iamx.Role("app", { assumedBy: lambda() });
        role.addToPolicy(malformedArn());
        const other = new iamx.Role("other", { assumedBy: lambda() });
        other.addToPolicy(
          new iamx.PolicyStatement({ actions: ["iam:PassRole"], resources: [pulumi.interpolate`${role.roleArn}`] }),
        );
      },
      { mode: "mocks" },
    );
    expect(report.problems?.message).to.contain("MISSING_ARN_FIELD");
    expect(report.report.roles.map((r) => r.roleConstructPath)).to.have.members(["app", "other"]);
  });
});
