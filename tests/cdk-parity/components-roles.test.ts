import * as pulumi from "@pulumi/pulumi";
import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import { expect } from "chai";
import * as iamx from "../../src";
import { T } from "../components/iamx-helpers";
import { componentParity } from "./components-harness";
import { logicalIdFromPath } from "../../src/render/cloudformation/logical-id";

const lid = (...path: string[]) => logicalIdFromPath([...path, "Resource"]);

const s3Read = { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/*"] };
const sqsSend = { actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111111111111:q"] };

describe("CDK parity: Role", () => {
  componentParity(
    "service principal trust policy, role properties",
    (stack, iam) => {
      new iam.Role(stack, "MyRole", {
        assumedBy: new iam.ServicePrincipal("lambda"),
        roleName: "my-role",
        path: "/app/",
        description: "does things",
        maxSessionDuration: cdk.Duration.hours(2),
      });
    },
    () => {
      new iamx.Role("MyRole", {
        assumedBy: new iamx.ServicePrincipal("lambda"),
        roleName: "my-role",
        path: "/app/",
        description: "does things",
        maxSessionDuration: iamx.Duration.hours(2),
      });
    },
    async (p) => {
      await p.expectPulumiJson(T.role, "MyRole", "assumeRolePolicy", "MyRoleF48FFE04", "AssumeRolePolicyDocument");
      const r = p.ours.get(T.role, "MyRole");
      expect(r.inputs).to.include({
        name: "my-role",
        path: "/app/",
        description: "does things",
        maxSessionDuration: 7200,
      });
    },
  );

  componentParity(
    "account root principal with one external id",
    (stack, iam) => {
      new iam.Role(stack, "R", { assumedBy: new iam.AccountRootPrincipal(), externalIds: ["ext-1"] });
    },
    () => {
      new iamx.Role("R", { assumedBy: new iamx.AccountRootPrincipal(), externalIds: ["ext-1"] });
    },
    (p) => p.expectPulumiJson(T.role, "R", "assumeRolePolicy", lid("R"), "AssumeRolePolicyDocument"),
  );

  componentParity(
    "several external ids plus the deprecated externalId",
    (stack, iam) => {
      // `externalId` is gone from CDK's types but still read at run time.
      const props = {
        assumedBy: new iam.AccountPrincipal("111111111111"),
        externalIds: ["e1", "e2"],
        externalId: "e3",
      };
      new iam.Role(stack, "R", props);
    },
    () => {
      new iamx.Role("R", {
        assumedBy: new iamx.AccountPrincipal("111111111111"),
        externalIds: ["e1", "e2"],
        externalId: "e3",
      });
    },
  );

  componentParity(
    "composite principal: one trust statement per part, merged when minimizing",
    (stack, iam) => {
      new iam.Role(stack, "R", {
        assumedBy: new iam.CompositePrincipal(
          new iam.ServicePrincipal("ec2.amazonaws.com"),
          new iam.ArnPrincipal("arn:aws:iam::111111111111:role/x"),
          new iam.ServicePrincipal("lambda.amazonaws.com"),
          new iam.WebIdentityPrincipal("accounts.google.com", { StringEquals: { "accounts.google.com:aud": "a" } }),
        ),
        externalIds: ["e"],
      });
    },
    () => {
      new iamx.Role("R", {
        assumedBy: new iamx.CompositePrincipal(
          new iamx.ServicePrincipal("ec2.amazonaws.com"),
          new iamx.ArnPrincipal("arn:aws:iam::111111111111:role/x"),
          new iamx.ServicePrincipal("lambda.amazonaws.com"),
          new iamx.WebIdentityPrincipal("accounts.google.com", { StringEquals: { "accounts.google.com:aud": "a" } }),
        ),
        externalIds: ["e"],
      });
    },
    (p) => p.expectPulumiJson(T.role, "R", "assumeRolePolicy", lid("R"), "AssumeRolePolicyDocument"),
  );

  componentParity(
    "principal with conditions and session tags, organization and star principals",
    (stack, iam) => {
      new iam.Role(stack, "A", {
        assumedBy: new iam.ArnPrincipal("arn:aws:iam::111111111111:user/u")
          .withConditions({ Bool: { "aws:MultiFactorAuthPresent": "true" } })
          .withSessionTags(),
      });
      new iam.Role(stack, "B", { assumedBy: new iam.OrganizationPrincipal("o-1234567890") });
      new iam.Role(stack, "C", { assumedBy: new iam.StarPrincipal() });
      new iam.Role(stack, "D", {
        assumedBy: new iam.FederatedPrincipal("cognito-identity.amazonaws.com", {}, "sts:AssumeRoleWithWebIdentity"),
      });
    },
    () => {
      new iamx.Role("A", {
        assumedBy: new iamx.ArnPrincipal("arn:aws:iam::111111111111:user/u")
          .withConditions({ Bool: { "aws:MultiFactorAuthPresent": "true" } })
          .withSessionTags(),
      });
      new iamx.Role("B", { assumedBy: new iamx.OrganizationPrincipal("o-1234567890") });
      new iamx.Role("C", { assumedBy: new iamx.StarPrincipal() });
      new iamx.Role("D", {
        assumedBy: new iamx.FederatedPrincipal("cognito-identity.amazonaws.com", {}, "sts:AssumeRoleWithWebIdentity"),
      });
    },
  );

  componentParity(
    "a role trusting another role of the program (GetAtt Arn)",
    (stack, iam) => {
      const a = new iam.Role(stack, "A", { assumedBy: new iam.ServicePrincipal("ec2.amazonaws.com") });
      new iam.Role(stack, "B", { assumedBy: a });
    },
    () => {
      const a = new iamx.Role("A", { assumedBy: new iamx.ServicePrincipal("ec2.amazonaws.com") });
      new iamx.Role("B", { assumedBy: a });
    },
    (p) => p.expectPulumiJson(T.role, "B", "assumeRolePolicy", lid("B"), "AssumeRolePolicyDocument"),
  );

  componentParity(
    "inline policies",
    (stack, iam) => {
      new iam.Role(stack, "R", {
        assumedBy: new iam.ServicePrincipal("lambda"),
        inlinePolicies: {
          First: new iam.PolicyDocument({ statements: [new iam.PolicyStatement(s3Read)] }),
          Second: new iam.PolicyDocument({
            statements: [
              new iam.PolicyStatement(sqsSend),
              new iam.PolicyStatement({ ...sqsSend, actions: ["sqs:DeleteMessage"] }),
            ],
          }),
        },
      });
    },
    () => {
      new iamx.Role("R", {
        assumedBy: new iamx.ServicePrincipal("lambda"),
        inlinePolicies: {
          First: new iamx.PolicyDocument({ statements: [new iamx.PolicyStatement(s3Read)] }),
          Second: new iamx.PolicyDocument({
            statements: [
              new iamx.PolicyStatement(sqsSend),
              new iamx.PolicyStatement({ ...sqsSend, actions: ["sqs:DeleteMessage"] }),
            ],
          }),
        },
      });
    },
    async (p) => {
      const second = p.ours.get(T.rolePolicy, "R-inline-Second");
      const expected = (p.theirs[lid("R")].Properties!.Policies as { PolicyDocument: unknown }[])[1].PolicyDocument;
      expect(JSON.parse(second.inputs.policy)).to.deep.equal(expected);
      expect(second.inputs.name).to.equal("Second");
    },
  );

  componentParity(
    "managed policies: AWS managed, by ARN, by name, a ManagedPolicy of the program; duplicates dropped",
    (stack, iam) => {
      const mp = new iam.ManagedPolicy(stack, "MP", { statements: [new iam.PolicyStatement(s3Read)] });
      const r = new iam.Role(stack, "R", {
        assumedBy: new iam.ServicePrincipal("lambda"),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"), mp],
        permissionsBoundary: iam.ManagedPolicy.fromManagedPolicyName(stack, "PB", "boundary"),
      });
      r.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      r.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(stack, "ByArn", "arn:aws:iam::111111111111:policy/p"));
      r.addManagedPolicy(mp);
    },
    () => {
      const mp = new iamx.ManagedPolicy("MP", { statements: [new iamx.PolicyStatement(s3Read)] });
      const r = new iamx.Role("R", {
        assumedBy: new iamx.ServicePrincipal("lambda"),
        managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"), mp],
        permissionsBoundary: iamx.ManagedPolicy.fromManagedPolicyName("PB", "boundary"),
      });
      r.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      r.addManagedPolicy(iamx.ManagedPolicy.fromManagedPolicyArn("ByArn", "arn:aws:iam::111111111111:policy/p"));
      r.addManagedPolicy(mp);
    },
    (p) => {
      const arns = p.ours.all(T.roleAttach).map((a) => a.inputs.policyArn);
      expect(arns).to.have.members([
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        p.ours.get(T.policy, "MP").outputs.arn,
        "arn:aws:iam::111111111111:policy/p",
      ]);
      expect(p.ours.get(T.role, "R").inputs.permissionsBoundary).to.equal("arn:aws:iam::123456789012:policy/boundary");
    },
  );

  componentParity(
    "default policy: statements added late and after an await land; CDK's policy name",
    (stack, iam) => {
      const r = new iam.Role(stack, "MyRole", { assumedBy: new iam.ServicePrincipal("lambda") });
      r.addToPolicy(new iam.PolicyStatement(s3Read));
      r.addToPrincipalPolicy(new iam.PolicyStatement({ ...s3Read, actions: ["s3:PutObject"] }));
      r.addToPolicy(new iam.PolicyStatement({ actions: ["iam:PassRole"], resources: [r.roleArn] }));
      r.addToPolicy(new iam.PolicyStatement(sqsSend));
    },
    async () => {
      const r = new iamx.Role("MyRole", { assumedBy: new iamx.ServicePrincipal("lambda") });
      r.addToPolicy(new iamx.PolicyStatement(s3Read));
      await new Promise((resolve) => setTimeout(resolve, 5));
      r.addToPrincipalPolicy(new iamx.PolicyStatement({ ...s3Read, actions: ["s3:PutObject"] }));
      r.addToPolicy(new iamx.PolicyStatement({ actions: ["iam:PassRole"], resources: [r.roleArn] }));
      await Promise.resolve();
      r.addToPolicy(new iamx.PolicyStatement(sqsSend));
    },
    async (p) => {
      await p.expectPulumiJson(
        T.rolePolicy,
        "MyRole-default-policy",
        "policy",
        "MyRoleDefaultPolicyA36BE1DD",
        "PolicyDocument",
      );
      expect(p.ours.get(T.rolePolicy, "MyRole-default-policy").inputs.name).to.equal("MyRoleDefaultPolicyA36BE1DD");
    },
  );

  componentParity(
    "nested roles keep CDK's logical ids (opts.parent is the construct scope)",
    (stack, iam) => {
      const r = new iam.Role(new Construct(stack, "Nested-Scope"), "My_Role", {
        assumedBy: new iam.ServicePrincipal("lambda"),
      });
      r.addToPolicy(new iam.PolicyStatement(s3Read));
    },
    () => {
      const r = new iamx.Role(
        "My_Role",
        { assumedBy: new iamx.ServicePrincipal("lambda") },
        { parent: new Scope("Nested-Scope") },
      );
      r.addToPolicy(new iamx.PolicyStatement(s3Read));
    },
    (p) => {
      expect(p.ours.cfn).to.have.property("NestedScopeMyRoleA424F688");
    },
  );
});

// A plain Pulumi component used as a construct scope.
class Scope extends pulumi.ComponentResource {
  constructor(name: string) {
    super("test:index:Scope", name, {});
  }
}
