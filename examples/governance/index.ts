// Governance: actions are checked against the AWS action catalogue as statements are built,
// `iamx lint examples/governance` checks the finished policies for least privilege, permissions
// boundaries bound every role and user, and `iamx report examples/governance` prints the policy
// report a security team needs to create the roles the program does not create itself.
import * as pulumi from "@pulumi/pulumi";
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

// The wildcards are deliberate: record the evidence so the lint passes (cdk-nag's format). The
// policy validation warns about the action the catalogue does not know: acknowledge that one code.
iamx.Lint.suppress(worker, [
  {
    id: "AwsSolutions-IAM5",
    reason: "The worker reads every build artifact; the bucket holds nothing else (SEC-42)",
    appliesTo: ["Action::s3:List*", "Resource::arn:aws:s3:::build-artifacts/*"],
  },
  {
    id: "IAMX-PolicyWarning",
    reason: "s3:GetObjectPreview is newer than the bundled AWS service reference (SEC-57)",
    appliesTo: ["UNKNOWN_ACTION"],
  },
]);

// A partner account assumes this role; `iamx lint` warns until an external id is required.
const partner = new iamx.Role("PartnerAccess", {
  assumedBy: new iamx.AccountPrincipal("111122223333").withConditions({
    StringEquals: { "sts:ExternalId": "partner-7d1c" },
  }),
});

// Every role and user of the program gets the platform's permissions boundary: roles made before
// or after this line, and roles other components make (the instance profile's role below).
const boundary = iamx.ManagedPolicy.fromManagedPolicyName("Boundary", "workload-boundary");
iamx.PermissionsBoundary.of(iamx.program).apply(boundary);
const buildAgents = new iamx.InstanceProfile("BuildAgents");

// The break-glass role is exempt: the closest scope (here the role itself) wins.
const breakGlass = new iamx.Role("BreakGlass", { assumedBy: new iamx.AccountRootPrincipal() });
iamx.PermissionsBoundary.of(breakGlass).clear();

// The reporting team's roles are created by the security team from the policy report
// (`iamx report`); the program refers to them by name and creates no role there.
const reporting = new pulumi.ComponentResource("iamx-example:governance:Reporting", "Reporting");
iamx.Role.customizeRoles(reporting, { usePrecreatedRoles: { "Reporting/Exporter": "reporting-exporter" } });
const exporter = new iamx.Role(
  "Exporter",
  { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") },
  { parent: reporting },
);
exporter.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::reports/*"] }));
exporter.grantPassRole(worker);

export const workerRoleArn = worker.roleArn;
export const partnerRoleArn = partner.roleArn;
export const buildAgentsProfile = buildAgents.instanceProfileName;
export const exporterRoleArn = exporter.roleArn;
