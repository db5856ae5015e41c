// EKS IAM roles for service accounts (IRSA): pods running as one Kubernetes service account get
// the role's credentials. Annotate the service account with
// `eks.amazonaws.com/role-arn: <podRoleArn>`.
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";

const config = new pulumi.Config();
const issuerUrl =
  config.get("clusterOidcIssuerUrl") ?? "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const existingProviderArn = config.get("oidcProviderArn");
const namespace = config.get("namespace") ?? "default";
const serviceAccount = config.get("serviceAccount") ?? "my-app";
const bucket = config.get("bucket") ?? "my-app-data";

// Condition keys need the issuer as plain text (`oidc.eks.<region>.amazonaws.com/id/<id>`), which
// is why the URL comes from config rather than from a cluster Output.
const issuer = issuerUrl.replace(/^https:\/\//, "");

// One IAM OIDC provider per cluster; reuse it when eksctl or another stack made it already.
const provider = existingProviderArn
  ? iamx.OpenIdConnectProvider.fromOpenIdConnectProviderArn("Cluster", existingProviderArn)
  : new iamx.OpenIdConnectProvider("Cluster", { url: issuerUrl, clientIds: ["sts.amazonaws.com"] });

const podRole = new iamx.Role("PodRole", {
  description: `IRSA role of ${namespace}/${serviceAccount}`,
  assumedBy: new iamx.OpenIdConnectPrincipal(provider, {
    StringEquals: {
      [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
      [`${issuer}:aud`]: "sts.amazonaws.com",
    },
  }),
});

podRole.addToPolicy(
  new iamx.PolicyStatement({
    actions: ["s3:GetObject", "s3:PutObject"],
    resources: [`arn:aws:s3:::${bucket}/*`],
  }),
);

export const oidcProviderArn = provider.openIdConnectProviderArn;
export const podRoleArn = podRole.roleArn;
export const serviceAccountAnnotation = pulumi.interpolate`eks.amazonaws.com/role-arn: ${podRole.roleArn}`;
