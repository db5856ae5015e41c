import { expect } from "chai";
import { ValidationError } from "../../src/core/errors";
import { lintTemplate, Lint } from "../../src/lint";
import { LAMBDA_TRUST, ids, policy, role, ruleIds, template } from "./helpers";

const AWS_MANAGED = { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/ReadOnlyAccess"]] };

describe("lint: rules", () => {
  describe("AwsSolutions-IAM4 (AWS managed policies)", () => {
    it("flags each AWS managed policy of a role, user or group, cdk-nag style", () => {
      const report = lintTemplate(
        template({
          R: role([LAMBDA_TRUST], {
            ManagedPolicyArns: [AWS_MANAGED, "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"],
          }),
          U: {
            Type: "AWS::IAM::User",
            Properties: { ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] },
          },
          G: { Type: "AWS::IAM::Group", Properties: { ManagedPolicyArns: [AWS_MANAGED] } },
        }),
      );
      expect(ids(report)).to.deep.equal([
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/ReadOnlyAccess]",
        "AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/job-function/ViewOnlyAccess]",
        "AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/AdministratorAccess]",
        "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/ReadOnlyAccess]",
      ]);
      const f = report.findings[0];
      expect(f).to.include({ level: "error", component: "R", logicalId: "R", location: "ManagedPolicyArns[0]" });
      expect(f.message).to.contain("AWS managed policy");
      expect(f.fix).to.contain("appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/ReadOnlyAccess']");
    });

    it("accepts customer managed policies", () => {
      const report = lintTemplate(
        template({
          MP: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k" }),
          R: role([LAMBDA_TRUST], {
            ManagedPolicyArns: [
              { Ref: "MP" },
              "arn:aws:iam::123456789012:policy/mine",
              {
                "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::", { Ref: "AWS::AccountId" }, ":policy/x"]],
              },
            ],
          }),
        }),
      );
      expect(ruleIds(report)).to.not.include("AwsSolutions-IAM4");
    });
  });

  describe("AwsSolutions-IAM5 (wildcards)", () => {
    it("flags wildcard actions and resources in Allow statements, once per finding per resource", () => {
      const report = lintTemplate(
        template({
          P: policy(
            { Effect: "Allow", Action: ["s3:GetObject*", "s3:List*"], Resource: "arn:aws:s3:::b/*" },
            {
              Effect: "Allow",
              Action: "s3:GetObject*",
              Resource: { "Fn::Join": ["", [{ "Fn::GetAtt": ["B", "Arn"] }, "/*"]] },
            },
          ),
          U: {
            Type: "AWS::IAM::User",
            Properties: {
              Policies: [
                {
                  PolicyName: "inline",
                  PolicyDocument: { Statement: [{ Effect: "Allow", Action: "sqs:*", Resource: "*" }] },
                },
              ],
            },
          },
          M: {
            Type: "AWS::IAM::ManagedPolicy",
            Properties: {
              PolicyDocument: {
                Statement: { Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:*:1:key/*" },
              },
            },
          },
        }),
      );
      expect(ids(report).filter((i) => i.startsWith("AwsSolutions-IAM5"))).to.deep.equal([
        "AwsSolutions-IAM5[Action::s3:GetObject*]",
        "AwsSolutions-IAM5[Action::s3:List*]",
        "AwsSolutions-IAM5[Resource::arn:aws:s3:::b/*]",
        "AwsSolutions-IAM5[Resource::<B.Arn>/*]",
        "AwsSolutions-IAM5[Action::sqs:*]",
        "AwsSolutions-IAM5[Resource::*]",
        "AwsSolutions-IAM5[Resource::arn:aws:kms:*:1:key/*]",
      ]);
      const first = report.findings[0];
      expect(first).to.include({ statementIndex: 0, location: "PolicyDocument.Statement[0]", policyName: "p" });
      expect(first.message).to.equal(
        "statement 0 of policy p (and 1 more statement) allows the wildcard action s3:GetObject*.",
      );
      const inline = report.findings.find((f) => f.findingId === "Action::sqs:*")!;
      expect(inline).to.include({ location: "Policies[0].PolicyDocument.Statement[0]", policyName: "inline" });
    });

    it("ignores Deny statements, exact names and trust policies", () => {
      const report = lintTemplate(
        template({
          P: policy(
            { Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::b/k" },
            { Effect: "Deny", Action: "*", Resource: "*" },
          ),
          R: role([{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:*" }]),
        }),
      );
      expect(ruleIds(report)).to.deep.equal([]);
    });
  });

  describe("IAMX-AdminAccess", () => {
    it("flags Allow * on *, and * with NotResource", () => {
      const report = lintTemplate(
        template({
          P: policy(
            { Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" },
            { Effect: "Allow", Action: "*", NotResource: "arn:aws:s3:::secret" },
            { Effect: "Allow", Action: "*:*", Resource: "arn:aws:*:*:*:*" },
          ),
        }),
      );
      const admin = report.findings.filter((f) => f.ruleId === "IAMX-AdminAccess");
      expect(admin.map((f) => f.statementIndex)).to.deep.equal([0, 1, 2]);
      expect(admin[0]).to.include({ sid: "Admin", level: "error" });
      expect(admin[0].message).to.equal(
        'statement 0 (Sid "Admin") of policy p allows every action on every resource (administrator access).',
      );
    });

    it("accepts Deny * on *, * on one resource, and service:* on *", () => {
      const report = lintTemplate(
        template({
          P: policy(
            { Effect: "Deny", Action: "*", Resource: "*" },
            { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::b" },
            { Effect: "Allow", Action: "s3:*", Resource: "*" },
          ),
        }),
      );
      expect(ruleIds(report)).to.not.include("IAMX-AdminAccess");
    });
  });

  describe("IAMX-PassRoleStar", () => {
    it("flags iam:PassRole (or a pattern covering it) on every role", () => {
      const report = lintTemplate(
        template({
          P: policy(
            { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
            { Effect: "Allow", Action: ["s3:GetObject", "iam:Pass*"], Resource: "arn:aws:iam::123456789012:role/*" },
            { Effect: "Allow", Action: "IAM:*", Resource: "arn:aws:iam::123456789012:*" },
          ),
        }),
      );
      const f = report.findings.filter((x) => x.ruleId === "IAMX-PassRoleStar");
      expect(f.map((x) => x.statementIndex)).to.deep.equal([0, 1, 2]);
      expect(f[0].message).to.equal(
        "statement 0 of policy p allows iam:PassRole on *: the holder can pass any role to a service.",
      );
      expect(f[1].message).to.contain("iam:PassRole (through iam:Pass*) on arn:aws:iam::123456789012:role/*");
      expect(f[0].fix).to.contain("iam:PassedToService");
    });

    it("accepts PassRole on named roles, Deny, and leaves * on * to IAMX-AdminAccess", () => {
      const report = lintTemplate(
        template({
          P: policy(
            {
              Effect: "Allow",
              Action: "iam:PassRole",
              Resource: [{ "Fn::GetAtt": ["R", "Arn"] }, "arn:aws:iam::1:role/app-*"],
            },
            { Effect: "Deny", Action: "iam:PassRole", Resource: "*" },
            { Effect: "Allow", Action: "*", Resource: "*" },
            { Effect: "Allow", Action: "iam:GetRole", Resource: "*" },
          ),
        }),
      );
      expect(ruleIds(report)).to.not.include("IAMX-PassRoleStar");
      expect(ruleIds(report)).to.include("IAMX-AdminAccess");
    });
  });

  describe("IAMX-AllowNotAction / IAMX-AllowNotResource", () => {
    it("flags Allow with NotAction and with NotResource, in identity and trust policies", () => {
      const report = lintTemplate(
        template({
          P: policy(
            { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
            { Effect: "Allow", Action: "s3:GetObject", NotResource: ["arn:aws:s3:::secret/*"] },
          ),
          R: role([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, NotAction: "sts:TagSession" }]),
        }),
      );
      expect(ids(report).filter((i) => i.startsWith("IAMX-AllowNot"))).to.deep.equal([
        "IAMX-AllowNotAction",
        "IAMX-AllowNotResource",
        "IAMX-AllowNotAction",
      ]);
      expect(report.findings.find((f) => f.ruleId === "IAMX-AllowNotResource")!.message).to.contain(
        "every resource except arn:aws:s3:::secret/*",
      );
    });

    it("accepts NotAction and NotResource in Deny statements", () => {
      const report = lintTemplate(
        template({
          P: policy(
            { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k" },
            { Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" },
            { Effect: "Deny", Action: "s3:DeleteObject", NotResource: "arn:aws:s3:::b/tmp" },
          ),
        }),
      );
      expect(ruleIds(report)).to.deep.equal([]);
    });
  });

  describe("IAMX-TrustAnyPrincipal", () => {
    it("flags trust open to any principal without conditions", () => {
      const report = lintTemplate(
        template({
          A: role([{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }]),
          B: role([{ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::1:root", "*"] }, Action: "sts:AssumeRole" }]),
        }),
      );
      const f = report.findings.filter((x) => x.ruleId === "IAMX-TrustAnyPrincipal");
      expect(f.map((x) => x.logicalId)).to.deep.equal(["A", "B"]);
      expect(f[0]).to.include({ location: "AssumeRolePolicyDocument.Statement[0]", level: "error" });
      expect(f[0].message).to.equal(
        "statement 0 of the trust policy lets any AWS principal assume A, with no condition.",
      );
    });

    it("accepts * with a condition, and specific principals", () => {
      const report = lintTemplate(
        template({
          A: role([
            {
              Effect: "Allow",
              Principal: { AWS: "*" },
              Action: "sts:AssumeRole",
              Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } },
            },
          ]),
          B: role([LAMBDA_TRUST]),
          C: role([{ Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }, LAMBDA_TRUST]),
        }),
      );
      expect(ruleIds(report)).to.deep.equal([]);
    });
  });

  describe("IAMX-CrossAccountTrustWithoutExternalId", () => {
    const other = (principal: unknown, condition?: unknown) =>
      role([
        {
          Effect: "Allow",
          Principal: { AWS: principal },
          Action: "sts:AssumeRole",
          ...(condition ? { Condition: condition } : {}),
        },
      ]);

    it("warns when another account may assume the role without sts:ExternalId", () => {
      const report = lintTemplate(
        template({
          A: other("arn:aws:iam::111122223333:root"),
          B: other("222233334444"),
          C: other({ "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::333344445555:role/ci"]] }),
        }),
      );
      const f = report.findings.filter((x) => x.ruleId === "IAMX-CrossAccountTrustWithoutExternalId");
      expect(f.map((x) => x.logicalId)).to.deep.equal(["A", "B", "C"]);
      expect(f[0].level).to.equal("warning");
      expect(f[0].message).to.equal(
        "statement 0 of the trust policy lets account 111122223333 assume A without an sts:ExternalId condition.",
      );
      expect(report.errorCount).to.equal(0);
      expect(report.warningCount).to.equal(3);
    });

    it("accepts an external id condition, this account, and roles of the template", () => {
      const report = lintTemplate(
        template({
          A: other("arn:aws:iam::111122223333:root", { StringEquals: { "sts:ExternalId": "x-123" } }),
          B: other({
            "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::", { Ref: "AWS::AccountId" }, ":root"]],
          }),
          C: other({ "Fn::GetAtt": ["B", "Arn"] }),
          D: other("arn:aws:iam::444455556666:root"),
          E: role([
            { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:TagSession" },
          ]),
        }),
        { accountId: "444455556666" },
      );
      expect(ruleIds(report)).to.deep.equal([]);
    });
  });

  describe("IAMX-OidcTrustWithoutSub", () => {
    const github = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    const web = (federated: unknown, condition?: unknown) =>
      role([
        {
          Effect: "Allow",
          Principal: { Federated: federated },
          Action: "sts:AssumeRoleWithWebIdentity",
          ...(condition ? { Condition: condition } : {}),
        },
      ]);

    it("flags OIDC trust without a sub condition (aud only, or sub '*')", () => {
      const report = lintTemplate(
        template({
          Provider: {
            Type: "AWS::IAM::OIDCProvider",
            Properties: { Url: "https://token.actions.githubusercontent.com" },
          },
          A: web(github, { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }),
          B: web({ Ref: "Provider" }),
          C: web(github, { StringLike: { "token.actions.githubusercontent.com:sub": "*" } }),
          D: web("accounts.google.com"),
        }),
      );
      const f = report.findings.filter((x) => x.ruleId === "IAMX-OidcTrustWithoutSub");
      expect(f.map((x) => x.logicalId)).to.deep.equal(["A", "B", "C", "D"]);
      expect(f[0].message).to.equal(
        `statement 0 of the trust policy lets any identity of the OIDC provider ${github} assume A: no condition on the sub claim.`,
      );
      expect(f[1].message).to.contain("OIDC provider <Provider>");
    });

    it("accepts a sub condition, Cognito and SAML federation", () => {
      const report = lintTemplate(
        template({
          A: web(github, {
            StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
            StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/app:ref:refs/heads/main" },
          }),
          B: web("cognito-identity.amazonaws.com", { StringEquals: { "cognito-identity.amazonaws.com:aud": "pool" } }),
          C: role([
            {
              Effect: "Allow",
              Principal: { Federated: "arn:aws:iam::111122223333:saml-provider/corp" },
              Action: "sts:AssumeRoleWithSAML",
              Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } },
            },
          ]),
        }),
      );
      expect(ruleIds(report)).to.deep.equal([]);
    });
  });

  describe("compliance packs (cdk-nag's HIPAA / NIST / PCI IAM rules)", () => {
    const user = (props: Record<string, unknown> = {}) => ({ Type: "AWS::IAM::User", Properties: props });

    it("each rule is reported under every pack that has it", () => {
      const t = template({ G: { Type: "AWS::IAM::Group", Properties: {} } });
      const packIds = (pack: string) => ruleIds(lintTemplate(t, { packs: [pack] }));
      expect(packIds("HIPAA.Security")).to.deep.equal(["HIPAA.Security-IAMGroupHasUsers"]);
      expect(packIds("NIST.800.53.R4")).to.deep.equal(["NIST.800.53.R4-IAMGroupHasUsers"]);
      expect(packIds("PCI.DSS.321")).to.deep.equal(["PCI.DSS.321-IAMGroupHasUsers"]);
      expect(packIds("NIST.800.53.R5")).to.deep.equal([]); // R5 has no IAMGroupHasUsers
      expect(Lint.rules({ packs: ["NIST.800.53.R4"] }).map((r) => r.id)).to.not.include(
        "NIST.800.53.R4-IAMPolicyNoStatementsWithFullAccess",
      );
    });

    it("IAMGroupHasUsers: a group with no user, and not one a user or an addition names", () => {
      const t = template({
        Empty: { Type: "AWS::IAM::Group", Properties: {} },
        ByRef: { Type: "AWS::IAM::Group", Properties: {} },
        ByName: { Type: "AWS::IAM::Group", Properties: { GroupName: "ops" } },
        U: user({ Groups: [{ Ref: "ByRef" }] }),
        Add: { Type: "AWS::IAM::UserToGroupAddition", Properties: { GroupName: "ops", Users: ["x"] } },
      });
      const f = lintTemplate(t, { packs: ["PCI.DSS.321"] }).findings.filter((x) =>
        x.ruleId.endsWith("IAMGroupHasUsers"),
      );
      expect(f.map((x) => x.logicalId)).to.deep.equal(["Empty"]);
    });

    it("IAMNoInlinePolicy: inline policies and AWS::IAM::Policy, not managed policies", () => {
      const t = template({
        P: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k" }),
        R: role([LAMBDA_TRUST], { Policies: [] }),
        Clean: role([LAMBDA_TRUST]),
        M: { Type: "AWS::IAM::ManagedPolicy", Properties: { PolicyDocument: { Statement: [] } } },
      });
      const f = lintTemplate(t, { packs: ["NIST.800.53.R5"] }).findings.filter((x) =>
        x.ruleId.endsWith("IAMNoInlinePolicy"),
      );
      expect(f.map((x) => x.logicalId)).to.deep.equal(["P", "R"]);
    });

    it("IAMPolicyNoStatementsWithAdminAccess / FullAccess", () => {
      const t = template({
        Admin: policy({ Effect: "Allow", Action: "*", Resource: "*" }),
        Full: policy({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b" }),
        Fine: policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }),
        Denied: policy({ Effect: "Deny", Action: "*", Resource: "*" }),
      });
      const r = lintTemplate(t, { packs: ["HIPAA.Security"] });
      const of = (rule: string) =>
        r.findings.filter((x) => x.ruleId === `HIPAA.Security-${rule}`).map((x) => x.logicalId);
      expect(of("IAMPolicyNoStatementsWithAdminAccess")).to.deep.equal(["Admin"]);
      expect(of("IAMPolicyNoStatementsWithFullAccess")).to.deep.equal(["Admin", "Full"]);
    });

    it("IAMUserGroupMembership / IAMUserNoPolicies", () => {
      const t = template({
        Lonely: user(),
        Member: user({ Groups: ["ops"] }),
        WithPolicy: user({ Groups: ["ops"], ManagedPolicyArns: ["arn:aws:iam::1:policy/x"] }),
        P: {
          ...policy({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k" }),
          Properties: { PolicyDocument: {}, Users: ["u"] },
        },
      });
      const r = lintTemplate(t, { packs: ["NIST.800.53.R4"] });
      const of = (rule: string) =>
        r.findings.filter((x) => x.ruleId === `NIST.800.53.R4-${rule}`).map((x) => x.logicalId);
      expect(of("IAMUserGroupMembership")).to.deep.equal(["Lonely"]);
      expect(of("IAMUserNoPolicies")).to.deep.equal(["WithPolicy", "P"]);
    });
  });

  describe("engine", () => {
    it("runs AwsSolutions and IAMX by default; excludeRules skips rules", () => {
      const t = template({ P: policy({ Effect: "Allow", Action: "iam:PassRole", Resource: "*" }) });
      expect(ruleIds(lintTemplate(t))).to.deep.equal(["AwsSolutions-IAM5", "IAMX-PassRoleStar"]);
      expect(ruleIds(lintTemplate(t, { excludeRules: ["AwsSolutions-IAM5"] }))).to.deep.equal(["IAMX-PassRoleStar"]);
      expect(new Set(lintTemplate(t).rules.map((r) => r.pack))).to.deep.equal(new Set(["AwsSolutions", "IAMX"]));
    });

    it("rejects unknown packs and non-templates with a clear error", () => {
      expect(() => lintTemplate(template({}), { packs: ["Nope"] })).to.throw(
        ValidationError,
        /Unknown lint pack "Nope"/,
      );
      for (const bad of [null, 42, "x", [], {}, { Resources: [] }]) {
        expect(() => lintTemplate(bad), JSON.stringify(bad)).to.throw(ValidationError, /needs a Resources object/);
      }
    });

    it("reads malformed policies without throwing", () => {
      const t = template({
        A: {
          Type: "AWS::IAM::Policy",
          Properties: { PolicyDocument: { Statement: [null, 3, "x", { Effect: 1, Action: {} }] } },
        },
        B: {
          Type: "AWS::IAM::Role",
          Properties: { AssumeRolePolicyDocument: "nope", Policies: [null, { PolicyDocument: [] }] },
        },
        C: null,
        D: { Type: "AWS::IAM::Role" },
        E: {
          Type: "AWS::IAM::Role",
          Properties: { AssumeRolePolicyDocument: { Statement: { Effect: "Allow", Principal: null, Condition: [] } } },
        },
        ["__proto__"]: { Type: "AWS::IAM::User", Properties: { ManagedPolicyArns: { Ref: "X" } } },
      });
      expect(() => lintTemplate(t, { packs: ["AwsSolutions", "IAMX", "PCI.DSS.321"] })).to.not.throw();
    });
  });
});
