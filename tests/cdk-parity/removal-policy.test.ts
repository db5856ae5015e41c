/**
 * Removal policies: the export writes `DeletionPolicy`/`UpdateReplacePolicy` exactly as aws-cdk-lib
 * does for the same calls, and Pulumi gets `retainOnDelete` on the component's own resources (not
 * on separate resources such as a role's default policy, which CDK leaves at Delete too).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as cdk from "aws-cdk-lib";
import { expect } from "chai";
import * as iamx from "../../src";
import { T, run, validationError } from "../components/iamx-helpers";
import { componentParity } from "./components-harness";

const s3Read = { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/*"] };
const RETAIN = { retainOnDelete: true };

describe("CDK parity: removal policies", () => {
  componentParity(
    "Policy.applyRemovalPolicy(RETAIN) after it is attached: Retain/Retain, and its Pulumi children are retained",
    (stack, iam) => {
      const role = new iam.Role(stack, "R", { assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com") });
      const policy = new iam.Policy(stack, "P", { statements: [new iam.PolicyStatement(s3Read)] });
      role.attachInlinePolicy(policy);
      policy.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
    },
    () => {
      const role = new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      const policy = new iamx.Policy("P", { statements: [new iamx.PolicyStatement(s3Read)] });
      role.attachInlinePolicy(policy);
      policy.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
    },
    (p) => {
      const policies = p.ours.all(T.rolePolicy);
      expect(policies).to.have.length(1);
      expect([...p.ours.retained]).to.deep.equal([`${T.rolePolicy}::${policies[0].name}`]);
    },
  );

  componentParity(
    "Role made with retainOnDelete, then RETAIN_ON_UPDATE_OR_DELETE: RetainExceptOnCreate/Retain; its default policy is not retained",
    (stack, iam) => {
      const role = new iam.Role(stack, "R", {
        assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
      });
      role.addToPolicy(new iam.PolicyStatement(s3Read));
      role.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
    },
    () => {
      const role = new iamx.Role(
        "R",
        {
          assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
          managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
        },
        RETAIN,
      );
      role.addToPolicy(new iamx.PolicyStatement(s3Read));
      role.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE);
    },
    (p) => {
      expect(p.ours.retained.has(`${T.role}::R`)).to.equal(true);
      const attach = p.ours.all(T.roleAttach);
      expect(attach).to.have.length(1);
      expect(p.ours.retained.has(`${T.roleAttach}::${attach[0].name}`)).to.equal(true);
      expect(p.ours.retained.has(`${T.rolePolicy}::R-default-policy`)).to.equal(false);
    },
  );

  componentParity(
    "Role.applyRemovalPolicy(DESTROY) at any time: Delete/Delete, nothing retained",
    (stack, iam) => {
      const role = new iam.Role(stack, "R", { assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com") });
      role.applyRemovalPolicy(cdk.RemovalPolicy.DESTROY);
    },
    () => {
      const role = new iamx.Role("R", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      role.applyRemovalPolicy(iamx.RemovalPolicy.DESTROY);
    },
    (p) => void expect(p.ours.retained.size).to.equal(0),
  );

  componentParity(
    "ManagedPolicy, User, Group, AccessKey, InstanceProfile and SamlProvider: Retain/Retain on each",
    (stack, iam) => {
      const user = new iam.User(stack, "U");
      const all = [
        new iam.ManagedPolicy(stack, "MP", { statements: [new iam.PolicyStatement(s3Read)] }),
        user,
        new iam.Group(stack, "G"),
        new iam.AccessKey(stack, "AK", { user }),
        new iam.InstanceProfile(stack, "IP"),
        new iam.SamlProvider(stack, "SP", { metadataDocument: iam.SamlMetadataDocument.fromXml(SAML_XML) }),
      ];
      for (const r of all) r.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
    },
    () => {
      const user = new iamx.User("U", {}, RETAIN);
      const all = [
        new iamx.ManagedPolicy("MP", { statements: [new iamx.PolicyStatement(s3Read)] }, RETAIN),
        user,
        new iamx.Group("G", {}, RETAIN),
        new iamx.AccessKey("AK", { user }, RETAIN),
        new iamx.InstanceProfile("IP", {}, RETAIN),
        new iamx.SamlProvider("SP", { metadataDocument: iamx.SamlMetadataDocument.fromXml(SAML_XML) }, RETAIN),
      ];
      for (const r of all) r.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
    },
    (p) => {
      for (const key of [
        `${T.policy}::MP`,
        "aws:iam/user:User::U",
        "aws:iam/group:Group::G",
        "aws:iam/accessKey:AccessKey::AK",
        "aws:iam/instanceProfile:InstanceProfile::IP",
        "aws:iam/samlProvider:SamlProvider::SP",
      ]) {
        expect(p.ours.retained.has(key), key).to.equal(true);
      }
      // The instance profile's own role is a resource of its own, as in CDK.
      expect(p.ours.retained.has(`${T.role}::IP-instance-role`)).to.equal(false);
    },
  );

  componentParity(
    "OpenIdConnectProvider removalPolicy RETAIN (CDK's OidcProviderNative prop)",
    (stack, iam) =>
      void new iam.OidcProviderNative(stack, "P", {
        url: "https://token.actions.githubusercontent.com",
        thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"],
        removalPolicy: cdk.RemovalPolicy.RETAIN,
      }),
    () =>
      void new iamx.OpenIdConnectProvider("P", {
        url: "https://token.actions.githubusercontent.com",
        thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"],
        removalPolicy: iamx.RemovalPolicy.RETAIN,
      }),
    (p) => void expect(p.ours.retained.has("aws:iam/openIdConnectProvider:OpenIdConnectProvider::P")).to.equal(true),
  );

  describe("what Pulumi cannot do, refused naming the fix", () => {
    /** The ValidationError `fn` throws inside a program run. */
    const refusal = async (fn: () => unknown) => {
      let error: iamx.ValidationError | undefined;
      await run(() => {
        error = validationError(fn);
      });
      return error!;
    };
    const lambda = () => ({ assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });

    it("RETAIN after a Role registered its aws.iam.Role without retainOnDelete", async () => {
      const e = await refusal(() => new iamx.Role("R", lambda()).applyRemovalPolicy(iamx.RemovalPolicy.RETAIN));
      expect(e.code).to.equal("RemovalPolicyAfterRegistration");
      expect(e.message).to.match(/^\[R\] applyRemovalPolicy\(retain\).*\{ retainOnDelete: true \}/);
    });

    it("DESTROY on a component made with retainOnDelete", async () => {
      const e = await refusal(() => new iamx.Group("G", {}, RETAIN).applyRemovalPolicy(iamx.RemovalPolicy.DESTROY));
      expect(e.message).to.match(/Leave `retainOnDelete` out/);
    });

    it("SNAPSHOT (CloudFormation rejects it for IAM resources) and values that are no policy", async () => {
      const snapshot = await refusal(() => new iamx.Group("G").applyRemovalPolicy(iamx.RemovalPolicy.SNAPSHOT));
      expect(snapshot.code).to.equal("RemovalPolicySnapshotNotSupported");
      const keep = await refusal(() => new iamx.Group("G").applyRemovalPolicy("keep" as never));
      expect(keep.message).to.match(/got string "keep"/);
      const oidc = await refusal(
        () =>
          new iamx.OpenIdConnectProvider("P", {
            url: "https://x.example.com",
            thumbprints: [],
            removalPolicy: 1 as never,
          }),
      );
      expect(oidc.code).to.equal("InvalidRemovalPolicy");
    });
  });
});

const SAML_XML = readFileSync(join(__dirname, "../components/fixtures/idp-metadata.xml"), "utf8");
