// Pins the runtime public surface of the package entry points. The lists below are kept by hand on
// purpose: adding or removing an export must be a deliberate change to this file too.
import { expect } from "chai";
import * as iamx from "../../src";
import * as testing from "../../src/testing";

const INDEX_EXPORTS = [
  "AccessKey",
  "AccessKeyStatus",
  "AccountPrincipal",
  "AccountRootPrincipal",
  "AnyPrincipal",
  "Anyone",
  "ArnPrincipal",
  "Aws",
  "CFN_LIMITS",
  "CanonicalUserPrincipal",
  "CompositePrincipal",
  "DependencyGroup",
  "Duration",
  "Effect",
  "FederatedPrincipal",
  "Grant",
  "Group",
  "IamxComponent",
  "ImmutableRole",
  "ImportedGroup",
  "ImportedOpenIdConnectProvider",
  "ImportedRole",
  "ImportedSamlProvider",
  "ImportedUser",
  "InstanceProfile",
  "LazyRole",
  "Lint",
  "ManagedPolicy",
  "OpenIdConnectPrincipal",
  "OpenIdConnectProvider",
  "OrganizationPrincipal",
  "PermissionsBoundary",
  "Policy",
  "PolicyDocument",
  "PolicyGrantPrincipal",
  "PolicyStatement",
  "PrincipalBase",
  "PrincipalPolicyFragment",
  "PrincipalWithConditions",
  "ProviderDeployment",
  "RemovalPolicy",
  "Role",
  "SamlConsolePrincipal",
  "SamlMetadataDocument",
  "SamlPrincipal",
  "SamlProvider",
  "ServicePrincipal",
  "SessionTagsPrincipal",
  "StarPrincipal",
  "Tags",
  "TemplateLimitsError",
  "ThumbprintFetchError",
  "Token",
  "UnsupportedResourcesError",
  "User",
  "ValidationError",
  "ValidationErrors",
  "WebIdentityPrincipal",
  "actionCatalogueVersion",
  "actionExists",
  "actionsOfService",
  "checkAction",
  "checkTemplateLimits",
  "concat",
  "configure",
  "detailedPolicyReport",
  "exceededLimits",
  "expandAction",
  "exportProgram",
  "exportTemplate",
  "fetchOidcThumbprint",
  "finalize",
  "formatReportJson",
  "formatReportMarkdown",
  "formatReportText",
  "fromCfnYaml",
  "grants",
  "isFinalized",
  "isKnownService",
  "knownServices",
  "policyReport",
  "program",
  "renderTemplate",
  "renderTemplateAsync",
  "reportProgram",
  "scanSecrets",
  "settings",
  "toCfnYaml",
  "toValue",
  "warnings",
  "withThumbprintFetching",
  "withoutThumbprintFetching",
  "ISSUE_CODES",
  "RETIRED_SERVICES",
  "validatePolicy",
];

// `iamx.grants` is a namespace export: its members are public surface too.
const GRANTS_EXPORTS = [
  "BucketGrants",
  "FunctionGrants",
  "GenericResourceGrants",
  "KeyGrants",
  "ParameterGrants",
  "QueueGrants",
  "ResourceGrants",
  "SecretGrants",
  "TableGrants",
  "TopicGrants",
  "arnOf",
  "dynamodb",
  "kms",
  "lambda",
  "resource",
  "s3",
  "secretsmanager",
  "sns",
  "sqs",
  "ssm",
];

const TESTING_EXPORTS = ["Match", "Matcher", "Synthesis", "synthesize"];

// Implementation details that once leaked through `export *`; they must stay internal.
const KNOWN_INTERNALS = [
  "mergeStatements",
  "postProcess",
  "resetSettings",
  "LITERAL_STRING_KEY",
  "programModel",
  "MutatingPolicyDocumentAdapter",
  "synthesizeRaw",
];

function runtimeExports(moduleNamespace: object): string[] {
  return Object.keys(moduleNamespace).sort();
}

describe("public API surface", () => {
  it("src/index.ts exports exactly the pinned list", () => {
    expect(runtimeExports(iamx)).to.deep.equal([...INDEX_EXPORTS].sort());
  });

  it("the grants namespace exports exactly the pinned list", () => {
    expect(runtimeExports(iamx.grants)).to.deep.equal([...GRANTS_EXPORTS].sort());
  });

  it("src/testing/index.ts exports exactly the pinned list", () => {
    expect(runtimeExports(testing)).to.deep.equal([...TESTING_EXPORTS].sort());
  });

  it("exports none of the known internals from any entry point", () => {
    const surfaces: Record<string, object> = {
      "pulumi-iamx": iamx,
      "pulumi-iamx/testing": testing,
      grants: iamx.grants,
    };
    const leaked = Object.entries(surfaces).flatMap(([entry, ns]) =>
      KNOWN_INTERNALS.filter((name) => name in ns).map((name) => `${entry}: ${name}`),
    );
    expect(leaked).to.deep.equal([]);
  });

  it("every pinned export is defined (no export of an undefined binding)", () => {
    const undefinedExports = [
      ...INDEX_EXPORTS.filter((name) => (iamx as Record<string, unknown>)[name] === undefined),
      ...TESTING_EXPORTS.filter((name) => (testing as Record<string, unknown>)[name] === undefined),
    ];
    expect(undefinedExports).to.deep.equal([]);
  });
});
