import { expect } from "chai";
import { GROUP_MAX_POLICIES_WARNING, Group } from "../../src/components/group";
import { ManagedPolicy } from "../../src/components/managed-policy";
import { Policy } from "../../src/components/policy";
import { User } from "../../src/components/user";
import { warnings } from "../../src/components/warnings";
import { PolicyStatement } from "../../src/core/statement";
import { programModel } from "../../src/render/cloudformation/model";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { cfnJson, itRejects, ofType, s3Read, validationError, valueOf, type RejectionCase } from "./identity-helpers";
import { takeOutputText } from "../output-capture";

describe("Group", () => {
  it("registers a bare aws.iam.Group, exporting AWS::IAM::Group without properties", async () => {
    let group!: Group;
    const { resources } = await synthesizeRaw(() => {
      group = new Group("G");
    });
    const g = ofType(resources, "aws:iam/group:Group");
    expect(g.map((r) => [r.name, r.parent, r.parentType, r.inputs])).to.deep.equal([
      ["G", "G", "iamx:index:Group", {}],
    ]);
    expect(resources.filter((r) => r.custom)).to.have.length(1);
    expect(group.cfn.logicalId).to.equal("GCEB75847");
    expect(cfnJson(group.cfn)).to.equal(undefined);
    expect(await valueOf(group.groupName)).to.equal(g[0].outputs.name);
    expect(await valueOf(group.groupArn)).to.equal(g[0].outputs.arn);
  });

  it("passes groupName and path, and attaches managed policies once each", async () => {
    let group!: Group;
    const { resources } = await synthesizeRaw(() => {
      const ro = ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess");
      group = new Group("G", { groupName: "devs", path: "/teams/", managedPolicies: [ro] });
      group.addManagedPolicy(ro);
      group.addManagedPolicy(ManagedPolicy.fromManagedPolicyArn("Mine", "arn:aws:iam::123456789012:policy/mine"));
    });
    const [g] = ofType(resources, "aws:iam/group:Group");
    expect(g.inputs).to.deep.equal({ name: "devs", path: "/teams/" });
    expect(g.outputs.arn).to.equal("arn:aws:iam::123456789012:group/teams/devs");
    const attachments = ofType(resources, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment");
    attachments.sort((a, b) => b.inputs.policyArn.localeCompare(a.inputs.policyArn));
    expect(attachments.map((a) => [a.name, a.parent, a.inputs])).to.deep.equal([
      ["G-attach-ReadOnlyAccess-9dabfe2b", "G", { group: "devs", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }],
      ["G-attach-mine-1549062c", "G", { group: "devs", policyArn: "arn:aws:iam::123456789012:policy/mine" }],
    ]);
    expect(cfnJson(group.cfn)).to.deep.equal({
      GroupName: "devs",
      ManagedPolicyArns: [
        { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/ReadOnlyAccess"]] },
        "arn:aws:iam::123456789012:policy/mine",
      ],
      Path: "/teams/",
    });
  });

  it("attaches an ARN once in Pulumi even from two policy objects", async () => {
    let group!: Group;
    const { resources } = await synthesizeRaw(() => {
      group = new Group("G");
      group.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      group.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
    });
    expect(ofType(resources, "aws:iam/groupPolicyAttachment:GroupPolicyAttachment")).to.have.length(1);
    expect((cfnJson(group.cfn) as { ManagedPolicyArns: unknown[] }).ManagedPolicyArns).to.have.length(2);
  });

  it("warns (Pulumi log and record) for every managed policy beyond 10", async () => {
    await synthesizeRaw(() => {
      const group = new Group("G", { groupName: "devs" });
      for (let i = 0; i < 12; i++) group.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName(`P${i}`));
      new Group("H"); // no warning for a group within the quota
    });
    expect(warnings()).to.deep.equal([
      {
        id: GROUP_MAX_POLICIES_WARNING,
        scope: "G",
        message:
          "You added 11 to IAM Group devs. The maximum number of managed policies attached to an IAM group is 10.",
      },
      {
        id: GROUP_MAX_POLICIES_WARNING,
        scope: "G",
        message:
          "You added 12 to IAM Group devs. The maximum number of managed policies attached to an IAM group is 10.",
      },
    ]);
    expect(takeOutputText("groupMaxPoliciesExceeded")).to.deep.equal(
      warnings().map((w) => `warning: [runtime] ${w.message} [ack: ${w.id}]`),
    );
  });

  it("adds users: addUser is user.addToGroup", async () => {
    let user!: User;
    let group!: Group;
    const { resources } = await synthesizeRaw(() => {
      group = new Group("G", { groupName: "devs" });
      user = new User("U");
      group.addUser(user);
    });
    const [m] = ofType(resources, "aws:iam/userGroupMembership:UserGroupMembership");
    expect(m.inputs.groups).to.deep.equal(["devs"]);
    expect(m.parent).to.equal("U");
    expect(cfnJson(user.cfn)).to.deep.equal({ Groups: [{ Ref: "GCEB75847" }] });
  });

  it("puts statements in a DefaultPolicy (GroupPolicy) made on first use", async () => {
    const { resources } = await synthesizeRaw(() => {
      const group = new Group("G", { groupName: "devs" });
      expect(group.addToPolicy(s3Read())).to.equal(true);
    });
    const [p] = ofType(resources, "aws:iam/groupPolicy:GroupPolicy");
    expect(p.parent).to.equal("G-default-policy");
    expect(p.inputs.group).to.equal("devs");
    expect(p.inputs.name).to.equal("GDefaultPolicyDB57DDE3");
    expect(JSON.parse(p.inputs.policy).Statement).to.deep.equal([
      { Action: "s3:GetObject", Effect: "Allow", Resource: "arn:aws:s3:::b/*" },
    ]);
    const cfnPolicy = programModel().resources.find((r) => r.type === "AWS::IAM::Policy")!;
    expect(cfnPolicy.logicalId).to.equal("GDefaultPolicyDB57DDE3");
    expect(cfnJson(cfnPolicy)).to.deep.include({ Groups: [{ Ref: "GCEB75847" }] });
  });

  it("attaches inline policies (GroupPolicy per policy)", async () => {
    const { resources } = await synthesizeRaw(() => {
      const group = new Group("G", { groupName: "devs" });
      group.attachInlinePolicy(new Policy("P", { statements: [s3Read()] }));
    });
    expect(ofType(resources, "aws:iam/groupPolicy:GroupPolicy").map((p) => [p.name, p.inputs.group])).to.deep.equal([
      ["P-group-G-2e8c79a4", "devs"],
    ]);
  });

  it("is a grantee but never a statement principal (CDK's error)", async () => {
    let err!: Error & { code?: string };
    await synthesizeRaw(() => {
      const group = new Group("G");
      expect(group.grantPrincipal).to.equal(group);
      err = validationError(() => new PolicyStatement({ actions: ["s3:*"], principals: [group] }));
      const st = new PolicyStatement({ actions: ["s3:*"] });
      expect(validationError(() => st.addNotPrincipals(group)).message).to.equal(err.message);
    });
    expect(err.code).to.equal("CannotUseGroupAsPrincipal");
    expect(err.message).to.equal("Cannot use an IAM Group as the 'Principal' or 'NotPrincipal' in an IAM Policy");
  });

  describe("bad input", () => {
    const cases: RejectionCase[] = [
      ["null args", () => new Group("G", null as any), "InvalidGroupArgs", /must be an object/],
      ["array args", () => new Group("G", [] as any), "InvalidGroupArgs", /an array/],
      ["a groupName with a slash", () => new Group("G", { groupName: "a/b" }), "InvalidGroupName", /1 to 128/],
      [
        "a groupName of 129 chars",
        () => new Group("G", { groupName: "g".repeat(129) }),
        "InvalidGroupName",
        /1 to 128/,
      ],
      ["a boolean groupName", () => new Group("G", { groupName: true as any }), "InvalidGroupArgs", /boolean/],
      ["a path without a trailing slash", () => new Group("G", { path: "/a" }), "InvalidGroupPath", /slashes/],
      [
        "managedPolicies not an array",
        () => new Group("G", { managedPolicies: "x" as any }),
        "InvalidGroupArgs",
        /array/,
      ],
      [
        "a managed policy without an ARN",
        () => new Group("G", { managedPolicies: [{} as any] }),
        "InvalidManagedPolicy",
        /object/,
      ],
    ];
    itRejects(cases);

    it("rejects bad method arguments", async () => {
      const codes: string[] = [];
      await synthesizeRaw(() => {
        const group = new Group("G");
        codes.push(validationError(() => group.addUser(null as any)).code);
        codes.push(validationError(() => group.addUser(group as any)).code);
        codes.push(validationError(() => group.addManagedPolicy("arn" as any)).code);
        codes.push(validationError(() => group.attachInlinePolicy(undefined as any)).code);
      });
      expect(codes).to.deep.equal(["InvalidUser", "InvalidUser", "InvalidManagedPolicy", "InvalidPolicy"]);
    });
  });
});
