// The federation examples run under mocks and export offline (under mocks nothing is fetched).
import { expect } from "chai";
import { exportTemplate } from "../../src/render/cloudformation/export";
import type { CfnTemplate } from "../../src/render/cloudformation/template";
import { synthesizeRaw, type RawSynthesis } from "../../src/testing/synthesize";
import { exampleProgram } from "../example-program";

interface ExampleRun {
  /** The offline CloudFormation export. */
  readonly template: CfnTemplate;
  /** The Pulumi side under mocks: registered resources and stack outputs. */
  readonly outputs: Record<string, unknown>;
  readonly resources: RawSynthesis["resources"];
}

/** Runs an example's index.ts afresh (its module is re-evaluated each time): exported, then under mocks. */
async function runExample(name: string): Promise<ExampleRun> {
  const program = exampleProgram(name);
  const template = await exportTemplate(program);
  const { outputs, resources } = await synthesizeRaw(program);
  return { template, outputs, resources };
}

type Statement = { Action: unknown; Condition?: Record<string, Record<string, string>>; Principal: unknown };

function trustOf(result: ExampleRun, logicalIdPrefix: string): Statement[] {
  const id = Object.keys(result.template.Resources).find(
    (k) => k.startsWith(logicalIdPrefix) && result.template.Resources[k].Type === "AWS::IAM::Role",
  );
  if (!id) throw new Error(`no role ${logicalIdPrefix}`);
  const props = result.template.Resources[id].Properties as { AssumeRolePolicyDocument: { Statement: Statement[] } };
  return props.AssumeRolePolicyDocument.Statement;
}

function refOf(result: ExampleRun, type: string): { Ref: string } {
  const id = Object.keys(result.template.Resources).find((k) => result.template.Resources[k].Type === type);
  if (!id) throw new Error(`no ${type}`);
  return { Ref: id };
}

describe("federation examples", () => {
  it("github-actions-oidc: provider, repository-scoped trust, deploy permissions", async () => {
    const result = await runExample("github-actions-oidc");
    const [statement] = trustOf(result, "GitHubDeploy");
    expect(statement).to.deep.equal({
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
        StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main" },
      },
      Effect: "Allow",
      Principal: { Federated: refOf(result, "AWS::IAM::OIDCProvider") },
    });
    expect(result.outputs.deployRoleArn).to.match(/^arn:aws:iam::123456789012:role\//);
    expect(result.outputs.providerArn).to.equal(
      "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    );
  });

  it("eks-irsa: service-account subject and audience keyed by the cluster issuer", async () => {
    const result = await runExample("eks-irsa");
    const issuer = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    const [statement] = trustOf(result, "PodRole");
    expect(statement.Condition).to.deep.equal({
      StringEquals: {
        [`${issuer}:aud`]: "sts.amazonaws.com",
        [`${issuer}:sub`]: "system:serviceaccount:default:my-app",
      },
    });
    expect(statement.Principal).to.deep.equal({ Federated: refOf(result, "AWS::IAM::OIDCProvider") });
    expect(result.outputs.serviceAccountAnnotation).to.match(/^eks.amazonaws.com\/role-arn: arn:aws:iam::/);
  });

  it("saml-console: provider from the metadata file, console and CLI roles", async () => {
    const result = await runExample("saml-console");
    const provider = refOf(result, "AWS::IAM::SAMLProvider");
    expect(trustOf(result, "ConsoleReadOnly")).to.deep.equal([
      {
        Action: "sts:AssumeRoleWithSAML",
        Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
        Effect: "Allow",
        Principal: { Federated: provider },
      },
    ]);
    expect(trustOf(result, "CliOperator")[0].Condition).to.deep.equal({
      StringEquals: { "SAML:aud": "https://cli.example.com/saml" },
    });
    const saml = result.resources.find((r) => r.type === "aws:iam/samlProvider:SamlProvider")!;
    expect(saml.inputs.name).to.equal("corp-idp");
    expect(saml.inputs.samlMetadataDocument).to.contain("<md:EntityDescriptor");
  });
});
