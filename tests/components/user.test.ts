import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { Group } from "../../src/components/group";
import { ManagedPolicy } from "../../src/components/managed-policy";
import { Policy } from "../../src/components/policy";
import { User } from "../../src/components/user";
import { External } from "../../src/core/value";
import { PolicyStatement } from "../../src/core/statement";
import { finalize } from "../../src/render/pulumi/lifecycle";
import { programModel } from "../../src/render/cloudformation/model";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { cfnJson, itRejects, ofType, s3Read, validationError, valueOf, type RejectionCase } from "./identity-helpers";

describe("User", () => {
  it("registers a bare aws.iam.User, exporting AWS::IAM::User without properties", async () => {
    let user!: User;
    const { resources } = await synthesizeRaw(() => {
      user = new User("MyUser");
    });
    const u = ofType(resources, "aws:iam/user:User");
    expect(u.map((r) => [r.name, r.parent, r.parentType])).to.deep.equal([["MyUser", "MyUser", "iamx:index:User"]]);
    expect(u[0].inputs).to.deep.equal({});
    expect(resources.filter((r) => r.custom).map((r) => r.type)).to.deep.equal(["aws:iam/user:User"]);
    expect(user.cfn.type).to.equal("AWS::IAM::User");
    expect(user.cfn.logicalId).to.equal("MyUserDC45028B");
    expect(cfnJson(user.cfn)).to.equal(undefined);
    expect(await valueOf(user.userName)).to.equal(u[0].outputs.name);
    expect(await valueOf(user.userArn)).to.equal(u[0].outputs.arn);
  });

  it("passes userName, path and permissionsBoundary", async () => {
    let user!: User;
    const { resources } = await synthesizeRaw(() => {
      const boundary = ManagedPolicy.fromAwsManagedPolicyName("PowerUserAccess");
      user = new User("U", { userName: "alice", path: "/staff/", permissionsBoundary: boundary });
    });
    const [u] = ofType(resources, "aws:iam/user:User");
    expect(u.inputs).to.deep.equal({
      name: "alice",
      path: "/staff/",
      permissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess",
    });
    expect(u.outputs.arn).to.equal("arn:aws:iam::123456789012:user/staff/alice");
    expect(cfnJson(user.cfn)).to.deep.equal({
      Path: "/staff/",
      PermissionsBoundary: {
        "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/PowerUserAccess"]],
      },
      UserName: "alice",
    });
  });

  it("adds groups from args and addToGroup in one UserGroupMembership, in order", async () => {
    let user!: User;
    let g1!: Group;
    let g2!: Group;
    const { resources } = await synthesizeRaw(async () => {
      g1 = new Group("G1", { groupName: "one" });
      g2 = new Group("G2");
      user = new User("U", { groups: [g1] });
      await new Promise((r) => setTimeout(r, 5));
      user.addToGroup(g2);
      g1.addUser(user); // already a member: Pulumi keeps one, CloudFormation lists it again (as CDK)
    });
    const memberships = ofType(resources, "aws:iam/userGroupMembership:UserGroupMembership");
    const [u] = ofType(resources, "aws:iam/user:User");
    const g2name = ofType(resources, "aws:iam/group:Group").find((g) => g.name === "G2")!.outputs.name;
    expect(memberships.map((m) => [m.name, m.parent])).to.deep.equal([["U-groups", "U"]]);
    expect(memberships[0].inputs).to.deep.equal({ user: u.outputs.name, groups: ["one", g2name] });
    expect(cfnJson(user.cfn)).to.deep.equal({
      Groups: [{ Ref: g1.cfn.logicalId }, { Ref: g2.cfn.logicalId }, { Ref: g1.cfn.logicalId }],
    });
  });

  it("attaches managed policies once each, from args and addManagedPolicy", async () => {
    let user!: User;
    const { resources } = await synthesizeRaw(() => {
      const ro = ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess");
      const mp = new ManagedPolicy("MP", { statements: [s3Read()] });
      user = new User("U", { managedPolicies: [ro] });
      user.addManagedPolicy(mp);
      user.addManagedPolicy(ro);
    });
    const [u] = ofType(resources, "aws:iam/user:User");
    const mp = ofType(resources, "aws:iam/policy:Policy")[0];
    const attachments = ofType(resources, "aws:iam/userPolicyAttachment:UserPolicyAttachment");
    attachments.sort((a, b) => b.name.localeCompare(a.name));
    expect(attachments.map((a) => [a.name, a.parent, a.inputs])).to.deep.equal([
      [
        "U-attach-ReadOnlyAccess-9dabfe2b",
        "U",
        { user: u.outputs.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
      ],
      ["U-attach-MP-9b906495", "U", { user: u.outputs.name, policyArn: mp.outputs.arn }],
    ]);
    expect(cfnJson(user.cfn)).to.deep.equal({
      ManagedPolicyArns: [
        { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/ReadOnlyAccess"]] },
        { Ref: "MPAF8D442C" },
      ],
    });
  });

  it("attaches an ARN once in Pulumi even from two policy objects (CloudFormation lists both, as CDK)", async () => {
    let user!: User;
    const { resources } = await synthesizeRaw(() => {
      user = new User("U", { managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")] });
      user.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
    });
    const attachments = ofType(resources, "aws:iam/userPolicyAttachment:UserPolicyAttachment");
    expect(attachments.map((a) => a.name)).to.deep.equal(["U-attach-ReadOnlyAccess-9dabfe2b"]);
    expect((cfnJson(user.cfn) as { ManagedPolicyArns: unknown[] }).ManagedPolicyArns).to.have.length(2);
  });

  it("puts statements in a DefaultPolicy made on first use (UserPolicy), late statements included", async () => {
    let user!: User;
    const { resources } = await synthesizeRaw(async () => {
      user = new User("MyUser");
      user.addToPolicy(s3Read());
      await new Promise((r) => setTimeout(r, 5));
      expect(
        user.addToPrincipalPolicy(new PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] }))
          .statementAdded,
      ).to.equal(true);
    });
    const [u] = ofType(resources, "aws:iam/user:User");
    const policies = ofType(resources, "aws:iam/userPolicy:UserPolicy");
    expect(policies).to.have.length(1);
    expect(policies[0].parent).to.equal("MyUser-default-policy");
    expect(policies[0].inputs.user).to.equal(u.outputs.name);
    expect(policies[0].inputs.name).to.equal("MyUserDefaultPolicy7B897426");
    expect(JSON.parse(policies[0].inputs.policy)).to.deep.equal({
      Statement: [{ Action: ["s3:GetObject", "s3:PutObject"], Effect: "Allow", Resource: "arn:aws:s3:::b/*" }],
      Version: "2012-10-17",
    });
    const cfnPolicy = programModel().resources.find((r) => r.type === "AWS::IAM::Policy")!;
    expect(cfnPolicy.logicalId).to.equal("MyUserDefaultPolicy7B897426");
    expect(cfnJson(cfnPolicy)).to.deep.include({ Users: [{ Ref: "MyUserDC45028B" }] });
  });

  it("registers no policy when no statement was added", async () => {
    const { resources } = await synthesizeRaw(() => {
      new User("U");
    });
    expect(ofType(resources, "aws:iam/userPolicy:UserPolicy")).to.deep.equal([]);
    expect(programModel().resources.map((r) => r.type)).to.deep.equal(["AWS::IAM::User"]);
  });

  it("attaches inline policies, once per policy, and rejects a second policy with the same name", async () => {
    let err!: Error;
    const { resources } = await synthesizeRaw(() => {
      const user = new User("U");
      const p = new Policy("P", { policyName: "shared", statements: [s3Read()] });
      user.attachInlinePolicy(p);
      user.attachInlinePolicy(p);
      const q = new Policy("Q", { policyName: "shared", statements: [s3Read()] });
      err = validationError(() => user.attachInlinePolicy(q));
      new User("V").attachInlinePolicy(q); // CDK marks Q as referenced: it must be attached somewhere
    });
    expect(err.message).to.equal('[U] A policy named "shared" is already attached');
    const u = ofType(resources, "aws:iam/user:User").find((x) => x.name === "U")!;
    const policies = ofType(resources, "aws:iam/userPolicy:UserPolicy").filter((p) => p.inputs.user === u.outputs.name);
    expect(policies.map((p) => [p.name, p.inputs.name])).to.deep.equal([["P-user-U-228a8d53", "shared"]]);
  });

  it("makes the user a principal (ARN) and a grantee", async () => {
    let user!: User;
    await synthesizeRaw(() => {
      user = new User("U");
    });
    const st = new PolicyStatement({ actions: ["sts:AssumeRole"], principals: [user], resources: ["*"] });
    expect(st.toJSON()).to.deep.include({ Principal: { AWS: { "Fn::GetAtt": ["U05997891", "Arn"] } } });
    expect(user.grantPrincipal).to.equal(user);
    expect(user.assumeRoleAction).to.equal("sts:AssumeRole");
    expect(JSON.parse(JSON.stringify(user.principalAccount))).to.deep.equal({ Ref: "AWS::AccountId" });
  });

  it("with passwordLength: a UserLoginProfile, a secret password output and a NoEcho parameter in the export", async () => {
    let user!: User;
    const { resources } = await synthesizeRaw(() => {
      user = new User("U", { passwordLength: 24, passwordResetRequired: true });
    });
    const [u] = ofType(resources, "aws:iam/user:User");
    const [lp] = ofType(resources, "aws:iam/userLoginProfile:UserLoginProfile");
    expect([lp.name, lp.parent]).to.deep.equal(["U-login-profile", "U"]);
    expect(lp.inputs).to.deep.equal({ user: u.outputs.name, passwordLength: 24, passwordResetRequired: true });
    expect(await pulumi.isSecret(user.password!)).to.equal(true);
    expect(await valueOf(user.password!)).to.equal(lp.outputs.password);
    const props = user.cfn.renderProperties() as {
      LoginProfile: { Password: External; PasswordResetRequired: boolean };
    };
    expect(props.LoginProfile.Password).to.be.instanceOf(External);
    expect(props.LoginProfile.Password.hint).to.deep.include({ secret: true, property: "Password" });
    expect(props.LoginProfile.PasswordResetRequired).to.equal(true);
    expect(JSON.stringify(cfnJson(user.cfn))).to.not.include(lp.outputs.password);
  });

  it("has no password output and no login profile by default", async () => {
    let user!: User;
    const { resources } = await synthesizeRaw(() => {
      user = new User("U", { passwordResetRequired: false });
    });
    expect(user.password).to.equal(undefined);
    expect(ofType(resources, "aws:iam/userLoginProfile:UserLoginProfile")).to.deep.equal([]);
  });

  it("refuses changes after finalize, naming the user", async () => {
    let err!: Error;
    await synthesizeRaw(() => {
      const user = new User("U");
      finalize();
      err = validationError(() => user.addToPolicy(s3Read()));
    });
    expect(err.message).to.match(/addToPrincipalPolicy was called on U after the program's policies were finalized/);
  });

  describe("bad input", () => {
    const cases: RejectionCase[] = [
      ["null args", () => new User("U", null as any), "InvalidUserArgs", /must be an object/],
      ["array args", () => new User("U", [] as any), "InvalidUserArgs", /an array/],
      [
        "a numeric userName",
        () => new User("U", { userName: 5 as any }),
        "InvalidUserArgs",
        /userName` must be a string/,
      ],
      ["a userName with spaces", () => new User("U", { userName: "a b" }), "InvalidUserName", /Invalid userName/],
      ["a userName of 65 characters", () => new User("U", { userName: "a".repeat(65) }), "InvalidUserName", /1 to 64/],
      ["an empty userName", () => new User("U", { userName: "" }), "InvalidUserName", /1 to 64/],
      ["a path without slashes", () => new User("U", { path: "staff" }), "InvalidUserPath", /surrounded by slashes/],
      ["a path with //", () => new User("U", { path: "//" }), "InvalidUserPath", /surrounded by slashes/],
      ["a huge path", () => new User("U", { path: `/${"a".repeat(600)}/` }), "InvalidUserPath", /\.\.\.$/],
      [
        "a chosen password",
        () => new User("U", { password: pulumi.secret("hunter2") }),
        "UserPasswordNotSupported",
        /cannot be deployed with Pulumi.*passwordLength/,
      ],
      [
        "passwordResetRequired without a password",
        () => new User("U", { passwordResetRequired: true }),
        "CannotSetPasswordResetRequired",
        /^\[U\] Cannot set "passwordResetRequired" without specifying "initialPassword"$/,
      ],
      ["a passwordLength of 5", () => new User("U", { passwordLength: 5 }), "InvalidPasswordLength", /6 to 128/],
      ["a passwordLength of 129", () => new User("U", { passwordLength: 129 }), "InvalidPasswordLength", /6 to 128/],
      [
        "a string passwordLength",
        () => new User("U", { passwordLength: "20" as any }),
        "InvalidPasswordLength",
        /string/,
      ],
      [
        "a string passwordResetRequired",
        () => new User("U", { passwordLength: 20, passwordResetRequired: "yes" as any }),
        "InvalidUserArgs",
        /boolean/,
      ],
      [
        "groups that is not an array",
        () => new User("U", { groups: {} as any }),
        "InvalidUserArgs",
        /must be an array/,
      ],
      [
        "a group that is a role",
        () => new User("U", { groups: [{ roleName: "r" } as any] }),
        "InvalidGroup",
        /IAM groups/,
      ],
      [
        "a null managed policy",
        () => new User("U", { managedPolicies: [null as any] }),
        "InvalidManagedPolicy",
        /null/,
      ],
      [
        "a string permissionsBoundary",
        () => new User("U", { permissionsBoundary: "arn:aws:iam::aws:policy/X" as any }),
        "InvalidManagedPolicy",
        /permissionsBoundary/,
      ],
      ["an empty name", () => new User("", {}), "InvalidName", /non-empty name/],
    ];
    itRejects(cases);

    it("rejects bad method arguments with clear errors", async () => {
      const errors: string[] = [];
      await synthesizeRaw(() => {
        const user = new User("U");
        errors.push(validationError(() => user.addToGroup(undefined as any)).code);
        errors.push(validationError(() => user.addToGroup(user as any)).code);
        errors.push(validationError(() => user.addManagedPolicy({} as any)).code);
        errors.push(validationError(() => user.attachInlinePolicy("p" as any)).code);
        errors.push(validationError(() => user.addToPolicy({ actions: ["s3:*"] } as any)).code);
      });
      expect(errors).to.deep.equal([
        "InvalidGroup",
        "InvalidGroup",
        "InvalidManagedPolicy",
        "InvalidPolicy",
        "InvalidStatement",
      ]);
    });
  });
});
