// People and machines in IAM: console users in groups with managed and inline permissions, a CI
// user with an access key (its secret is a Pulumi secret), and an instance profile for EC2.
//
//   pulumi up
//   pulumi stack output --show-secrets ciSecretAccessKey
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../src";

const config = new pulumi.Config();
const people = (config.get("consoleUsers") ?? "alice,bob")
  .split(",")
  .map((n) => n.trim())
  .filter(Boolean);
const legacyGroupArn = config.get("legacyGroupArn");

// Groups carry the permissions; people only carry membership.
const readers = new iamx.Group("Readers", {
  managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
});
const developers = new iamx.Group("Developers", { path: "/teams/" });
developers.addToPolicy(
  new iamx.PolicyStatement({
    actions: ["s3:GetObject", "s3:PutObject"],
    resources: ["arn:aws:s3:::team-artifacts/*"],
  }),
);

// Everyone may manage their own password and MFA device (`${aws:username}` is an IAM variable).
const selfService = new iamx.ManagedPolicy("SelfService", {
  statements: [
    new iamx.PolicyStatement({
      actions: ["iam:ChangePassword", "iam:GetUser", "iam:*MFADevice"],
      resources: ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:mfa/${aws:username}"],
    }),
  ],
});

const passwords: Record<string, pulumi.Output<string>> = {};
for (const person of people) {
  // @pulumi/aws cannot set a chosen console password: AWS generates one (see User's docs).
  const user = new iamx.User(`User-${person}`, {
    userName: person,
    path: "/people/",
    passwordLength: 24,
    passwordResetRequired: true,
    groups: [readers],
    managedPolicies: [selfService],
  });
  developers.addUser(user);
  passwords[person] = user.password!;
}

// A machine user for CI: programmatic access only, with a rotating key (bump `serial` to rotate).
const ci = new iamx.User("CiUser", { userName: "ci-deployer" });
ci.addToPolicy(
  new iamx.PolicyStatement({
    actions: ["cloudformation:DescribeStacks"],
    resources: ["*"],
  }),
);
ci.addToGroup(readers);
if (legacyGroupArn) ci.addToGroup(iamx.Group.fromGroupArn("LegacyGroup", legacyGroupArn));
const ciKey = new iamx.AccessKey("CiKey", { user: ci, serial: 1 });

// An existing user only gets an inline policy (CDK: the `Policy` child of the imported user).
iamx.User.fromUserName("Auditor", "auditor").addToPolicy(
  new iamx.PolicyStatement({ actions: ["cloudtrail:LookupEvents"], resources: ["*"] }),
);

// EC2 instances launched with this profile get a role trusted by ec2.amazonaws.com.
const webProfile = new iamx.InstanceProfile("WebServers", { path: "/apps/" });
webProfile.role.addToPrincipalPolicy(
  new iamx.PolicyStatement({ actions: ["ssm:GetParameter"], resources: ["arn:aws:ssm:*:*:parameter/web/*"] }),
);
// The CI user may launch instances with that role, and nothing else may be passed.
webProfile.role.grantPassRole(ci);

export const developersGroup = developers.groupName;
export const ciUserArn = ci.userArn;
export const ciAccessKeyId = ciKey.accessKeyId;
/** Secret: `pulumi stack output --show-secrets ciSecretAccessKey`. */
export const ciSecretAccessKey = ciKey.secretAccessKey;
/** Secret: each person's first password (they must change it at first sign-in). */
export const initialPasswords = pulumi.secret(passwords);
export const instanceProfileName = webProfile.instanceProfileName;
export const instanceProfileArn = webProfile.instanceProfileArn;
