import { expect } from "chai";
import { Grant } from "../../src/components/grant";
import { OpenIdConnectProvider } from "../../src/components/oidc-provider";
import { Role } from "../../src/components/role";
import { OpenIdConnectPrincipal } from "../../src/core/principals/federated";
import { exportTemplate } from "../../src/render/cloudformation/export";
import {
  expectPulumiTrust,
  expectSameFederation,
  idsOf,
  synthCdk,
  synthIamx,
  trustPolicies,
  type FederationScenario,
  type OidcProps,
} from "./federation-harness";
import { expectSameJson } from "./oracle";

const GITHUB = "https://token.actions.githubusercontent.com";
const EKS = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const EKS_ISSUER = EKS.slice("https://".length);
const THUMB = "6938fd4d98bab03faadb97b34396831e3780aea1";
const OIDC = "AWS::IAM::OIDCProvider";

/**
 * Compares our export with CDK's `OidcProviderNative` variant: the OIDC provider resources
 * (type, logical id, properties, key order) and every role's trust policy. Where `custom` is set,
 * the trust policies are also compared with CDK's custom-resource `OpenIdConnectProvider`, whose
 * provider resource itself (a Lambda-backed custom resource) has no counterpart here.
 */
function parity(title: string, scenario: FederationScenario, options: { custom?: boolean } = {}): void {
  it(title, async () => {
    for (const minimize of [true, false]) {
      const ours = await synthIamx(scenario, minimize);
      const native = synthCdk(scenario, "cdk-native", minimize);
      const what = `minimize ${minimize ? "on" : "off"}`;
      expectSameFederation(ours, native, OIDC, what, { providers: "OIDC providers", trust: "trust policies (native)" });
      if (options.custom) {
        const custom = synthCdk(scenario, "cdk-custom", minimize);
        const theirs = trustPolicies(custom);
        for (const [id, doc] of Object.entries(trustPolicies(ours))) {
          expectSameJson(doc, theirs[id], `${what}: trust policy of ${id} (custom resource)`);
        }
      }
    }
  });
}

