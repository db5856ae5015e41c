import { expect } from "chai";
import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import * as cdkKms from "aws-cdk-lib/aws-kms";
import * as cdkS3 from "aws-cdk-lib/aws-s3";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import * as iamx from "../../src";
import { takeOutputText } from "../output-capture";
import { expectGrantsParity } from "./grants-harness";
import { OTHER } from "../grants/fixtures";

type Method = "grantRead" | "grantWrite" | "grantReadWrite" | "grantPut" | "grantDelete" | "grantPutAcl";
const METHODS: Method[] = ["grantRead", "grantWrite", "grantReadWrite", "grantPut", "grantDelete", "grantPutAcl"];
const PATTERNS = [undefined, "uploads/*"];
const lambdaCdk = () => new cdkIam.ServicePrincipal("lambda.amazonaws.com");
const lambdaIamx = () => new iamx.ServicePrincipal("lambda.amazonaws.com");

/** Every method with and without a key pattern, each to its own role (`grantRead0`, `grantRead1`...). */
function everyMethod(grant: (method: Method, pattern: string | undefined, roleName: string) => void): void {
  for (const method of METHODS) PATTERNS.forEach((pattern, i) => grant(method, pattern, `${method}${i}`));
}

describe("CDK parity: S3 bucket grants", () => {
  it("every grant, same account: identity policies only", async () => {
    await expectGrantsParity(
      (stack) => {
        const bucket = new cdkS3.Bucket(stack, "Data");
        everyMethod((m, p, name) => bucket[m](new cdkIam.Role(stack, name, { assumedBy: lambdaCdk() }), p));
      },
      () => {
        const bucket = new s3.Bucket("Data");
        everyMethod((m, p, name) => iamx.grants.s3(bucket)[m](new iamx.Role(name, { assumedBy: lambdaIamx() }), p));
      },
    );
  });

  it("every grant on a KMS-encrypted bucket: the key actions on the key", async () => {
    await expectGrantsParity(
      (stack) => {
        const bucket = new cdkS3.Bucket(stack, "Data", { encryptionKey: new cdkKms.Key(stack, "Key") });
        everyMethod((m, p, name) => bucket[m](new cdkIam.Role(stack, name, { assumedBy: lambdaCdk() }), p));
      },
      () => {
        const grants = iamx.grants.s3(new s3.Bucket("Data"), { encryptionKey: new kms.Key("Key") });
        everyMethod((m, p, name) => grants[m](new iamx.Role(name, { assumedBy: lambdaIamx() }), p));
      },
    );
  });

  it("every grant to a role of another account: its policy and the bucket policy", async () => {
    await expectGrantsParity(
      (stack) => {
        const bucket = new cdkS3.Bucket(stack, "Data");
        everyMethod((m, p, name) => bucket[m](cdkIam.Role.fromRoleArn(stack, name, `${OTHER}-${name}`), p));
      },
      () => {
        const bucket = new s3.Bucket("Data");
        everyMethod((m, p, name) => iamx.grants.s3(bucket)[m](iamx.Role.fromRoleArn(name, `${OTHER}-${name}`), p));
      },
    );
  });

  it("grantWrite with allowedActionPatterns; an account principal gets only the bucket policy", async () => {
    await expectGrantsParity(
      (stack) => {
        const role = new cdkIam.Role(stack, "Fn", { assumedBy: lambdaCdk() });
        const bucket = new cdkS3.Bucket(stack, "Data");
        bucket.grantWrite(role, "logs/*", ["s3:PutObject"]);
        bucket.grantRead(new cdkIam.AccountPrincipal("333333333333"));
      },
      () => {
        const role = new iamx.Role("Fn", { assumedBy: lambdaIamx() });
        const grants = iamx.grants.s3(new s3.Bucket("Data"));
        grants.grantWrite(role, "logs/*", ["s3:PutObject"]);
        grants.grantRead(new iamx.AccountPrincipal("333333333333"));
      },
    );
  });

  it("grants on two buckets (Bucket and BucketV2) merge in one default policy and one bucket policy each", async () => {
    await expectGrantsParity(
      (stack) => {
        const role = new cdkIam.Role(stack, "Fn", { assumedBy: lambdaCdk() });
        const other = cdkIam.Role.fromRoleArn(stack, "Other", OTHER);
        const bucket = new cdkS3.Bucket(stack, "Data");
        const logs = new cdkS3.Bucket(stack, "Logs");
        bucket.grantRead(role);
        logs.grantPut(role);
        bucket.grantRead(other);
        logs.grantDelete(new cdkIam.AccountPrincipal("333333333333"), "tmp/*");
        bucket.grantDelete(new cdkIam.AccountPrincipal("333333333333"), "tmp/*");
      },
      () => {
        const role = new iamx.Role("Fn", { assumedBy: lambdaIamx() });
        const other = iamx.Role.fromRoleArn("Other", OTHER);
        const bucket = new s3.Bucket("Data");
        const logs = new s3.BucketV2("Logs");
        iamx.grants.s3(bucket).grantRead(role);
        iamx.grants.s3(logs).grantPut(role);
        iamx.grants.s3(bucket).grantRead(other);
        iamx.grants.s3(logs).grantDelete(new iamx.AccountPrincipal("333333333333"), "tmp/*");
        iamx.grants.s3(bucket).grantDelete(new iamx.AccountPrincipal("333333333333"), "tmp/*");
      },
    );
    // @pulumi/aws warns on BucketV2 under mocks, as in a deployment.
    const deprecated = takeOutputText("BucketV2 is deprecated");
    expect(deprecated).to.not.deep.equal([]);
    for (const line of deprecated) expect(line).to.contain("s3.BucketV2 has been deprecated in favor of s3.Bucket");
  });

  it("a bucket in an explicit other account: the bucket policy names the grantee", async () => {
    // CDK: the bucket in a stack of account 222222222222, the grantee a role of 111111111111.
    // Compared: the bucket policy (the role's own policy depends on where the role is imported).
    await expectGrantsParity(
      (stack) => {
        const other = cdkIam.Role.fromRoleArn(stack, "Other", "arn:aws:iam::111111111111:role/Other");
        new cdkS3.Bucket(stack, "Data").grantReadWrite(other);
      },
      () => {
        const other = iamx.Role.fromRoleArn("Other", "arn:aws:iam::111111111111:role/Other");
        iamx.grants.s3(new s3.Bucket("Data"), { account: "222222222222" }).grantReadWrite(other);
      },
      {
        stackOf: (app) => new cdk.Stack(app, "stack", { env: { account: "222222222222", region: "us-east-1" } }),
        types: ["AWS::S3::BucketPolicy"],
      },
    );
  });
});
