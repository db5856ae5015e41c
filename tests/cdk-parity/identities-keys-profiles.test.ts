import * as iam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import { AccessKey, AccessKeyStatus } from "../../src/components/access-key";
import { Group } from "../../src/components/group";
import { InstanceProfile } from "../../src/components/instance-profile";
import { Role } from "../../src/components/role";
import { User } from "../../src/components/user";
import { ServicePrincipal } from "../../src/core/principals/service";
import { PolicyStatement } from "../../src/core/statement";
import { toValue } from "../../src/core/value";
import { checkIdentityParity } from "./identities-harness";

describe("parity: access keys", () => {
  it("a key for a new user", async () => {
    const { ours } = await checkIdentityParity({
      cdk: (stack) => new iam.AccessKey(stack, "MyAccessKey", { user: new iam.User(stack, "MyUser") }),
      iamx: () => void new AccessKey("MyAccessKey", { user: new User("MyUser") }),
    });
    expect(ours.MyAccessKeyF0FFBE2E).to.deep.equal({
      Type: "AWS::IAM::AccessKey",
      Properties: { UserName: { Ref: "MyUserDC45028B" } },
    });
  });

  it("serial and status, for an imported user", async () => {
    await checkIdentityParity({
      cdk: (stack) =>
        new iam.AccessKey(stack, "AK", {
          user: iam.User.fromUserName(stack, "IU", "carol"),
          serial: 2,
          status: iam.AccessKeyStatus.INACTIVE,
        }),
      iamx: () =>
        void new AccessKey("AK", {
          user: User.fromUserName("IU", "carol"),
          serial: 2,
          status: AccessKeyStatus.INACTIVE,
        }),
    });
  });

  it("a user's default policy referring to its own key and group", async () => {
    const { documentsCompared } = await checkIdentityParity({
      cdk: (stack) => {
        const user = new iam.User(stack, "U");
        const group = new iam.Group(stack, "G", { groupName: "devs" });
        const key = new iam.AccessKey(stack, "AK", { user, status: iam.AccessKeyStatus.ACTIVE });
        user.addToGroup(group);
        user.addToPolicy(
          new iam.PolicyStatement({
            actions: ["iam:UpdateAccessKey"],
            resources: [user.userArn],
            conditions: { StringEquals: { "aws:username": user.userName, "iam:AccessKeyId": key.accessKeyId } },
          }),
        );
        user.addToPolicy(new iam.PolicyStatement({ actions: ["iam:GetGroup"], resources: [group.groupArn] }));
      },
      iamx: () => {
        const user = new User("U");
        const group = new Group("G", { groupName: "devs" });
        const key = new AccessKey("AK", { user, status: AccessKeyStatus.ACTIVE });
        user.addToGroup(group);
        user.addToPolicy(
          new PolicyStatement({
            actions: ["iam:UpdateAccessKey"],
            resources: [user.userArn],
            // Condition values are not converted from Pulumi outputs by the statement (yet): pass model values.
            conditions: {
              StringEquals: { "aws:username": toValue(user.userName), "iam:AccessKeyId": toValue(key.accessKeyId) },
            },
          }),
        );
        user.addToPolicy(new PolicyStatement({ actions: ["iam:GetGroup"], resources: [group.groupArn] }));
      },
    });
    expect(documentsCompared).to.equal(1);
  });
});