describe("parity: OpenIdConnectProvider and its principals (CloudFormation)", () => {
  const githubProvider = (s: Parameters<FederationScenario>[0], props: Partial<OidcProps> = {}) =>
    s.oidc("GitHub", { url: GITHUB, clientIds: ["sts.amazonaws.com"], ...props });

  parity(
    "GitHub Actions: aud and sub conditions on the provider's Ref",
    (s) => {
      const provider = githubProvider(s);
      s.role(
        "Deploy",
        new s.iam.OpenIdConnectPrincipal(provider, {
          StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
          StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main" },
        }),
      );
    },
    { custom: true },
  );

  it("Pulumi side: the role's assumeRolePolicy is CDK's document with the provider's ARN for its Ref", async () => {
    const scenario: FederationScenario = (s) => {
      const provider = githubProvider(s, { thumbprints: [THUMB] });
      s.role(
        "Deploy",
        new s.iam.OpenIdConnectPrincipal(provider, {
          StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
          StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/*" },
        }),
      );
    };
    const expected = {
      pulumiType: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
      cfnType: OIDC,
      arn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
    };
    for (const minimize of [true, false]) {
      await expectPulumiTrust(scenario, expected, minimize, `minimize ${minimize}`);
    }
  });

  parity("provider properties: url only", (s) => {
    s.oidc("Oidc", { url: "https://oidc.example.com" });
  });

  parity("provider properties: client ids and thumbprints, in the order given", (s) => {
    s.oidc("Oidc", {
      url: "https://oidc.example.com/path",
      clientIds: ["zeta", "alpha", "alpha"],
      thumbprints: [THUMB, "A".repeat(40)],
    });
  });

  parity("provider properties: an empty client id list is kept", (s) => {
    githubProvider(s, { clientIds: [] });
  });

  parity("EKS service account: sub and aud conditions keyed by the issuer", (s) => {
    const provider = s.oidc("Cluster", { url: EKS, clientIds: ["sts.amazonaws.com"], thumbprints: [THUMB] });
    s.role(
      "PodRole",
      new s.iam.OpenIdConnectPrincipal(provider, {
        StringEquals: {
          [`${EKS_ISSUER}:sub`]: "system:serviceaccount:default:my-app",
          [`${EKS_ISSUER}:aud`]: "sts.amazonaws.com",
        },
      }),
    );
  });

  parity("OIDC principal with session tags and extra conditions", (s) => {
    const provider = githubProvider(s);
    const principal = new s.iam.OpenIdConnectPrincipal(provider, {
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
    })
      .withConditions({ StringLike: { "token.actions.githubusercontent.com:sub": "repo:o/r:*" } })
      .withSessionTags();
    s.role("Tagged", principal);
  });

  parity("two providers trusted by one role, and one provider by two roles", (s) => {
    const github = githubProvider(s);
    const other = s.oidc("Other", { url: "https://idp.example.org" });
    s.role(
      "Both",
      new s.iam.CompositePrincipal(new s.iam.OpenIdConnectPrincipal(github), new s.iam.OpenIdConnectPrincipal(other)),
    );
    s.role("Second", new s.iam.OpenIdConnectPrincipal(github, { StringEquals: { "x:aud": "y" } }));
  });

  parity("a conditioned OIDC principal beside a service principal", (s) => {
    const provider = githubProvider(s);
    s.role(
      "Mixed",
      new s.iam.CompositePrincipal(
        new s.iam.OpenIdConnectPrincipal(provider, {
          StringEquals: { "token.actions.githubusercontent.com:aud": "a" },
        }),
        new s.iam.ServicePrincipal("lambda.amazonaws.com"),
      ),
    );
  });

  parity("provider and role nested in a scope keep CDK's logical ids", (s) => {
    const scope = s.scope("Federation");
    const provider = s.oidc("GitHub", { url: GITHUB }, scope);
    s.role("Deploy", new s.iam.OpenIdConnectPrincipal(provider), scope);
  });

  parity("an imported provider: literal ARN in the trust policy", (s) => {
    const provider = s.importOidc("Imported", `arn:aws:iam::123456789012:oidc-provider/${EKS_ISSUER}`);
    s.role(
      "Pod",
      new s.iam.OpenIdConnectPrincipal(provider, { StringEquals: { [`${EKS_ISSUER}:aud`]: "sts.amazonaws.com" } }),
    );
  });

  parity("grants: the provider's ARN as a resource, and grantAssumeRole to a federated principal", (s) => {
    const provider = githubProvider(s);
    const admin = s.role("Admin", new s.iam.AccountRootPrincipal());
    s.grantOnResources(
      admin,
      ["iam:GetOpenIDConnectProvider", "iam:TagOpenIDConnectProvider"],
      [provider.openIdConnectProviderArn],
    );
    admin.addToPolicy(
      new s.iam.PolicyStatement({
        actions: ["iam:UpdateOpenIDConnectProviderThumbprint"],
        resources: [provider.openIdConnectProviderArn as string],
      }),
    );
    admin.grantAssumeRole(
      new s.iam.OpenIdConnectPrincipal(provider, { StringEquals: { "token.actions.githubusercontent.com:aud": "x" } }),
    );
  });

  parity("WebIdentityPrincipal for Cognito identity pools", (s) => {
    s.role(
      "Cognito",
      new s.iam.WebIdentityPrincipal("cognito-identity.amazonaws.com", {
        StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012" },
        "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" },
      }),
    );
  });

  it("logical ids: the provider and role ids equal CDK's for the same names", async () => {
    const scenario: FederationScenario = (s) => {
      s.role("Deploy", new s.iam.OpenIdConnectPrincipal(githubProvider(s)));
    };
    const ours = await synthIamx(scenario);
    const theirs = synthCdk(scenario, "cdk-native");
    expect(Object.keys(ours).sort()).to.deep.equal(Object.keys(theirs).sort());
    expect(idsOf(ours, OIDC)).to.deep.equal(idsOf(theirs, OIDC));
    expect(idsOf(ours, OIDC)[0]).to.match(/^GitHub[0-9A-F]{8}$/);
  });

  it("whole export: offline, the template's resources equal CDK's (OidcProviderNative) at the same logical ids", async () => {
    const scenario: FederationScenario = (s) => {
      const provider = s.oidc("GitHub", { url: GITHUB, clientIds: ["sts.amazonaws.com"] });
      const role = s.role(
        "Deploy",
        new s.iam.OpenIdConnectPrincipal(provider, {
          StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
        }),
      );
      s.grantOnResources(role, ["iam:GetOpenIDConnectProvider"], [provider.openIdConnectProviderArn]);
    };
    // Our program as a user writes it (no thumbprintFetch option): the offline export does not connect.
    const template = await exportTemplate(() => {
      const provider = new OpenIdConnectProvider("GitHub", { url: GITHUB, clientIds: ["sts.amazonaws.com"] });
      const role = new Role("Deploy", {
        assumedBy: new OpenIdConnectPrincipal(provider, {
          StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
        }),
      });
      Grant.addToPrincipal({
        grantee: role,
        actions: ["iam:GetOpenIDConnectProvider"],
        resourceArns: [provider.openIdConnectProviderArn],
      });
    });
    expectSameJson(template.Resources, synthCdk(scenario, "cdk-native"));
  });
});
