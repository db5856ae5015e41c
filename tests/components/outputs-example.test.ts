// examples/outputs-in-policies: the Outputs in its statements resolve to the values the mocked cloud
// gave the resources on the Pulumi side, and the external id (a secret) is never in plain text in
// the export or the preview (the engine gets the trust policy holding it as a secret).
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { formatPlan } from "../../src/cli/preview";
import { exportProgram } from "../../src/render/cloudformation/export";
import { run } from "../../src/runtime/run";
import { synthesize } from "../../src/testing";
import { cliProgram } from "../cli-program";

const TARGET = "examples/outputs-in-policies";

describe("example: outputs-in-policies", function () {
  this.timeout(120_000);
  const { program, options } = cliProgram(TARGET);
  const externalId = options.config!["iamx-outputs-in-policies:partnerExternalId"];

  it("reads its external id from config (the secret these tests look for)", () => {
    expect(externalId).to.be.a("string").with.length.greaterThan(4);
  });

  it("Pulumi: each Output in a statement is the value the resource got", async () => {
    const s = await synthesize(program, options);
    const output = (type: string, name: string, key: string): string => s.resource(type, name).outputs[key];
    const bucketArn = output("aws:s3/bucket:Bucket", "Results", "arn");
    const bucketName = output("aws:s3/bucket:Bucket", "Results", "bucket");
    const worker = JSON.parse(s.resource("aws:iam/rolePolicy:RolePolicy", "Worker-default-policy").inputs.policy);
    expect(worker.Statement.map((st: { Resource: string }) => st.Resource)).to.deep.equal([
      output("aws:sqs/queue:Queue", "Jobs", "arn"),
      `${bucketArn}/results/*`,
      output("aws:kms/key:Key", "DataKey", "arn"),
    ]);
    expect(worker.Statement[2].Condition.ArnLike).to.deep.equal({
      "kms:EncryptionContext:aws:s3:arn": `${bucketArn}/*`,
    });
    const partner = JSON.parse(s.resource("aws:iam/rolePolicy:RolePolicy", "Partner-default-policy").inputs.policy);
    expect(partner.Statement[0].Condition).to.deep.equal({
      StringEquals: { "s3:ExistingObjectTag/share": `${bucketName}-partner` },
    });
    // The trust policy holds the secret: the engine gets it as a secret value.
    const wrapped = s.resource("aws:iam/role:Role", "Partner").inputs.assumeRolePolicy;
    expect(wrapped[pulumi.runtime.specialSigKey]).to.equal(pulumi.runtime.specialSecretSig);
    const trust = JSON.parse(wrapped.value);
    expect(trust.Statement[0].Condition).to.deep.equal({ StringEquals: { "sts:ExternalId": externalId } });
  });

  it("export: the external id is a NoEcho parameter, never its value", async () => {
    const { template } = await exportProgram(program, { ...options, allowUnsupported: true, mode: "mocks" });
    expect(JSON.stringify(template)).to.not.include(externalId);
    const [name, parameter] = Object.entries(template.Parameters as Record<string, { NoEcho?: boolean }>).find(
      ([, p]) => p.NoEcho,
    )!;
    const trust = Object.values(template.Resources as Record<string, any>).find(
      (r) => r.Type === "AWS::IAM::Role" && JSON.stringify(r).includes("sts:ExternalId"),
    );
    expect(parameter.NoEcho).to.equal(true);
    expect(trust.Properties.AssumeRolePolicyDocument.Statement[0].Condition).to.deep.equal({
      StringEquals: { "sts:ExternalId": { Ref: name } },
    });
  });

  it("preview: the partner's trust policy shows as [secret], never the value", async () => {
    const plan = await run(program, { ...options, mode: "plan" });
    const text = formatPlan(plan.resources, { project: options.project!, stack: "dev" });
    expect(text).to.not.include(externalId);
    const partnerRole = text.split("\n").findIndex((l) => /aws:iam\/role:Role.*Partner/.test(l));
    expect(partnerRole).to.be.greaterThan(-1);
    expect(
      text
        .split("\n")
        .slice(partnerRole, partnerRole + 4)
        .join("\n"),
    ).to.match(/assumeRolePolicy.*\[secret\]/);
  });
});
