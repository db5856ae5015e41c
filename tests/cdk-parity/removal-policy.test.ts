/**
 * Removal policies: the export writes `DeletionPolicy`/`UpdateReplacePolicy` exactly as aws-cdk-lib
 * does for the same calls, and Pulumi gets `retainOnDelete` on the component's own resources (not
 * on separate resources such as a role's default policy, which CDK leaves at Delete too).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as cdk from "aws-cdk-lib";
import { expect } from "chai";
import * as iamx from "../../src";
import { exportTemplate } from "../../src/render/cloudformation/export";
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
    "ManagedPolicy, User, Group, AccessKey, InstanceProfile and SamlProvider made with retainOnDelete: Retain/Retain on each",
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
      for (const key of EVERY_RESOURCE.filter((k) => !k.startsWith(T.role) && !k.includes("openIdConnect"))) {
        expect(p.ours.retained.has(key), key).to.equal(true);
      }
      // The instance profile's own role is a resource of its own, as in CDK.
      expect(p.ours.retained.has(`${T.role}::IP-instance-role`)).to.equal(false);
    },
  );

  describe("applyRemovalPolicy after construction (CDK's usage): the export and the engine get the final policy", () => {
    /** One of each component, as CDK and as iamx, each given `policy` right after it was made. */
    const everyCdk = (stack: cdk.Stack, iam: typeof import("aws-cdk-lib/aws-iam"), policy: cdk.RemovalPolicy) => {
      const role = new iam.Role(stack, "R", {
        assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
      });
      role.addToPolicy(new iam.PolicyStatement(s3Read));
      const user = new iam.User(stack, "U");
      const policyP = new iam.Policy(stack, "P", { statements: [new iam.PolicyStatement(s3Read)] });
      policyP.attachToRole(role);
      const all: { applyRemovalPolicy(p: cdk.RemovalPolicy): void }[] = [
        role,
        user,
        policyP,
        new iam.ManagedPolicy(stack, "MP", { statements: [new iam.PolicyStatement(s3Read)] }),
        new iam.Group(stack, "G"),
        new iam.AccessKey(stack, "AK", { user }),
        new iam.InstanceProfile(stack, "IP"),
        new iam.SamlProvider(stack, "SP", { metadataDocument: iam.SamlMetadataDocument.fromXml(SAML_XML) }),
        new iam.OidcProviderNative(stack, "OP", { url: OIDC_URL, thumbprints: [THUMBPRINT] }),
      ];
      for (const r of all) r.applyRemovalPolicy(policy);
    };
    const everyIamx = (policies: iamx.RemovalPolicy[]) => {
      const role = new iamx.Role("R", {
        assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com"),
        managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
      });
      role.addToPolicy(new iamx.PolicyStatement(s3Read));
      const user = new iamx.User("U");
      const policyP = new iamx.Policy("P", { statements: [new iamx.PolicyStatement(s3Read)] });
      policyP.attachToRole(role);
      const all = [
        role,
        user,
        policyP,
        new iamx.ManagedPolicy("MP", { statements: [new iamx.PolicyStatement(s3Read)] }),
        new iamx.Group("G"),
        new iamx.AccessKey("AK", { user }),
        new iamx.InstanceProfile("IP"),
        new iamx.SamlProvider("SP", { metadataDocument: iamx.SamlMetadataDocument.fromXml(SAML_XML) }),
        new iamx.OpenIdConnectProvider("OP", { url: OIDC_URL, thumbprints: [THUMBPRINT] }),
      ];
      for (const policy of policies) for (const r of all) r.applyRemovalPolicy(policy);
      return all;
    };
    const retainedKeys = (p: { ours: { retained: Set<string>; all(t: string): { name: string }[] } }) => {
      const attach = p.ours.all(T.roleAttach).map((a) => `${T.roleAttach}::${a.name}`);
      const policyOnRole = p.ours.all(T.rolePolicy).filter((r) => r.name !== "R-default-policy");
      expect(attach).to.have.length(1);
      expect(policyOnRole).to.have.length(1);
      return [...EVERY_RESOURCE, ...attach, `${T.rolePolicy}::${policyOnRole[0].name}`];
    };

    componentParity(
      "RETAIN on every component: Retain/Retain in the export; retainOnDelete on each one's Pulumi resources",
      (stack, iam) => everyCdk(stack, iam, cdk.RemovalPolicy.RETAIN),
      () => void everyIamx([iamx.RemovalPolicy.RETAIN]),
      (p) => {
        for (const key of retainedKeys(p)) expect(p.ours.retained.has(key), key).to.equal(true);
        // Separate resources stay at Delete, as in CDK: the role's default policy, the profile's role.
        expect(p.ours.retained.has(`${T.rolePolicy}::R-default-policy`)).to.equal(false);
        expect(p.ours.retained.has(`${T.role}::IP-instance-role`)).to.equal(false);
      },
    );

    componentParity(
      "RETAIN_ON_UPDATE_OR_DELETE on every component: RetainExceptOnCreate/Retain; retainOnDelete in Pulumi",
      (stack, iam) => everyCdk(stack, iam, cdk.RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE),
      () => void everyIamx([iamx.RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE]),
      (p) => {
        for (const key of retainedKeys(p)) expect(p.ours.retained.has(key), key).to.equal(true);
      },
    );

    componentParity(
      "the last call wins: RETAIN then DESTROY is Delete/Delete, and nothing is retained",
      (stack, iam) => everyCdk(stack, iam, cdk.RemovalPolicy.DESTROY),
      () => void everyIamx([iamx.RemovalPolicy.RETAIN, iamx.RemovalPolicy.DESTROY]),
      (p) => void expect([...p.ours.retained]).to.deep.equal([]),
    );

    componentParity(
      "a call later in the program, after an await, still reaches both targets (registration waits for finalize)",
      (stack, iam) => {
        new iam.Group(stack, "G").applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);
      },
      async () => {
        const group = new iamx.Group("G");
        await new Promise((resolve) => setTimeout(resolve, 20));
        group.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
      },
      (p) => void expect([...p.ours.retained]).to.deep.equal(["aws:iam/group:Group::G"]),
    );

    componentParity(
      "made with Pulumi's retainOnDelete, then DESTROY: Delete/Delete, and Pulumi deletes it too",
      (stack, iam) => {
        new iam.Group(stack, "G").applyRemovalPolicy(cdk.RemovalPolicy.DESTROY);
      },
      () => {
        new iamx.Group("G", {}, RETAIN).applyRemovalPolicy(iamx.RemovalPolicy.DESTROY);
      },
      (p) => void expect([...p.ours.retained]).to.deep.equal([]),
    );

    it("in a model-only export too: the template has the final DeletionPolicy", async () => {
      const template = await exportTemplate(() => void everyIamx([iamx.RemovalPolicy.RETAIN]), { mode: "model" });
      const resources = Object.values(template.Resources as Record<string, { Type: string; DeletionPolicy?: string }>);
      const retained = resources.filter((r) => r.DeletionPolicy === "Retain").map((r) => r.Type);
      expect([...new Set(retained)].sort()).to.deep.equal([
        "AWS::IAM::AccessKey",
        "AWS::IAM::Group",
        "AWS::IAM::InstanceProfile",
        "AWS::IAM::ManagedPolicy",
        "AWS::IAM::OIDCProvider",
        "AWS::IAM::Policy",
        "AWS::IAM::Role",
        "AWS::IAM::SAMLProvider",
        "AWS::IAM::User",
      ]);
    });
  });

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

    it("a call after finalize", async () => {
      let role: iamx.Role | undefined;
      await run(() => {
        role = new iamx.Role("R", lambda());
      });
      const e = validationError(() => role!.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN));
      expect(e.code).to.equal("ModifiedAfterFinalize");
    });

    it("a call that would change retainOnDelete after the engine read it (a transformation removed the gate)", async () => {
      let error: iamx.ValidationError | undefined;
      await run(async () => {
        // Replacing `dependsOn` lets the group register at once, so the engine reads its policy then.
        const early: pulumi.ResourceTransformation = (args) => ({
          props: args.props,
          opts: { ...args.opts, dependsOn: [] },
        });
        const group = new iamx.Group("G", {}, { transformations: [early] });
        // Its URN resolves once the (mocked) engine took the registration and ran its transforms.
        await new Promise((resolve) => group.resource.urn.apply(resolve));
        group.applyRemovalPolicy(iamx.RemovalPolicy.DESTROY); // unchanged: fine
        error = validationError(() => group.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN));
      });
      expect(error!.code).to.equal("RemovalPolicyAfterRegistration");
      expect(error!.message).to.match(
        /^\[G\] applyRemovalPolicy\(retain\) came after Pulumi registered resources of G/,
      );
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

const OIDC_URL = "https://token.actions.githubusercontent.com";
const THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1";
/** `type::name` of the resource each component of `everyIamx` stands for. */
const EVERY_RESOURCE = [
  `${T.role}::R`,
  "aws:iam/user:User::U",
  `${T.policy}::MP`,
  "aws:iam/group:Group::G",
  "aws:iam/accessKey:AccessKey::AK",
  "aws:iam/instanceProfile:InstanceProfile::IP",
  "aws:iam/samlProvider:SamlProvider::SP",
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider::OP",
];

const SAML_XML = readFileSync(join(__dirname, "../components/fixtures/idp-metadata.xml"), "utf8");
