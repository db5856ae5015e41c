import * as cdkIam from "aws-cdk-lib/aws-iam";
import * as cdkKms from "aws-cdk-lib/aws-kms";
import * as cdkSecrets from "aws-cdk-lib/aws-secretsmanager";
import * as cdkSsm from "aws-cdk-lib/aws-ssm";
import * as kms from "@pulumi/aws/kms";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as ssm from "@pulumi/aws/ssm";
import * as cdk from "aws-cdk-lib";
import { expect } from "chai";
import * as iamx from "../../src";
import { validationError } from "../components/iamx-helpers";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { cdkTemplate, expectGrantsParity, ourTemplate, type CdkTemplate } from "./grants-harness";
import { OTHER } from "../grants/fixtures";

const root = () => new cdkIam.AccountRootPrincipal();
const ourRoot = () => new iamx.AccountRootPrincipal();

function statementsOf(t: CdkTemplate, id: string): unknown[] {
  return (t[id].Properties!.PolicyDocument as { Statement: unknown[] }).Statement;
}

describe("CDK parity: Secrets Manager secret and SSM parameter grants", () => {
  it("secret grants, same account: read, read of version stages, write", async () => {
    await expectGrantsParity(
      (stack) => {
        const secret = new cdkSecrets.Secret(stack, "S");
        secret.grantRead(new cdkIam.Role(stack, "Reader", { assumedBy: root() }));
        secret.grantRead(new cdkIam.Role(stack, "Staged", { assumedBy: root() }), ["AWSCURRENT", "AWSPREVIOUS"]);
        secret.grantWrite(new cdkIam.Role(stack, "Writer", { assumedBy: root() }));
      },
      () => {
        const secret = iamx.grants.secretsmanager(new secretsmanager.Secret("S"));
        secret.grantRead(new iamx.Role("Reader", { assumedBy: ourRoot() }));
        secret.grantRead(new iamx.Role("Staged", { assumedBy: ourRoot() }), ["AWSCURRENT", "AWSPREVIOUS"]);
        secret.grantWrite(new iamx.Role("Writer", { assumedBy: ourRoot() }));
      },
    );
  });

  it("secret read by another account's role: its policy and the secret's resource policy", async () => {
    await expectGrantsParity(
      (stack) => {
        new cdkSecrets.Secret(stack, "S").grantRead(cdkIam.Role.fromRoleArn(stack, "Other", OTHER));
      },
      () => {
        iamx.grants.secretsmanager(new secretsmanager.Secret("S")).grantRead(iamx.Role.fromRoleArn("Other", OTHER));
      },
    );
  });

  it("secret write by another account's role without a customer key: CDK's error", async () => {
    const stack = new cdk.Stack(new cdk.App(), "stack");
    const cdkError = (() => {
      try {
        new cdkSecrets.Secret(stack, "S").grantWrite(cdkIam.Role.fromRoleArn(stack, "Other", OTHER));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(cdkError?.message).to.equal("KMS Key must be provided for cross account access to Secret");
    let ours: iamx.ValidationError | undefined;
    await synthesizeRaw(() => {
      const grants = iamx.grants.secretsmanager(new secretsmanager.Secret("S"));
      ours = validationError(() => grants.grantWrite(iamx.Role.fromRoleArn("Other", OTHER)));
    });
    expect(ours?.code).to.equal("KeyProvidedCrossAccountAccess");
    expect(ours?.message).to.equal(`[S] ${cdkError?.message}`);
  });

  it("KMS-encrypted secret: CDK's key-policy statement (kms:ViaService) lands in the role's policy", async () => {
    for (const minimize of [true, false]) {
      const theirs = cdkTemplate((stack) => {
        const secret = new cdkSecrets.Secret(stack, "S", { encryptionKey: new cdkKms.Key(stack, "Key") });
        secret.grantRead(new cdkIam.Role(stack, "Reader", { assumedBy: root() }));
        secret.grantWrite(new cdkIam.Role(stack, "Writer", { assumedBy: root() }));
      }, minimize);
      const ours = await ourTemplate(() => {
        const secret = iamx.grants.secretsmanager(new secretsmanager.Secret("S"), {
          encryptionKey: new kms.Key("Key"),
        });
        secret.grantRead(new iamx.Role("Reader", { assumedBy: ourRoot() }));
        secret.grantWrite(new iamx.Role("Writer", { assumedBy: ourRoot() }));
      }, minimize);
      const keyPolicy = Object.values(theirs).find((r) => r.Type === "AWS::KMS::Key")!.Properties!.KeyPolicy as {
        Statement: Record<string, unknown>[];
      };
      for (const [role, actions] of [
        ["Reader", "kms:Decrypt"],
        ["Writer", ["kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"]],
      ] as const) {
        const policyId = Object.keys(theirs).find((id) => id.startsWith(`${role}DefaultPolicy`))!;
        const inKeyPolicy = keyPolicy.Statement.find(
          (s) => JSON.stringify(s.Principal).includes(role) && JSON.stringify(s.Condition).includes("kms:ViaService"),
        );
        expect(inKeyPolicy, `${role}: CDK's key-policy statement`).to.not.equal(undefined);
        expect([inKeyPolicy!.Action].flat()).to.have.members([actions].flat());
        const { Principal: _principal, ...rest } = inKeyPolicy!;
        const expected = [...statementsOf(theirs, policyId), { ...rest, Resource: "<Key>" }];
        expect(statementsOf(ours.cfn, policyId), `${role} (minimize ${minimize})`).to.deep.equal(expected);
      }
    }
  });

  it("SSM parameter grants: same account, encrypted with a key, another account's role", async () => {
    await expectGrantsParity(
      (stack) => {
        const p = new cdkSsm.StringParameter(stack, "P", { stringValue: "v" });
        const secure = new cdkSsm.StringParameter(stack, "Secure", { stringValue: "v" });
        // The oracle's own grantRead/grantWrite with a key: what fromSecureStringParameterAttributes gives.
        Object.assign(secure, { encryptionKey: new cdkKms.Key(stack, "Key") });
        p.grantRead(new cdkIam.Role(stack, "Reader", { assumedBy: root() }));
        p.grantWrite(new cdkIam.Role(stack, "Writer", { assumedBy: root() }));
        secure.grantRead(new cdkIam.Role(stack, "SecureReader", { assumedBy: root() }));
        secure.grantWrite(new cdkIam.Role(stack, "SecureWriter", { assumedBy: root() }));
        p.grantRead(cdkIam.Role.fromRoleArn(stack, "Other", OTHER));
      },
      () => {
        const p = iamx.grants.ssm(new ssm.Parameter("P", { type: "String", value: "v" }));
        const secure = iamx.grants.ssm(new ssm.Parameter("Secure", { type: "SecureString", value: "v" }), {
          encryptionKey: new kms.Key("Key"),
        });
        p.grantRead(new iamx.Role("Reader", { assumedBy: ourRoot() }));
        p.grantWrite(new iamx.Role("Writer", { assumedBy: ourRoot() }));
        secure.grantRead(new iamx.Role("SecureReader", { assumedBy: ourRoot() }));
        secure.grantWrite(new iamx.Role("SecureWriter", { assumedBy: ourRoot() }));
        p.grantRead(iamx.Role.fromRoleArn("Other", OTHER));
      },
    );
  });
});
