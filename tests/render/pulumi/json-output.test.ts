// A rendered document's JSON text as a Pulumi Output: plain documents are written at once, others
// resolved through their tokens; a token string left in the text fails the run either way.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as iamx from "../../../src";
import { jsonOutput, resolveStructure } from "../../../src/render/pulumi/values";
import { synthesizeRaw } from "../../../src/testing/synthesize";

const POLICY = "aws:iam/rolePolicy:RolePolicy";

describe("Pulumi side: a document's JSON text", () => {
  it("is the same text by the plain path and the token path", async () => {
    const doc = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "*", Sid: undefined }],
      Nested: { list: [1, null, undefined, true], empty: {} },
    };
    const raw = await synthesizeRaw(() => {
      new aws.iam.RolePolicy("plain", { role: "r", policy: jsonOutput(doc) });
      new aws.iam.RolePolicy("resolved", {
        role: "r",
        policy: resolveStructure(doc).apply((v) => JSON.stringify(v)),
      });
    });
    const text = (name: string) => raw.resources.find((r) => r.type === POLICY && r.name === name)!.inputs.policy;
    expect(text("plain")).to.equal(JSON.stringify(doc));
    expect(text("plain")).to.equal(text("resolved"));
  });

  it("fails the run when a token string sits where only literal text can be", async () => {
    let error: Error | undefined;
    await synthesizeRaw(() => {
      const sid = iamx.Token.asString(pulumi.output("x"));
      new aws.iam.RolePolicy("p", { role: "r", policy: jsonOutput({ Statement: [{ Sid: sid }] }, "the policy p") });
    }).catch((e: Error) => (error = e));
    expect(error?.message).to.contain(
      "the policy p: a value given with Token.asString sits where only literal text can be",
    );
  });
});
