/**
 * The access key secret and the generated console password must never be stored unencrypted:
 * not in any resource's inputs, not in any component's or the stack's outputs, not in provider
 * state except under outputs the resource declares secret (which the engine encrypts), and never
 * in the CloudFormation export (the password is a NoEcho parameter there).
 */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { AccessKey } from "../../src/components/access-key";
import { User } from "../../src/components/user";
import { renderTemplateReport } from "../../src/render/cloudformation/template";
import { synthesizeRaw, type RawSynthesis } from "../../src/testing/synthesize";
import {
  hasSecretEnvelope,
  leaksInProviderState,
  leaksInSerialized,
  recordMonitor,
  type MonitorRecording,
} from "./secret-scan";
import { valueOf } from "./identity-helpers";

interface Run {
  raw: RawSynthesis;
  recording: MonitorRecording;
  user: User;
  key: AccessKey;
  secret: string;
  password: string;
}

async function run(outputs: (user: User, key: AccessKey) => Record<string, unknown>): Promise<Run> {
  let recording!: MonitorRecording;
  let user!: User;
  let key!: AccessKey;
  const raw = await synthesizeRaw(() => {
    recording = recordMonitor();
    user = new User("Deployer", { userName: "deployer", passwordLength: 20, passwordResetRequired: true });
    key = new AccessKey("DeployerKey", { user, serial: 1 });
    return outputs(user, key);
  });
  const secret = raw.resources.find((r) => r.type === "aws:iam/accessKey:AccessKey")!.outputs.secret as string;
  const password = raw.resources.find((r) => r.type === "aws:iam/userLoginProfile:UserLoginProfile")!.outputs
    .password as string;
  return { raw, recording, user, key, secret, password };
}

describe("identity secrets", () => {
  let r: Run;
  before(async () => {
    r = await run((user, key) => ({
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
      password: user.password,
    }));
  });

  it("the mocked provider did produce both secrets (the scan has something to find)", () => {
    expect(r.secret).to.match(/^mock-secret-/);
    expect(r.password).to.match(/^mock-password-/);
  });

  it("exposes them only as Pulumi secrets", async () => {
    expect(await pulumi.isSecret(r.key.secretAccessKey)).to.equal(true);
    expect(await pulumi.isSecret(r.user.password!)).to.equal(true);
    expect(await valueOf(r.key.secretAccessKey)).to.equal(r.secret);
    expect(await valueOf(r.user.password!)).to.equal(r.password);
  });

  it("no resource input and no component or stack output holds them outside a secret envelope", () => {
    expect(leaksInSerialized(r.recording, r.secret)).to.deep.equal([]);
    expect(leaksInSerialized(r.recording, r.password)).to.deep.equal([]);
    // ...while the component and stack outputs do carry them, encrypted.
    expect(hasSecretEnvelope(r.recording)).to.equal(true);
  });

  it("provider state holds them only under outputs the resources declared secret", () => {
    expect(leaksInProviderState(r.recording, r.raw.resources, r.secret)).to.deep.equal([]);
    expect(leaksInProviderState(r.recording, r.raw.resources, r.password)).to.deep.equal([]);
    expect(r.recording.secretOutputs.get("aws:iam/accessKey:AccessKey::DeployerKey")).to.include("secret");
    expect(
      r.recording.secretOutputs.get("aws:iam/userLoginProfile:UserLoginProfile::Deployer-login-profile"),
    ).to.include("password");
  });

  it("the CloudFormation export never holds them: the password is a NoEcho parameter", () => {
    const { template, skippedOutputs } = renderTemplateReport(r.raw.model, { outputs: r.raw.programOutputs });
    const text = JSON.stringify(template);
    expect(text).to.not.include(r.secret);
    expect(text).to.not.include(r.password);
    const user = Object.values(template.Resources as Record<string, any>).find((x) => x.Type === "AWS::IAM::User");
    const ref = user.Properties.LoginProfile.Password.Ref as string;
    expect(user.Properties.LoginProfile.PasswordResetRequired).to.equal(true);
    expect((template.Parameters as Record<string, any>)[ref]).to.deep.include({ Type: "String", NoEcho: true });
    // Stack outputs of the secrets have no CloudFormation form (an Output would print them).
    expect(skippedOutputs).to.include.members(["secretAccessKey", "password"]);
    expect(Object.keys((template.Outputs ?? {}) as object)).to.deep.equal(["accessKeyId"]);
  });

  it("control: the scan reports a secret handed out without pulumi.secret", async () => {
    const leaky = await run((_user, key) => ({ leaked: key.resource.secret }));
    expect(leaksInSerialized(leaky.recording, leaky.secret)).to.have.length.greaterThan(0);
    // And provider state under an undeclared output would be reported as well.
    leaky.recording.secretOutputs.set("aws:iam/accessKey:AccessKey::DeployerKey", []);
    expect(leaksInProviderState(leaky.recording, leaky.raw.resources, leaky.secret)).to.deep.equal([
      "aws:iam/accessKey:AccessKey DeployerKey.secret",
    ]);
  });
});
