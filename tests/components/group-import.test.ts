import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Group } from "../../src/components/group";
import { ManagedPolicy } from "../../src/components/managed-policy";
import { Policy } from "../../src/components/policy";
import { PolicyStatement } from "../../src/core/statement";
import { toCfnJson, toValue } from "../../src/core/value";
import { programModel } from "../../src/render/cloudformation/model";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { cfnJson, ofType, s3Read, validationError, valueOf } from "./identity-helpers";
import { takeOutputText } from "../output-capture";

const cfn = (v: unknown) => toCfnJson(toValue(v));

describe("Group imports", () => {
  it("fromGroupArn: the name includes the path (as CDK reads it), the account is the ARN's", async () => {
    let group!: ReturnType<typeof Group.fromGroupArn>;
    const { resources } = await synthesizeRaw(() => {
      group = Group.fromGroupArn("IG", "arn:aws:iam::111122223333:group/p/gg3");
    });
    expect(resources.map((r) => [r.type, r.custom])).to.deep.equal([["iamx:index:ImportedGroup", false]]);
    expect(cfn(group.groupName)).to.equal("p/gg3");
    expect(await valueOf(group.groupName)).to.equal("p/gg3");
    expect(await valueOf(group.groupArn)).to.equal("arn:aws:iam::111122223333:group/p/gg3");
    expect(group.principalAccount).to.equal("111122223333");
  });

  it("fromGroupName: formats the ARN in the deploy account", async () => {
    let group!: ReturnType<typeof Group.fromGroupName>;
    await synthesizeRaw(() => {
      group = Group.fromGroupName("IG", "gname");
    });
    expect(cfn(group.groupName)).to.equal("gname");
    expect(cfn(group.groupArn)).to.deep.equal({
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::", { Ref: "AWS::AccountId" }, ":group/gname"]],
    });
    expect(await valueOf(group.groupArn)).to.equal("arn:aws:iam::123456789012:group/gname");
  });

  it("fromGroupArn with an output: CDK's Select/Split of the 6th field", async () => {
    let group!: ReturnType<typeof Group.fromGroupArn>;
    await synthesizeRaw(() => {
      group = Group.fromGroupArn("IG", pulumi.output("arn:aws:iam::1:group/ops"));
    });
    const name = JSON.stringify(cfn(group.groupName));
    expect(name).to.match(/^\{"Fn::Select":\[1,\{"Fn::Split":\["\/",\{"Fn::Select":\[5,\{"Fn::Split":\[":",/);
    expect(await valueOf(group.groupName)).to.equal("ops");
  });

  it("statements go to DefaultPolicy (GroupPolicy on the literal name)", async () => {
    const { resources } = await synthesizeRaw(() => {
      const group = Group.fromGroupArn("IG", "arn:aws:iam::123456789012:group/p/gg3");
      group.addToPolicy(s3Read());
      group.attachInlinePolicy(new Policy("P", { statements: [s3Read()] }));
    });
    const policies = ofType(resources, "aws:iam/groupPolicy:GroupPolicy");
    policies.sort((a, b) => a.name.localeCompare(b.name));
    expect(policies.map((p) => [p.name, p.inputs.group])).to.deep.equal([
      ["IG-default-policy", "p/gg3"],
      ["P-group-gg3-8f11f3dc", "p/gg3"],
    ]);
    const policy = programModel().resources.find((r) => r.logicalId === "IGDefaultPolicyAEEC4E89")!;
    expect(cfnJson(policy)).to.deep.include({ Groups: ["p/gg3"] });
  });

  it("addManagedPolicy does nothing (as CDK), and a group import is never a principal", async () => {
    let code = "";
    const { resources } = await synthesizeRaw(() => {
      const group = Group.fromGroupName("IG", "gname");
      group.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      code = validationError(() => new PolicyStatement({ principals: [group] })).code;
    });
    expect(resources.filter((r) => r.custom)).to.deep.equal([]);
    expect(takeOutputText("not attached to imported groups")).to.have.length(1);
    expect(code).to.equal("CannotUseGroupAsPrincipal");
  });

  describe("bad input", () => {
    const cases: [string, () => unknown, string][] = [
      ["an empty group name", () => Group.fromGroupName("IG", ""), "InvalidGroupName"],
      ["an object group name", () => Group.fromGroupName("IG", {} as any), "InvalidGroupName"],
      ["an undefined ARN", () => Group.fromGroupArn("IG", undefined as any), "InvalidGroupArn"],
      ["a text that is not an ARN", () => Group.fromGroupArn("IG", "ops"), "ArnsMustStartWithArn"],
      ["an ARN without a service", () => Group.fromGroupArn("IG", "arn:aws::::group/x"), "ArnServiceRequired"],
      [
        "a group that is no group",
        () => (Group.fromGroupArn("IG", "arn:aws:iam::1:group/x") as any).addUser(7),
        "InvalidUser",
      ],
    ];
    for (const [title, fn, code] of cases) {
      it(`rejects ${title}`, async () => {
        let err!: Error & { code?: string };
        await synthesizeRaw(() => {
          err = validationError(fn);
        });
        expect(err.code).to.equal(code);
      });
    }
  });
});
