import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as iamx from "../../src";
import { aliasOf, toCfnJson } from "../../src/core/value";
import { finalize } from "../../src/render/pulumi/lifecycle";
import {
  T,
  doc,
  itThrows,
  lambda,
  rejection,
  run,
  s3Read,
  validationError,
  valueOf,
  type ThrowCase,
} from "./iamx-helpers";

describe("ManagedPolicy", () => {
  it("registers an aws.iam.Policy with CDK's defaults and publishes its ARN and name", async () => {
    let mp!: iamx.ManagedPolicy;
    const r = await run(() => {
      mp = new iamx.ManagedPolicy("mp", { statements: [s3Read()] });
    });
    const p = r.get(T.policy, "mp");
    expect(p.parent).to.equal("mp");
    expect(p.inputs).to.include({ description: "", path: "/" });
    expect(p.inputs).not.to.have.property("name");
    expect(doc(p).Statement).to.deep.equal([{ Action: "s3:GetObject", Effect: "Allow", Resource: "arn:aws:s3:::b/*" }]);
    expect(await valueOf(mp.managedPolicyArn)).to.equal(p.outputs.arn);
    expect(await valueOf(mp.managedPolicyName)).to.equal(p.outputs.name);
    expect(r.cfn[mp.cfn.logicalId]).to.deep.equal({
      Type: "AWS::IAM::ManagedPolicy",
      Properties: { Description: "", Path: "/", PolicyDocument: doc(p) },
    });
    expect(toCfnJson(aliasOf(mp.managedPolicyName))).to.deep.equal({
      "Fn::Select": [
        1,
        { "Fn::Split": ["/", { "Fn::Select": [5, { "Fn::Split": [":", { Ref: mp.cfn.logicalId }] }] }] },
      ],
    });
  });

  it("attaches from its own side to roles, users and groups (once per ARN), also late", async () => {
    let role!: iamx.Role;
    const r = await run(async () => {
      role = new iamx.Role("r", { assumedBy: lambda() });
      const user = new iamx.User("u");
      const group = new iamx.Group("g");
      const mp = new iamx.ManagedPolicy("mp", {
        managedPolicyName: "named",
        description: "d",
        path: "/p/",
        roles: [role],
        users: [user],
      });
      await Promise.resolve();
      mp.attachToRole(role);
      mp.attachToGroup(group);
      mp.attachToRole(iamx.Role.fromRoleName("imp", "existing"));
      mp.addStatements(s3Read());
    });
    const policyArn = r.get(T.policy, "mp").outputs.arn;
    expect(policyArn).to.equal("arn:aws:iam::123456789012:policy/p/named");
    expect(r.all(T.roleAttach).map((a) => [a.name, a.inputs.role, a.inputs.policyArn])).to.have.deep.members([
      ["mp-role-r-fb23e6da", r.get(T.role, "r").outputs.name, policyArn],
      ["mp-role-existing-fb3190ca", "existing", policyArn],
    ]);
    expect(r.get(T.userAttach, "mp-user-u-67f06aba").inputs.user).to.equal(
      r.get("aws:iam/user:User", "u").outputs.name,
    );
    expect(r.get(T.groupAttach, "mp-group-g-82040779").inputs.group).to.equal(
      r.get("aws:iam/group:Group", "g").outputs.name,
    );
    // The role itself is not changed.
    expect(r.cfn[role.cfn.logicalId].Properties).not.to.have.property("ManagedPolicyArns");
  });

  it("imports: AWS managed (partition of the deployment), by name (account), by ARN", async () => {
    const arns: Record<string, string> = {};
    await run(
      async () => {
        arns.aws = await valueOf(
          iamx.ManagedPolicy.fromAwsManagedPolicyName("service-role/AWSLambdaBasicExecutionRole").managedPolicyArn,
        );
        arns.named = await valueOf(iamx.ManagedPolicy.fromManagedPolicyName("n", "mine").managedPolicyArn);
        arns.arn = await valueOf(iamx.ManagedPolicy.fromManagedPolicyArn("a", pulumi.output("arn:x")).managedPolicyArn);
      },
      { partition: "aws-cn", account: "999999999999" },
    );
    expect(arns).to.deep.equal({
      aws: "arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      named: "arn:aws-cn:iam::999999999999:policy/mine",
      arn: "arn:x",
    });
    expect(
      toCfnJson(aliasOf(iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess").managedPolicyArn)),
    ).to.deep.equal({
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/ReadOnlyAccess"]],
    });
  });

  it("an empty managed policy is CDK's error; statements are validated as identity policy", async () => {
    const e = await rejection(
      run(() => {
        new iamx.ManagedPolicy("empty");
        new iamx.ManagedPolicy("bad", { statements: [new iamx.PolicyStatement({ actions: ["s3:GetObject"] })] });
      }),
    );
    expect(e.message).to.equal(
      "Validation failed with the following errors:\n" +
        "  [empty] Managed Policy is empty. You must add statements to the policy\n" +
        "  [bad] A PolicyStatement used in an identity-based policy must specify at least one resource.",
    );
  });

  it("its grantPrincipal adds statements to it and cannot be named in a policy", async () => {
    const r = await run(() => {
      const mp = new iamx.ManagedPolicy("mp");
      const target = new iamx.Role("t", { assumedBy: lambda() });
      expect(target.grantPassRole(mp).success).to.equal(true);
      expect(() => mp.grantPrincipal.assumeRoleAction).to.throw(
        "[mp] This grant operation needs to add a resource policy so needs access to a principal. Grant permissions to a Role or User, instead of a ManagedPolicy.",
      );
      expect(String(mp.grantPrincipal)).to.equal("ManagedPolicy(mp)");
    });
    expect(doc(r.get(T.policy, "mp")).Statement[0].Action).to.equal("iam:PassRole");
  });

  it("changes after finalize are errors naming the policy", async () => {
    let mp!: iamx.ManagedPolicy;
    await run(() => {
      mp = new iamx.ManagedPolicy("mp", { statements: [s3Read()] });
    });
    finalize();
    expect(validationError(() => mp.addStatements(s3Read())).code).to.equal("ModifiedAfterFinalize");
  });

  describe("bad input", () => {
    const cases: ThrowCase[] = [
      ["args null", () => new iamx.ManagedPolicy("mp", null as never), "InvalidManagedPolicyArgs", /got null/],
      [
        "description number",
        () => new iamx.ManagedPolicy("mp", { description: 1 as never }),
        "InvalidManagedPolicyArgs",
        /`description`/,
      ],
      ["path object", () => new iamx.ManagedPolicy("mp", { path: {} as never }), "InvalidManagedPolicyArgs", /`path`/],
      [
        "document string",
        () => new iamx.ManagedPolicy("mp", { document: "{}" as never }),
        "InvalidPolicyDocument",
        /PolicyDocument/,
      ],
      ["groups bad", () => new iamx.ManagedPolicy("mp", { groups: [5] as never }), "InvalidIdentity", /IAM group/],
      [
        "users not array",
        () => new iamx.ManagedPolicy("mp", { users: {} as never }),
        "InvalidManagedPolicyArgs",
        /`users` must be an array/,
      ],
      [
        "fromAwsManagedPolicyName empty",
        () => iamx.ManagedPolicy.fromAwsManagedPolicyName(""),
        "InvalidManagedPolicyName",
        /non-empty/,
      ],
      [
        "fromManagedPolicyName no name",
        () => iamx.ManagedPolicy.fromManagedPolicyName("", "x"),
        "InvalidName",
        /non-empty name/,
      ],
      [
        "fromManagedPolicyArn null",
        () => iamx.ManagedPolicy.fromManagedPolicyArn("a", null as never),
        "InvalidManagedPolicyArn",
        /needs an ARN/,
      ],
      [
        "attachToUser with a string",
        () => new iamx.ManagedPolicy("mp").attachToUser("alice" as never),
        "InvalidIdentity",
        /IAM user/,
      ],
    ];
    itThrows(cases, { programMayFail: true });
  });
});
