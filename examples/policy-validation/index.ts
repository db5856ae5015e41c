// Policy validation in a program: every policy the program builds is checked at IAM Access
// Analyzer's level (offline, docs/validation.md) once the program's policies are final, and each
// ERROR finding fails the run — `pulumi up`, `iamx export`, `iamx preview`, the testing kit —
// naming the component, the statement, the element at fault, the code and the fix.
//
//   pulumi up
//   npx iamx lint examples/policy-validation     every finding (warnings too), each at its statement's line
//   npx iamx export examples/policy-validation   the template; fails instead if a policy has an error
//
// These policies pass. One statement is kept on purpose although it has an error finding: it opts
// out of that one code (see LegacyExports below). README.md shows what the commands print, and what
// the run says without the opt-out.
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";

const config = new pulumi.Config();
const bucket = config.get("reportsBucket") ?? "acme-reports";
const auditorAccount = config.get("auditorAccount") ?? "444455556666";

// The reporting function's role. A slip such as `StringEqual` for `StringEquals`, a Region in the
// bucket's ARN or an 11-digit account id would fail the run here, with the closest valid value.
const reporter = new iamx.Role("Reporter", {
  assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
  description: "Builds the monthly reports",
});
reporter.addToPolicy(
  new iamx.PolicyStatement({
    sid: "WriteReports",
    actions: ["s3:PutObject"],
    resources: [`arn:aws:s3:::${bucket}/monthly/*`],
    conditions: { StringEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } },
  }),
);
reporter.addToPolicy(
  new iamx.PolicyStatement({
    sid: "ListReports",
    actions: ["s3:ListBucket"],
    resources: [`arn:aws:s3:::${bucket}`],
    conditions: { StringLike: { "s3:prefix": ["monthly/*"] } },
  }),
);

// The auditors' role: their account assumes it with an external id; it reads the reports.
const auditor = new iamx.Role("Auditor", {
  assumedBy: new iamx.AccountPrincipal(auditorAccount),
  externalIds: ["audit-2f9c"],
  maxSessionDuration: 3600,
});
auditor.addToPolicy(
  new iamx.PolicyStatement({
    sid: "ReadReports",
    actions: ["s3:GetObject"],
    resources: [`arn:aws:s3:::${bucket}/monthly/*`],
    conditions: { Bool: { "aws:SecureTransport": "true" } },
  }),
);

// The legacy export policy, adopted as it is deployed today (`pulumi import`), so adopting it
// changes nothing in the account: statements as written there, not merged.
const legacyExports = new iamx.ManagedPolicy("LegacyExports", {
  description: "Legacy export jobs (adopted as deployed)",
  document: new iamx.PolicyDocument({
    minimize: false,
    statements: [
      new iamx.PolicyStatement({
        sid: "ReadExports",
        actions: ["s3:GetObject"],
        resources: ["arn:aws:s3:::acme-legacy-exports/*"],
      }),
      // Kept on purpose: this deployed statement writes the bucket's ARN with a Region, which S3
      // bucket ARNs never have (ARN_REGION_NOT_ALLOWED), so it has never granted anything; the
      // statement above grants the access. IAM accepts it, and keeping it makes the adoption a
      // no-op: removing it is its own reviewed change (EXPORTS-118). Only this code, only here.
      new iamx.PolicyStatement({
        sid: "ReadExportsRegional",
        actions: ["s3:GetObject"],
        resources: ["arn:aws:s3:eu-west-1::acme-legacy-exports/*"],
        validation: { ignore: ["ARN_REGION_NOT_ALLOWED"] },
      }),
    ],
  }),
  roles: [reporter],
});

// `iamx lint` shows the opted-out error as suppressed by the statement's own opt-out (it needs no
// lint suppression); the wildcards need one each, with the evidence (cdk-nag's format).
iamx.Lint.suppress(legacyExports, [
  { id: "AwsSolutions-IAM5", reason: "Export jobs read every export: the bucket holds nothing else" },
]);
for (const role of [reporter, auditor]) {
  iamx.Lint.suppress(role, [
    {
      id: "AwsSolutions-IAM5",
      reason: "Every object under monthly/ is a report, each read and written whole",
      appliesTo: [`Resource::arn:aws:s3:::${bucket}/monthly/*`],
    },
  ]);
}

export const reporterRoleArn = reporter.roleArn;
export const auditorRoleArn = auditor.roleArn;
export const legacyExportsPolicyArn = legacyExports.managedPolicyArn;
