import * as kms from "@pulumi/aws/kms";
import { Provider } from "@pulumi/aws/provider";
import * as lambda from "@pulumi/aws/lambda";
import * as s3 from "@pulumi/aws/s3";
import * as sqs from "@pulumi/aws/sqs";
import { expect } from "chai";
import * as iamx from "../../src";
import { finalize } from "../../src/render/pulumi/lifecycle";
import { exportProgram } from "../../src/render/cloudformation/export";
import { T, doc, run, validationError } from "../components/iamx-helpers";
import { OTHER } from "./fixtures";

const lambdaRole = (name: string) =>
  new iamx.Role(name, { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

describe("grants on S3 buckets (Pulumi resources)", () => {
  it("a same-account grant lands in the role's default policy, with the bucket's real ARN; no bucket policy", async () => {
    const r = await run(() => {
      const role = lambdaRole("fn");
      const bucket = new s3.Bucket("data", { bucket: "my-data" });
      iamx.grants.s3(bucket).grantRead(role);
      iamx.grants.s3(bucket).grantPut(role, "uploads/*");
    });
    expect(doc(r.get(T.rolePolicy, "fn-default-policy")).Statement).to.deep.equal([
      {
        Action: ["s3:GetBucket*", "s3:GetObject*", "s3:List*"],
        Effect: "Allow",
        Resource: ["arn:aws:s3:::my-data/*", "arn:aws:s3:::my-data"],
      },
      {
        Action: [
          "s3:Abort*",
          "s3:PutObject",
          "s3:PutObjectLegalHold",
          "s3:PutObjectRetention",
          "s3:PutObjectTagging",
          "s3:PutObjectVersionTagging",
        ],
        Effect: "Allow",
        Resource: "arn:aws:s3:::my-data/uploads/*",
      },
    ]);
    expect(r.all(BUCKET_POLICY)).to.have.length(0);
  });

  it("a cross-account grant also writes one BucketPolicy, a child of the bucket, in the bucket's region", async () => {
    const r = await run(() => {
      const bucket = new s3.Bucket("data", { bucket: "my-data", region: "eu-west-1" });
      iamx.grants.s3(bucket).grantRead(iamx.Role.fromRoleArn("other", OTHER));
      iamx.grants.s3(bucket).grantDelete(new iamx.AccountPrincipal("333333333333"), "tmp/*");
    });
    const policies = r.all(BUCKET_POLICY);
    expect(policies.map((p) => p.name)).to.deep.equal(["data-policy"]);
    const policy = policies[0];
    expect(policy.parent).to.equal("data-policy");
    expect(policy.parentType).to.equal("iamx:index:ResourcePolicy");
    expect(r.get("iamx:index:ResourcePolicy", "data-policy").parent).to.equal("data");
    expect(policy.inputs.bucket).to.equal("my-data");
    expect(policy.inputs.region).to.equal("eu-west-1");
    expect(doc(policy).Statement).to.deep.equal([
      {
        Action: ["s3:GetBucket*", "s3:GetObject*", "s3:List*"],
        Effect: "Allow",
        Principal: { AWS: OTHER },
        Resource: ["arn:aws:s3:::my-data/*", "arn:aws:s3:::my-data"],
      },
      {
        Action: "s3:DeleteObject*",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::333333333333:root" },
        Resource: "arn:aws:s3:::my-data/tmp/*",
      },
    ]);
    // The other account's role still gets the identity statement (its policy in this program).
    expect(doc(r.get(T.rolePolicy, "other-policy")).Statement[0].Action).to.deep.equal([
      "s3:GetBucket*",
      "s3:GetObject*",
      "s3:List*",
    ]);
  });

  it("a bucket with an explicit other account: even this program's role gets a bucket policy statement", async () => {
    const r = await run(() => {
      const role = lambdaRole("fn");
      iamx.grants.s3(new s3.Bucket("data", { bucket: "b" }), { account: "222222222222" }).grantWrite(role);
    });
    const policy = doc(r.get(BUCKET_POLICY, "data-policy"));
    expect(policy.Statement[0].Principal).to.deep.equal({ AWS: r.get(T.role, "fn").outputs.arn });
    expect(doc(r.get(T.rolePolicy, "fn-default-policy")).Statement).to.have.length(1);
  });

  it("a bucket known by ARN gets no bucket policy: cross-account statements stay on the identity side", async () => {
    let grant: iamx.Grant | undefined;
    const r = await run(() => {
      grant = iamx.grants.s3({ arn: "arn:aws:s3:::elsewhere" }).grantRead(iamx.Role.fromRoleArn("other", OTHER));
    });
    expect(r.all(BUCKET_POLICY)).to.have.length(0);
    expect(doc(r.get(T.rolePolicy, "other-policy")).Statement[0].Resource).to.deep.equal([
      "arn:aws:s3:::elsewhere",
      "arn:aws:s3:::elsewhere/*",
    ]);
    // As in CDK: the grant holds the resource statement, which no policy took.
    expect(grant!.success).to.equal(true);
    expect(grant!.dependencyRoots).to.deep.equal([]);
  });

  it("a KMS-encrypted bucket: the key actions go to the key's ARN", async () => {
    const r = await run(() => {
      const role = lambdaRole("fn");
      const key = new kms.Key("key");
      iamx.grants.s3(new s3.Bucket("data", { bucket: "b" }), { encryptionKey: key }).grantReadWrite(role);
    });
    const statements = doc(r.get(T.rolePolicy, "fn-default-policy")).Statement;
    expect(statements[1]).to.deep.equal({
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"],
      Effect: "Allow",
      Resource: r.get("aws:kms/key:Key", "key").outputs.arn,
    });
  });

  it("a grant is a Pulumi dependency: a function waits for the bucket policy holding its statement", async () => {
    const r = await run(() => {
      const bucket = new s3.Bucket("data", { bucket: "b" });
      const grant = iamx.grants.s3(bucket).grantRead(new iamx.AccountPrincipal("333333333333"));
      new lambda.Function(
        "fn",
        { role: "arn:aws:iam::123456789012:role/x", runtime: "nodejs22.x" },
        { dependsOn: grant },
      );
    });
    expect(r.depsOf("aws:lambda/function:Function", "fn")).to.include(r.urnOf(BUCKET_POLICY, "data-policy"));
  });

  it("the bucket policy uses the bucket's provider", async () => {
    let providerOfPolicy: unknown;
    let provider: unknown;
    await run(() => {
      provider = new Provider("other-account", { region: "us-west-2" });
      const bucket = new s3.Bucket("data", {}, { provider: provider as Provider });
      const grant = iamx.grants.s3(bucket).grantRead(iamx.Role.fromRoleArn("other", OTHER));
      const holder = grant.dependencyRoots[0] as { resource: { getProvider(t: string): unknown } };
      providerOfPolicy = holder.resource.getProvider("aws:s3/bucketPolicy:BucketPolicy");
    });
    expect(providerOfPolicy).to.equal(provider);
  });

  it("exports: ARNs and names become Parameters named after the bucket, the BucketPolicy at CDK's path", async () => {
    const result = await exportProgram(
      () => {
        const bucket = new s3.Bucket("data-bucket");
        iamx.grants.s3(bucket).grantRead(lambdaRole("fn"));
        iamx.grants.s3(bucket).grantRead(iamx.Role.fromRoleArn("other", OTHER));
      },
      { allowUnsupported: true },
    );
    const t = result.template;
    expect(Object.keys(t.Parameters ?? {})).to.deep.equal(["DataBucketArn", "DataBucketName"]);
    const policyIds = Object.keys(t.Resources).filter((id) => t.Resources[id].Type === "AWS::S3::BucketPolicy");
    expect(policyIds).to.have.length(1);
    expect(policyIds[0]).to.match(/^databucketPolicy[0-9A-F]{8}$/);
    const policy = t.Resources[policyIds[0]].Properties!;
    expect(policy.Bucket).to.deep.equal({ Ref: "DataBucketName" });
    expect(JSON.stringify(policy.PolicyDocument)).to.include('{"Ref":"DataBucketArn"}');
    // The raw bucket has no CloudFormation form; the bucket policy does.
    expect(result.unsupported.map((u) => u.type)).to.deep.equal(["aws:s3/bucket:Bucket"]);
  });

  it("bad input: a clear ValidationError, nothing added", async () => {
    const r = await run(() => {
      const role = lambdaRole("fn");
      const queue = new sqs.Queue("q");
      expect(validationError(() => iamx.grants.s3(queue as never)).message).to.equal(
        'iamx.grants needs an S3 bucket (aws:s3/bucket:Bucket or aws:s3/bucketV2:BucketV2), got a aws:sqs/queue:Queue "q"',
      );
      expect(validationError(() => iamx.grants.s3(null as never)).code).to.equal("InvalidGrantResource");
      expect(validationError(() => iamx.grants.s3({ arn: "" })).code).to.equal("InvalidGrantResource");
      expect(validationError(() => iamx.grants.s3({ arn: "not-an-arn" })).code).to.equal("InvalidArn");
      const bucket = new s3.Bucket("data");
      expect(validationError(() => iamx.grants.s3(bucket, { account: "12" })).code).to.equal("InvalidAccount");
      expect(validationError(() => iamx.grants.s3(bucket, "x" as never)).code).to.equal("InvalidGrantOptions");
      const grants = iamx.grants.s3(bucket);
      expect(validationError(() => grants.grantRead(null as never)).code).to.equal("InvalidGrantee");
      expect(validationError(() => grants.grantRead(role, "")).code).to.equal("InvalidObjectsKeyPattern");
      expect(validationError(() => grants.grantWrite(role, "*", "s3:PutObject" as never)).code).to.equal(
        "InvalidGrantOptions",
      );
    });
    expect(r.all(T.rolePolicy)).to.have.length(0);
  });

  it("a grant after the program's policies were finalized fails clearly", async () => {
    await run(() => {
      const bucket = new s3.Bucket("data");
      const role = lambdaRole("fn");
      finalize();
      expect(validationError(() => iamx.grants.s3(bucket).grantRead(role)).code).to.equal("ModifiedAfterFinalize");
      expect(
        validationError(() => iamx.grants.s3(bucket).grantRead(new iamx.AccountPrincipal("333333333333"))).code,
      ).to.equal("ModifiedAfterFinalize");
    });
  });
});
