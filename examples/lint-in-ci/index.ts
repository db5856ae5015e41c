// The lint in CI: `iamx lint` runs this program offline and checks its IAM policies and the resource
// policies of the plain @pulumi/aws resources next to them (the bucket policy below), for least
// privilege (cdk-nag's rules and IAMX's) and with IAM Access Analyzer's policy checks. In CI it
// writes SARIF for GitHub code scanning, each finding at the line of this file that made it:
//
//   npx iamx lint examples/lint-in-ci                                 text; exit 1 on an error
//   npx iamx lint examples/lint-in-ci --format sarif --out iamx.sarif
//
// README.md has the GitHub Actions workflow.
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import * as iamx from "../../src";

const config = new pulumi.Config();
const distributionArn =
  config.get("distributionArn") ?? "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE";

// The site's bucket, served by CloudFront; a deploy role writes it.
const site = new s3.Bucket("Site", { forceDestroy: true });

const deployer = new iamx.Role("SiteDeployer", {
  assumedBy: new iamx.ServicePrincipal("codebuild.amazonaws.com"),
  description: "Publishes the site",
});
deployer.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:ListBucket"], resources: [site.arn] }));
deployer.addToPolicy(
  new iamx.PolicyStatement({
    actions: ["s3:PutObject", "s3:DeleteObject"],
    // iamx.concat, not pulumi.interpolate: the lint (and the export) see the "/*" after the ARN.
    resources: [iamx.concat(iamx.toValue(site.arn), "/*")],
  }),
);
// The deployer replaces every object of the site on each release: the wildcard is the point.
iamx.Lint.suppress(deployer, [
  {
    id: "AwsSolutions-IAM5",
    reason: "A release replaces every object of the site bucket, which holds nothing else",
    appliesTo: ["Resource::<SiteArn>/*"],
  },
]);

// A plain @pulumi/aws bucket policy, linted as a resource policy: CloudFront reads the objects
// (only for this distribution), and nobody reaches the bucket without TLS.
const sitePolicy = new s3.BucketPolicy("SitePolicy", {
  bucket: site.id,
  policy: pulumi.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "CloudFrontReads",
        Effect: "Allow",
        Principal: { Service: "cloudfront.amazonaws.com" },
        Action: "s3:GetObject",
        Resource: pulumi.interpolate`${site.arn}/*`,
        Condition: { StringEquals: { "AWS:SourceArn": distributionArn } },
      },
      {
        Sid: "TlsOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [site.arn, pulumi.interpolate`${site.arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  }),
});

export const deployerRoleArn = deployer.roleArn;
export const sitePolicyId = sitePolicy.id;