describe("parity: an access key's secret where the program uses it", () => {
  it("renders CDK's Fn::GetAtt [<key>, SecretAccessKey], not a parameter", async () => {
    const { ours, raw } = await checkIdentityParity({
      cdk: (stack) => {
        const user = new iam.User(stack, "U");
        const key = new iam.AccessKey(stack, "AK", { user });
        user.addToPolicy(
          new iam.PolicyStatement({
            actions: ["iam:ListAccessKeys"],
            resources: ["*"],
            conditions: { StringEquals: { "aws:RequestTag/k": key.secretAccessKey.unsafeUnwrap() } },
          }),
        );
      },
      iamx: () => {
        const user = new User("U");
        const key = new AccessKey("AK", { user });
        user.addToPolicy(
          new PolicyStatement({
            actions: ["iam:ListAccessKeys"],
            resources: ["*"],
            conditions: { StringEquals: { "aws:RequestTag/k": toValue(key.secretAccessKey) } },
          }),
        );
        return { keyId: key.accessKeyId, secret: key.secretAccessKey };
      },
    });
    const policy = Object.values(ours).find((r) => r.Type === "AWS::IAM::Policy")!;
    const keyId = Object.keys(ours).find((id) => ours[id].Type === "AWS::IAM::AccessKey")!;
    expect(policy.Properties!.PolicyDocument.Statement[0].Condition).to.deep.equal({
      StringEquals: { "aws:RequestTag/k": { "Fn::GetAtt": [keyId, "SecretAccessKey"] } },
    });
    // A stack output of the secret stays out of the export: an Output would show it in plain text.
    const { renderTemplateReport } = await import("../../src/render/cloudformation/template");
    const { template, skippedOutputs } = renderTemplateReport(raw.model, { outputs: raw.programOutputs });
    expect(skippedOutputs).to.deep.equal(["secret"]);
    expect(Object.keys(template.Outputs ?? {})).to.deep.equal(["keyId"]);
    expect(template.Parameters).to.equal(undefined);
  });
});

describe("parity: instance profiles", () => {
  it("without a role: InstanceRole trusted by EC2", async () => {
    const { ours } = await checkIdentityParity({
      cdk: (stack) => new iam.InstanceProfile(stack, "IP"),
      iamx: () => void new InstanceProfile("IP"),
    });
    expect(Object.keys(ours).sort()).to.deep.equal(["IPF1F1D75B", "IPInstanceRole92EBCD24"]);
  });

  it("with a role, name and path", async () => {
    await checkIdentityParity({
      cdk: (stack) => {
        const role = new iam.Role(stack, "R", {
          assumedBy: new iam.ServicePrincipal("ec2.amazonaws.com"),
          roleName: "web",
        });
        new iam.InstanceProfile(stack, "IP", { role, instanceProfileName: "web-profile", path: "/apps/" });
      },
      iamx: () => {
        const role = new Role("R", { assumedBy: new ServicePrincipal("ec2.amazonaws.com"), roleName: "web" });
        new InstanceProfile("IP", { role, instanceProfileName: "web-profile", path: "/apps/" });
      },
    });
  });

  it("the implicit role's default policy, and a grant of PassRole to a user", async () => {
    const { documentsCompared } = await checkIdentityParity({
      cdk: (stack) => {
        const ip = new iam.InstanceProfile(stack, "IP");
        ip.role!.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] }));
        ip.role!.grantPassRole(new iam.User(stack, "Ops"));
      },
      iamx: () => {
        const ip = new InstanceProfile("IP");
        ip.role.addToPrincipalPolicy(new PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] }));
        ip.role.grantPassRole(new User("Ops"));
      },
    });
    expect(documentsCompared).to.equal(2);
  });

  it("a profile's ARN and name used in a policy", async () => {
    await checkIdentityParity({
      cdk: (stack) => {
        const ip = new iam.InstanceProfile(stack, "IP");
        const imported = iam.InstanceProfile.fromInstanceProfileName(stack, "IIP", "legacy");
        new iam.User(stack, "U").addToPolicy(
          new iam.PolicyStatement({
            actions: ["iam:GetInstanceProfile"],
            resources: [ip.instanceProfileArn, imported.instanceProfileArn],
            conditions: { StringEquals: { "x:name": [ip.instanceProfileName, imported.instanceProfileName] } },
          }),
        );
      },
      iamx: () => {
        const ip = new InstanceProfile("IP");
        const imported = InstanceProfile.fromInstanceProfileName("IIP", "legacy");
        new User("U").addToPolicy(
          new PolicyStatement({
            actions: ["iam:GetInstanceProfile"],
            resources: [ip.instanceProfileArn, imported.instanceProfileArn],
            conditions: {
              StringEquals: { "x:name": [toValue(ip.instanceProfileName), toValue(imported.instanceProfileName)] },
            },
          }),
        );
      },
    });
  });
});
