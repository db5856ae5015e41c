import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { InstanceProfile } from "../../src/components/instance-profile";
import { Role } from "../../src/components/role";
import { ServicePrincipal } from "../../src/core/principals/service";
import { PolicyStatement } from "../../src/core/statement";
import { toCfnJson, toValue } from "../../src/core/value";
import { programModel } from "../../src/render/cloudformation/model";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { cfnJson, itRejects, ofType, valueOf, type RejectionCase } from "./identity-helpers";

const cfn = (v: unknown) => toCfnJson(toValue(v));

describe("InstanceProfile", () => {
  it("without a role: makes InstanceRole trusted by EC2 (CDK's logical ids)", async () => {
    let ip!: InstanceProfile;
    const { resources } = await synthesizeRaw(() => {
      ip = new InstanceProfile("IP");
      new InstanceProfile("IP2"); // a second implicit role must not clash in Pulumi
    });
    const roles = ofType(resources, "aws:iam/role:Role");
    expect(roles.map((r) => [r.name, r.parent]).sort()).to.deep.equal([
      ["IP-instance-role", "IP-instance-role"],
      ["IP2-instance-role", "IP2-instance-role"],
    ]);
    const role = roles.find((r) => r.name === "IP-instance-role")!;
    expect(JSON.parse(role.inputs.assumeRolePolicy)).to.deep.equal({
      Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" } }],
      Version: "2012-10-17",
    });
    const profile = ofType(resources, "aws:iam/instanceProfile:InstanceProfile").find((p) => p.name === "IP")!;
    expect([profile.parent, profile.inputs]).to.deep.equal(["IP", { role: role.outputs.name }]);
    expect(ip.cfn.logicalId).to.equal("IPF1F1D75B");
    expect(cfnJson(ip.cfn)).to.deep.equal({ Roles: [{ Ref: "IPInstanceRole92EBCD24" }] });
    const roleCfn = programModel().resources.find((r) => r.logicalId === "IPInstanceRole92EBCD24");
    expect(roleCfn?.type).to.equal("AWS::IAM::Role");
    expect(await valueOf(ip.instanceProfileArn)).to.equal(profile.outputs.arn);
    expect(await valueOf(ip.instanceProfileName)).to.equal(profile.outputs.name);
    expect(cfn(ip.instanceProfileArn)).to.deep.equal({ "Fn::GetAtt": ["IPF1F1D75B", "Arn"] });
    expect(cfn(ip.instanceProfileName)).to.deep.equal({ Ref: "IPF1F1D75B" });
  });

  it("the implicit role takes statements like any role", async () => {
    const { resources } = await synthesizeRaw(() => {
      const ip = new InstanceProfile("IP");
      ip.role.addToPrincipalPolicy(new PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] }));
    });
    const [p] = ofType(resources, "aws:iam/rolePolicy:RolePolicy");
    expect(p.inputs.role).to.equal(ofType(resources, "aws:iam/role:Role")[0].outputs.name);
    expect(p.inputs.name).to.match(/^IPInstanceRoleDefaultPolicy[0-9A-F]{8}$/);
  });

  it("with a role, name and path", async () => {
    let ip!: InstanceProfile;
    let role!: Role;
    const { resources } = await synthesizeRaw(() => {
      role = new Role("R", { assumedBy: new ServicePrincipal("ec2.amazonaws.com"), roleName: "web" });
      ip = new InstanceProfile("IP", { role, instanceProfileName: "web-profile", path: "/apps/" });
    });
    expect(ofType(resources, "aws:iam/role:Role")).to.have.length(1);
    const [profile] = ofType(resources, "aws:iam/instanceProfile:InstanceProfile");
    expect(profile.inputs).to.deep.equal({ name: "web-profile", path: "/apps/", role: "web" });
    expect(profile.outputs.arn).to.equal("arn:aws:iam::123456789012:instance-profile/apps/web-profile");
    expect(ip.role).to.equal(role);
    expect(cfnJson(ip.cfn)).to.deep.equal({
      InstanceProfileName: "web-profile",
      Path: "/apps/",
      Roles: [{ Ref: role.cfn.logicalId }],
    });
  });

  describe("imports", () => {
    it("fromInstanceProfileName", async () => {
      const ip = InstanceProfile.fromInstanceProfileName("IIP", "ipn");
      expect(cfn(ip.instanceProfileName)).to.equal("ipn");
      expect(cfn(ip.instanceProfileArn)).to.deep.equal({
        "Fn::Join": [
          "",
          ["arn:", { Ref: "AWS::Partition" }, ":iam::", { Ref: "AWS::AccountId" }, ":instance-profile/ipn"],
        ],
      });
      expect(ip.role).to.equal(undefined);
    });

    it("fromInstanceProfileArn: the last path segment is the name", async () => {
      let name: unknown;
      await synthesizeRaw(async () => {
        const ip = InstanceProfile.fromInstanceProfileArn("IIP", "arn:aws:iam::123456789012:instance-profile/p/x");
        expect(cfn(ip.instanceProfileName)).to.equal("x");
        name = await valueOf(ip.instanceProfileName);
      });
      expect(name).to.equal("x");
    });

    it("fromInstanceProfileAttributes with a role and an output ARN", async () => {
      let role!: Role;
      let ip!: ReturnType<typeof InstanceProfile.fromInstanceProfileAttributes>;
      const { resources } = await synthesizeRaw(() => {
        role = new Role("R", { assumedBy: new ServicePrincipal("ec2.amazonaws.com") });
        ip = InstanceProfile.fromInstanceProfileAttributes("IIP", {
          instanceProfileArn: pulumi.output("arn:aws:iam::1:instance-profile/web"),
          role,
        });
      });
      expect(ofType(resources, "aws:iam/instanceProfile:InstanceProfile")).to.deep.equal([]);
      expect(ip.role).to.equal(role);
      expect(JSON.stringify(cfn(ip.instanceProfileName))).to.match(
        /^\{"Fn::Select":\[1,\{"Fn::Split":\[":instance-profile\/",/,
      );
      expect(await valueOf(ip.instanceProfileName)).to.equal("web");
    });
  });

  describe("bad input", () => {
    const cases: RejectionCase[] = [
      ["null args", () => new InstanceProfile("IP", null as any), "InvalidInstanceProfileArgs", /must be an object/],
      ["array args", () => new InstanceProfile("IP", [] as any), "InvalidInstanceProfileArgs", /an array/],
      [
        "a role that is no role",
        () => new InstanceProfile("IP", { role: {} as any }),
        "InvalidInstanceProfileRole",
        /IAM role/,
      ],
      [
        "a name with spaces",
        () => new InstanceProfile("IP", { instanceProfileName: "my profile" }),
        "InvalidInstanceProfileName",
        /"my profile"/,
      ],
      [
        "a name of 129 chars",
        () => new InstanceProfile("IP", { instanceProfileName: "n".repeat(129) }),
        "InvalidInstanceProfileName",
        /1 to 128/,
      ],
      [
        "a numeric name",
        () => new InstanceProfile("IP", { instanceProfileName: 1 as any }),
        "InvalidInstanceProfileArgs",
        /number 1/,
      ],
      [
        "a path without slashes",
        () => new InstanceProfile("IP", { path: "apps" }),
        "InvalidInstanceProfilePath",
        /"apps"/,
      ],
      ["an empty path", () => new InstanceProfile("IP", { path: "" }), "InvalidInstanceProfilePath", /between slashes/],
      [
        "an empty import name",
        () => InstanceProfile.fromInstanceProfileName("IIP", ""),
        "InvalidInstanceProfileName",
        /non-empty/,
      ],
      [
        "an import without ARN",
        () => InstanceProfile.fromInstanceProfileAttributes("IIP", {} as any),
        "InvalidInstanceProfileAttributes",
        /instanceProfileArn/,
      ],
      [
        "a role ARN",
        () => InstanceProfile.fromInstanceProfileArn("IIP", "arn:aws:iam::1:role/r"),
        "ExpectedResourceType",
        /'instance-profile'/,
      ],
      [
        "an import with no name",
        () => InstanceProfile.fromInstanceProfileArn("", "arn:aws:iam::1:instance-profile/r"),
        "InvalidName",
        /non-empty name/,
      ],
    ];
    itRejects(cases);
  });
});
