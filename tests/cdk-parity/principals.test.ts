// Every principal class, in a resource-policy statement.
import { expect } from "chai";
import { parity, parityValue, type Env, type Iam } from "./oracle";
import type * as core from "../../src/core";

const ARN = "arn:aws:iam::123456789012:role/r";
const OIDC = "arn:aws:iam::123456789012:oidc-provider/x";
const SAML = "arn:aws:iam::123456789012:saml-provider/x";

function withPrincipal(iam: Iam, ...principals: core.IPrincipal[]): core.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"], principals })],
  });
}

describe("parity: principals", () => {
  parity("ArnPrincipal", (iam) => withPrincipal(iam, new iam.ArnPrincipal(ARN)));

  parity(
    "AccountPrincipal joins the partition into the root ARN",
    (iam) => withPrincipal(iam, new iam.AccountPrincipal("123456789012")),
    (out) => expect(JSON.stringify(out.on)).to.contain('"Fn::Join"'),
  );

  parity("AccountPrincipal with a token account", (iam, env) =>
    withPrincipal(iam, new iam.AccountPrincipal(env.accountId)),
  );

  parity("AccountRootPrincipal uses the deploying account", (iam) =>
    withPrincipal(iam, new iam.AccountRootPrincipal()),
  );

  parity("ServicePrincipal with a short name", (iam) => withPrincipal(iam, new iam.ServicePrincipal("lambda")));

  parity("ServicePrincipal full, .cn, c2s and sc2s names all normalize", (iam) =>
    withPrincipal(
      iam,
      new iam.ServicePrincipal("ec2.amazonaws.com"),
      new iam.ServicePrincipal("states.amazonaws.com.cn"),
      new iam.ServicePrincipal("sqs.c2s.ic.gov"),
      new iam.ServicePrincipal("sns.sc2s.sgov.gov"),
    ),
  );

  parity("ServicePrincipal names outside the pattern pass through", (iam) =>
    withPrincipal(
      iam,
      new iam.ServicePrincipal("states.us-east-1.amazonaws.com"),
      new iam.ServicePrincipal("a.b"),
      new iam.ServicePrincipal("Lambda.AmazonAWS.com"),
    ),
  );

  parity("ServicePrincipal region option: opt-in regions get a regional name", (iam) =>
    withPrincipal(
      iam,
      new iam.ServicePrincipal("states", { region: "ap-east-1" }),
      new iam.ServicePrincipal("logs.amazonaws.com", { region: "me-south-1" }),
      new iam.ServicePrincipal("states", { region: "us-west-2" }),
    ),
  );

  parity("ServicePrincipal region option for every opt-in region", (iam) => {
    const regions = [
      "af-south-1",
      "ap-east-1",
      "ap-east-2",
      "ap-south-2",
      "ap-southeast-3",
      "ap-southeast-4",
      "ap-southeast-5",
      "ap-southeast-6",
      "ap-southeast-7",
      "ca-west-1",
      "eu-central-2",
      "eu-south-1",
      "eu-south-2",
      "il-central-1",
      "me-central-1",
      "me-south-1",
      "me-west-1",
      "mx-central-1",
      "eu-west-1",
      "cn-north-1",
      "us-gov-west-1",
      "nowhere-1",
    ];
    return new iam.PolicyDocument({
      statements: regions.map(
        (region) =>
          new iam.PolicyStatement({
            actions: ["sts:AssumeRole"],
            principals: [new iam.ServicePrincipal("logs", { region })],
          }),
      ),
    });
  });

  parity("ServicePrincipal with conditions", (iam) =>
    withPrincipal(
      iam,
      new iam.ServicePrincipal("sns", { conditions: { ArnLike: { "aws:SourceArn": "arn:aws:sns:*:*:t" } } }),
    ),
  );

  parity("ServicePrincipal.fromStaticServicePrincipleName is used verbatim", (iam) =>
    withPrincipal(
      iam,
      iam.ServicePrincipal.fromStaticServicePrincipleName("lambda"),
      new iam.ServicePrincipal("lambda"),
    ),
  );

  parity("FederatedPrincipal with conditions and a custom action", (iam) =>
    withPrincipal(
      iam,
      new iam.FederatedPrincipal(
        "cognito-identity.amazonaws.com",
        { StringEquals: { "cognito-identity.amazonaws.com:aud": "us-east-1:x" } },
        "sts:AssumeRoleWithWebIdentity",
      ),
    ),
  );

  parity("WebIdentityPrincipal", (iam) =>
    withPrincipal(
      iam,
      new iam.WebIdentityPrincipal("accounts.google.com", { StringEquals: { "accounts.google.com:aud": "x" } }),
    ),
  );

  parity("OpenIdConnectPrincipal uses the provider ARN", (iam, env) =>
    withPrincipal(
      iam,
      new iam.OpenIdConnectPrincipal(env.oidcProvider(OIDC), { StringLike: { "x:sub": "repo:o/r:*" } }),
    ),
  );

  parity("SamlPrincipal uses the provider ARN", (iam, env) =>
    withPrincipal(iam, new iam.SamlPrincipal(env.samlProvider(SAML), { StringEquals: { "SAML:sub": "u" } })),
  );

  parity("SamlConsolePrincipal replaces StringEquals with the sign-in audience", (iam, env) =>
    withPrincipal(
      iam,
      new iam.SamlConsolePrincipal(env.samlProvider(SAML), {
        StringEquals: { "SAML:sub": "u" },
        StringLike: { "SAML:x": "y*" },
      }),
    ),
  );

  parity("CanonicalUserPrincipal", (iam) =>
    withPrincipal(
      iam,
      new iam.CanonicalUserPrincipal("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"),
    ),
  );

  parity("OrganizationPrincipal adds aws:PrincipalOrgID", (iam) =>
    withPrincipal(iam, new iam.OrganizationPrincipal("o-1234567890")),
  );

  parity("AnyPrincipal renders {AWS: '*'}", (iam) => withPrincipal(iam, new iam.AnyPrincipal()));

  parity("Anyone renders like AnyPrincipal", (iam) => withPrincipal(iam, new iam.Anyone()));

  parity(
    "StarPrincipal renders the literal '*'",
    (iam) => withPrincipal(iam, new iam.StarPrincipal()),
    (out) => {
      expect((out.on as { Statement: { Principal: unknown }[] }).Statement[0].Principal).to.equal("*");
    },
  );

  parity("CompositePrincipal merges its parts key by key", (iam) =>
    withPrincipal(
      iam,
      new iam.CompositePrincipal(
        new iam.ServicePrincipal("a"),
        new iam.ArnPrincipal(ARN),
        new iam.ServicePrincipal("b"),
      ),
    ),
  );

  parity("CompositePrincipal.addPrincipals appends", (iam) => {
    const c = new iam.CompositePrincipal(new iam.ServicePrincipal("a"));
    c.addPrincipals(new iam.CanonicalUserPrincipal("cu"), new iam.ArnPrincipal(ARN));
    return withPrincipal(iam, c);
  });

  parity("PrincipalWithConditions merges per operator over the principal's own", (iam) =>
    withPrincipal(
      iam,
      new iam.PrincipalWithConditions(new iam.WebIdentityPrincipal("idp", { StringEquals: { k: "v", j: "w" } }), {
        StringEquals: { k: "override" },
        Bool: { b: "true" },
      }),
    ),
  );

  parity("withConditions then addCondition/addConditions", (iam) => {
    const p = new iam.ArnPrincipal(ARN).withConditions({ StringEquals: { a: "1" } }) as core.PrincipalWithConditions;
    p.addCondition("StringEquals", { b: "2" });
    p.addConditions({ Bool: { c: "true" }, StringEquals: { a: "3" } });
    return withPrincipal(iam, p);
  });

  parity("ArnPrincipal.inOrganization", (iam) =>
    withPrincipal(iam, new iam.ArnPrincipal(ARN).inOrganization("o-abcdefghij")),
  );

  parity("SessionTagsPrincipal and withSessionTags keep the fragment", (iam) =>
    withPrincipal(
      iam,
      new iam.SessionTagsPrincipal(new iam.ArnPrincipal(ARN)),
      new iam.ServicePrincipal("lambda").withSessionTags(),
    ),
  );

  parity("NotPrincipal with an account principal", (iam) => {
    const s = new iam.PolicyStatement({ actions: ["s3:*"], resources: ["*"], effect: iam.Effect.DENY });
    s.addNotPrincipals(new iam.AccountPrincipal("123456789012"), new iam.ArnPrincipal(ARN));
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("statement convenience adders for each principal kind", (iam) => {
    const s = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] });
    s.addAwsAccountPrincipal("123456789012");
    s.addArnPrincipal(ARN);
    s.addServicePrincipal("lambda");
    s.addAccountRootPrincipal();
    s.addCanonicalUserPrincipal("cu");
    s.addAnyPrincipal();
    const f = new iam.PolicyStatement({ actions: ["sts:AssumeRoleWithWebIdentity"] });
    f.addFederatedPrincipal("cognito-identity.amazonaws.com", { StringEquals: { aud: "x" } });
    const svc = new iam.PolicyStatement({ actions: ["sts:AssumeRole"] });
    svc.addServicePrincipal("states", { region: "af-south-1" });
    return new iam.PolicyDocument({ statements: [s, f, svc] });
  });

  parity(
    "principals of several kinds in one statement, keys in first-insertion order",
    (iam) =>
      withPrincipal(
        iam,
        new iam.ServicePrincipal("a"),
        new iam.ArnPrincipal(ARN),
        new iam.FederatedPrincipal("fed"),
        new iam.CanonicalUserPrincipal("cu"),
        new iam.ServicePrincipal("b"),
      ),
    (out) => {
      const offPrincipal = (out.off as { Statement: { Principal: object }[] }).Statement[0].Principal;
      expect(Object.keys(offPrincipal)).to.deep.equal(["Service", "AWS", "Federated", "CanonicalUser"]);
    },
  );

  parity("two different objects with the same ARN render twice unless minimizing", (iam) =>
    withPrincipal(iam, new iam.ArnPrincipal(ARN), new iam.ArnPrincipal(ARN), new iam.ServicePrincipal("s3")),
  );

  parity("re-adding a principal whose conditions changed since is a no-op", (iam) => {
    const p = new iam.ArnPrincipal(ARN).withConditions({ StringEquals: { a: "1" } }) as core.PrincipalWithConditions;
    const s = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"], principals: [p] });
    p.addCondition("Bool", { b: "true" });
    s.addPrincipals(p);
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("the same principal object added twice counts once", (iam) => {
    const p = new iam.ArnPrincipal(ARN);
    const s = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"], principals: [p, p] });
    s.addPrincipals(p);
    return new iam.PolicyDocument({ statements: [s] });
  });

  // policyFragment (principal JSON before collapsing, and conditions), assumeRoleAction and
  // principalAccount of every kind, tokens resolved.
  const kinds: [string, (iam: Iam, env: Env) => core.IPrincipal][] = [
    ["ArnPrincipal", (iam) => new iam.ArnPrincipal(ARN)],
    ["AccountPrincipal", (iam) => new iam.AccountPrincipal("123456789012")],
    ["AccountRootPrincipal", (iam) => new iam.AccountRootPrincipal()],
    [
      "ServicePrincipal",
      (iam) => new iam.ServicePrincipal("states", { region: "af-south-1", conditions: { A: { b: "c" } } }),
    ],
    ["FederatedPrincipal", (iam) => new iam.FederatedPrincipal("fed", { A: { b: "c" } }, "sts:AssumeRoleWithSAML")],
    ["WebIdentityPrincipal", (iam) => new iam.WebIdentityPrincipal("idp")],
    ["OpenIdConnectPrincipal", (iam, env) => new iam.OpenIdConnectPrincipal(env.oidcProvider(OIDC))],
    ["SamlPrincipal", (iam, env) => new iam.SamlPrincipal(env.samlProvider(SAML), {})],
    ["SamlConsolePrincipal", (iam, env) => new iam.SamlConsolePrincipal(env.samlProvider(SAML))],
    ["CanonicalUserPrincipal", (iam) => new iam.CanonicalUserPrincipal("cu")],
    ["OrganizationPrincipal", (iam) => new iam.OrganizationPrincipal("o-1234567890")],
    ["AnyPrincipal", (iam) => new iam.AnyPrincipal()],
    ["StarPrincipal", (iam) => new iam.StarPrincipal()],
    [
      "CompositePrincipal",
      (iam) => new iam.CompositePrincipal(new iam.WebIdentityPrincipal("a"), new iam.ArnPrincipal(ARN)),
    ],
    ["PrincipalWithConditions", (iam) => new iam.ServicePrincipal("sns").withConditions({ A: { b: "c" } })],
    ["SessionTagsPrincipal", (iam) => new iam.AccountPrincipal("210987654321").withSessionTags()],
  ];
  for (const [name, make] of kinds) {
    parityValue(`${name}: policyFragment, assumeRoleAction, principalAccount`, (iam, env) => {
      const p = make(iam, env);
      return {
        principalJson: p.policyFragment.principalJson,
        conditions: p.policyFragment.conditions,
        assumeRoleAction: p.assumeRoleAction,
        principalAccount: p.principalAccount ?? null,
        grantPrincipalIsSelf: p.grantPrincipal === p,
      };
    });
  }
});
