/**
 * No secret value reaches an exported template: not a secret config value, not a generated
 * console password, not an access key secret, not a literal wrapped in pulumi.secret — in the
 * testing kit's template (mocked run) and in exportTemplate's (model-only run).
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as iamx from "../../../src";
import { exportTemplate } from "../../../src/render/cloudformation/export";
import { synthesize } from "../../../src/testing";

const CONFIG_SECRET = "arn:aws:kms:us-east-1:111122223333:key/very-secret-key-id";
const LITERAL_SECRET = "literal-secret-partner-id-42";

function program(): Record<string, unknown> {
  const config = new pulumi.Config();
  const role = new iamx.Role("App", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
  role.addToPolicy(new iamx.PolicyStatement({ actions: ["kms:Decrypt"], resources: [config.requireSecret("keyArn")] }));
  role.addToPolicy(
    new iamx.PolicyStatement({
      actions: ["sts:TagSession"],
      resources: ["*"],
      conditions: { StringEquals: { "aws:RequestTag/partner": pulumi.secret(LITERAL_SECRET) } },
    }),
  );
  const user = new iamx.User("Operator", { passwordLength: 24 });
  const key = new iamx.AccessKey("OperatorKey", { user });
  return { password: user.password, secretAccessKey: key.secretAccessKey, accessKeyId: key.accessKeyId };
}

const options = { config: { "project:keyArn": CONFIG_SECRET }, secretKeys: ["project:keyArn"] };

function expectNoSecrets(template: unknown): void {
  const text = JSON.stringify(template);
  expect(text).to.not.include(CONFIG_SECRET);
  expect(text).to.not.include(LITERAL_SECRET);
  expect(text).to.not.include("mock-password");
  expect(text).to.not.include("mock-secret");
  const params = (template as { Parameters: Record<string, { NoEcho?: boolean }> }).Parameters;
  expect(Object.keys(params)).to.have.length(3);
  for (const [name, p] of Object.entries(params)) expect(p.NoEcho, name).to.equal(true);
}

describe("render/cloudformation: secrets never reach the template", () => {
  it("in the testing kit's template (mocked run), though the run itself saw the values", async () => {
    const s = await synthesize(program, options);
    const policy = s.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy")!;
    expect(JSON.stringify(policy.inputs)).to.include(LITERAL_SECRET);
    expectNoSecrets(s.template);
  });

  it("in exportTemplate's template (model-only run)", async () => {
    const t = await exportTemplate(program, options);
    expectNoSecrets(t);
    expect(Object.keys(t.Parameters!)).to.deep.equal(["KeyArn", "Input", "OperatorPassword"]);
  });
});
