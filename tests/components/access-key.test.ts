import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { AccessKey, AccessKeyStatus } from "../../src/components/access-key";
import { User } from "../../src/components/user";
import type { ValidationError } from "../../src/core/errors";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { cfnJson, validationError as thrown } from "./identity-helpers";

describe("AccessKey", () => {
  it("registers an aws.iam.AccessKey for the user, exporting AWS::IAM::AccessKey", async () => {
    let ak!: AccessKey;
    const { resources } = await synthesizeRaw(() => {
      const user = new User("MyUser");
      ak = new AccessKey("MyAccessKey", { user });
    });
    const key = resources.find((r) => r.type === "aws:iam/accessKey:AccessKey")!;
    const user = resources.find((r) => r.type === "aws:iam/user:User")!;
    expect(key.name).to.equal("MyAccessKey");
    expect(key.parent).to.equal("MyAccessKey");
    expect(key.parentType).to.equal("iamx:index:AccessKey");
    expect(key.inputs).to.deep.equal({ user: user.outputs.name });
    expect(ak.cfn.type).to.equal("AWS::IAM::AccessKey");
    expect(ak.cfn.logicalId).to.equal("MyAccessKeyF0FFBE2E");
    expect(cfnJson(ak.cfn)).to.deep.equal({ UserName: { Ref: "MyUserDC45028B" } });
  });

  it("passes status and turns serial into a replacementTrigger", async () => {
    const triggers: unknown[] = [];
    let ak!: AccessKey;
    const { resources } = await synthesizeRaw(() => {
      pulumi.runtime.registerStackTransformation((t) => {
        if (t.type === "aws:iam/accessKey:AccessKey") triggers.push(t.opts.replacementTrigger);
        return undefined;
      });
      const user = User.fromUserName("Imp", "carol");
      ak = new AccessKey("AK", { user, serial: 2, status: AccessKeyStatus.INACTIVE });
      new AccessKey("AK2", { user, status: "Active" });
    });
    const keys = resources.filter((r) => r.type === "aws:iam/accessKey:AccessKey");
    keys.sort((a, b) => a.name.localeCompare(b.name));
    expect(keys.map((k) => k.inputs)).to.deep.equal([
      { user: "carol", status: "Inactive" },
      { user: "carol", status: "Active" },
    ]);
    expect(triggers).to.deep.equal([2, undefined]);
    expect(cfnJson(ak.cfn)).to.deep.equal({ Serial: 2, Status: "Inactive", UserName: "carol" });
  });

  it("exposes accessKeyId and the secret only as a Pulumi secret", async () => {
    let ak!: AccessKey;
    const { resources } = await synthesizeRaw(() => {
      ak = new AccessKey("AK", { user: new User("U") });
    });
    const key = resources.find((r) => r.type === "aws:iam/accessKey:AccessKey")!;
    expect(await pulumi.isSecret(ak.secretAccessKey)).to.equal(true);
    expect(await pulumi.isSecret(ak.accessKeyId)).to.equal(false);
    const secret = await new Promise((r) => ak.secretAccessKey.apply(r));
    expect(secret).to.equal(key.outputs.secret);
    const id = await new Promise((r) => ak.accessKeyId.apply(r));
    expect(id).to.match(/^AKIA/);
  });

  it("makes accessKeyId a reference in policies and the export", async () => {
    let ak!: AccessKey;
    await synthesizeRaw(() => {
      ak = new AccessKey("AK", { user: new User("U") });
    });
    const { External, toValue } = await import("../../src/core/value");
    expect(JSON.parse(JSON.stringify(toValue(ak.accessKeyId)))).to.deep.equal({ Ref: ak.cfn.logicalId });
    // The secret is CDK's reference to it (a stack output of it is still left out of the export).
    expect(toValue(ak.secretAccessKey)).to.not.be.instanceOf(External);
    expect(JSON.parse(JSON.stringify(toValue(ak.secretAccessKey)))).to.deep.equal({
      "Fn::GetAtt": [ak.cfn.logicalId, "SecretAccessKey"],
    });
    expect(JSON.parse(JSON.stringify(ak.cfn.getAtt("SecretAccessKey")))).to.deep.equal({
      "Fn::GetAtt": [ak.cfn.logicalId, "SecretAccessKey"],
    });
  });

  describe("bad input", () => {
    const user = () => User.fromUserName("I", "u");
    const cases: [string, () => unknown, string, RegExp][] = [
      ["no args", () => new AccessKey("A", undefined as any), "InvalidAccessKeyArgs", /needs args/],
      ["null args", () => new AccessKey("A", null as any), "InvalidAccessKeyArgs", /needs args/],
      ["array args", () => new AccessKey("A", [] as any), "InvalidAccessKeyArgs", /an array/],
      ["no user", () => new AccessKey("A", {} as any), "InvalidAccessKeyUser", /must be an IAM user/],
      ["a string user", () => new AccessKey("A", { user: "bob" as any }), "InvalidAccessKeyUser", /string "bob"/],
      [
        "a fractional serial",
        () => new AccessKey("A", { user: user(), serial: 1.5 }),
        "InvalidAccessKeySerial",
        /whole/,
      ],
      ["a negative serial", () => new AccessKey("A", { user: user(), serial: -1 }), "InvalidAccessKeySerial", /whole/],
      [
        "a string serial",
        () => new AccessKey("A", { user: user(), serial: "1" as any }),
        "InvalidAccessKeySerial",
        /string/,
      ],
      ["NaN serial", () => new AccessKey("A", { user: user(), serial: NaN }), "InvalidAccessKeySerial", /whole/],
      [
        "status Expired",
        () => new AccessKey("A", { user: user(), status: AccessKeyStatus.EXPIRED }),
        "AccessKeyStatusNotSupported",
        /"Expired" cannot be deployed with Pulumi/,
      ],
      [
        "an unknown status",
        () => new AccessKey("A", { user: user(), status: "On" as any }),
        "InvalidAccessKeyStatus",
        /"On"/,
      ],
    ];
    for (const [title, fn, code, message] of cases) {
      it(`rejects ${title}`, async () => {
        let err!: ValidationError;
        const { resources } = await synthesizeRaw(() => {
          err = thrown(fn);
        });
        expect(err.name).to.equal("ValidationError");
        expect(err.code).to.equal(code);
        expect(err.message).to.match(message);
        expect(resources.filter((r) => r.type.includes("ccessKey"))).to.deep.equal([]);
      });
    }
  });
});
