import * as cdk from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import { Group } from "../../src/components/group";
import { ManagedPolicy } from "../../src/components/managed-policy";
import { Policy } from "../../src/components/policy";
import { User } from "../../src/components/user";
import { warnings } from "../../src/components/warnings";
import { PolicyStatement } from "../../src/core/statement";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { takeOutputText } from "../output-capture";
import { checkIdentityParity } from "./identities-harness";

const get = { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] };
const list = { actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::b"] };

describe("parity: groups", () => {
  it("a bare group", async () => {
    const { ours } = await checkIdentityParity({
      cdk: (stack) => new iam.Group(stack, "G"),
      iamx: () => void new Group("G"),
    });
    expect(ours).to.deep.equal({ GCEB75847: { Type: "AWS::IAM::Group" } });
  });

  it("name, path and managed policies (AWS managed, imported by ARN, made here)", async () => {
    await checkIdentityParity({
      cdk: (stack) => {
        const mp = new iam.ManagedPolicy(stack, "MP", { statements: [new iam.PolicyStatement(list)] });
        const g = new iam.Group(stack, "G", {
          groupName: "devs",
          path: "/teams/",
          managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
        });
        g.addManagedPolicy(mp);
        g.addManagedPolicy(
          iam.ManagedPolicy.fromManagedPolicyArn(stack, "Mine", "arn:aws:iam::123456789012:policy/mine"),
        );
      },
      iamx: () => {
        const mp = new ManagedPolicy("MP", { statements: [new PolicyStatement(list)] });
        const g = new Group("G", {
          groupName: "devs",
          path: "/teams/",
          managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
        });
        g.addManagedPolicy(mp);
        g.addManagedPolicy(ManagedPolicy.fromManagedPolicyArn("Mine", "arn:aws:iam::123456789012:policy/mine"));
      },
    });
  });

  it("more than 10 managed policies: the same resources and CDK's warnings", async () => {
    const { cdkWarnings } = await checkIdentityParity({
      cdk: (stack) => {
        const g = new iam.Group(stack, "G", { groupName: "devs" });
        for (let i = 0; i < 12; i++) g.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(`P${i}`));
      },
      iamx: () => {
        const g = new Group("G", { groupName: "devs" });
        for (let i = 0; i < 12; i++) g.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName(`P${i}`));
      },
    });
    expect(warnings().map((w) => w.message)).to.deep.equal(cdkWarnings);
    expect(cdkWarnings).to.have.length(2);
    // The same warnings reach Pulumi's log, once each, with their acknowledgement id.
    expect(takeOutputText(/groupMaxPoliciesExceeded/)).to.deep.equal(
      cdkWarnings.map((w: string) => `warning: [runtime] ${w} [ack: @aws-cdk/aws-iam:groupMaxPoliciesExceeded]`),
    );
  });

  it("default policy with merged statements and a statement on the group's ARN", async () => {
    const { documentsCompared } = await checkIdentityParity({
      cdk: (stack) => {
        const g = new iam.Group(stack, "G");
        g.addToPolicy(new iam.PolicyStatement(get));
        g.addToPolicy(new iam.PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] }));
        g.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ["iam:GetGroup"], resources: [g.groupArn] }));
      },
      iamx: () => {
        const g = new Group("G");
        g.addToPolicy(new PolicyStatement(get));
        g.addToPolicy(new PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] }));
        g.addToPrincipalPolicy(new PolicyStatement({ actions: ["iam:GetGroup"], resources: [g.groupArn] }));
      },
    });
    expect(documentsCompared).to.equal(1);
  });

  it("inline policies attached by the group and by Policy({ groups })", async () => {
    const { documentsCompared } = await checkIdentityParity({
      cdk: (stack) => {
        const g = new iam.Group(stack, "G", { groupName: "devs" });
        g.attachInlinePolicy(new iam.Policy(stack, "P1", { statements: [new iam.PolicyStatement(get)] }));
        new iam.Policy(stack, "P2", { groups: [g], statements: [new iam.PolicyStatement(list)] });
      },
      iamx: () => {
        const g = new Group("G", { groupName: "devs" });
        g.attachInlinePolicy(new Policy("P1", { statements: [new PolicyStatement(get)] }));
        new Policy("P2", { groups: [g], statements: [new PolicyStatement(list)] });
      },
    });
    expect(documentsCompared).to.equal(2);
  });

  it("a ManagedPolicy attached to groups and users lists them (the identities stay unchanged)", async () => {
    await checkIdentityParity({
      cdk: (stack) => {
        const g = new iam.Group(stack, "G");
        const u = new iam.User(stack, "U");
        new iam.ManagedPolicy(stack, "MP", { groups: [g], users: [u], statements: [new iam.PolicyStatement(get)] });
      },
      iamx: () => {
        const g = new Group("G");
        const u = new User("U");
        new ManagedPolicy("MP", { groups: [g], users: [u], statements: [new PolicyStatement(get)] });
      },
    });
  });

  it("users in groups: both directions, several users", async () => {
    await checkIdentityParity({
      cdk: (stack) => {
        const admins = new iam.Group(stack, "Admins");
        const devs = new iam.Group(stack, "Devs", { groupName: "devs" });
        const alice = new iam.User(stack, "Alice", { groups: [admins, devs] });
        const bob = new iam.User(stack, "Bob");
        devs.addUser(bob);
        bob.addToGroup(admins);
        alice.addToPolicy(new iam.PolicyStatement(get));
      },
      iamx: () => {
        const admins = new Group("Admins");
        const devs = new Group("Devs", { groupName: "devs" });
        const alice = new User("Alice", { groups: [admins, devs] });
        const bob = new User("Bob");
        devs.addUser(bob);
        bob.addToGroup(admins);
        alice.addToPolicy(new PolicyStatement(get));
      },
    });
  });
});

