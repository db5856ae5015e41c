import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as iamx from "../../src";
import { logicalIdFromPath } from "../../src/render/cloudformation/logical-id";
import { finalize } from "../../src/render/pulumi/lifecycle";
import { T, doc, itThrows, lambda, rejection, run, s3Read, validationError, type ThrowCase } from "./iamx-helpers";

const POL_NAME = logicalIdFromPath(["pol", "Resource"]);

describe("Policy", () => {
  it("makes one inline policy per attached role, user and group, with CDK's generated name", async () => {
    let policy!: iamx.Policy;
    const r = await run(async () => {
      const a = new iamx.Role("a", { assumedBy: lambda() });
      const b = new iamx.Role("b", { assumedBy: lambda() });
      const u = new iamx.User("u");
      const g = new iamx.Group("g");
      policy = new iamx.Policy("pol", { roles: [a], users: [u], groups: [g] });
      await Promise.resolve();
      policy.attachToRole(b);
      policy.attachToRole(a);
      policy.addStatements(s3Read());
    });
    const roles = r.all(T.rolePolicy);
    expect(roles.map((x) => [x.name, x.parent, x.inputs.name])).to.have.deep.members([
      ["pol-role-a-aeb9bbbd", "pol", POL_NAME],
      ["pol-role-b-94c8cfa9", "pol", POL_NAME],
    ]);
    expect(roles.map((x) => x.inputs.role)).to.have.members([
      r.get(T.role, "a").outputs.name,
      r.get(T.role, "b").outputs.name,
    ]);
    expect(r.get(T.userPolicy, "pol-user-u-67f06aba").inputs.user).to.equal(
      r.get("aws:iam/user:User", "u").outputs.name,
    );
    expect(r.get(T.groupPolicy, "pol-group-g-82040779").inputs.group).to.equal(
      r.get("aws:iam/group:Group", "g").outputs.name,
    );
    for (const x of [
      ...roles,
      r.get(T.userPolicy, "pol-user-u-67f06aba"),
      r.get(T.groupPolicy, "pol-group-g-82040779"),
    ]) {
      expect(doc(x).Statement).to.deep.equal([
        { Action: "s3:GetObject", Effect: "Allow", Resource: "arn:aws:s3:::b/*" },
      ]);
    }
    expect(policy.resources).to.have.length(4);
    expect(policy.isAttached).to.equal(true);
    const props = r.cfn[policy.cfn.logicalId].Properties!;
    expect(Object.keys(props)).to.deep.equal(["Groups", "PolicyDocument", "PolicyName", "Roles", "Users"]);
    expect(props.PolicyName).to.equal(POL_NAME);
  });

  it("uses an explicit policyName, and a given document", async () => {
    const document = new iamx.PolicyDocument({ statements: [s3Read()] });
    const r = await run(() => {
      new iamx.Policy("pol", { policyName: "mine", document, roles: [new iamx.Role("a", { assumedBy: lambda() })] });
    });
    expect(r.get(T.rolePolicy, "pol-role-a-aeb9bbbd").inputs.name).to.equal("mine");
    expect(doc(r.get(T.rolePolicy, "pol-role-a-aeb9bbbd")).Statement).to.have.length(1);
  });

  it("an unattached or empty policy makes nothing (unless forced)", async () => {
    const r = await run(() => {
      new iamx.Policy("lonely", { statements: [s3Read()] });
      new iamx.Policy("empty", { roles: [new iamx.Role("a", { assumedBy: lambda() })] });
    });
    expect(r.all(T.rolePolicy)).to.deep.equal([]);
    expect(Object.values(r.cfn).map((c) => c.Type)).to.deep.equal(["AWS::IAM::Role"]);
  });

  it("reports CDK's errors for forced and referenced policies, with the policy's path", async () => {
    const forced = await rejection(run(() => new iamx.Policy("f", { force: true })));
    expect(forced.message).to.equal(
      "Validation failed with the following errors:\n" +
        "  [f] Policy created with force=true is empty. You must add statements to the policy\n" +
        "  [f] Policy created with force=true must be attached to at least one principal: user, group or role",
    );
    const referenced = await rejection(run(() => void new iamx.Policy("p").policyName));
    expect(referenced.message).to.match(
      /\[p\] This Policy has been referenced by a resource, so it must contain at least one statement\./,
    );
    const identity = await rejection(
      run(() => {
        iamx.configure({ minimizePolicies: false });
        new iamx.Policy("p", {
          roles: [new iamx.Role("a", { assumedBy: lambda() })],
          statements: [new iamx.PolicyStatement({ actions: ["s3:GetObject"] })],
        });
      }),
    );
    expect(identity.message).to.equal(
      "Validation failed with the following errors:\n" +
        "  [p] A PolicyStatement used in an identity-based policy must specify at least one resource.",
    );
  });

  it("its grantPrincipal adds statements to the policy, and cannot be named in a policy (CDK's message)", async () => {
    let result: iamx.AddToPrincipalPolicyResult | undefined;
    const r = await run(() => {
      const p = new iamx.Policy("p", { roles: [new iamx.Role("a", { assumedBy: lambda() })] });
      result = p.grantPrincipal.addToPrincipalPolicy(s3Read());
      expect(p.grantPrincipal.addToPolicy(s3Read("c"))).to.equal(true);
      expect(String(p.grantPrincipal)).to.equal("Policy(p)");
      expect(p.grantPrincipal.principalAccount).to.equal(iamx.Aws.ACCOUNT_ID);
      const message =
        "[p] This grant operation needs to add a resource policy so needs access to a principal. Grant permissions to a Role or User, instead of a Policy.";
      expect(validationError(() => p.grantPrincipal.assumeRoleAction).message).to.equal(message);
      // CDK fails when the statement renders; here, as soon as the statement names it.
      expect(
        validationError(() => new iamx.PolicyStatement({ actions: ["s3:GetObject"], principals: [p.grantPrincipal] }))
          .code,
      ).to.equal("GrantOperationNeedsAddResource");
      const resource = {
        env: { account: "111111111111", region: "us-east-1" },
        addToResourcePolicy: (st: iamx.PolicyStatement) => {
          st.toStatementJson();
          return { statementAdded: true };
        },
      };
      expect(() =>
        iamx.Grant.addToPrincipalOrResource({ grantee: p, actions: ["s3:GetObject"], resourceArns: ["*"], resource }),
      ).to.throw(message);
    });
    expect(result?.statementAdded).to.equal(true);
    expect(doc(r.get(T.rolePolicy, "p-role-a-aeb9bbbd")).Statement[0].Resource).to.deep.equal([
      "*",
      "arn:aws:s3:::b/*",
      "arn:aws:s3:::c/*",
    ]);
  });

  it("fromPolicyName gives the name and refuses to be attached", () => {
    const p = iamx.Policy.fromPolicyName("imp", "existing");
    expect(p.policyName).to.equal("existing");
    const e = validationError(() => p.attachToUser({} as iamx.IUser));
    expect(e.code).to.equal("CannotUseImportedPolicy");
    expect(e.message).to.equal("[imp] Cannot use a Policy.fromPolicyName() here.");
    expect(validationError(() => iamx.Policy.fromPolicyName("", "x")).code).to.equal("InvalidName");
    expect(validationError(() => iamx.Policy.fromPolicyName("imp", "")).code).to.equal("InvalidPolicyName");
  });

  it("statements and attachments after finalize are errors naming the policy", async () => {
    let p!: iamx.Policy;
    let role!: iamx.Role;
    await run(() => {
      role = new iamx.Role("a", { assumedBy: lambda() });
      p = new iamx.Policy("p", { roles: [role], statements: [s3Read()] });
    });
    finalize();
    expect(validationError(() => p.addStatements(s3Read())).message).to.match(
      /^\[p\] addStatements was called on p after/,
    );
    expect(validationError(() => p.attachToRole(role)).message).to.match(/attachToRole was called on p after/);
  });

  describe("bad input", () => {
    const role = () => new iamx.Role("a", { assumedBy: lambda() });
    const cases: ThrowCase[] = [
      [
        "args not an object",
        () => new iamx.Policy("p", 5 as never),
        "InvalidPolicyArgs",
        /args must be an object, got number 5/,
      ],
      ["empty policyName", () => new iamx.Policy("p", { policyName: "" }), "InvalidPolicyName", /non-empty string/],
      [
        "force not boolean",
        () => new iamx.Policy("p", { force: "yes" as never }),
        "InvalidPolicyArgs",
        /`force` must be a boolean/,
      ],
      [
        "document not a document",
        () => new iamx.Policy("p", { document: {} as never }),
        "InvalidPolicyDocument",
        /PolicyDocument/,
      ],
      [
        "statements not an array",
        () => new iamx.Policy("p", { statements: s3Read() as never }),
        "InvalidStatement",
        /must be an array/,
      ],
      [
        "statement of the wrong kind",
        () => new iamx.Policy("p", { statements: [{}] as never }),
        "InvalidStatement",
        /Expected a PolicyStatement/,
      ],
      [
        "roles not an array",
        () => new iamx.Policy("p", { roles: role() as never }),
        "InvalidPolicyArgs",
        /`roles` must be an array/,
      ],
      [
        "a role that is not one",
        () => new iamx.Policy("p", { roles: [{}] as never }),
        "InvalidIdentity",
        /Expected an IAM role/,
      ],
      [
        "a user that is null",
        () => new iamx.Policy("p", { users: [null] as never }),
        "InvalidIdentity",
        /Expected an IAM user .*, got null$/,
      ],
      [
        "addStatements with a string",
        () => new iamx.Policy("p").addStatements("s3:*" as never),
        "InvalidStatement",
        /got string/,
      ],
      [
        "attachToGroup with a role",
        () => new iamx.Policy("p").attachToGroup(role() as never),
        "InvalidIdentity",
        /Expected an IAM group/,
      ],
    ];
    itThrows(cases, { programMayFail: true });
  });

  it("a role imported from a Pulumi Output reaches the inline policy by name (CDK's Fn::Select for token ARNs)", async () => {
    const r = await run(() => {
      const imported = iamx.Role.fromRoleArn("imp", pulumi.output("arn:aws:iam::123456789012:role/dyn"));
      new iamx.Policy("p", { roles: [imported], statements: [s3Read()] });
      // CDK picks the first segment after `role/` from a token ARN, path or not; so do we.
      const withPath = iamx.Role.fromRoleArn("imp2", pulumi.output("arn:aws:iam::123456789012:role/team/dyn"));
      new iamx.Policy("q", { roles: [withPath], statements: [s3Read()] });
    });
    expect(r.get(T.rolePolicy, "p-role-imp-24637b20").inputs.role).to.equal("dyn");
    expect(r.get(T.rolePolicy, "q-role-imp2-69ef24cb").inputs.role).to.equal("team");
    expect(JSON.stringify(r.cfn[logicalIdFromPath(["p", "Resource"])].Properties!.Roles)).to.match(
      /^\[\{"Fn::Select":\[1,\{"Fn::Split":\["\/",\{"Fn::Select":\[5,\{"Fn::Split":\[":",\{"Ref":"\w+"\}\]\}\]\}\]\}\]\}\]$/,
    );
  });
});
