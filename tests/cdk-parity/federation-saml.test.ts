import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import { SamlMetadataDocument } from "../../src/components/saml-metadata";
import { SamlProvider } from "../../src/components/saml-provider";
import { ValidationError } from "../../src/core/errors";
import { synthesizeRaw } from "../../src/testing/synthesize";
import {
  errorInProgram,
  errorOf,
  expectCdkError,
  expectPulumiTrust,
  expectSameFederation,
  synthCdk,
  synthIamx,
  type FederationScenario,
} from "./federation-harness";
import { expectSameJson } from "./oracle";

const XML = readFileSync(join(__dirname, "..", "components", "fixtures", "idp-metadata.xml"), "utf-8");
const SAML = "AWS::IAM::SAMLProvider";

/** Our export against CDK's template: SAML providers (type, logical id, properties) and trust policies. */
function parity(title: string, scenario: FederationScenario): void {
  it(title, async () => {
    for (const minimize of [true, false]) {
      const ours = await synthIamx(scenario, minimize);
      const theirs = synthCdk(scenario, "cdk-native", minimize);
      const what = `minimize ${minimize ? "on" : "off"}`;
      expectSameFederation(ours, theirs, SAML, what, { providers: "SAML providers", trust: "trust policies" });
      expect(Object.keys(ours).sort(), `${what}: logical ids`).to.deep.equal(Object.keys(theirs).sort());
    }
  });
}

describe("parity: SamlProvider and its principals (CloudFormation)", () => {
  parity("provider with a name and real-shaped metadata", (s) => {
    s.saml("Provider", XML, "corp-idp");
  });

  parity("provider without a name", (s) => {
    s.saml("Provider", XML);
  });

  parity("SamlPrincipal with the documented SAML:iss condition", (s) => {
    const provider = s.saml("Provider", XML);
    s.role("Federated", new s.iam.SamlPrincipal(provider, { StringEquals: { "SAML:iss": "issuer" } }));
  });

  parity("SamlConsolePrincipal: the AWS sign-in audience", (s) => {
    s.role("Console", new s.iam.SamlConsolePrincipal(s.saml("Provider", XML)));
  });

  parity("SamlConsolePrincipal replaces a StringEquals it is given and keeps other operators", (s) => {
    s.role(
      "Console",
      new s.iam.SamlConsolePrincipal(s.saml("Provider", XML), {
        StringEquals: { "SAML:sub_type": "persistent" },
        StringLike: { "SAML:sub": "*@example.com" },
      }),
    );
  });

  parity("console and programmatic access to one provider from two roles, in a scope", (s) => {
    const scope = s.scope("Sso");
    const provider = s.saml("Adfs", XML, "adfs", scope);
    s.role("Console", new s.iam.SamlConsolePrincipal(provider), scope);
    s.role(
      "Cli",
      new s.iam.SamlPrincipal(provider, { StringEquals: { "SAML:aud": "https://cli.example.com" } }),
      scope,
    );
  });

  parity("grants: the provider's ARN as a statement resource", (s) => {
    const provider = s.saml("Provider", XML, "corp");
    const admin = s.role("Admin", new s.iam.AccountRootPrincipal());
    s.grantOnResources(admin, ["iam:GetSAMLProvider", "iam:UpdateSAMLProvider"], [provider.samlProviderArn]);
    s.grantOnResources(admin, ["iam:ListSAMLProviderTags"], [provider.samlProviderArn]);
  });

  parity("an imported provider by ARN", (s) => {
    const provider = s.importSaml("Legacy", "arn:aws:iam::123456789012:saml-provider/legacy");
    s.role("Console", new s.iam.SamlConsolePrincipal(provider).withSessionTags());
  });

  it("Pulumi side: the console role's trust policy is CDK's with the provider's ARN for its Ref", async () => {
    const scenario: FederationScenario = (s) => {
      s.role("Console", new s.iam.SamlConsolePrincipal(s.saml("Provider", XML, "corp")));
    };
    await expectPulumiTrust(scenario, {
      pulumiType: "aws:iam/samlProvider:SamlProvider",
      cfnType: SAML,
      arn: "arn:aws:iam::123456789012:saml-provider/corp",
    });
  });

  describe("name validation: CDK's rule, code and message", () => {
    const names = ["my provider", "a/b", "a".repeat(129), "tab\tname", "ünïcode"];
    for (const name of names) {
      it(`refuses ${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}... (${name.length})` : name)}`, async () => {
        const theirs = errorOf(
          () =>
            new cdkIam.SamlProvider(new cdk.Stack(new cdk.App(), "S"), "Provider", {
              metadataDocument: cdkIam.SamlMetadataDocument.fromXml(XML),
              name,
            }),
        );
        const ours = await errorInProgram(
          () => new SamlProvider("Provider", { metadataDocument: SamlMetadataDocument.fromXml(XML), name }),
        );
        expectCdkError(ours, theirs, "Provider");
      });
    }

    it("accepts what CDK accepts: 128 characters and _+=,.@-", async () => {
      for (const name of ["a".repeat(128), "_+=,.@-", "Okta.Prod@corp"]) {
        const s = (side: Parameters<FederationScenario>[0]) => void side.saml("Provider", XML, name);
        expectSameJson(await synthIamx(s), synthCdk(s, "cdk-native"), name);
      }
    });

    it("deviation: an empty name, which CDK lets through to an invalid template, is refused", async () => {
      const theirs = synthCdk((s) => void s.saml("Provider", XML, ""), "cdk-native");
      expect(Object.values(theirs)[0].Properties!.Name).to.equal("");
      let ours: ValidationError | undefined;
      await synthesizeRaw(() => {
        try {
          new SamlProvider("Provider", { metadataDocument: SamlMetadataDocument.fromXml(XML), name: "" });
        } catch (e) {
          ours = e as ValidationError;
        }
      });
      expect(ours?.code).to.equal("InvalidSamlProviderName");
    });
  });
});
