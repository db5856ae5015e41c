// Federation from a SAML 2.0 IdP (AD FS, Okta, Entra ID, Shibboleth): the IdP's metadata
// registered as an IAM SAML provider, a read-only role for AWS console sign-in, and a role for
// programmatic sign-in (AssumeRoleWithSAML) limited to one IdP audience.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";

const config = new pulumi.Config();
const metadataFile = config.get("metadataFile") || path.join(__dirname, "idp-metadata.xml");

// Read and checked now: well-formed XML with an EntityDescriptor root, or the program stops.
const provider = new iamx.SamlProvider("CorpIdp", {
  metadataDocument: iamx.SamlMetadataDocument.fromFile(metadataFile),
  name: config.get("providerName") ?? "corp-idp",
});

// Console users: the SAML:aud condition is the AWS sign-in endpoint.
const consoleRole = new iamx.Role("ConsoleReadOnly", {
  description: "Console sign-in through the corporate IdP (read only)",
  assumedBy: new iamx.SamlConsolePrincipal(provider),
  managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
  maxSessionDuration: 4 * 3600,
});

// Programmatic users (a CLI helper posting the assertion to AssumeRoleWithSAML).
const cliRole = new iamx.Role("CliOperator", {
  assumedBy: new iamx.SamlPrincipal(provider, {
    StringEquals: { "SAML:aud": "https://cli.example.com/saml" },
  }),
});
cliRole.addToPolicy(
  new iamx.PolicyStatement({ actions: ["ssm:StartSession"], resources: ["arn:aws:ec2:*:*:instance/*"] }),
);

export const samlProviderArn = provider.samlProviderArn;
export const consoleRoleArn = consoleRole.roleArn;
export const cliRoleArn = cliRole.roleArn;
