// A program that knows where it deploys (Pulumi config iamx:account and aws:region, see
// Pulumi.yaml): it renders and decides as a CDK stack with that `env`. Also: a LazyRole that exists
// only because something uses it, an existing role found with Role.fromLookup, and a role kept in
// the account when the program stops managing it.
//
//   pulumi up
//   iamx export        (the same program as a CloudFormation template, CDK's logical ids)
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";

const config = new pulumi.Config();

// The account root of this (known) account: `arn:<partition>:iam::111111111111:root`, a literal.
const auditor = new iamx.Role("Auditor", {
  assumedBy: new iamx.AccountRootPrincipal(),
  managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("SecurityAudit")],
});

// Another account's role is immutable here (its account and ours are both known and differ), as in
// CDK: this statement is dropped rather than written into a policy on a role we do not own.
iamx.Role.fromRoleArn("Partner", "arn:aws:iam::222222222222:role/partner").addToPrincipalPolicy(
  new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-exports/*"] }),
);

// Made only because its ARN is used below; never used, it would create nothing.
const worker = new iamx.LazyRole("Worker", { assumedBy: new iamx.ServicePrincipal("ecs-tasks.amazonaws.com") });
worker.addToPrincipalPolicy(
  new iamx.PolicyStatement({ actions: ["sqs:ReceiveMessage"], resources: ["arn:aws:sqs:eu-west-1:111111111111:jobs"] }),
);

// An existing role found by name: Pulumi looks it up; the export writes the ARN from config.
const deployer = iamx.Role.fromLookup("Deployer", {
  roleName: "deployer",
  roleArn: config.require("deployerRoleArn"),
});
worker.grantPassRole(deployer);

// Kept in the account on `pulumi destroy` (and `DeletionPolicy: Retain` in the export).
const breakGlass = new iamx.Role(
  "BreakGlass",
  { assumedBy: new iamx.AccountRootPrincipal(), maxSessionDuration: 3600 },
  { retainOnDelete: true },
);
breakGlass.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("AdministratorAccess"));

export const auditorRoleArn = auditor.roleArn;
export const workerRoleArn = worker.roleArn;
