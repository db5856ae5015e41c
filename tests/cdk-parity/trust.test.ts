// Trust policies built by letting principals add their own assume-role statements.
import { expect } from "chai";
import { parity, type Env, type Iam } from "./oracle";
import type * as core from "../../src/core";

const OIDC = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
const SAML = "arn:aws:iam::123456789012:saml-provider/corp";

function trustOf(iam: Iam, env: Env, ...principals: core.IPrincipal[]): core.PolicyDocument {
  const doc = new iam.PolicyDocument();
  for (const p of principals) env.trust(p, doc);
  return doc;
}

type Doc = { Statement: { Action: unknown; Principal?: unknown; Condition?: unknown }[] };

describe("parity: trust documents", () => {
  parity("service principal", (iam, env) => trustOf(iam, env, new iam.ServicePrincipal("lambda.amazonaws.com")));

  parity("account root principal", (iam, env) => trustOf(iam, env, new iam.AccountRootPrincipal()));

  parity("organization principal carries its condition", (iam, env) =>
    trustOf(iam, env, new iam.OrganizationPrincipal("o-1234567890")),
  );

  parity(
    "web identity principal uses AssumeRoleWithWebIdentity",
    (iam, env) =>
      trustOf(
        iam,
        env,
        new iam.WebIdentityPrincipal("accounts.google.com", { StringEquals: { "accounts.google.com:aud": "app" } }),
      ),
    (out) => expect((out.off as Doc).Statement[0].Action).to.equal("sts:AssumeRoleWithWebIdentity"),
  );

  parity("OIDC principal (GitHub Actions shape)", (iam, env) =>
    trustOf(
      iam,
      env,
      new iam.OpenIdConnectPrincipal(env.oidcProvider(OIDC), {
        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
        StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/repo:*" },
      }),
    ),
  );

  parity("SAML console principal uses AssumeRoleWithSAML", (iam, env) =>
    trustOf(iam, env, new iam.SamlConsolePrincipal(env.samlProvider(SAML))),
  );

  parity("star principal renders Principal '*'", (iam, env) => trustOf(iam, env, new iam.StarPrincipal()));

  parity(
    "composite: one statement per part, merged when minimizing",
    (iam, env) =>
      trustOf(
        iam,
        env,
        new iam.CompositePrincipal(
          new iam.ServicePrincipal("a"),
          new iam.ArnPrincipal("arn:x"),
          new iam.ServicePrincipal("b"),
        ),
      ),
    (out) => {
      expect((out.off as Doc).Statement).to.have.length(3);
      expect((out.on as Doc).Statement).to.have.length(1);
    },
  );

  parity("composite with conditioned parts and different actions stays split", (iam, env) =>
    trustOf(
      iam,
      env,
      new iam.CompositePrincipal(
        new iam.ServicePrincipal("ec2"),
        new iam.WebIdentityPrincipal("cognito-identity.amazonaws.com", { StringEquals: { aud: "x" } }),
        new iam.AccountPrincipal("123456789012"),
        new iam.OrganizationPrincipal("o-1234567890"),
      ),
    ),
  );

  parity(
    "withSessionTags adds sts:TagSession after the principal's action",
    (iam, env) =>
      trustOf(
        iam,
        env,
        new iam.ServicePrincipal("lambda").withSessionTags(),
        new iam.WebIdentityPrincipal("idp").withSessionTags(),
      ),
    (out) => expect((out.off as Doc).Statement[0].Action).to.deep.equal(["sts:AssumeRole", "sts:TagSession"]),
  );

  parity("withConditions adds the conditions to the trust statement", (iam, env) =>
    trustOf(
      iam,
      env,
      new iam.ArnPrincipal("arn:aws:iam::1:root").withConditions({ StringEquals: { "sts:ExternalId": "x" } }),
    ),
  );

  parity("withConditions and withSessionTags chained both ways", (iam, env) =>
    trustOf(
      iam,
      env,
      new iam.ServicePrincipal("a").withConditions({ Bool: { b: "true" } }).withSessionTags(),
      new iam.ServicePrincipal("b").withSessionTags().withConditions({ Bool: { c: "true" } }),
    ),
  );

  parity("conditioned wrapper around a composite", (iam, env) =>
    trustOf(
      iam,
      env,
      new iam.PrincipalWithConditions(
        new iam.CompositePrincipal(new iam.ServicePrincipal("a"), new iam.ArnPrincipal("arn:x")),
        {
          StringEquals: { "aws:PrincipalTag/team": "x" },
        },
      ),
    ),
  );

  parity("the same service added twice and an account twice", (iam, env) =>
    trustOf(
      iam,
      env,
      new iam.ServicePrincipal("lambda"),
      new iam.ServicePrincipal("lambda"),
      new iam.AccountPrincipal("111111111111"),
      new iam.AccountPrincipal("111111111111"),
    ),
  );

  parity("trust statement built by hand with the principal's assumeRoleAction", (iam) => {
    const p = new iam.FederatedPrincipal("fed", { StringEquals: { a: "b" } }, "sts:AssumeRoleWithSAML");
    return new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({ actions: [p.assumeRoleAction], principals: [p] })],
    });
  });

  parity("external-id condition added to a trust statement", (iam) => {
    const s = new iam.PolicyStatement({
      actions: ["sts:AssumeRole"],
      principals: [new iam.AccountPrincipal("222222222222")],
    });
    s.addAccountCondition("secret-id");
    return new iam.PolicyDocument({ statements: [s] });
  });
});
