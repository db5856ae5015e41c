import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { Role } from "../../src/components/role";
import { SamlMetadataDocument } from "../../src/components/saml-metadata";
import { SamlProvider } from "../../src/components/saml-provider";
import { ValidationError } from "../../src/core/errors";
import { SamlConsolePrincipal, SamlPrincipal } from "../../src/core/principals/federated";
import { toCfnJson } from "../../src/core/value";
import { synthesizeRaw, type RawSynthesis } from "../../src/testing/synthesize";

const FILE = join(__dirname, "fixtures", "idp-metadata.xml");
const XML = readFileSync(FILE, "utf-8");
const SAML_TYPE = "aws:iam/samlProvider:SamlProvider";

function cfn(run: RawSynthesis, type: string): { logicalId: string; props: Record<string, any> } {
  const r = run.model.resources.find((x) => x.type === type);
  if (!r) throw new Error(`no ${type} in the model`);
  return { logicalId: r.logicalId, props: toCfnJson(r.renderProperties()) as Record<string, any> };
}

describe("SamlProvider", () => {
  it("registers aws.iam.SamlProvider with the metadata and name, and exposes its ARN", async () => {
    const run = await synthesizeRaw(() => {
      const p = new SamlProvider("Okta", { metadataDocument: SamlMetadataDocument.fromFile(FILE), name: "okta-prod" });
      return { arn: p.samlProviderArn };
    });
    const saml = run.resources.find((r) => r.type === SAML_TYPE)!;
    expect(saml.name).to.equal("Okta");
    expect(saml.parent).to.equal("Okta");
    expect(saml.inputs).to.deep.equal({ name: "okta-prod", samlMetadataDocument: XML });
    expect(run.outputs.arn).to.equal("arn:aws:iam::123456789012:saml-provider/okta-prod");
    const { props } = cfn(run, "AWS::IAM::SAMLProvider");
    expect(props).to.deep.equal({ Name: "okta-prod", SamlMetadataDocument: XML });
    expect(Object.keys(props)).to.deep.equal(["Name", "SamlMetadataDocument"]);
  });

  it("leaves the name to Pulumi and CloudFormation when not given", async () => {
    const run = await synthesizeRaw(() => {
      new SamlProvider("Adfs", { metadataDocument: SamlMetadataDocument.fromXml(XML) });
    });
    expect(run.resources.find((r) => r.type === SAML_TYPE)!.inputs).to.deep.equal({ samlMetadataDocument: XML });
    expect(cfn(run, "AWS::IAM::SAMLProvider").props).to.deep.equal({ SamlMetadataDocument: XML });
  });

  it("is the federated principal of SAML and SAML-console trust policies", async () => {
    const run = await synthesizeRaw(() => {
      const p = new SamlProvider("Idp", { metadataDocument: SamlMetadataDocument.fromXml(XML), name: "corp" });
      new Role("Console", { assumedBy: new SamlConsolePrincipal(p) });
    });
    const role = run.resources.find((r) => r.type === "aws:iam/role:Role")!;
    const statement = {
      Action: "sts:AssumeRoleWithSAML",
      Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
      Effect: "Allow",
      Principal: { Federated: "arn:aws:iam::123456789012:saml-provider/corp" },
    };
    expect(JSON.parse(role.inputs.assumeRolePolicy)).to.deep.equal({ Statement: [statement], Version: "2012-10-17" });
    const provider = cfn(run, "AWS::IAM::SAMLProvider");
    expect(cfn(run, "AWS::IAM::Role").props.AssumeRolePolicyDocument.Statement).to.deep.equal([
      { ...statement, Principal: { Federated: { Ref: provider.logicalId } } },
    ]);
  });

  it("imports a provider by ARN for SamlPrincipal", async () => {
    const arn = "arn:aws:iam::123456789012:saml-provider/legacy";
    const run = await synthesizeRaw(() => {
      const p = SamlProvider.fromSamlProviderArn("Legacy", arn);
      new Role("Federated", { assumedBy: new SamlPrincipal(p, { StringEquals: { "SAML:iss": "issuer" } }) });
      return { arn: p.samlProviderArn };
    });
    expect(run.outputs.arn).to.equal(arn);
    expect(run.resources.filter((r) => r.type === SAML_TYPE)).to.deep.equal([]);
    expect(cfn(run, "AWS::IAM::Role").props.AssumeRolePolicyDocument.Statement[0].Principal).to.deep.equal({
      Federated: arn,
    });
  });

  it("checks metadata given as a Pulumi Output when it resolves, failing the program when bad", async () => {
    const good = await synthesizeRaw(() => {
      new SamlProvider("Late", { metadataDocument: SamlMetadataDocument.fromXml(pulumi.output(XML)) });
    });
    expect(good.resources.find((r) => r.type === SAML_TYPE)!.inputs.samlMetadataDocument).to.equal(XML);
    const ref = cfn(good, "AWS::IAM::SAMLProvider").props.SamlMetadataDocument as { Ref: string };
    expect(ref.Ref).to.match(/^LateSamlMetadataDocument\d+$/);

    let error: Error | undefined;
    await synthesizeRaw(() => {
      new SamlProvider("LateBad", { metadataDocument: SamlMetadataDocument.fromXml(pulumi.output("<a><b></a>")) });
    }).catch((e: Error) => (error = e));
    expect(error, "the run must fail, not resolve without the provider").to.not.equal(undefined);
    expect(error!.message).to.contain("LateBad (aws:iam/samlProvider:SamlProvider)");
    expect(error!.message).to.contain("LateBad: The SAML metadata document is not well-formed XML");
  });

  describe("bad input is refused before anything is registered", () => {
    const INVALID_NAME =
      "Invalid SAML provider name. The name must be a string of characters consisting of upper and lowercase " +
      "alphanumeric characters with no spaces. You can also include any of the following characters: _+=,.@-. " +
      "Length must be between 1 and 128 characters.";
    const doc = () => SamlMetadataDocument.fromXml(XML);
    const cases: [string, () => unknown, string, string][] = [
      [
        "a name with a space",
        () => ({ metadataDocument: doc(), name: "my provider" }),
        "InvalidSamlProviderName",
        INVALID_NAME,
      ],
      [
        "a name with a slash",
        () => ({ metadataDocument: doc(), name: "a/b" }),
        "InvalidSamlProviderName",
        INVALID_NAME,
      ],
      [
        "a 129-character name",
        () => ({ metadataDocument: doc(), name: "a".repeat(129) }),
        "InvalidSamlProviderName",
        INVALID_NAME,
      ],
      ["an empty name", () => ({ metadataDocument: doc(), name: "" }), "InvalidSamlProviderName", INVALID_NAME],
      [
        "a number name",
        () => ({ metadataDocument: doc(), name: 5 }),
        "InvalidSamlProviderName",
        "The SAML provider name must be a string or a Pulumi input, got number 5",
      ],
      [
        "null args",
        () => null,
        "InvalidSamlProviderArgs",
        "SamlProvider needs args with a `metadataDocument`, got null",
      ],
      [
        "a raw string as the document",
        () => ({ metadataDocument: XML }),
        "InvalidSamlProviderArgs",
        "SamlProvider needs a `metadataDocument` (SamlMetadataDocument.fromXml(xml) or .fromFile(path)), got a string (wrap it with SamlMetadataDocument.fromXml)",
      ],
      [
        "a hand-made document that is not metadata",
        () => ({ metadataDocument: { xml: "<a/>" } }),
        "SamlMetadataWrongRoot",
        "found a (no namespace)",
      ],
    ];
    for (const [title, args, code, message] of cases) {
      it(title, async () => {
        let thrown: unknown;
        const run = await synthesizeRaw(() => {
          try {
            new SamlProvider("Bad", args() as never);
          } catch (e) {
            thrown = e;
          }
        });
        expect(thrown).to.be.instanceOf(ValidationError);
        expect((thrown as ValidationError).code).to.equal(code);
        expect((thrown as Error).message).to.contain(message);
        expect(run.resources).to.deep.equal([]);
      });
    }

    it("accepts every character CDK allows in a name", async () => {
      const run = await synthesizeRaw(() => {
        new SamlProvider("Ok", { metadataDocument: doc(), name: "a_b+c=d,e.f@g-h" });
      });
      expect(run.resources.find((r) => r.type === SAML_TYPE)!.inputs.name).to.equal("a_b+c=d,e.f@g-h");
    });
  });
});
