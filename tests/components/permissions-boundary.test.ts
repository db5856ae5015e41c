import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import * as iamx from "../../src";
import { finalize } from "../../src/render/pulumi/lifecycle";
import { run, validationError, type Run } from "./iamx-helpers";

const lambda = () => new iamx.ServicePrincipal("lambda.amazonaws.com");
const pb = (name: string) => iamx.ManagedPolicy.fromAwsManagedPolicyName(name);
const scope = (name: string, parent?: pulumi.Resource) =>
  new pulumi.ComponentResource("test:index:Scope", name, {}, { parent });

/** Boundary policy name per identity, on both targets: `{ pulumi: {name: "A"}, cfn: {path: "A"} }` (null = none). */
function boundaries(r: Run): { pulumi: Record<string, string | null>; cfn: Record<string, string | null> } {
  const pulumiSide: Record<string, string | null> = {};
  for (const res of r.resources) {
    if (res.type !== "aws:iam/role:Role" && res.type !== "aws:iam/user:User") continue;
    const arn = res.inputs.permissionsBoundary as string | undefined;
    pulumiSide[res.name] = arn === undefined ? null : arn.slice(arn.lastIndexOf("/") + 1);
  }
  const cfnSide: Record<string, string | null> = {};
  for (const res of r.model.resources) {
    if (res.type !== "AWS::IAM::Role" && res.type !== "AWS::IAM::User") continue;
    const pbJson = JSON.parse(JSON.stringify(res.renderProperties() ?? {})).PermissionsBoundary;
    cfnSide[res.displayPath] = pbJson === undefined ? null : (pbJson["Fn::Join"][1][2] as string).replace(/^.*\//, "");
  }
  return { pulumi: pulumiSide, cfn: cfnSide };
}

describe("PermissionsBoundary", () => {
  it("program-wide: every role and user, both targets; groups and policies untouched", async () => {
    const r = await run(() => {
      iamx.PermissionsBoundary.of(iamx.program).apply(pb("A"));
      new iamx.Role("R", { assumedBy: lambda() });
      new iamx.User("U");
      new iamx.Group("G");
      new iamx.ManagedPolicy("MP", {
        statements: [new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] })],
      });
    });
    expect(boundaries(r)).to.deep.equal({ pulumi: { R: "A", U: "A" }, cfn: { R: "A", U: "A" } });
    const g = r.model.resources.find((x) => x.type === "AWS::IAM::Group")!;
    expect(JSON.stringify(g.renderProperties() ?? {})).not.to.contain("PermissionsBoundary");
    expect(r.get("aws:iam/policy:Policy", "MP").inputs).not.to.have.property("permissionsBoundary");
  });

  it("nested scopes: the closest scope wins, whatever the order of the calls", async () => {
    const r = await run(() => {
      const outer = scope("Outer");
      const inner = scope("Inner", outer);
      // Inner first, program last: the program-wide call must not override the closer scopes.
      iamx.PermissionsBoundary.of(inner).apply(pb("Inner"));
      iamx.PermissionsBoundary.of(outer).apply(pb("Outer"));
      iamx.PermissionsBoundary.of(iamx.program).apply(pb("Program"));
      new iamx.Role("InInner", { assumedBy: lambda() }, { parent: inner });
      new iamx.User("UserInInner", {}, { parent: inner });
      new iamx.Role("InOuter", { assumedBy: lambda() }, { parent: outer });
      new iamx.Role("Top", { assumedBy: lambda() });
    });
    expect(boundaries(r)).to.deep.equal({
      pulumi: { InInner: "Inner", UserInInner: "Inner", InOuter: "Outer", Top: "Program" },
      cfn: {
        "Outer/Inner/InInner": "Inner",
        "Outer/Inner/UserInInner": "Inner",
        "Outer/InOuter": "Outer",
        Top: "Program",
      },
    });
  });

  it("the identity itself is its closest scope, and a registration beats the permissionsBoundary arg", async () => {
    const r = await run(() => {
      const breakGlass = new iamx.Role("BreakGlass", { assumedBy: lambda() });
      const custom = new iamx.Role("Custom", { assumedBy: lambda(), permissionsBoundary: pb("Given") });
      const kept = new iamx.User("Kept", { permissionsBoundary: pb("Given") });
      iamx.PermissionsBoundary.of(breakGlass).clear();
      iamx.PermissionsBoundary.of(custom).apply(pb("Own"));
      iamx.PermissionsBoundary.of(iamx.program).apply(pb("Program"));
      void kept;
    });
    expect(boundaries(r).pulumi).to.deep.equal({ BreakGlass: null, Custom: "Own", Kept: "Program" });
    expect(boundaries(r).cfn).to.deep.equal({ BreakGlass: null, Custom: "Own", Kept: "Program" });
  });

  it("on one scope the later registration wins: apply then clear, clear then apply A then B", async () => {
    const r = await run(() => {
      const a = scope("A");
      const b = scope("B");
      iamx.PermissionsBoundary.of(a).apply(pb("X"));
      iamx.PermissionsBoundary.of(a).clear();
      iamx.PermissionsBoundary.of(b).clear();
      iamx.PermissionsBoundary.of(b).apply(pb("First"));
      iamx.PermissionsBoundary.of(b).apply(pb("Second"));
      new iamx.Role("RA", { assumedBy: lambda(), permissionsBoundary: pb("Given") }, { parent: a });
      new iamx.Role("RB", { assumedBy: lambda() }, { parent: b });
    });
    expect(boundaries(r).pulumi).to.deep.equal({ RA: null, RB: "Second" });
    expect(boundaries(r).cfn).to.deep.equal({ "A/RA": null, "B/RB": "Second" });
  });

  it("a clear on a closer scope removes the boundary an outer scope applies", async () => {
    const r = await run(() => {
      const team = scope("Team");
      iamx.PermissionsBoundary.of(team).clear();
      iamx.PermissionsBoundary.of(iamx.program).apply(pb("Program"));
      new iamx.Role("Free", { assumedBy: lambda() }, { parent: team });
      new iamx.Role("Bound", { assumedBy: lambda() });
    });
    expect(boundaries(r).pulumi).to.deep.equal({ Free: null, Bound: "Program" });
  });

  it("reaches roles other components make (an InstanceProfile's role) and roles made after the call", async () => {
    const r = await run(async () => {
      const platform = scope("Platform");
      iamx.PermissionsBoundary.of(platform).apply(pb("Platform"));
      new iamx.InstanceProfile("IP", {}, { parent: platform });
      await new Promise((resolve) => setTimeout(resolve, 5));
      new iamx.Role("Late", { assumedBy: lambda() }, { parent: platform });
    });
    expect(boundaries(r)).to.deep.equal({
      pulumi: { "IP-instance-role": "Platform", Late: "Platform" },
      cfn: { "Platform/IP/InstanceRole": "Platform", "Platform/Late": "Platform" },
    });
  });

  it("iamx components are scopes too (an InstanceProfile's own role)", async () => {
    const r = await run(() => {
      const ip = new iamx.InstanceProfile("IP");
      iamx.PermissionsBoundary.of(ip).apply(pb("Profile"));
      new iamx.Role("Other", { assumedBy: lambda() });
    });
    expect(boundaries(r).cfn).to.deep.equal({ "IP/InstanceRole": "Profile", Other: null });
  });

  it("raw aws.iam.Role/User made after the call inside a scope get the same rule, through a transformation", async () => {
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [] });
    const r = await run(() => {
      const team = scope("Team");
      new iam.Role("raw-before", { assumeRolePolicy: trust }, { parent: team });
      iamx.PermissionsBoundary.of(team).apply(pb("Team"));
      const inner = scope("Inner", team);
      new iam.Role("raw-role", { assumeRolePolicy: trust }, { parent: inner });
      new iam.User("raw-user", { permissionsBoundary: "arn:aws:iam::aws:policy/Given" }, { parent: inner });
      const cleared = new iam.Role("raw-cleared", { assumeRolePolicy: trust }, { parent: team });
      iamx.PermissionsBoundary.of(cleared).clear();
      // A closer registration made after the raw role was created still wins (decided at finalize).
      iamx.PermissionsBoundary.of(inner).apply(pb("Inner"));
      new iam.Role("raw-outside", { assumeRolePolicy: trust });
      new iamx.Role("R", { assumedBy: lambda() }, { parent: team });
    });
    expect(boundaries(r).pulumi).to.deep.equal({
      "raw-before": null,
      "raw-role": "Inner",
      "raw-user": "Inner",
      "raw-cleared": null,
      "raw-outside": null,
      R: "Team",
    });
  });

  it("program-wide registrations reach raw resources made afterwards anywhere", async () => {
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [] });
    const r = await run(() => {
      iamx.PermissionsBoundary.of(iamx.program).apply(pb("Program"));
      new iam.Role("raw-top", { assumeRolePolicy: trust });
      new iam.Role("raw-nested", { assumeRolePolicy: trust }, { parent: scope("Deep", scope("Deeper")) });
    });
    expect(boundaries(r).pulumi).to.deep.equal({ "raw-top": "Program", "raw-nested": "Program" });
  });

  it("the Pulumi stack counts as the program", async () => {
    const r = await run(() => {
      const stack = pulumi.runtime.getStackResource()!;
      iamx.PermissionsBoundary.of(stack).apply(pb("Stack"));
      new iamx.Role("R", { assumedBy: lambda() });
    });
    expect(boundaries(r).pulumi).to.deep.equal({ R: "Stack" });
  });

  it("bad input and calls after finalize are clear errors", async () => {
    await run(() => {
      for (const bad of [null, undefined, "scope", {}, 3]) {
        expect(validationError(() => iamx.PermissionsBoundary.of(bad as never)).code).to.equal("InvalidScope");
      }
      const b = iamx.PermissionsBoundary.of(iamx.program);
      for (const bad of [null, "arn:aws:iam::aws:policy/A", {}, { managedPolicyArn: null }]) {
        const e = validationError(() => b.apply(bad as never));
        expect(e.code).to.equal("InvalidManagedPolicy");
        expect(e.message).to.contain("PermissionsBoundary.apply needs a managed policy");
      }
      new iamx.Role("R", { assumedBy: lambda() });
      finalize();
      expect(validationError(() => b.apply(pb("A"))).code).to.equal("ModifiedAfterFinalize");
      expect(validationError(() => b.clear()).message).to.contain("after the program's policies were finalized");
    });
  });
});
