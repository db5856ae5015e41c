// The access summary on program pairs: moves between policies (overflow split, merging) are not
// reported as gains or losses; wildcards are expanded against the action catalogue; trust,
// boundary and managed policy changes; unreadable policies fail closed.
import { expect } from "chai";
import { iamxTemplate, type ExportScenario } from "../cdk-parity/export-harness";
import { expandAction } from "../../src/core/actions";
import { accessSummary } from "../../src/diff/access-summary";
import { diffTemplates } from "../../src/diff";
import { subjectLines } from "../../src/diff/summary-lines";

// distinct actions on distinct resources: nothing merges, so 120 of them overflow the default policy
const DESCRIBE = expandAction("ec2:Describe*");
const big = (i: number) => ({ actions: [DESCRIBE[i]], resources: [`arn:aws:s3:::bucket-${i}/${"x".repeat(108)}`] });

const NEW = `arn:aws:s3:::new/${"y".repeat(108)}`;

async function pair(before: ExportScenario, after: ExportScenario, minimize = true) {
  return [await iamxTemplate(before, minimize, "model"), await iamxTemplate(after, minimize, "model")] as const;
}

describe("diff: access summary", () => {
  it("a statement that pushes others into an overflow policy: one gain, the rest moved", async () => {
    const program =
      (first: boolean): ExportScenario =>
      (s) => {
        const r = s.role("Worker", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
        if (first) r.addToPolicy(new s.lib.PolicyStatement({ actions: ["s3:PutObject"], resources: [NEW] }));
        for (let i = 0; i < 120; i++) r.addToPolicy(new s.lib.PolicyStatement(big(i)));
      };
    const [a, b] = await pair(program(false), program(true));
    expect(
      Object.keys(b.Resources).filter((id) => id.includes("Overflow")).length,
      Object.keys(b.Resources).join(),
    ).to.be.greaterThan(0);
    const role = accessSummary(a, b).subjects.find((s) => s.label.startsWith("Role Worker"))!;
    expect(role.changes.map((c) => [c.kind, c.resource, c.actions])).to.deep.equal([["gained", NEW, ["s3:PutObject"]]]);
    // each policy passes its last statement on to the next one
    expect(role.moved.map((m) => m.count)).to.deep.equal([1, 1, 1]);
    expect(role.moved[0].from[0]).to.match(/^WorkerDefaultPolicy/);
    expect(role.moved[0].to[0]).to.match(/^WorkerOverflowPolicy/);
    expect(subjectLines(role).filter((l) => l.sign === "~")[0].text).to.match(
      /^moved, access unchanged: \d+ statement part/,
    );
  });

  it("merging statements (minimize on) is not an access change", async () => {
    const program: ExportScenario = (s) => {
      const r = s.role("Worker", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") });
      r.addToPolicy(new s.lib.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a/*"] }));
      r.addToPolicy(new s.lib.PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::a/*"] }));
    };
    const a = await iamxTemplate(program, false, "model");
    const b = await iamxTemplate(program, true, "model");
    const d = diffTemplates(a, b);
    expect(d.tables.statements.length, "CDK's table shows the rewrite").to.be.greaterThan(0);
    const role = d.access.subjects.find((s) => s.label.startsWith("Role Worker"))!;
    expect(role.changes).to.deep.equal([]);
    expect(role.reshaped).to.equal(true);
    expect(role.broadening).to.equal(false);
    expect(d.access.broadening).to.equal(false);
  });

  it("a wildcard action is expanded against the catalogue", async () => {
    const [a, b] = await pair(
      (s) => void s.role("R", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") }),
      (s) =>
        void s
          .role("R", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") })
          .addToPolicy(
            new s.lib.PolicyStatement({ actions: ["s3:Delete*", "s3:GetObject"], resources: ["arn:aws:s3:::a/*"] }),
          ),
    );
    const role = accessSummary(a, b).subjects.find((s) => s.label.startsWith("Role R"))!;
    const catalogue = [...expandAction("s3:Delete*"), "s3:GetObject"].sort();
    expect(catalogue.length).to.be.greaterThan(5);
    expect(role.changes).to.have.length(1);
    expect([...role.changes[0].actions].sort()).to.deep.equal(catalogue);
    expect(role.changes[0].actionSummary).to.equal(`${catalogue.length} actions: s3:Delete*, s3:GetObject`);
    expect(role.broadening).to.equal(true);
  });

  it("trust: who may assume the role", async () => {
    const [a, b] = await pair(
      (s) => void s.role("R", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") }),
      (s) => void s.role("R", { assumedBy: new s.lib.AccountPrincipal("222222222222") }),
    );
    const trust = accessSummary(a, b).subjects.find((s) => s.kind === "trust")!;
    const byKind = Object.fromEntries(trust.changes.map((c) => [c.kind, c.principal]));
    expect(byKind).to.deep.equal({
      gained: "AWS:arn:${AWS::Partition}:iam::222222222222:root",
      lost: "Service:lambda.amazonaws.com",
    });
    expect(subjectLines(trust).map((l) => l.text)).to.include(
      "AWS:arn:${AWS::Partition}:iam::222222222222:root may now assume the role (sts:AssumeRole)",
    );
  });

  it("boundaries and managed policies: adding a boundary narrows, attaching a policy widens", async () => {
    const role = (props: Record<string, unknown>) =>
      ({
        Type: "AWS::IAM::Role",
        Properties: { AssumeRolePolicyDocument: { Statement: [] }, ...props },
      }) as const;
    const base = { Resources: { R: role({}) } };
    const bounded = { Resources: { R: role({ PermissionsBoundary: "arn:aws:iam::aws:policy/Boundary" }) } };
    const managed = { Resources: { R: role({ ManagedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }) } };
    expect(accessSummary(base, bounded).broadening).to.equal(false);
    expect(accessSummary(bounded, base).broadening).to.equal(true);
    const attach = accessSummary(base, managed);
    expect(attach.subjects[0].managedPoliciesAttached).to.deep.equal(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    expect(attach.broadening).to.equal(true);
    expect(accessSummary(managed, base).broadening).to.equal(false);
  });

  it("a changed policy that cannot be read is reported and counts as widening (fail closed)", () => {
    const t = (cond: string) => ({
      Resources: {
        P: {
          Type: "AWS::IAM::Policy",
          Properties: {
            PolicyDocument: {
              Statement: [
                { "Fn::If": [cond, { Effect: "Allow", Action: "*", Resource: "*" }, { Ref: "AWS::NoValue" }] },
              ],
            },
            Roles: ["r"],
          },
        },
      },
    });
    const summary = accessSummary(t("A"), t("B"));
    expect(summary.subjects[0].unreadable.length).to.be.greaterThan(0);
    expect(summary.broadening).to.equal(true);
    expect(subjectLines(summary.subjects[0])[0].sign).to.equal("!");
  });

  it("no change: no subjects, not broadening", async () => {
    const program: ExportScenario = (s) =>
      void s
        .role("R", { assumedBy: new s.lib.ServicePrincipal("lambda.amazonaws.com") })
        .addToPolicy(new s.lib.PolicyStatement({ actions: ["s3:*"], resources: ["*"] }));
    const [a, b] = await pair(program, program);
    const d = diffTemplates(a, b);
    expect(d.changed).to.equal(false);
    expect(d.broadening).to.equal(false);
  });

  describe("a user's access through its groups", () => {
    const group = {
      Type: "AWS::IAM::Group",
      Properties: {
        Policies: [
          {
            PolicyName: "read",
            PolicyDocument: {
              Version: "2012-10-17",
              Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::team/*" }],
            },
          },
        ],
        ManagedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      },
    };
    const user = (props: Record<string, unknown> = {}) => ({ Type: "AWS::IAM::User", Properties: props });
    const userSummary = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      accessSummary({ Resources: a }, { Resources: b }).subjects.find((s) => s.label === "User Dev");

    it("joining a group (the user's Groups) gains the group's access and managed policies", () => {
      const before = { Team: group, Dev: user() };
      const after = { Team: group, Dev: user({ Groups: [{ Ref: "Team" }] }) };
      const dev = userSummary(before, after)!;
      expect(dev.changes.map((c) => [c.kind, c.resource, c.actions])).to.deep.equal([
        ["gained", "arn:aws:s3:::team/*", ["s3:GetObject"]],
      ]);
      expect(dev.managedPoliciesAttached).to.deep.equal(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
      expect(dev.broadening).to.equal(true);
      // and leaving it again loses both
      const back = userSummary(after, before)!;
      expect(back.changes.map((c) => c.kind)).to.deep.equal(["lost"]);
      expect(back.managedPoliciesDetached).to.deep.equal(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
      expect(back.broadening).to.equal(false);
    });

    it("AWS::IAM::UserToGroupAddition counts as membership; moving it to Groups changes no access", () => {
      const addition = {
        Type: "AWS::IAM::UserToGroupAddition",
        Properties: { GroupName: { Ref: "Team" }, Users: [{ Ref: "Dev" }] },
      };
      const viaAddition = { Team: group, Dev: user(), Add: addition };
      const viaGroups = { Team: group, Dev: user({ Groups: [{ Ref: "Team" }] }) };
      expect(userSummary({ Team: group, Dev: user() }, viaAddition)!.changes.map((c) => c.kind)).to.deep.equal([
        "gained",
      ]);
      const moved = userSummary(viaAddition, viaGroups);
      expect(moved?.changes ?? [], "same access either way").to.deep.equal([]);
    });

    it("a group outside the template: joining it is reported, since its policies cannot be seen", () => {
      const dev = userSummary({ Dev: user() }, { Dev: user({ Groups: ["admins"] }) })!;
      expect(dev.managedPoliciesAttached).to.deep.equal(["policies of Group named admins (not in the template)"]);
      expect(dev.broadening).to.equal(true);
    });
  });
});
