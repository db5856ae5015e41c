// Governance: actions are checked against the AWS action catalogue as statements are built, and
// `iamx lint examples/governance` checks the finished policies for least privilege.
import * as iamx from "../../src";

// A typo such as "s3:GetObjects" would stop the program here with
// "Unknown action s3:GetObjects — did you mean s3:GetObject?".
const worker = new iamx.Role("Worker", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
worker.addToPolicy(
  new iamx.PolicyStatement({ actions: ["s3:GetObject", "s3:List*"], resources: ["arn:aws:s3:::build-artifacts/*"] }),
);

// An action newer than the pinned catalogue: opt this one statement out of the check.
worker.addToPolicy(
  new iamx.PolicyStatement({
    actions: ["s3:GetObjectPreview"],
    resources: ["arn:aws:s3:::build-artifacts/*"],
    allowUnknownActions: true,
  }),
);

// The wildcards are deliberate: record the evidence so the lint passes (cdk-nag's format).
iamx.Lint.suppress(worker, [
  {
    id: "AwsSolutions-IAM5",
    reason: "The worker reads every build artifact; the bucket holds nothing else (SEC-42)",
    appliesTo: ["Action::s3:List*", "Resource::arn:aws:s3:::build-artifacts/*"],
  },
]);

// A partner account assumes this role; `iamx lint` warns until an external id is required.
const partner = new iamx.Role("PartnerAccess", {
  assumedBy: new iamx.AccountPrincipal("111122223333").withConditions({
    StringEquals: { "sts:ExternalId": "partner-7d1c" },
  }),
});

export const workerRoleArn = worker.roleArn;
export const partnerRoleArn = partner.roleArn;
