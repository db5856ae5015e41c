import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { expect } from "chai";
import * as iamx from "../../src";
import { toCfnJson } from "../../src/core/value";
import { compareValues } from "../../src/components/grant";
import { T, doc, lambda, run, validationError, valueOf } from "./iamx-helpers";

/** A resource with a resource policy, recording what it gets. */
function fakeResource(account?: string) {
  const statements: iamx.PolicyStatement[] = [];
  return {
    statements,
    env: account ? { account, region: "us-east-1" } : undefined,
    addToResourcePolicy(s: iamx.PolicyStatement) {
      statements.push(s);
      return { statementAdded: true };
    },
  };
}

describe("Grant", () => {
  it("dependsOn: grant and dependsOn: [grant] wait for the policy holding the statements", async () => {
    let g!: iamx.Grant;
    const r = await run(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      const other = new iamx.Role("other", { assumedBy: new iamx.AccountRootPrincipal() });
      g = role.grantPassRole(other);
      new iam.User("dep", {}, { dependsOn: g });
      new iam.User("dep2", {}, { dependsOn: [g, role] });
    });
    const urn = r.urnOf(T.rolePolicy, "other-default-policy");
    expect(r.depsOf("aws:iam/user:User", "dep")).to.deep.equal([urn]);
    expect(r.depsOf("aws:iam/user:User", "dep2")).to.include(urn).and.include(r.urnOf(T.role, "app"));
    // The grant stands for the default policy component; Pulumi walks it down to the RolePolicy.
    expect(await valueOf(g.urn)).to.equal(r.urnOf("iamx:index:Policy", "other-default-policy"));
    const resources = await valueOf(g.dependencies);
    const holder = (g.dependencyRoots[0] as iamx.DependencyGroup).dependencyRoots[0];
    expect(holder).to.be.instanceOf(iamx.Policy);
    expect(resources).to.have.members([holder]);
  });

  it("a grant that added nothing is an empty dependency", async () => {
    const r = await run(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      const g = role.grantPassRole(new iamx.ServicePrincipal("ec2"));
      new iam.User("dep", {}, { dependsOn: g });
    });
    expect(r.depsOf("aws:iam/user:User", "dep")).to.deep.equal([]);
  });

  it("addToPrincipal: principals without an identity policy give an unsuccessful grant", async () => {
    await run(() => {
      const g = iamx.Grant.addToPrincipal({ grantee: lambda(), actions: ["s3:GetObject"], resourceArns: ["*"] });
      expect(g.success).to.equal(false);
      expect(g.principalStatements).to.deep.equal([]);
      const e = validationError(() => g.assertSuccess());
      expect(e.code).to.equal("GrantCouldNotBeAdded");
      expect(e.message).to.equal(
        "Permissions for 'ServicePrincipal(lambda)' to call 's3:GetObject' on '*' could not be added on either identity or resource policy.",
      );
    });
  });

  it("a principal that adds a statement without a dependable breaks the contract (CDK's message)", async () => {
    await run(() => {
      const broken = Object.assign(Object.create(lambda()) as iamx.IPrincipal, {
        addToPrincipalPolicy: () => ({ statementAdded: true }),
      });
      const e = validationError(() =>
        iamx.Grant.addToPrincipal({ grantee: broken, actions: ["s3:GetObject"], resourceArns: ["*"] }),
      );
      expect(e.code).to.equal("ContractViolationPrincipalStatementAdded");
      expect(e.message).to.equal(
        "Contract violation: when Principal returns statementAdded=true, it should return a dependable",
      );
    });
  });

  it("addToPrincipalOrResource: this program's role and resource are in one account; a literal account is another", async () => {
    const r = await run(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      const local = fakeResource();
      const g1 = iamx.Grant.addToPrincipalOrResource({
        grantee: role,
        actions: ["s3:GetObject"],
        resourceArns: ["arn:aws:s3:::one/*"],
        resource: local,
      });
      expect(g1.principalStatement).not.to.equal(undefined);
      expect(local.statements).to.have.length(0);
      const remote = fakeResource("222222222222");
      const g2 = iamx.Grant.addToPrincipalOrResource({
        grantee: role,
        actions: ["s3:PutObject"],
        resourceArns: ["arn:aws:s3:::two/*"],
        resourceSelfArns: ["arn:aws:s3:::two"],
        resource: remote,
      });
      expect(g2.principalStatement).to.equal(undefined);
      expect(g2.resourceStatement).to.equal(remote.statements[0]);
      expect(toCfnJson(remote.statements[0].toStatementJson())).to.deep.equal({
        Action: "s3:PutObject",
        Effect: "Allow",
        Principal: { AWS: { "Fn::GetAtt": [role.cfn.logicalId, "Arn"] } },
        Resource: "arn:aws:s3:::two",
      });
    });
    // The identity statement is there in both cases.
    expect(
      doc(r.get(T.rolePolicy, "app-default-policy")).Statement.map((s: { Action: string }) => s.Action),
    ).to.deep.equal(["s3:GetObject", "s3:PutObject"]);
  });

  it("addToPrincipalAndResource and addStatementToResourcePolicy always add to the resource", async () => {
    await run(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      const res = fakeResource();
      const g = iamx.Grant.addToPrincipalAndResource({
        grantee: role,
        actions: ["kms:Decrypt"],
        resourceArns: ["*"],
        resource: res,
      });
      expect(res.statements).to.have.length(1);
      expect(g.principalStatement).to.equal(res.statements[0]);
      expect(g.resourceStatement).to.equal(undefined);
      const statement = new iamx.PolicyStatement({ actions: ["kms:Encrypt"], principals: [role], resources: ["*"] });
      const g2 = iamx.Grant.addStatementToResourcePolicy({
        grantee: role,
        actions: [],
        resourceArns: [],
        resource: res,
        statement,
      });
      expect(g2.resourceStatement).to.equal(statement);
      expect(g2.success).to.equal(true);
    });
  });

  it("combine, drop, isGrant", async () => {
    await run(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      const target = new iamx.Role("t", { assumedBy: lambda() });
      const a = target.grantPassRole(role);
      const b = target.grant(role, "iam:GetRole");
      const c = a.combine(b);
      expect(c.principalStatements).to.deep.equal([a.principalStatement, b.principalStatement]);
      expect(c.principalStatement).to.equal(a.principalStatement);
      expect(c.dependencyRoots).to.have.length(2);
      const d = iamx.Grant.drop(role, "nothing");
      expect(d.success).to.equal(false);
      expect(() => d.assertSuccess()).to.throw("Permissions for 'app' to call '' on '' could not be added");
      expect(iamx.Grant.isGrant(c)).to.equal(true);
      expect(iamx.Grant.isGrant({})).to.equal(false);
      expect(String(d)).to.equal("Grant(app)");
    });
  });

  it("applyBefore takes iamx components and explains what to do with other resources", async () => {
    await run(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      const g = role.grantPassRole(new iamx.Role("x", { assumedBy: lambda() }));
      const e = validationError(() => g.applyBefore(new pulumi.ComponentResource("test:index:C", "c") as never));
      expect(e.code).to.equal("InvalidApplyBefore");
      expect(e.message).to.match(/pass `dependsOn: grant` in their options/);
    });
  });

  it("compares accounts as CDK compares tokens", () => {
    expect(compareValues("1", "1")).to.equal("SAME");
    expect(compareValues("1", "2")).to.equal("DIFFERENT");
    expect(compareValues("1", iamx.Aws.ACCOUNT_ID)).to.equal("ONE_UNRESOLVED");
    expect(compareValues(iamx.Aws.ACCOUNT_ID, iamx.Aws.ACCOUNT_ID)).to.equal("BOTH_UNRESOLVED");
  });

  describe("bad input", () => {
    const role = () => new iamx.Role("app", { assumedBy: lambda() });
    const cases: [string, () => unknown, RegExp][] = [
      ["no options", () => iamx.Grant.addToPrincipal(undefined as never), /needs an options object, got undefined/],
      ["no grantee", () => iamx.Grant.addToPrincipal({ actions: [], resourceArns: [] } as never), /needs a `grantee`/],
      [
        "actions string",
        () => iamx.Grant.addToPrincipal({ grantee: role(), actions: "s3:*" as never, resourceArns: [] }),
        /`actions` as an array/,
      ],
      [
        "resourceArns string",
        () => iamx.Grant.addToPrincipal({ grantee: role(), actions: [], resourceArns: "*" as never }),
        /`resourceArns` as an array/,
      ],
      [
        "resource without a policy",
        () =>
          iamx.Grant.addToPrincipalOrResource({
            grantee: role(),
            actions: [],
            resourceArns: [],
            resource: {} as never,
          }),
        /needs a `resource` with an addToResourcePolicy method/,
      ],
      [
        "statement that is not one",
        () =>
          iamx.Grant.addStatementToResourcePolicy({
            grantee: role(),
            actions: [],
            resourceArns: [],
            resource: fakeResource(),
            statement: {} as never,
          }),
        /needs a PolicyStatement/,
      ],
      ["drop without grantee", () => iamx.Grant.drop(null as never, ""), /needs a grantee, got null/],
    ];
    for (const [title, make, message] of cases) {
      it(title, async () => {
        let e!: iamx.ValidationError;
        await run(() => {
          e = validationError(make);
        });
        expect(e.code).to.equal("InvalidGrantOptions");
        expect(e.message).to.match(message);
      });
    }
  });
});
