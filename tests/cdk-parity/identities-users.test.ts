import * as cdk from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import { Group } from "../../src/components/group";
import { ManagedPolicy } from "../../src/components/managed-policy";
import { Policy } from "../../src/components/policy";
import { Role } from "../../src/components/role";
import { User } from "../../src/components/user";
import { External } from "../../src/core/value";
import { AccountRootPrincipal } from "../../src/core/principals/arn";
import { ServicePrincipal } from "../../src/core/principals/service";
import { PolicyStatement } from "../../src/core/statement";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { checkIdentityParity } from "./identities-harness";

const get = { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] };
const put = { actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] };

describe("parity: users", () => {
  it("a bare user: AWS::IAM::User without properties, same logical id", async () => {
    const { ours } = await checkIdentityParity({
      cdk: (stack) => new iam.User(stack, "MyUser"),
      iamx: () => void new User("MyUser"),
    });
    expect(ours).to.deep.equal({ MyUserDC45028B: { Type: "AWS::IAM::User" } });
  });

  it("name, path and permissions boundary", async () => {
    await checkIdentityParity({
      cdk: (stack) =>
        new iam.User(stack, "U", {
          userName: "alice",
          path: "/staff/",
          permissionsBoundary: iam.ManagedPolicy.fromAwsManagedPolicyName("PowerUserAccess"),
        }),
      iamx: () =>
        void new User("U", {
          userName: "alice",
          path: "/staff/",
          permissionsBoundary: ManagedPolicy.fromAwsManagedPolicyName("PowerUserAccess"),
        }),
    });
  });

  it("managed policies from props and addManagedPolicy, deduplicated by object", async () => {
    await checkIdentityParity({
      cdk: (stack) => {
        const ro = iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess");
        const mp = new iam.ManagedPolicy(stack, "MP", { statements: [new iam.PolicyStatement(get)] });
        const user = new iam.User(stack, "U", { managedPolicies: [ro] });
        user.addManagedPolicy(mp);
        user.addManagedPolicy(ro);
      },
      iamx: () => {
        const ro = ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess");
        const mp = new ManagedPolicy("MP", { statements: [new PolicyStatement(get)] });
        const user = new User("U", { managedPolicies: [ro] });
        user.addManagedPolicy(mp);
        user.addManagedPolicy(ro);
      },
    });
  });

  it("default policy: merged statements, a statement on the user's own ARN, late additions", async () => {
    const { documentsCompared } = await checkIdentityParity({
      cdk: (stack) => {
        const user = new iam.User(stack, "MyUser");
        user.addToPolicy(new iam.PolicyStatement(get));
        user.addToPrincipalPolicy(new iam.PolicyStatement(put));
        user.addToPolicy(new iam.PolicyStatement({ actions: ["iam:ChangePassword"], resources: [user.userArn] }));
      },
      iamx: async () => {
        const user = new User("MyUser");
        user.addToPolicy(new PolicyStatement(get));
        await new Promise((r) => setTimeout(r, 5));
        user.addToPrincipalPolicy(new PolicyStatement(put));
        user.addToPolicy(new PolicyStatement({ actions: ["iam:ChangePassword"], resources: [user.userArn] }));
      },
    });
    expect(documentsCompared).to.equal(1);
  });

  it("groups from props, addToGroup and group.addUser, in CDK's order", async () => {
    await checkIdentityParity({
      cdk: (stack) => {
        const g1 = new iam.Group(stack, "G1", { groupName: "one" });
        const g2 = new iam.Group(stack, "G2");
        const user = new iam.User(stack, "U", { groups: [g1] });
        user.addToGroup(g2);
        g1.addUser(new iam.User(stack, "V"));
      },
      iamx: () => {
        const g1 = new Group("G1", { groupName: "one" });
        const g2 = new Group("G2");
        const user = new User("U", { groups: [g1] });
        user.addToGroup(g2);
        g1.addUser(new User("V"));
      },
    });
  });

  it("console login: LoginProfile with a NoEcho parameter (CDK: a CfnParameter secret)", async () => {
    const { shared } = await checkIdentityParity({
      iamx: (shared) => {
        const user = new User("U", { passwordLength: 20, passwordResetRequired: true });
        const props = user.cfn.renderProperties() as { LoginProfile: { Password: External } };
        shared.parameter = props.LoginProfile.Password.label;
      },
      cdk: (stack, shared) => {
        const param = new cdk.CfnParameter(stack, shared.parameter as string, { noEcho: true });
        new iam.User(stack, "U", {
          password: cdk.SecretValue.cfnParameter(param),
          passwordResetRequired: true,
        });
      },
    });
    expect(shared.parameter).to.match(/^UPassword/);
  });

  it("inline policies attached by the user and by the policy", async () => {
    const { documentsCompared } = await checkIdentityParity({
      cdk: (stack) => {
        const user = new iam.User(stack, "U");
        user.attachInlinePolicy(new iam.Policy(stack, "P1", { statements: [new iam.PolicyStatement(get)] }));
        new iam.Policy(stack, "P2", { policyName: "named", users: [user], statements: [new iam.PolicyStatement(put)] });
      },
      iamx: () => {
        const user = new User("U");
        user.attachInlinePolicy(new Policy("P1", { statements: [new PolicyStatement(get)] }));
        new Policy("P2", { policyName: "named", users: [user], statements: [new PolicyStatement(put)] });
      },
    });
    expect(documentsCompared).to.equal(2);
  });

  it("grants to a user land in its default policy (role.grantPassRole)", async () => {
    await checkIdentityParity({
      cdk: (stack) => {
        const role = new iam.Role(stack, "R", { assumedBy: new iam.ServicePrincipal("ec2.amazonaws.com") });
        role.grantPassRole(new iam.User(stack, "U"));
      },
      iamx: () => {
        const role = new Role("R", { assumedBy: new ServicePrincipal("ec2.amazonaws.com") });
        role.grantPassRole(new User("U"));
      },
    });
  });

  it("a user as the principal of a trust policy", async () => {
    await checkIdentityParity({
      cdk: (stack) => new iam.Role(stack, "R", { assumedBy: new iam.User(stack, "U") }),
      iamx: () => void new Role("R", { assumedBy: new User("U") }),
    });
  });

  it("a nested user keeps CDK's logical ids", async () => {
    const { ours } = await checkIdentityParity({
      cdk: (stack) => {
        const team = new iam.Group(stack, "Team");
        new iam.User(team, "Member").addToPolicy(new iam.PolicyStatement(get));
      },
      iamx: () => {
        const team = new Group("Team");
        new User("Member", {}, { parent: team }).addToPolicy(new PolicyStatement(get));
      },
    });
    expect(Object.keys(ours)).to.have.length(3);
  });
});