describe("parity: imported groups", () => {
  it("fromGroupArn with a path: DefaultPolicy on the name with the path, as CDK", async () => {
    const { documentsCompared } = await checkIdentityParity({
      cdk: (stack) =>
        iam.Group.fromGroupArn(stack, "IG", "arn:aws:iam::123456789012:group/p/gg3").addToPrincipalPolicy(
          new iam.PolicyStatement(get),
        ),
      iamx: () =>
        void Group.fromGroupArn("IG", "arn:aws:iam::123456789012:group/p/gg3").addToPolicy(new PolicyStatement(get)),
    });
    expect(documentsCompared).to.equal(1);
  });

  it("fromGroupName: a new user joins it; managed policies are ignored, as in CDK", async () => {
    await checkIdentityParity({
      cdk: (stack) => {
        const g = iam.Group.fromGroupName(stack, "IG", "ops");
        g.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
        new iam.User(stack, "U", { groups: [g] });
      },
      iamx: () => {
        const g = Group.fromGroupName("IG", "ops");
        g.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
        new User("U", { groups: [g] });
      },
    });
    expect(takeOutputText("not attached to imported groups")).to.have.length(1);
  });

  it("an imported user joins an imported group (UserToGroupAddition)", async () => {
    await checkIdentityParity({
      cdk: (stack) =>
        iam.User.fromUserName(stack, "IU", "carol").addToGroup(iam.Group.fromGroupName(stack, "IG", "ops")),
      iamx: () => User.fromUserName("IU", "carol").addToGroup(Group.fromGroupName("IG", "ops")),
    });
  });
});

describe("parity: group errors", () => {
  it("a group as a statement principal (made here or imported)", async () => {
    const stack = new cdk.Stack(new cdk.App(), "S");
    const g = new iam.Group(stack, "G");
    let theirs = "";
    try {
      new iam.PolicyStatement({ actions: ["s3:*"], principals: [g as unknown as iam.IPrincipal] });
    } catch (e) {
      theirs = (e as Error).message;
    }
    const ours: string[] = [];
    await synthesizeRaw(() => {
      for (const group of [new Group("G"), Group.fromGroupName("IG", "ops")]) {
        try {
          new PolicyStatement({ actions: ["s3:*"], principals: [group] });
        } catch (e) {
          ours.push((e as Error).message);
        }
      }
    });
    expect(theirs).to.not.equal("");
    expect(ours).to.deep.equal([theirs, theirs]);
  });
});
