import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { program } from "../../src/components/program-scope";
import { PolicyStatement } from "../../src/core/statement";
import { ValidationError } from "../../src/core/errors";
import { AccountPrincipal, AnyPrincipal } from "../../src/core/principals/arn";
import { WebIdentityPrincipal } from "../../src/core/principals/federated";
import { ServicePrincipal } from "../../src/core/principals/service";
import { Role } from "../../src/components/role";
import { OpenIdConnectProvider } from "../../src/components/oidc-provider";
import { Lint, lintProgram, lintTemplate, type LintSuppression } from "../../src/lint";
import { ids, policy, template } from "./helpers";

const REASON = "Reviewed in SEC-1234: needed for the nightly job";

function wildcardTemplate(suppressions?: unknown): Record<string, unknown> {
  const p = policy(
    { Effect: "Allow", Action: ["s3:GetObject*", "s3:List*"], Resource: ["arn:aws:s3:::b/*", "*"] },
    { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
  );
  if (suppressions !== undefined) {
    p.Metadata = {
      "aws:cdk:path": "Stack/Worker/DefaultPolicy/Resource",
      cdk_nag: { rules_to_suppress: suppressions },
    };
  }
  return template({ P: p });
}

describe("lint: suppressions", () => {
  describe("in template Metadata (cdk-nag v2 format)", () => {
    it("an id without appliesTo silences every finding of the rule on that resource", () => {
      const r = lintTemplate(wildcardTemplate([{ id: "AwsSolutions-IAM5", reason: REASON }]));
      expect(ids(r)).to.deep.equal(["IAMX-PassRoleStar"]);
      expect(r.suppressed.map((f) => f.findingId)).to.deep.equal([
        "Action::s3:GetObject*",
        "Action::s3:List*",
        "Resource::arn:aws:s3:::b/*",
        "Resource::*",
      ]);
      expect(r.suppressed[0].suppression).to.deep.equal({ id: "AwsSolutions-IAM5", reason: REASON });
      expect(r.suppressed[0].component).to.equal("Worker/DefaultPolicy");
    });

    it("applies_to / appliesTo select granular findings by id or regex", () => {
      const r = lintTemplate(
        wildcardTemplate([
          {
            id: "AwsSolutions-IAM5",
            reason: REASON,
            applies_to: ["Action::s3:GetObject*", { regex: "/^Resource::arn:aws:s3:::b\\/(.*)$/g" }],
          },
        ]),
      );
      expect(ids(r)).to.deep.equal([
        "AwsSolutions-IAM5[Action::s3:List*]",
        "AwsSolutions-IAM5[Resource::*]",
        "IAMX-PassRoleStar",
      ]);
      expect(r.suppressed.map((f) => f.findingId)).to.deep.equal([
        "Action::s3:GetObject*",
        "Resource::arn:aws:s3:::b/*",
      ]);
    });

    it("cdk-nag v3's bracket form names one finding", () => {
      const r = lintTemplate(wildcardTemplate([{ id: "AwsSolutions-IAM5[Resource::*]", reason: REASON }]));
      expect(r.suppressed.map((f) => f.findingId)).to.deep.equal(["Resource::*"]);
    });

    it("appliesTo never silences a whole-resource finding; an id alone does", () => {
      const withAppliesTo = lintTemplate(
        wildcardTemplate([{ id: "IAMX-PassRoleStar", reason: REASON, appliesTo: ["Resource::*"] }]),
      );
      expect(ids(withAppliesTo)).to.include("IAMX-PassRoleStar");
      const plain = lintTemplate(wildcardTemplate([{ id: "IAMX-PassRoleStar", reason: REASON }]));
      expect(ids(plain)).to.not.include("IAMX-PassRoleStar");
    });

    it("a suppression without a reason (or too short) is an error finding and is ignored", () => {
      const r = lintTemplate(
        wildcardTemplate([
          { id: "IAMX-PassRoleStar" },
          { id: "AwsSolutions-IAM5", reason: "because" },
          { id: "", reason: REASON },
        ]),
      );
      const invalid = r.findings.filter((f) => f.ruleId === "IAMX-InvalidSuppression");
      expect(invalid).to.have.length(3);
      expect(invalid[0].message).to.contain("needs a reason of at least 10 characters");
      expect(invalid[0].level).to.equal("error");
      expect(ids(r)).to.include("IAMX-PassRoleStar");
      expect(ids(r)).to.include("AwsSolutions-IAM5[Resource::*]");
      expect(r.suppressed).to.deep.equal([]);
      expect(r.rules.map((x) => x.id)).to.include("IAMX-InvalidSuppression");
    });
  });

  describe("programs: Lint.suppress and lintProgram", () => {
    it("silences a rule on the component and everything under it", async () => {
      const report = await lintProgram(() => {
        const open = new Role("open", { assumedBy: new AnyPrincipal() });
        const child = new Role("child", { assumedBy: new AnyPrincipal() }, { parent: open });
        new Role("other", { assumedBy: new AnyPrincipal() });
        Lint.suppress(open, [{ id: "IAMX-TrustAnyPrincipal", reason: "Public demo role, no permissions attached" }]);
        return { child: child.roleArn };
      });
      const trust = (list: readonly { ruleId: string; component: string }[]) =>
        list.filter((f) => f.ruleId === "IAMX-TrustAnyPrincipal").map((f) => f.component);
      expect(trust(report.findings)).to.deep.equal(["other"]);
      expect(trust(report.suppressed)).to.deep.equal(["open", "open/child"]);
      expect(report.source).to.equal("program");
    });

    it("Lint.suppressAll covers the whole program; a CfnResource can be the target", async () => {
      const report = await lintProgram(() => {
        const partner = new Role("partner", { assumedBy: new AccountPrincipal("111122223333") });
        const open = new Role("open", { assumedBy: new AnyPrincipal() });
        Lint.suppressAll([{ id: "IAMX-CrossAccountTrustWithoutExternalId", reason: "All partner accounts are ours" }]);
        Lint.suppress(open.cfn, [
          { id: "IAMX-TrustAnyPrincipal", reason: "Public demo role, no permissions attached" },
        ]);
        void partner;
      });
      expect(report.findings.filter((f) => f.ruleId.startsWith("IAMX-"))).to.deep.equal([]);
      expect(report.suppressed.map((f) => `${f.ruleId}@${f.component}`)).to.deep.equal([
        "IAMX-CrossAccountTrustWithoutExternalId@partner",
        "IAMX-TrustAnyPrincipal@open",
      ]);
    });

    it("a missing or short reason fails the program with a ValidationError", async () => {
      for (const bad of [
        [{ id: "IAMX-TrustAnyPrincipal" }],
        [{ id: "IAMX-TrustAnyPrincipal", reason: "   short   " }],
        [{ id: "IAMX-TrustAnyPrincipal", reason: REASON, appliesTo: [] }],
        [{ id: "IAMX-TrustAnyPrincipal", reason: REASON, appliesTo: [{ regex: "(" }] }],
        [{ id: "IAMX-TrustAnyPrincipal", reason: REASON, appliesTo: [42] }],
        [{ reason: REASON }],
        "IAMX-TrustAnyPrincipal",
      ]) {
        let error: unknown;
        await lintProgram(() => {
          const role = new Role("r", { assumedBy: new AnyPrincipal() });
          Lint.suppress(role, bad as unknown as LintSuppression[]);
        }).catch((e) => (error = e));
        expect(error, JSON.stringify(bad)).to.be.instanceOf(ValidationError);
      }
      let short: unknown;
      await lintProgram(() => {
        Lint.suppress(new Role("r", { assumedBy: new AnyPrincipal() }), [
          { id: "IAMX-TrustAnyPrincipal", reason: "ok" },
        ]);
      }).catch((e) => (short = e));
      expect((short as ValidationError).code).to.equal("LintSuppressionReason");
      expect((short as Error).message).to.equal(
        'The suppression of IAMX-TrustAnyPrincipal on r needs a reason of at least 10 characters saying why the finding is acceptable; got "ok"',
      );
    });

    it("rejects targets that are not resources, without dumping them", () => {
      for (const bad of [undefined, null, {}, "role", { constructPath: [1] }]) {
        expect(() => Lint.suppress(bad as never, [{ id: "X", reason: REASON }])).to.throw(
          ValidationError,
          /Lint\.suppress needs a Pulumi resource or component/,
        );
      }
      let error: Error | undefined;
      try {
        Lint.suppress({ secretish: "x".repeat(500) } as never, [{ id: "X", reason: REASON }]);
      } catch (e) {
        error = e as Error;
      }
      expect(error?.message).to.not.contain("x".repeat(100));
    });

    it("attaches to any Pulumi component or resource and covers its children (cdk-nag applyToChildren)", async () => {
      const report = await lintProgram(() => {
        const team = new pulumi.ComponentResource("acme:index:Team", "team");
        const nested = new pulumi.ComponentResource("acme:index:Squad", "squad", {}, { parent: team });
        new Role("lead", { assumedBy: new AnyPrincipal() }, { parent: team });
        new Role("member", { assumedBy: new AnyPrincipal() }, { parent: nested });
        new Role("outside", { assumedBy: new AnyPrincipal() });
        // A sibling whose name starts with the scope's name is not below it.
        const sibling = new pulumi.ComponentResource("acme:index:Team", "teamx");
        new Role("r", { assumedBy: new AnyPrincipal() }, { parent: sibling });
        Lint.suppress(team, [{ id: "IAMX-TrustAnyPrincipal", reason: "Team sandbox roles, reviewed in SEC-9" }]);
      });
      const trust = (list: readonly { ruleId: string; component: string }[]) =>
        list.filter((f) => f.ruleId === "IAMX-TrustAnyPrincipal").map((f) => f.component);
      expect(trust(report.suppressed)).to.deep.equal(["team/lead", "team/squad/member"]);
      expect(trust(report.findings)).to.deep.equal(["outside", "teamx/r"]);
    });

    it("iamx.program as the target covers everything, as suppressAll", async () => {
      const report = await lintProgram(() => {
        new Role("open", { assumedBy: new AnyPrincipal() });
        Lint.suppress(program, [{ id: "IAMX-TrustAnyPrincipal", reason: "Public demo roles, no permissions" }]);
      });
      expect(report.findings.filter((f) => f.ruleId === "IAMX-TrustAnyPrincipal")).to.deep.equal([]);
      expect(report.suppressed.map((f) => f.component)).to.include("open");
    });

    it("a rule id with finding ids silences only those findings, on a component's children too", async () => {
      const report = await lintProgram(() => {
        const app = new pulumi.ComponentResource("acme:index:App", "app");
        const role = new Role("worker", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") }, { parent: app });
        role.addToPolicy(new PolicyStatement({ actions: ["s3:GetObject*"], resources: ["*"] }));
        Lint.suppress(app, [
          {
            id: "AwsSolutions-IAM5",
            reason: "Objects of every bucket, reviewed",
            appliesTo: ["Action::s3:GetObject*"],
          },
        ]);
      });
      const iam5 = (list: readonly { ruleId: string; findingId?: string }[]) =>
        list.filter((f) => f.ruleId === "AwsSolutions-IAM5").map((f) => f.findingId);
      expect(iam5(report.suppressed)).to.deep.equal(["Action::s3:GetObject*"]);
      expect(iam5(report.findings)).to.deep.equal(["Resource::*"]);
    });

    it("lints OIDC trust built with the OpenIdConnectProvider component", async () => {
      const report = await lintProgram(() => {
        const provider = new OpenIdConnectProvider("github", {
          url: "https://token.actions.githubusercontent.com",
          clientIds: ["sts.amazonaws.com"],
          thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"],
        });
        new Role("deploy", {
          assumedBy: new WebIdentityPrincipal(provider.openIdConnectProviderArn, {
            StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
          }),
        });
        new Role("scoped", {
          assumedBy: new WebIdentityPrincipal(provider.openIdConnectProviderArn, {
            StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/app:*" },
          }),
        });
        new Role("fn", { assumedBy: new ServicePrincipal("lambda") });
      });
      const oidc = report.findings.filter((f) => f.ruleId === "IAMX-OidcTrustWithoutSub");
      expect(oidc.map((f) => f.component)).to.deep.equal(["deploy"]);
      // The provider's ARN is its Ref (as CDK's provider), recognised by the resource type it points at.
      expect(oidc[0].message).to.match(/OIDC provider <github[0-9A-F]{8}> assume deploy/);
    });
  });
});
