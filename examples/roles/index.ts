// Roles the way CDK's aws-iam builds them, deployed by Pulumi: a Lambda role with a default policy
// that grows as the program runs, a partner role with an external id and a session limit, inline
// and managed policies, an existing role imported by ARN, a retained role, and grants a resource can
// wait for.
//
//   pulumi up
//   iamx export        (the same program as a CloudFormation template, CDK's logical ids)
import * as pulumi from "@pulumi/pulumi";
import * as lambda from "@pulumi/aws/lambda";
import * as iamx from "../../src";

const config = new pulumi.Config();
const partnerAccount = config.get("partnerAccount") ?? "111111111111";
const partnerExternalId = config.get("partnerExternalId") ?? "partner-secret-id";
const legacyRoleArn = config.get("legacyRoleArn") ?? "arn:aws:iam::123456789012:role/legacy/batch-runner";

const reports = "arn:aws:s3:::acme-reports";

// A Lambda function's role: an AWS managed policy, and statements in its default policy.
const fn = new iamx.Role("ReportFunction", {
  assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
  description: "Builds the daily reports",
  managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole")],
});
const writeReports = iamx.Grant.addToPrincipal({
  grantee: fn,
  actions: ["s3:PutObject"],
  resourceArns: [`${reports}/daily/*`],
});

// A partner reads the reports: cross-account trust with an external id, at most two hours a session.
const partner = new iamx.Role("PartnerReader", {
  assumedBy: new iamx.AccountPrincipal(partnerAccount),
  externalIds: [partnerExternalId],
  maxSessionDuration: iamx.Duration.hours(2),
  path: "/partners/",
  inlinePolicies: {
    ReadReports: new iamx.PolicyDocument({
      statements: [
        new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: [`${reports}/*`] }),
        new iamx.PolicyStatement({ actions: ["s3:ListBucket"], resources: [reports] }),
      ],
    }),
  },
});

// The partner's role stays in the account if this program stops managing it (CDK's usage: after
// construction). Pulumi: retainOnDelete on the role and its policies; the export: DeletionPolicy Retain.
partner.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);

// One customer managed policy shared by the function and an existing role imported by ARN.
const readReports = new iamx.ManagedPolicy("ReadReports", {
  description: "Read the report bucket",
  statements: [
    new iamx.PolicyStatement({ actions: ["s3:GetObject", "s3:ListBucket"], resources: [reports, `${reports}/*`] }),
  ],
});
const legacy = iamx.Role.fromRoleArn("LegacyBatch", legacyRoleArn);
readReports.attachToRole(legacy);
fn.addManagedPolicy(readReports);

// An inline policy attached to several roles at once.
const tagging = new iamx.Policy("Tagging", {
  statements: [new iamx.PolicyStatement({ actions: ["tag:GetResources"], resources: ["*"] })],
  roles: [fn, partner],
});

// Grants: the function may pass the partner role and read it; a role of an automation may assume it.
const automation = new iamx.Role("Automation", {
  assumedBy: new iamx.CompositePrincipal(
    new iamx.ServicePrincipal("states.amazonaws.com"),
    new iamx.ServicePrincipal("events.amazonaws.com"),
  ),
});
const passPartner = partner.grantPassRole(fn).combine(partner.grant(fn, "iam:GetRole"));
partner.grantAssumeRole(automation).assertSuccess();

// The function is created only once its role holds the granted permissions (CDK: grant.applyBefore).
const builder = new lambda.Function(
  "ReportBuilder",
  {
    role: fn.roleArn,
    runtime: "nodejs20.x",
    handler: "index.handler",
    code: new pulumi.asset.AssetArchive({
      "index.js": new pulumi.asset.StringAsset("exports.handler = async () => {};"),
    }),
  },
  { dependsOn: [writeReports, passPartner] },
);

// Statements added later in the program (even after an await) still land in the default policy.
void (async () => {
  await Promise.resolve();
  fn.addToPolicy(
    new iamx.PolicyStatement({ actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:*:*:reports-done"] }),
  );
})();

export const functionRoleArn = fn.roleArn;
export const partnerRoleArn = partner.roleArn;
export const readReportsArn = readReports.managedPolicyArn;
export const taggingPolicyName = tagging.policyName;
export const functionName = builder.name;
