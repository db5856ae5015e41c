/**
 * A known environment: a program that declares its account and region (`iamx.configure({ env })`,
 * or Pulumi config `iamx:account` and `aws:region`) renders and decides as a CDK stack with that
 * `env` does: literal accounts in ARNs, imported roles of other accounts immutable, grants across
 * accounts through the resource policy, service principals and SAML sign-in URLs by region.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import * as cdkS3 from "aws-cdk-lib/aws-s3";
import * as s3 from "@pulumi/aws/s3";
import { expect } from "chai";
import * as iamx from "../../src";
import { T, run, validationError } from "../components/iamx-helpers";
import { componentParity } from "./components-harness";
import { expectGrantsParity } from "./grants-harness";

const ACCOUNT = "111111111111";
const OTHER = "222222222222";
const s3Read = { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/*"] };
const SAML_XML = readFileSync(join(__dirname, "../components/fixtures/idp-metadata.xml"), "utf8");

describe("CDK parity: a known environment", () => {
  const env = { account: ACCOUNT, region: "ap-east-1" };

  componentParity(
    "literal account in ARNs and root principals; other-account imports immutable; service principals by region",
    (stack, iam) => {
      const role = new iam.Role(stack, "R", {
        assumedBy: new iam.CompositePrincipal(
          new iam.AccountRootPrincipal(),
          new iam.ServicePrincipal("lambda.amazonaws.com"),
          new iam.ServicePrincipal("states", { region: "ap-east-1" }),
          new iam.ServicePrincipal("logs", { region: "me-south-1" }),
        ),
        managedPolicies: [
          iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"),
          iam.ManagedPolicy.fromManagedPolicyName(stack, "Mine", "mine"),
        ],
      });
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ["iam:GetUser", "iam:GetGroup", "iam:GetInstanceProfile"],
          resources: [
            iam.User.fromUserName(stack, "U", "bob").userArn,
            iam.Group.fromGroupName(stack, "G", "devs").groupArn,
            iam.InstanceProfile.fromInstanceProfileName(stack, "IP", "web").instanceProfileArn,
          ],
        }),
      );
      const byName = iam.Role.fromRoleName(stack, "ByName", "z");
      role.grantPassRole(byName);
      role.grantAssumeRole(new iam.ArnPrincipal(byName.roleArn));
      iam.Role.fromRoleArn(stack, "Same", `arn:aws:iam::${ACCOUNT}:role/same`).addToPrincipalPolicy(
        new iam.PolicyStatement(s3Read),
      );
      iam.Role.fromRoleArn(stack, "Other", `arn:aws:iam::${OTHER}:role/other`).addToPrincipalPolicy(
        new iam.PolicyStatement(s3Read),
      );
    },
    () => {
      iamx.configure({ env });
      const role = new iamx.Role("R", {
        assumedBy: new iamx.CompositePrincipal(
          new iamx.AccountRootPrincipal(),
          new iamx.ServicePrincipal("lambda.amazonaws.com"),
          new iamx.ServicePrincipal("states", { region: "ap-east-1" }),
          new iamx.ServicePrincipal("logs", { region: "me-south-1" }),
        ),
        managedPolicies: [
          iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"),
          iamx.ManagedPolicy.fromManagedPolicyName("Mine", "mine"),
        ],
      });
      role.addToPolicy(
        new iamx.PolicyStatement({
          actions: ["iam:GetUser", "iam:GetGroup", "iam:GetInstanceProfile"],
          resources: [
            iamx.User.fromUserName("U", "bob").userArn,
            iamx.Group.fromGroupName("G", "devs").groupArn,
            iamx.InstanceProfile.fromInstanceProfileName("IP", "web").instanceProfileArn,
          ],
        }),
      );
      const byName = iamx.Role.fromRoleName("ByName", "z");
      role.grantPassRole(byName);
      role.grantAssumeRole(new iamx.ArnPrincipal(byName.roleArn));
      iamx.Role.fromRoleArn("Same", `arn:aws:iam::${ACCOUNT}:role/same`).addToPrincipalPolicy(
        new iamx.PolicyStatement(s3Read),
      );
      iamx.Role.fromRoleArn("Other", `arn:aws:iam::${OTHER}:role/other`).addToPrincipalPolicy(
        new iamx.PolicyStatement(s3Read),
      );
    },
    async (p) => {
      const trust = JSON.stringify(p.theirs.RC21A1702?.Properties?.AssumeRolePolicyDocument);
      expect(trust).to.contain(`:iam::${ACCOUNT}:root`);
      expect(trust).to.contain('"logs.me-south-1.amazonaws.com"');
      expect(trust).to.contain('"states.amazonaws.com"');
      // The other account's role is immutable: no policy for it, in either target.
      expect(p.ours.all(T.rolePolicy).map((r) => r.inputs.role)).to.include.members(["same", "z"]);
      expect(p.ours.all(T.rolePolicy).map((r) => r.inputs.role)).to.not.include("other");
      await p.expectPulumiJson(T.role, "R", "assumeRolePolicy", "RC21A1702", "AssumeRolePolicyDocument");
      await p.expectPulumiJson(T.rolePolicy, "R-default-policy", "policy", "RDefaultPolicy0707467B", "PolicyDocument");
    },
    { env },
  );

  componentParity(
    "the same program without env stays environment-agnostic (the other account's role is mutable)",
    (stack, iam) => {
      iam.Role.fromRoleArn(stack, "Other", `arn:aws:iam::${OTHER}:role/other`).addToPrincipalPolicy(
        new iam.PolicyStatement(s3Read),
      );
      new iam.Role(stack, "R", { assumedBy: new iam.AccountRootPrincipal() });
    },
    () => {
      iamx.Role.fromRoleArn("Other", `arn:aws:iam::${OTHER}:role/other`).addToPrincipalPolicy(
        new iamx.PolicyStatement(s3Read),
      );
      new iamx.Role("R", { assumedBy: new iamx.AccountRootPrincipal() });
    },
    (p) => {
      expect(p.ours.all(T.rolePolicy).map((r) => r.inputs.role)).to.deep.equal(["other"]);
      expect(JSON.stringify(p.theirs.RC21A1702?.Properties)).to.contain('"Ref":"AWS::AccountId"');
    },
  );

  for (const [region, url] of [
    ["cn-north-1", "https://signin.amazonaws.cn/saml"],
    ["us-gov-west-1", "https://signin.amazonaws-us-gov.com/saml"],
    ["eu-west-1", "https://signin.aws.amazon.com/saml"],
  ]) {
    componentParity(
      `SAML console sign-in URL of region ${region}`,
      (stack, iam) => {
        const provider = new iam.SamlProvider(stack, "Saml", {
          metadataDocument: iam.SamlMetadataDocument.fromXml(SAML_XML),
        });
        new iam.Role(stack, "Console", { assumedBy: new iam.SamlConsolePrincipal(provider) });
      },
      () => {
        iamx.configure({ env: { region } });
        const provider = new iamx.SamlProvider("Saml", {
          metadataDocument: iamx.SamlMetadataDocument.fromXml(SAML_XML),
        });
        new iamx.Role("Console", { assumedBy: new iamx.SamlConsolePrincipal(provider) });
      },
      (p) => {
        const role = Object.values(p.theirs).find((r) => r.Type === "AWS::IAM::Role")!;
        expect(JSON.stringify(role.Properties)).to.contain(`"SAML:aud":"${url}"`);
      },
      { env: { region } },
    );
  }

  it("grants: same account stays in the identity policy; another account's role goes to the bucket policy", async () => {
    await expectGrantsParity(
      (stack) => {
        const role = new cdkIam.Role(stack, "R", { assumedBy: new cdkIam.ServicePrincipal("lambda.amazonaws.com") });
        const other = cdkIam.Role.fromRoleArn(stack, "Other", `arn:aws:iam::${OTHER}:role/other`);
        const bucket = new cdkS3.Bucket(stack, "Data");
        bucket.grantRead(role);
        bucket.grantRead(other);
      },
      () => {
        iamx.configure({ env: { account: ACCOUNT, region: "us-east-1" } });
        const role = new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
        const other = iamx.Role.fromRoleArn("Other", `arn:aws:iam::${OTHER}:role/other`);
        const bucket = iamx.grants.s3(new s3.Bucket("Data"));
        bucket.grantRead(role);
        bucket.grantRead(other);
      },
      {
        stackOf: (app) => new cdk.Stack(app, "stack", { env: { account: ACCOUNT, region: "us-east-1" } }),
        check: (ours) => {
          const types = Object.values(ours.cfn).map((r) => r.Type);
          expect(types.filter((t) => t === "AWS::S3::BucketPolicy")).to.have.length(1);
          expect(types.filter((t) => t === "AWS::IAM::Policy")).to.have.length(1);
        },
      },
    );
  });
});

describe("a known environment: configuration", () => {
  it("Pulumi config iamx:account and aws:region declare it (code given first wins)", async () => {
    let seen: iamx.ProgramEnvironment | undefined;
    await run(
      () => {
        new iamx.Role("R", { assumedBy: new iamx.AccountRootPrincipal() });
        seen = iamx.settings().env;
      },
      { config: { "iamx:account": ACCOUNT, "aws:region": "cn-north-1" } },
    );
    expect(seen).to.deep.equal({ account: ACCOUNT, region: "cn-north-1", partition: "aws-cn" });
    await run(
      () => {
        iamx.configure({ env: { account: OTHER } });
        new iamx.Role("R", { assumedBy: new iamx.AccountRootPrincipal() });
        seen = iamx.settings().env;
      },
      { config: { "iamx:account": ACCOUNT, "aws:region": "eu-west-1" } },
    );
    expect(seen).to.deep.equal({ account: OTHER, region: "eu-west-1", partition: "aws" });
  });

  it("refuses what is no account, region or partition, naming the field", async () => {
    await run(() => {
      for (const [bad, pattern] of [
        [{ account: "1234" }, /account must be a 12-digit/],
        [{ account: 111111111111 }, /account must be a 12-digit.*number/],
        [{ region: "Europe" }, /region must be an AWS region name/],
        [{ partition: "azure" }, /partition must be one of/],
        [{ region: "cn-north-1", partition: "aws" }, /region cn-north-1 is in partition aws-cn, not aws/],
        ["111111111111", /must be an object/],
      ] as const) {
        expect(validationError(() => iamx.configure({ env: bad as never })).message).to.match(pattern);
      }
    });
  });

  it("a SAML console principal in a region with no known sign-in URL fails (CDK writes an empty SAML:aud)", async () => {
    await run(() => {
      iamx.configure({ env: { region: "eu-isoe-west-1" } });
      const provider = iamx.SamlProvider.fromSamlProviderArn("P", "arn:aws:iam::111111111111:saml-provider/p");
      expect(validationError(() => new iamx.SamlConsolePrincipal(provider)).code).to.equal("UnknownSamlSignInUrl");
    });
  });
});
