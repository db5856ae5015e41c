import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as iamx from "../../src";
import { toCfnJson } from "../../src/core/value";
import { stackSafePolicyName } from "../../src/components/imported-role";
import { logicalIdFromPath } from "../../src/render/cloudformation/logical-id";
import { finalize } from "../../src/render/pulumi/lifecycle";
import { T, doc, itThrows, run, s3Read, validationError, valueOf, type ThrowCase } from "./iamx-helpers";

const ARN = "arn:aws:iam::222222222222:role/path/to/MyRole";

describe("Role.fromRoleArn / fromRoleName", () => {
  it("a literal ARN: name without path, the ARN's account, no resource until a statement arrives", async () => {
    let imp!: iamx.IRole;
    const r = await run(async () => {
      imp = iamx.Role.fromRoleArn("Imp", ARN);
      expect(await valueOf(imp.roleName)).to.equal("MyRole");
      expect(await valueOf(imp.roleArn)).to.equal(ARN);
      expect(imp.principalAccount).to.equal("222222222222");
      expect(String(imp)).to.equal("Imp");
      expect((imp as iamx.ImportedRole).dedupeString()).to.equal(`ImportedRole:${ARN}`);
    });
    expect(r.resources).to.deep.equal([]);
  });

  it("statements go to an inline policy `Policy` (Pulumi `<name>-policy`), with opts for it", async () => {
    let result: iamx.AddToPrincipalPolicyResult | undefined;
    const r = await run(() => {
      const parent = new iamx.Role("parent", { assumedBy: new iamx.ServicePrincipal("ec2") });
      const imp = iamx.Role.fromRoleArn("Imp", ARN, {}, { parent });
      result = imp.addToPrincipalPolicy(s3Read());
      expect(imp.addToPolicy(s3Read())).to.equal(true);
    });
    const rp = r.get(T.rolePolicy, "Imp-policy");
    expect(rp.inputs.role).to.equal("MyRole");
    expect(r.get("iamx:index:Policy", "Imp-policy").parent).to.equal("parent");
    expect(result?.policyDependable).to.be.instanceOf(iamx.Policy);
    const policyName = `Policy${logicalIdFromPath(["stack", "parent", "Imp"])}`;
    expect((result?.policyDependable as iamx.Policy).constructPath).to.deep.equal(["parent", "Imp", policyName]);
    expect(rp.inputs.name).to.equal(policyName);
    expect(doc(rp).Statement).to.have.length(1);
  });

  it("the policy's name is CDK's stack-safe one: it differs between Pulumi stacks", async () => {
    const names: string[] = [];
    for (const stack of ["dev", "prod"]) {
      const r = await run(() => iamx.Role.fromRoleArn("Imp", ARN).addToPolicy(s3Read()), { stack });
      names.push(r.get(T.rolePolicy, "Imp-policy").inputs.name);
    }
    expect(names).to.deep.equal([
      `Policy${logicalIdFromPath(["dev", "Imp"])}`,
      `Policy${logicalIdFromPath(["prod", "Imp"])}`,
    ]);
    expect(names[0]).to.match(/^PolicydevImp[0-9A-F]{8}$/);
  });

  it("over 128 characters, the name is CDK's shortened unique resource name", async () => {
    const long = "L".repeat(150);
    let name = "";
    await run(() => {
      name = stackSafePolicyName([long]);
    });
    expect(name).to.have.length(128);
    expect(name).to.match(/^PolicystackL+L[0-9A-F]{8}$/);
  });

  it("defaultPolicyName names the policy (and its construct)", async () => {
    const r = await run(() => {
      iamx.Role.fromRoleArn("Imp", ARN, { defaultPolicyName: "MyPol" }).addToPolicy(s3Read());
    });
    expect(r.get(T.rolePolicy, "Imp-policy").inputs.name).to.equal("MyPol");
    expect(r.cfn).to.have.property(logicalIdFromPath(["Imp", "MyPol", "Resource"]));
  });

  it("a Pulumi Output ARN renders through Fn::Select/Split, resolved by Pulumi", async () => {
    let imp!: iamx.IRole;
    await run(async () => {
      imp = iamx.Role.fromRoleArn("Imp", pulumi.output("arn:aws:iam::333333333333:role/dyn"));
      expect(await valueOf(imp.roleName)).to.equal("dyn");
    });
    expect(JSON.stringify(toCfnJson(imp.principalAccount))).to.match(
      /^\{"Fn::Select":\[4,\{"Fn::Split":\[":",\{"Ref":"\w+"\}\]\}\]\}$/,
    );
  });

  it("fromRoleName builds the ARN in the deployment's partition and account", async () => {
    await run(
      async () => {
        const imp = iamx.Role.fromRoleName("Imp", "named");
        expect(await valueOf(imp.roleArn)).to.equal("arn:aws-us-gov:iam::444444444444:role/named");
        expect(await valueOf(imp.roleName)).to.equal("named");
        expect(imp.principalAccount).to.equal(iamx.Aws.ACCOUNT_ID);
      },
      { partition: "aws-us-gov", account: "444444444444" },
    );
  });

  it("mutable: false gives an immutable role; grants on it still name it as the resource", async () => {
    const r = await run(() => {
      const imp = iamx.Role.fromRoleArn("Imp", ARN, { mutable: false });
      expect(imp).to.be.instanceOf(iamx.ImmutableRole);
      expect(imp.addToPolicy(s3Read())).to.equal(true);
      expect(String(imp)).to.equal("Imp");
      const quiet = iamx.Role.fromRoleArn("Quiet", ARN, { mutable: false, addGrantsToResources: true });
      expect(quiet.addToPrincipalPolicy(s3Read()).statementAdded).to.equal(false);
      imp.grantPassRole(new iamx.Role("grantee", { assumedBy: new iamx.ServicePrincipal("ec2") }));
    });
    expect(doc(r.get(T.rolePolicy, "grantee-default-policy")).Statement[0]).to.deep.equal({
      Action: "iam:PassRole",
      Effect: "Allow",
      Resource: ARN,
    });
    expect(r.all(T.rolePolicy)).to.have.length(1);
  });

  it("managed policies: a ManagedPolicy attaches from its side; others only warn, as in CDK", async () => {
    const logged: string[] = [];
    const warn = pulumi.log.warn;
    pulumi.log.warn = async (message: string) => void logged.push(message);
    try {
      const r = await run(() => {
        const imp = iamx.Role.fromRoleArn("Imp", ARN);
        imp.addManagedPolicy(new iamx.ManagedPolicy("mp", { statements: [s3Read()] }));
        imp.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      });
      expect(r.all(T.roleAttach).map((a) => [a.name, a.inputs.role])).to.deep.equal([
        ["mp-role-MyRole-3386fcee", "MyRole"],
      ]);
    } finally {
      pulumi.log.warn = warn;
    }
    expect(logged).to.deep.equal([
      'Can\'t combine imported IManagedPolicy: {"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::aws:policy/ReadOnlyAccess"]]} ' +
        "to imported role IRole: MyRole. Use ManagedPolicy directly. [ack: @aws-cdk/aws-iam:IRoleCantBeUsedWithIManagedPolicy]",
    ]);
  });

  it("attachInlinePolicy attaches (any account compares as the program's) and checks names", async () => {
    const r = await run(() => {
      const imp = iamx.Role.fromRoleArn("Imp", ARN);
      const p = new iamx.Policy("p", { policyName: "x", statements: [s3Read()] });
      imp.attachInlinePolicy(p);
      imp.attachInlinePolicy(p);
      expect(
        validationError(() => imp.attachInlinePolicy(new iamx.Policy("q", { policyName: "x", statements: [s3Read()] })))
          .code,
      ).to.equal("PolicyNamedAlreadyAttached");
      new iamx.Role("holder", { assumedBy: new iamx.ServicePrincipal("ec2") }).attachInlinePolicy(
        iamx.Policy.fromPolicyName("never", "never") as never,
      );
    }).catch((e: Error) => e);
    expect(r).to.be.instanceOf(Error);
    expect((r as Error).message).to.match(/Cannot use a Policy.fromPolicyName\(\) here/);
  });

  it("statements after finalize are an error naming the import", async () => {
    let imp!: iamx.IRole;
    await run(() => {
      imp = iamx.Role.fromRoleArn("Imp", ARN);
    });
    finalize();
    const e = validationError(() => imp.addToPolicy(s3Read()));
    expect(e.code).to.equal("ModifiedAfterFinalize");
    expect(e.message).to.match(/^\[Imp\] addToPrincipalPolicy was called on Imp after/);
  });

  describe("bad input", () => {
    const cases: ThrowCase[] = [
      ["empty name", () => iamx.Role.fromRoleArn("", ARN), "InvalidName", /non-empty name/],
      [
        "no ARN",
        () => iamx.Role.fromRoleArn("i", undefined as never),
        "InvalidRoleArn",
        /needs a role ARN, got undefined/,
      ],
      ["not an ARN", () => iamx.Role.fromRoleArn("i", "MyRole"), "ArnsMustStartWithArn", /ARNs must start with "arn:"/],
      [
        "ARN without a name",
        () => iamx.Role.fromRoleArn("i", "arn:aws:iam::1:role"),
        "InvalidRoleArn",
        /Expected a role ARN/,
      ],
      ["a number", () => iamx.Role.fromRoleArn("i", 5 as never), "InvalidValue", /5/],
      [
        "addGrantsToResources while mutable",
        () => iamx.Role.fromRoleArn("i", ARN, { addGrantsToResources: true }),
        "AddGrantsResourcesPassedMutable",
        /^\[i\] 'addGrantsToResources' can only be passed if 'mutable: false'$/,
      ],
      [
        "options null",
        () => iamx.Role.fromRoleArn("i", ARN, null as never),
        "InvalidRoleImport",
        /options must be an object/,
      ],
      [
        "defaultPolicyName empty",
        () => iamx.Role.fromRoleArn("i", ARN, { defaultPolicyName: "" }),
        "InvalidRoleImport",
        /defaultPolicyName/,
      ],
      ["fromRoleName empty", () => iamx.Role.fromRoleName("i", ""), "InvalidRoleName", /non-empty role name/],
      [
        "statement of the wrong kind",
        () => iamx.Role.fromRoleArn("i", ARN).addToPolicy("s3:*" as never),
        "InvalidStatement",
        /PolicyStatement/,
      ],
    ];
    itThrows(cases);
  });
});
