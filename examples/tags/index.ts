// Tags the way CDK tags constructs, deployed by Pulumi: a component's own `tags`, `Tags.of(scope)`
// for the whole program or for a part of it, priorities, resource-type filters, removal, and a
// tag added after the resource was made.
//
//   pulumi up
//   iamx export        (the same program as a CloudFormation template; see docs/tags.md)
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";

const config = new pulumi.Config();
const costCenter = config.get("costCenter") ?? "4711";

// Every taggable resource of the program (roles, users, OIDC and SAML providers; managed policies
// and instance profiles on the Pulumi side only).
iamx.Tags.of(iamx.program).add("project", "shop");
iamx.Tags.of(iamx.program).add("cost-center", costCenter);

// A component's own tags (priority 50: Tags.of at its default priority 100 overrides them).
const api = new iamx.Role("ApiHandler", {
  assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
  tags: { owner: "api-team", "data-class": "internal" },
});

// A part of the program: everything under this component gets `team`, the closest scope wins.
const platform = new pulumi.ComponentResource("example:index:Team", "Platform", {});
const builder = new iamx.Role(
  "Builder",
  { assumedBy: new iamx.ServicePrincipal("codebuild.amazonaws.com") },
  { parent: platform },
);
const operator = new iamx.User("Operator", { userName: "platform-operator" }, { parent: platform });
iamx.Tags.of(platform).add("team", "platform");
iamx.Tags.of(builder).add("team", "build"); // closer to the role than the Platform scope

// Only users: a higher priority wins over the program-wide cost center.
iamx.Tags.of(iamx.program).add("cost-center", "shared", {
  includeResourceTypes: ["AWS::IAM::User"],
  priority: 150,
});

// Removal: the program-wide `project` tag is taken off the Platform team's user (remove has
// priority 200 by default, above the add's 100).
iamx.Tags.of(platform).remove("project", { includeResourceTypes: ["AWS::IAM::User"] });

// A managed policy takes tags on the Pulumi side; CloudFormation cannot tag it (`iamx export` notes it).
new iamx.ManagedPolicy("ReadReports", {
  statements: [new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::reports/*"] })],
  roles: [api],
  tags: { owner: "data-team" },
});

// Tags given after a resource was made still land: they are decided when the program's policies
// are finalized, as CDK decides them at synthesis.
iamx.Tags.of(api).add("reviewed", "2026-12");

export const apiRoleArn = api.roleArn;
export const builderRoleArn = builder.roleArn;
export const operatorArn = operator.userArn;
