// GitHub Actions → AWS without stored keys: GitHub's OIDC issuer, and a role that only the
// workflows of one repository and branch can assume (aws-actions/configure-aws-credentials with
// `role-to-assume: <deployRoleArn>`).
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";

const config = new pulumi.Config();
const repository = config.get("githubRepository") ?? "octo-org/octo-repo";
const branch = config.get("githubBranch") ?? "main";
const bucket = config.get("siteBucket") ?? "my-site-bucket";

// Condition keys are `<issuer>:<claim>`; the issuer is the URL without `https://`.
const issuer = "token.actions.githubusercontent.com";

// An account has one provider per issuer. If yours exists already, import it instead:
//   const github = iamx.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
//     "GitHub", `arn:aws:iam::<account>:oidc-provider/${issuer}`);
const github = new iamx.OpenIdConnectProvider("GitHub", {
  url: `https://${issuer}`,
  clientIds: ["sts.amazonaws.com"],
  // No thumbprints given: the component fetches the issuer's root-CA thumbprint over verified TLS
  // when the program runs (IAM validates GitHub's tokens against its own CA library anyway).
});

const deploy = new iamx.Role("GitHubDeploy", {
  description: `Deploys ${repository} from GitHub Actions (${branch})`,
  assumedBy: new iamx.OpenIdConnectPrincipal(github, {
    // The audience configure-aws-credentials asks for.
    StringEquals: { [`${issuer}:aud`]: "sts.amazonaws.com" },
    // Without a `sub` condition any repository on GitHub could assume the role.
    StringLike: { [`${issuer}:sub`]: `repo:${repository}:ref:refs/heads/${branch}` },
  }),
});

deploy.addToPolicy(
  new iamx.PolicyStatement({
    actions: ["s3:PutObject", "s3:DeleteObject"],
    resources: [`arn:aws:s3:::${bucket}/*`],
  }),
);
deploy.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:ListBucket"], resources: [`arn:aws:s3:::${bucket}`] }));

export const providerArn = github.openIdConnectProviderArn;
export const deployRoleArn = deploy.roleArn;