describe("parity: imported users", () => {
  it("fromUserName: statements in an inline policy named Policy with the literal user name", async () => {
    await checkIdentityParity({
      cdk: (stack) => iam.User.fromUserName(stack, "IU", "carol").addToPrincipalPolicy(new iam.PolicyStatement(get)),
      iamx: () => void User.fromUserName("IU", "carol").addToPolicy(new PolicyStatement(get)),
    });
  });

  it("fromUserArn with a path: addToGroup makes UserToGroupAddition <name>Group<n> per call", async () => {
    const { ours } = await checkIdentityParity({
      cdk: (stack) => {
        const user = iam.User.fromUserArn(stack, "IU", "arn:aws:iam::123456789012:user/p/dave");
        const group = new iam.Group(stack, "G");
        user.addToGroup(group);
        group.addUser(user);
      },
      iamx: () => {
        const user = User.fromUserArn("IU", "arn:aws:iam::123456789012:user/p/dave");
        const group = new Group("G");
        user.addToGroup(group);
        group.addUser(user);
      },
    });
    expect(Object.keys(ours)).to.include.members(["daveGroup0", "daveGroup1"]);
  });

  it("fromUserAttributes: attachInlinePolicy and grants", async () => {
    await checkIdentityParity({
      cdk: (stack) => {
        const user = iam.User.fromUserAttributes(stack, "IU", { userArn: "arn:aws:iam::123456789012:user/eve" });
        user.attachInlinePolicy(new iam.Policy(stack, "P", { statements: [new iam.PolicyStatement(put)] }));
        const role = new iam.Role(stack, "R", { assumedBy: new iam.AccountRootPrincipal() });
        role.grantAssumeRole(user);
      },
      iamx: () => {
        const user = User.fromUserAttributes("IU", { userArn: "arn:aws:iam::123456789012:user/eve" });
        user.attachInlinePolicy(new Policy("P", { statements: [new PolicyStatement(put)] }));
        const role = new Role("R", { assumedBy: new AccountRootPrincipal() });
        role.grantAssumeRole(user);
      },
    });
  });
});

describe("parity: user errors", () => {
  function messages(fn: () => unknown): string {
    try {
      fn();
    } catch (e) {
      return (e as Error).message.replace(/^\[[^\]]+\] /, "");
    }
    throw new Error("expected an error");
  }

  it("passwordResetRequired without a password", () => {
    const stack = new cdk.Stack(new cdk.App(), "S");
    const theirs = messages(() => new iam.User(stack, "U", { passwordResetRequired: true }));
    expect(messages(() => new User("U", { passwordResetRequired: true }))).to.equal(theirs);
  });

  it("addManagedPolicy on an imported user", async () => {
    const stack = new cdk.Stack(new cdk.App(), "S");
    const theirs = messages(() =>
      iam.User.fromUserName(stack, "IU", "carol").addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName("X")),
    );
    let ours = "";
    await synthesizeRaw(() => {
      ours = messages(() =>
        User.fromUserName("IU", "carol").addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("X")),
      );
    });
    expect(ours).to.equal(theirs);
  });
});
