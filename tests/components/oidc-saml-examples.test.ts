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
async function runExample(name: string, options: { allowUnsupported?: boolean } = {}): Promise<ExampleRun> {
  const program = exampleProgram(name);
  const template = await exportTemplate(program, options);
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

  it("eks-irsa: service-account subject and audience keyed by the cluster's issuer Output, on both targets", async () => {
    // the EKS cluster itself has no CloudFormation mapping in pulumi-iamx; its issuer becomes a parameter
    const result = await runExample("eks-irsa", { allowUnsupported: true });
    // Pulumi: the keys hold the issuer the (mocked) cluster reported, without https://
    const cluster = result.resources.find((r) => r.type === "aws:eks/cluster:Cluster")!;
    const issuer = (cluster.outputs.identities[0].oidcs[0].issuer as string).replace(/^https:\/\//, "");
    expect(issuer).to.match(/^oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    const role = result.resources.find((r) => r.type === "aws:iam/role:Role" && r.name.startsWith("PodRole"))!;
    const [pulumiStatement] = JSON.parse(role.inputs.assumeRolePolicy).Statement;
    expect(pulumiStatement.Condition).to.deep.equal({
      StringEquals: {
        [`${issuer}:sub`]: "system:serviceaccount:default:my-app",
        [`${issuer}:aud`]: "sts.amazonaws.com",
      },
    });
    const provider = result.resources.find((r) => r.type === "aws:iam/openIdConnectProvider:OpenIdConnectProvider")!;
    expect(provider.inputs.url).to.equal(`https://${issuer}`);
    expect(result.outputs.serviceAccountAnnotation).to.match(/^eks.amazonaws.com\/role-arn: arn:aws:iam::/);

    // Export: the condition is a CfnJson whose keys join the provider's issuer (from its ARN)
    const [statement] = trustOf(result, "PodRole");
    const oidc = refOf(result, "AWS::IAM::OIDCProvider");
    expect(statement.Principal).to.deep.equal({ Federated: oidc });
    const getAtt = (statement.Condition!.StringEquals as unknown as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"];
    expect(getAtt[1]).to.equal("Value");
    const cfnJson = result.template.Resources[getAtt[0]] as { Type: string; Properties: { Value: unknown } };
    expect(cfnJson.Type).to.equal("Custom::AWSCDKCfnJson");
    const issuerToken = { "Fn::Select": [1, { "Fn::Split": [":oidc-provider/", oidc] }] };
    expect(cfnJson.Properties.Value).to.deep.equal({
      "Fn::Join": [
        "",
        [
          '{"',
          issuerToken,
          ':sub":"system:serviceaccount:default:my-app","',
          issuerToken,
          ':aud":"sts.amazonaws.com"}',
        ],
      ],
    });
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
