import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import * as iamx from "../../src";
import { exportTemplate } from "../../src/render/cloudformation/export";
import { run } from "../components/iamx-helpers";

const lambda = () => new iamx.ServicePrincipal("lambda.amazonaws.com");
const stmt = (actions: string[], resources: unknown[]) =>
  new iamx.PolicyStatement({ actions, resources: resources as string[] });

describe("policy report of a program without customizeRoles", () => {
  it("lists every role as deployed: merged statements, policies attached from either side, references as text", async () => {
    const r = await run(() => {
      const bucket = new s3.Bucket("data");
      const app = new iamx.Role("App", { assumedBy: lambda(), roleName: "app-role" });
      const objects = pulumi.interpolate`${bucket.arn}/*`;
      app.addToPolicy(stmt(["s3:GetObject"], [objects]));
      app.addToPolicy(stmt(["s3:PutObject"], [objects]));
      const other = new iamx.Role("Other", { assumedBy: new iamx.ArnPrincipal(app.roleArn) });
      other.grantAssumeRole(app);
      const mp = new iamx.ManagedPolicy("Shared", { statements: [stmt(["ec2:DescribeVpcs"], ["*"])] });
      app.addManagedPolicy(mp);
      app.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      new iamx.ManagedPolicy("FromItsSide", { roles: [other], statements: [stmt(["ec2:DescribeSubnets"], ["*"])] });
      new iamx.Policy("Extra", { roles: [other], statements: [stmt(["sqs:SendMessage"], [app.roleArn])] });
      new iamx.User("NotARole").addToPolicy(stmt(["s3:ListBucket"], ["*"]));
    });
    const report = iamx.policyReport(r.model);
    // A Pulumi value the model cannot see into is the name of its parameter in the export.
    const external = (report.roles[0].identityPolicyStatements[0] as { Resource: string }).Resource;
    // (an interpolation of the bucket's ARN: its output has no property of its own)
    expect(external).to.equal("(DataValue)");
    expect(report.roles).to.deep.equal([
      {
        roleConstructPath: "App",
        roleName: "app-role",
        missing: false,
        assumeRolePolicy: [
          { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } },
        ],
        managedPolicyArns: ["arn:(PARTITION):iam::aws:policy/ReadOnlyAccess"],
        managedPolicyStatements: [{ Action: "ec2:DescribeVpcs", Effect: "Allow", Resource: "*" }],
        identityPolicyStatements: [
          {
            Action: ["s3:GetObject", "s3:PutObject"],
            Effect: "Allow",
            Resource: external,
          },
          { Action: "sts:AssumeRole", Effect: "Allow", Resource: "(Other/Resource.Arn)" },
        ],
      },
      {
        roleConstructPath: "Other",
        roleName: "(Other/Resource.Ref)",
        missing: false,
        assumeRolePolicy: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { AWS: "(App/Resource.Arn)" } }],
        managedPolicyArns: [],
        managedPolicyStatements: [{ Action: "ec2:DescribeSubnets", Effect: "Allow", Resource: "*" }],
        identityPolicyStatements: [{ Action: "sqs:SendMessage", Effect: "Allow", Resource: "(App/Resource.Arn)" }],
      },
    ]);
  });

  it("follows minimizePolicies: statements as added when it is off", async () => {
    const r = await run(
      () => {
        const app = new iamx.Role("App", { assumedBy: lambda() });
        app.addToPolicy(stmt(["s3:GetObject"], ["*"]));
        app.addToPolicy(stmt(["s3:PutObject"], ["*"]));
      },
      { config: { "iamx:minimizePolicies": "false" } },
    );
    expect(iamx.policyReport(r.model).roles[0].identityPolicyStatements).to.deep.equal([
      { Action: "s3:GetObject", Effect: "Allow", Resource: "*" },
      { Action: "s3:PutObject", Effect: "Allow", Resource: "*" },
    ]);
  });

  it("an oversized default policy: the overflow managed policies' statements are the role's managed policy statements", async () => {
    const r = await run(() => {
      const big = new iamx.Role("Big", { assumedBy: lambda() });
      for (let i = 0; i < 120; i++) {
        big.addToPolicy(stmt([`s3:GetObject`], [`arn:aws:s3:::bucket-with-a-long-name-number-${i}-of-many/*`]));
        big.addToPolicy(stmt([`sqs:SendMessage`], [`arn:aws:sqs:us-east-1:111122223333:queue-number-${i}`]));
      }
    });
    const role = iamx.policyReport(r.model).roles[0];
    expect(r.all("aws:iam/policy:Policy").length).to.be.greaterThan(0);
    const resources = (list: unknown[]) =>
      list.flatMap((s) => {
        const res = (s as { Resource: string | string[] }).Resource;
        return Array.isArray(res) ? res : [res];
      });
    expect(role.managedPolicyStatements.length).to.be.greaterThan(0);
    expect(resources(role.identityPolicyStatements).length + resources(role.managedPolicyStatements).length).to.equal(
      240,
    );
  });

  it("Markdown: a summary table, then each role with name, origin, boundary and policies; text and JSON renderings", async () => {
    const r = await run(() => {
      iamx.PermissionsBoundary.of(iamx.program).apply(iamx.ManagedPolicy.fromManagedPolicyName("PB", "boundary"));
      const legacy = new pulumi.ComponentResource("test:index:Scope", "Legacy");
      iamx.Role.customizeRoles(legacy, { usePrecreatedRoles: { "Legacy/Old": "old-role" } });
      new iamx.Role("Old", { assumedBy: lambda() }, { parent: legacy });
      new iamx.Role("New", { assumedBy: lambda() }).addManagedPolicy(
        iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"),
      );
    });
    const detailed = iamx.detailedPolicyReport(r.model);
    const md = iamx.formatReportMarkdown(detailed);
    expect(md).to.contain(
      [
        "# IAM policy report",
        "",
        "2 roles: 1 created by the program, 1 precreated, 0 missing a precreated name.",
        "",
        "| Role | Name | Made | Permissions boundary |",
        "|---|---|---|---|",
        "| `Legacy/Old` | `old-role` | precreated | `arn:(PARTITION):iam::(ACCOUNT):policy/boundary` |",
        "| `New` | generated | created by the program | `arn:(PARTITION):iam::(ACCOUNT):policy/boundary` |",
        "",
        "## `Legacy/Old`",
        "",
        "Name: `old-role`. Made: precreated. Permissions boundary: `arn:(PARTITION):iam::(ACCOUNT):policy/boundary`.",
      ].join("\n"),
    );
    expect(md).to.contain("**Managed policy ARNs**\n\n- `arn:(PARTITION):iam::aws:policy/ReadOnlyAccess`\n");
    expect(md).to.contain("**Identity policy statements**\n\nNone.\n");
    expect(JSON.parse(iamx.formatReportJson(detailed.report))).to.deep.equal(detailed.report);
    expect(iamx.formatReportText(detailed.report)).to.match(/^<old-role> \(Legacy\/Old\)\n\nAssumeRole Policy:\n\[/);
    expect(iamx.formatReportText(detailed.report)).to.contain("<(New/Resource.Ref)> (New)\n");
    expect(iamx.formatReportMarkdown({ report: { roles: [] }, origins: [], permissionsBoundaries: [] })).to.equal(
      "# IAM policy report\n\nThe program has no IAM roles.\n",
    );
    expect(iamx.formatReportText({ roles: [] })).to.equal("");
  });

  it("reportProgram runs a program offline and returns validation problems with the complete report", async () => {
    const result = await iamx.reportProgram(() => {
      iamx.Role.customizeRoles(iamx.program, {});
      new iamx.Role("Nameless", { assumedBy: lambda() });
    });
    expect(result.report.roles.map((x) => [x.roleName, x.missing])).to.deep.equal([["missing role", true]]);
    expect(result.problems?.problems.map((p) => p.scope)).to.deep.equal(["Nameless"]);
    const mocked = await iamx.reportProgram(
      () => {
        new iamx.Role("Fine", { assumedBy: lambda() });
      },
      { mode: "mocks" },
    );
    expect(mocked.problems).to.equal(undefined);
    expect(mocked.report.roles.map((x) => x.roleConstructPath)).to.deep.equal(["Fine"]);
    let threw: unknown;
    await iamx
      .reportProgram(() => {
        throw new Error("boom");
      })
      .catch((e) => (threw = e));
    expect((threw as Error).message).to.equal("boom");
  });

  it("values from outside iamx carry the export's parameter names, the same in every run", async () => {
    const program = () => {
      const data = new s3.Bucket("data");
      const logs = new s3.Bucket("logs");
      const app = new iamx.Role("App", { assumedBy: lambda() });
      app.addToPolicy(stmt(["s3:GetObject"], [pulumi.interpolate`${data.arn}/*`]));
      app.addToPolicy(stmt(["s3:PutObject"], [logs.arn, pulumi.interpolate`${logs.arn}/*`]));
    };
    const template = await exportTemplate(program, { allowUnsupported: true });
    const parameters = Object.keys(template.Parameters ?? {});
    expect(parameters).to.have.length(3);
    const resources = async () => {
      const { report } = await iamx.reportProgram(program);
      return report.roles[0].identityPolicyStatements.flatMap((st) => (st as { Resource: string | string[] }).Resource);
    };
    const first = await resources();
    expect(first).to.have.members(parameters.map((p) => `(${p})`));
    expect(first).to.include.members(["(DataValue)", "(LogsArn)", "(LogsValue)"]);
    // A second run in the same process makes new Pulumi outputs: the names stay.
    expect(await resources()).to.deep.equal(first);
  });

  it("a value used only by a precreated role (not in the export) gets a stable name too", async () => {
    const program = () => {
      iamx.Role.customizeRoles(iamx.program, { usePrecreatedRoles: { App: "app-role" } });
      const data = new s3.Bucket("data");
      new iamx.Role("App", { assumedBy: lambda() }).addToPolicy(stmt(["s3:GetObject"], [data.arn]));
    };
    const first = await iamx.reportProgram(program);
    const second = await iamx.reportProgram(program);
    expect(first.report.roles[0].identityPolicyStatements).to.deep.equal([
      { Action: "s3:GetObject", Effect: "Allow", Resource: "(DataArn)" },
    ]);
    expect(second.report).to.deep.equal(first.report);
  });
});
