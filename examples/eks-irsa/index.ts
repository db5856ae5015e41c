// EKS IAM roles for service accounts (IRSA): pods running as one Kubernetes service account get
// the role's credentials. Annotate the service account with
// `eks.amazonaws.com/role-arn: <podRoleArn>`.
//
// The cluster is made in this program, so its OIDC issuer is a Pulumi Output: the trust policy's
// condition keys (`<issuer>:sub`, `<issuer>:aud`) embed it with iamx.Token.asString. Pulumi
// writes the real issuer into the keys once the cluster exists; the CloudFormation export renders
// them as CDK does, through a CfnJson custom resource (see docs/outputs.md).
import * as pulumi from "@pulumi/pulumi";
import * as eks from "@pulumi/aws/eks";
import * as iamx from "../../src";

const config = new pulumi.Config();
const subnetIds = config.getObject<string[]>("subnetIds") ?? ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"];
const namespace = config.get("namespace") ?? "default";
const serviceAccount = config.get("serviceAccount") ?? "my-app";
const bucket = config.get("bucket") ?? "my-app-data";

const clusterRole = new iamx.Role("ClusterRole", {
  assumedBy: new iamx.ServicePrincipal("eks.amazonaws.com"),
  managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("AmazonEKSClusterPolicy")],
});
const cluster = new eks.Cluster("cluster", { roleArn: clusterRole.roleArn, vpcConfig: { subnetIds } });

// One IAM OIDC provider per cluster, for the cluster's issuer URL (an Output).
const provider = new iamx.OpenIdConnectProvider("Cluster", {
  url: cluster.identities[0].oidcs[0].issuer,
  clientIds: ["sts.amazonaws.com"],
});

// The issuer without `https://`, as condition keys need it: the provider's, taken from its ARN
// (what CDK's EKS module uses too). `Token.asString` lets it stand inside a key.
const issuer = iamx.Token.asString(provider.openIdConnectProviderIssuer);

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

export const clusterName = cluster.name;
export const oidcProviderArn = provider.openIdConnectProviderArn;
export const podRoleArn = podRole.roleArn;
export const serviceAccountAnnotation = pulumi.interpolate`eks.amazonaws.com/role-arn: ${podRole.roleArn}`;
