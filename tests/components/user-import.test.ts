import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Group } from "../../src/components/group";
import { ManagedPolicy } from "../../src/components/managed-policy";
import { Policy } from "../../src/components/policy";
import { User } from "../../src/components/user";
import { PolicyStatement } from "../../src/core/statement";
import { toCfnJson, toValue } from "../../src/core/value";
import { programModel } from "../../src/render/cloudformation/model";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { cfnJson, itRejects, ofType, s3Read, validationError, valueOf, type RejectionCase } from "./identity-helpers";

const cfn = (v: unknown) => toCfnJson(toValue(v));

describe("User imports", () => {
  it("fromUserName: the name as is, the ARN from the deploy account and partition", async () => {
    let user!: ReturnType<typeof User.fromUserName>;
    const { resources } = await synthesizeRaw(() => {
      user = User.fromUserName("IU", "carol");
    });
    expect(resources.filter((r) => r.custom)).to.deep.equal([]);
    expect(resources.map((r) => [r.type, r.name])).to.deep.equal([["iamx:index:ImportedUser", "IU"]]);
    expect(cfn(user.userName)).to.equal("carol");
    expect(cfn(user.userArn)).to.deep.equal({
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::", { Ref: "AWS::AccountId" }, ":user/carol"]],
    });
    expect(await valueOf(user.userName)).to.equal("carol");
    expect(await valueOf(user.userArn)).to.equal("arn:aws:iam::123456789012:user/carol");
    expect(toCfnJson(user.principalAccount)).to.deep.equal({ Ref: "AWS::AccountId" });
  });

  it("fromUserArn: the last path segment is the name; the ARN's account is the principal account", async () => {
    let user!: ReturnType<typeof User.fromUserArn>;
    await synthesizeRaw(() => {
      user = User.fromUserArn("IU", "arn:aws:iam::111122223333:user/p/a/dave");
    });
    expect(cfn(user.userName)).to.equal("dave");
    expect(user.principalAccount).to.equal("111122223333");
    const st = new PolicyStatement({ actions: ["s3:*"], principals: [user], resources: ["*"] });
    expect(st.toJSON()).to.deep.include({ Principal: { AWS: "arn:aws:iam::111122223333:user/p/a/dave" } });
  });

  it("fromUserAttributes with a Pulumi output ARN: Fn::Select/Fn::Split in the export, the value in Pulumi", async () => {
    let user!: ReturnType<typeof User.fromUserAttributes>;
    await synthesizeRaw(() => {
      user = User.fromUserAttributes("IU", { userArn: pulumi.output("arn:aws:iam::111122223333:user/eve") });
    });
    const name = cfn(user.userName) as { "Fn::Select": [number, { "Fn::Split": [string, unknown] }] };
    expect(name["Fn::Select"][0]).to.equal(1);
    expect(name["Fn::Select"][1]["Fn::Split"][0]).to.equal(":user/");
    expect(await valueOf(user.userName)).to.equal("eve");
  });

  it("statements go to an inline policy named Policy (UserPolicy on the literal name)", async () => {
    const { resources } = await synthesizeRaw(() => {
      const user = User.fromUserName("IU", "carol");
      expect(user.addToPolicy(s3Read())).to.equal(true);
    });
    const [p] = ofType(resources, "aws:iam/userPolicy:UserPolicy");
    expect([p.name, p.parent, p.inputs.user, p.inputs.name]).to.deep.equal([
      "IU-policy",
      "IU-policy",
      "carol",
      "IUPolicy3CBC38A7",
    ]);
    const policy = programModel().resources.find((r) => r.type === "AWS::IAM::Policy")!;
    expect(policy.logicalId).to.equal("IUPolicy3CBC38A7");
    expect(cfnJson(policy)).to.deep.include({ PolicyName: "IUPolicy3CBC38A7", Users: ["carol"] });
  });

  it("addToGroup: one Pulumi membership per group, named after it; AWS::IAM::UserToGroupAddition <name>Group<n> per call", async () => {
    const { resources } = await synthesizeRaw(() => {
      const group = new Group("G", { groupName: "devs" });
      const other = Group.fromGroupArn("IG", "arn:aws:iam::123456789012:group/p/ops");
      const user = User.fromUserName("IU", "carol");
      user.addToGroup(group);
      group.addUser(user);
      user.addToGroup(other);
    });
    const memberships = ofType(resources, "aws:iam/userGroupMembership:UserGroupMembership");
    memberships.sort((a, b) => a.name.localeCompare(b.name));
    expect(memberships.map((m) => [m.name, m.parent, m.inputs])).to.deep.equal([
      ["IU-group-G-2e8c79a4", "IU", { user: "carol", groups: ["devs"] }],
      ["IU-group-ops-caf5509e", "IU", { user: "carol", groups: ["p/ops"] }],
    ]);
    const additions = programModel().resources.filter((r) => r.type === "AWS::IAM::UserToGroupAddition");
    expect(additions.map((a) => [a.logicalId, cfnJson(a)])).to.deep.equal([
      ["carolGroup0", { GroupName: { Ref: "GCEB75847" }, Users: ["carol"] }],
      ["carolGroup1", { GroupName: { Ref: "GCEB75847" }, Users: ["carol"] }],
      ["carolGroup2", { GroupName: "p/ops", Users: ["carol"] }],
    ]);
  });

  it("attachInlinePolicy works; addManagedPolicy fails with CDK's error", async () => {
    let err!: Error & { code?: string };
    const { resources } = await synthesizeRaw(() => {
      const user = User.fromUserArn("IU", "arn:aws:iam::123456789012:user/dave");
      user.attachInlinePolicy(new Policy("P", { statements: [s3Read()] }));
      err = validationError(() => user.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")));
    });
    expect(ofType(resources, "aws:iam/userPolicy:UserPolicy").map((p) => p.inputs.user)).to.deep.equal(["dave"]);
    expect(err.code).to.equal("CannotAddManagedPolicyImported");
    expect(err.message).to.equal("[IU] Cannot add managed policy to imported User");
  });

  describe("bad input", () => {
    const cases: RejectionCase[] = [
      ["an empty user name", () => User.fromUserName("IU", ""), "InvalidUserName", /non-empty user name/],
      ["a numeric user name", () => User.fromUserName("IU", 7 as any), "InvalidUserName", /number 7/],
      [
        "an ARN that is not an ARN",
        () => User.fromUserArn("IU", "carol"),
        "ArnsMustStartWithArn",
        /must start with "arn:"/,
      ],
      [
        "a role ARN",
        () => User.fromUserArn("IU", "arn:aws:iam::123456789012:role/r"),
        "ExpectedResourceType",
        /Expected resource type 'user' in ARN, got 'role'/,
      ],
      [
        "an ARN without a name",
        () => User.fromUserArn("IU", "arn:aws:iam::1:user"),
        "ExpectedResourceName",
        /didn't find one/,
      ],
      ["a null ARN", () => User.fromUserArn("IU", null as any), "InvalidUserArn", /null/],
      ["missing attributes", () => User.fromUserAttributes("IU", undefined as any), "InvalidUserAttributes", /userArn/],
      ["an empty name", () => User.fromUserName("", "carol"), "InvalidName", /non-empty name/],
    ];
    itRejects(cases, "");

    it("rejects a non-group in addToGroup", async () => {
      let code = "";
      await synthesizeRaw(() => {
        const user = User.fromUserName("IU", "carol");
        code = validationError(() => user.addToGroup({ groupName: "x" } as any)).code;
      });
      expect(code).to.equal("InvalidGroup");
    });
  });
});
