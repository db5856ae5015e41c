// Unit tests of the program in index.ts with the testing kit (pulumi-iamx/testing; in a project of
// your own, import from "pulumi-iamx/testing"). Each synthesize() runs the program under Pulumi
// mocks, isolated from the other runs, with the config and account the case gives:
//
//   npx mocha -r ts-node/register examples/testing-kit/index.test.ts
import { expect } from "chai";
import { Match, synthesize } from "../../src/testing";
import program from "./index";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
// The project's name (Pulumi.yaml), so the config keys below are the program's own (`<project>:stage`).
const project = "iamx-testing-kit";

describe("examples/testing-kit", () => {
  it("gives the ingest function read access to uploads and write access to this stage's table", async () => {
    const s = await synthesize(program, { project, account: "111122223333" });
    s.resourceCountIs(ROLE, 1);
    s.hasResourceProperties(ROLE_POLICY, {
      policy: Match.serializedJson({
        Version: "2012-10-17",
        Statement: [
          { Action: "s3:GetObject", Effect: "Allow", Resource: "arn:aws:s3:::acme-uploads/incoming/*" },
          {
            Action: "dynamodb:PutItem",
            Effect: "Allow",
            Resource: "arn:aws:dynamodb:us-east-1:111122223333:table/uploads-dev",
          },
        ],
      }),
    });
    // Resources are found by the names Pulumi knows them by: the role's default policy is a
    // component under the role, and the RolePolicy its child.
    const policy = s.resource(ROLE_POLICY, "Ingest-default-policy");
    expect([policy.parent, policy.parentType]).to.deep.equal(["Ingest-default-policy", "iamx:index:Policy"]);
    expect(s.resource("iamx:index:Policy", "Ingest-default-policy").parent).to.equal("Ingest");
  });

  it("lets operators assume the role, through the group's policy", async () => {
    const s = await synthesize(program, { project });
    s.hasResourceProperties("aws:iam/groupPolicy:GroupPolicy", {
      policy: Match.serializedJson(
        Match.objectLike({
          Statement: Match.arrayWith([Match.objectLike({ Action: "sts:AssumeRole", Resource: Match.anyValue() })]),
        }),
      ),
    });
  });

  it("bounds the role in prod only (config per run)", async () => {
    const dev = await synthesize(program, { project });
    dev.hasResourceProperties(ROLE, { permissionsBoundary: Match.absent() });
    const prod = await synthesize(program, { project, config: { "iamx-testing-kit:stage": "prod" } });
    prod.hasResourceProperties(ROLE, {
      permissionsBoundary: Match.stringLikeRegexp(":policy/workload-boundary$"),
    });
  });

  it("returns the role's ARN as a stack output, in the mocked account", async () => {
    const s = await synthesize(program, { project, account: "444455556666" });
    expect(s.outputs.ingestRoleArn).to.match(/^arn:aws:iam::444455556666:role\//);
  });

  it("exports the same IAM as a CloudFormation template, with CDK's logical ids", async () => {
    const s = await synthesize(program, { project });
    const types = Object.values(s.template.Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types.sort()).to.deep.equal(["AWS::IAM::Group", "AWS::IAM::Policy", "AWS::IAM::Policy", "AWS::IAM::Role"]);
    const ids = Object.keys(s.template.Resources as object);
    expect(ids.filter((id) => /^Ingest(DefaultPolicy)?[0-9A-F]{8}$/.test(id))).to.have.length(2);
  });

  it("fails the run, not the deployment, on a config value the program refuses", async () => {
    let error: Error | undefined;
    await synthesize(program, { project, config: { "iamx-testing-kit:stage": "staging" } }).catch(
      (e: Error) => (error = e),
    );
    expect(error?.message).to.contain('config stage must be dev or prod, got "staging"');
  });
});
