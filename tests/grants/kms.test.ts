import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import { expect } from "chai";
import * as iamx from "../../src";
import { T, doc, run, validationError } from "../components/iamx-helpers";
import { OTHER } from "./fixtures";

const role = (name: string) => new iamx.Role(name, { assumedBy: new iamx.AccountRootPrincipal() });

describe("grants on KMS keys (Pulumi resources)", () => {
  it("a same-account grant: the key ARN in the identity policy", async () => {
    const r = await run(() => {
      const key = iamx.grants.kms(new kms.Key("key"));
      key.grantEncryptDecrypt(role("app"));
    });
    expect(doc(r.get(T.rolePolicy, "app-default-policy")).Statement).to.deep.equal([
      {
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
        Effect: "Allow",
        Resource: r.get("aws:kms/key:Key", "key").outputs.arn,
      },
    ]);
  });

  it("a grant that needs the key policy fails before anything is added, naming the fix", async () => {
    const r = await run(() => {
      const key = iamx.grants.kms(new kms.Key("key"));
      const err = validationError(() => key.grantDecrypt(iamx.Role.fromRoleArn("other", OTHER)));
      expect(err.code).to.equal("CannotAddToKeyPolicy");
      expect(err.message).to.contain('Granting kms:Decrypt on KMS key "key" needs a statement in the key policy');
      expect(err.message).to.contain("externalKeyPolicy: true");
      expect(validationError(() => key.grantDecrypt(new iamx.ServicePrincipal("logs.amazonaws.com"))).code).to.equal(
        "CannotAddToKeyPolicy",
      );
      const strict = iamx.grants.kms(new kms.Key("strict"), { trustAccountIdentities: false });
      expect(validationError(() => strict.grantDecrypt(role("app"))).message).to.contain(
        "trustAccountIdentities is false",
      );
    });
    expect(r.all(T.rolePolicy)).to.have.length(0);
  });

  it("externalKeyPolicy: cross-account grants add the identity side only", async () => {
    const r = await run(() => {
      iamx.grants
        .kms(new kms.Key("key"), { externalKeyPolicy: true })
        .grantDecrypt(iamx.Role.fromRoleArn("other", OTHER));
    });
    expect(doc(r.get(T.rolePolicy, "other-policy")).Statement).to.deep.equal([
      { Action: "kms:Decrypt", Effect: "Allow", Resource: r.get("aws:kms/key:Key", "key").outputs.arn },
    ]);
  });

  it("a key in an explicit other account granted to this program's role: resource * (CDK's cross-environment grant)", async () => {
    const r = await run(() => {
      iamx.grants
        .kms(new kms.Key("key"), { account: "222222222222", externalKeyPolicy: true })
        .grantDecrypt(role("app"));
    });
    expect(doc(r.get(T.rolePolicy, "app-default-policy")).Statement).to.deep.equal([
      { Action: "kms:Decrypt", Effect: "Allow", Resource: "*" },
    ]);
  });

  it("a key known by ARN: the key-policy side is silently not added (CDK's imported key)", async () => {
    const r = await run(() => {
      iamx.grants.kms({ arn: "arn:aws:kms:us-east-1:222222222222:key/k" }).grantDecrypt(role("app"));
    });
    expect(doc(r.get(T.rolePolicy, "app-default-policy")).Statement).to.deep.equal([
      { Action: "kms:Decrypt", Effect: "Allow", Resource: "arn:aws:kms:us-east-1:222222222222:key/k" },
    ]);
  });

  it("an encrypted bucket granted to another account fails on the key before the bucket statement is added", async () => {
    const r = await run(() => {
      const grants = iamx.grants.s3(new s3.Bucket("data"), { encryptionKey: new kms.Key("key") });
      const other = iamx.Role.fromRoleArn("other", OTHER);
      expect(validationError(() => grants.grantRead(other)).code).to.equal("CannotAddToKeyPolicy");
      const external = iamx.grants.kms(new kms.Key("key2"), { externalKeyPolicy: true });
      iamx.grants.s3(new s3.Bucket("logs"), { encryptionKey: external }).grantRead(other);
    });
    // Only the second bucket's grant is there, and only its bucket has a policy.
    const statements = doc(r.get(T.rolePolicy, "other-policy")).Statement;
    expect(statements).to.have.length(2);
    expect(statements[0].Resource[0]).to.match(/^arn:aws:s3:::logs-/);
    expect(statements[1].Action).to.deep.equal(["kms:Decrypt", "kms:DescribeKey"]);
    expect(r.all("aws:s3/bucketPolicy:BucketPolicy").map((p) => p.name)).to.deep.equal(["logs-policy"]);
  });

  it("a KMS-encrypted secret: key actions through Secrets Manager only (kms:ViaService)", async () => {
    const r = await run(() => {
      const secret = iamx.grants.secretsmanager(new secretsmanager.Secret("db"), { encryptionKey: new kms.Key("key") });
      secret.grantRead(role("app"));
    });
    const statements = doc(r.get(T.rolePolicy, "app-default-policy")).Statement;
    expect(statements[1]).to.deep.equal({
      Action: "kms:Decrypt",
      Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } },
      Effect: "Allow",
      Resource: r.get("aws:kms/key:Key", "key").outputs.arn,
    });
  });

  it("bad options", async () => {
    await run(() => {
      const key = new kms.Key("key");
      expect(validationError(() => iamx.grants.kms(key, { externalKeyPolicy: "yes" as never })).code).to.equal(
        "InvalidGrantOptions",
      );
      expect(validationError(() => iamx.grants.kms(new s3.Bucket("b") as never)).code).to.equal("InvalidGrantResource");
    });
  });
});
