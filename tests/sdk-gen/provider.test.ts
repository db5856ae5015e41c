import { expect } from "chai";
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { synthesizeRaw, type SynthesizedResource } from "../../src/testing/synthesize";
import { IamxProvider } from "../../sdk-gen/provider/provider";
import { liveComponent } from "../../sdk-gen/provider/registry";
import { Role } from "../../src/components/role";
import { User } from "../../src/components/user";
import { Group } from "../../src/components/group";
import { ManagedPolicy } from "../../src/components/managed-policy";
import { Policy } from "../../src/components/policy";
import { AccessKey, AccessKeyStatus } from "../../src/components/access-key";
import { InstanceProfile } from "../../src/components/instance-profile";
import { OpenIdConnectProvider } from "../../src/components/oidc-provider";
import { SamlProvider } from "../../src/components/saml-provider";
import { SamlMetadataDocument } from "../../src/components/saml-metadata";
import { RemovalPolicy } from "../../src/components/removal-policy";
import {
  AccountPrincipal,
  FederatedPrincipal,
  PolicyDocument,
  PolicyStatement,
  ServicePrincipal,
  CompositePrincipal,
} from "../../src/core";

let provider = new IamxProvider();
const STATEMENT = { actions: ["s3:GetObject"], resources: ["*"] };

/**
 * What must be equal between the two runs: everything the engine would receive. Sorted: the
 * engine does not depend on registration order, and a provider request finalizes per component.
 */
function registered(resources: SynthesizedResource[]) {
  return resources
    .map(({ type, name, parent, parentType, custom, inputs }) => ({ type, name, parent, parentType, custom, inputs }))
    .sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`));
}

async function construct(name: string, type: string, inputs: Record<string, unknown>): Promise<string> {
  const res = await provider.construct(name, `iamx:index:${type}`, inputs as pulumi.Inputs, {});
  return new Promise<string>((resolve) => pulumi.output(res.urn).apply(resolve));
}

function policyOf(resources: SynthesizedResource[], type: string, name: string): any {
  const r = resources.find((x) => x.type === type && x.name === name);
  expect(r, `${type} ${name} among ${resources.map((x) => `${x.type} ${x.name}`).join(", ")}`).to.not.equal(undefined);
  return JSON.parse(r!.inputs.policy);
}

describe("sdk-gen: the component provider under mocks", () => {
  // One provider process serves one deployment: a new one per test.
  beforeEach(() => (provider = new IamxProvider()));

  it("constructing a Role through the provider registers the same resources with the same inputs as the TypeScript Role", async () => {
    const direct = await synthesizeRaw(() => {
      const role = new Role("app", {
        assumedBy: new CompositePrincipal(
          new ServicePrincipal("lambda.amazonaws.com"),
          new AccountPrincipal("111111111111").withConditions({ Bool: { "aws:MultiFactorAuthPresent": "true" } }),
        ),
        externalIds: ["ext-1"],
        inlinePolicies: {
          Logs: new PolicyDocument({
            statements: [
              new PolicyStatement({ actions: ["logs:PutLogEvents", "logs:CreateLogStream"], resources: ["*"] }),
            ],
          }),
        },
        managedPolicies: [ManagedPolicy.fromManagedPolicyArn("m", "arn:aws:iam::aws:policy/ReadOnlyAccess")],
        maxSessionDuration: 7200,
        path: "/apps/",
        description: "the app",
      });
      role.addToPolicy(new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }));
      role.addToPolicy(new PolicyStatement({ actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::b"] }));
    });
    const viaProvider = await synthesizeRaw(async () => {
      await construct("app", "Role", {
        assumedBy: [
          { service: "lambda.amazonaws.com" },
          { account: "111111111111", conditions: { Bool: { "aws:MultiFactorAuthPresent": "true" } } },
        ],
        externalIds: ["ext-1"],
        inlinePolicies: {
          Logs: { statements: [{ actions: ["logs:PutLogEvents", "logs:CreateLogStream"], resources: ["*"] }] },
        },
        managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        maxSessionDuration: 7200,
        path: "/apps/",
        description: "the app",
        statements: [
          { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] },
          { actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::b"] },
        ],
      });
    });
    expect(direct.resources.length).to.be.greaterThan(3);
    expect(registered(viaProvider.resources)).to.deep.equal(registered(direct.resources));
  });

  it("components referring to each other (ManagedPolicy, Policy, User, Group) register what the TypeScript program registers", async () => {
    const statement = { actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:123456789012:q"] };
    const direct = await synthesizeRaw(() => {
      const role = new Role("worker", {
        assumedBy: new FederatedPrincipal("cognito-identity.amazonaws.com", {}, "sts:AssumeRoleWithWebIdentity"),
      });
      const group = new Group("devs", {
        managedPolicies: [ManagedPolicy.fromManagedPolicyArn("ro", "arn:aws:iam::aws:policy/ReadOnlyAccess")],
      });
      const user = new User("alice", { groups: [group], userName: "alice" });
      new ManagedPolicy("send", { statements: [new PolicyStatement(statement)], roles: [role], users: [user] });
      new Policy("inline", { statements: [new PolicyStatement({ ...statement, effect: "Deny" })], groups: [group] });
    });
    const viaProvider = await synthesizeRaw(async () => {
      const role = await construct("worker", "Role", {
        assumedBy: [{ federated: "cognito-identity.amazonaws.com", assumeRoleAction: "sts:AssumeRoleWithWebIdentity" }],
      });
      const group = await construct("devs", "Group", { managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] });
      const user = await construct("alice", "User", { groups: [group], userName: "alice" });
      await construct("send", "ManagedPolicy", { statements: [statement], roles: [role], users: [user] });
      await construct("inline", "Policy", { statements: [{ ...statement, effect: "Deny" }], groups: [group] });
    });
    expect(direct.resources.some((r) => r.type === "aws:iam/groupPolicy:GroupPolicy")).to.equal(true);
    expect(registered(viaProvider.resources)).to.deep.equal(registered(direct.resources));
  });

  it("AccessKey, InstanceProfile, OpenIdConnectProvider and SamlProvider register what the TypeScript components register", async () => {
    const thumbprint = "6938fd4d98bab03faadb97b34396831e3780aea1";
    const xml = fs.readFileSync(`${__dirname}/../components/fixtures/idp-metadata.xml`, "utf8");
    const direct = await synthesizeRaw(() => {
      const user = new User("ci", {});
      new AccessKey("ci-key", { user, serial: 2, status: AccessKeyStatus.INACTIVE });
      new InstanceProfile("web", {
        role: new Role("web-role", { assumedBy: new ServicePrincipal("ec2.amazonaws.com") }),
      });
      new OpenIdConnectProvider("gh", {
        url: "https://token.actions.githubusercontent.com",
        clientIds: ["sts.amazonaws.com"],
        thumbprints: [thumbprint],
      });
      new SamlProvider("idp", { metadataDocument: SamlMetadataDocument.fromXml(xml) });
    });
    const viaProvider = await synthesizeRaw(async () => {
      const user = await construct("ci", "User", {});
      await construct("ci-key", "AccessKey", { user, serial: 2, status: "Inactive" });
      const role = await construct("web-role", "Role", { assumedBy: [{ service: "ec2.amazonaws.com" }] });
      await construct("web", "InstanceProfile", { role });
      await construct("gh", "OpenIdConnectProvider", {
        url: "https://token.actions.githubusercontent.com",
        clientIds: ["sts.amazonaws.com"],
        thumbprints: [thumbprint],
      });
      await construct("idp", "SamlProvider", { metadataDocument: xml });
    });
    expect(direct.resources.map((r) => r.type)).to.include.members([
      "aws:iam/accessKey:AccessKey",
      "aws:iam/instanceProfile:InstanceProfile",
      "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
      "aws:iam/samlProvider:SamlProvider",
    ]);
    expect(registered(viaProvider.resources)).to.deep.equal(registered(direct.resources));
  });

  it("removalPolicy on every component: the same resources, retained as after applyRemovalPolicy in TypeScript", async () => {
    const thumbprint = "6938fd4d98bab03faadb97b34396831e3780aea1";
    const xml = fs.readFileSync(`${__dirname}/../components/fixtures/idp-metadata.xml`, "utf8");
    const url = "https://token.actions.githubusercontent.com";
    const statements = [new PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] })];
    const direct = await synthesizeRaw(() => {
      const RETAIN = RemovalPolicy.RETAIN;
      const role = new Role("r", { assumedBy: new ServicePrincipal("ec2.amazonaws.com") });
      const user = new User("u", {});
      const all = [
        role,
        user,
        new Group("g", {}),
        new ManagedPolicy("mp", { statements }),
        new Policy("p", { statements, roles: [role] }),
        new AccessKey("k", { user }),
        new InstanceProfile("ip", { role }),
        new OpenIdConnectProvider("op", { url, thumbprints: [thumbprint] }),
        new SamlProvider("sp", { metadataDocument: SamlMetadataDocument.fromXml(xml) }),
      ];
      for (const c of all) c.applyRemovalPolicy(RETAIN);
      new Group("kept-default", {});
    });
    const viaProvider = await synthesizeRaw(async () => {
      const removalPolicy = "retain";
      const role = await construct("r", "Role", { assumedBy: [{ service: "ec2.amazonaws.com" }], removalPolicy });
      const user = await construct("u", "User", { removalPolicy });
      await construct("g", "Group", { removalPolicy });
      await construct("mp", "ManagedPolicy", { statements: [STATEMENT], removalPolicy });
      await construct("p", "Policy", { statements: [STATEMENT], roles: [role], removalPolicy });
      await construct("k", "AccessKey", { user, removalPolicy });
      await construct("ip", "InstanceProfile", { role, removalPolicy });
      await construct("op", "OpenIdConnectProvider", { url, thumbprints: [thumbprint], removalPolicy });
      await construct("sp", "SamlProvider", { metadataDocument: xml, removalPolicy });
      await construct("kept-default", "Group", {});
    });
    const withRetain = (rs: SynthesizedResource[]) =>
      registered(rs).map((r) => ({
        ...r,
        retainOnDelete: rs.find((x) => x.type === r.type && x.name === r.name)!.retainOnDelete,
      }));
    expect(withRetain(viaProvider.resources)).to.deep.equal(withRetain(direct.resources));
    const retained = viaProvider.resources.filter((r) => r.retainOnDelete).map((r) => r.type);
    expect(new Set(retained).size, retained.join(", ")).to.be.at.least(9);
    expect(viaProvider.resources.find((r) => r.name === "kept-default" && r.custom)!.retainOnDelete).to.equal(false);
  });

  it("returns the component's outputs as its state", async () => {
    const run = await synthesizeRaw(async () => {
      const res = await provider.construct("app", "iamx:index:Role", { assumedBy: [{ service: "ec2" }] }, {});
      return { urn: res.urn, ...res.state };
    });
    expect(run.outputs.urn).to.match(/^urn:pulumi:stack::project::.*iamx:index:Role::app$/);
    expect(run.outputs.roleArn).to.match(/^arn:aws:iam::123456789012:role\/app-/);
    expect(run.outputs.roleName).to.match(/^app-/);
    expect(run.outputs).to.have.property("roleId");
  });

  it("keeps eventual values (Outputs) where the schema allows them, and renders them into the policy", async () => {
    const run = await synthesizeRaw(async () => {
      const bucketArn = pulumi.output("arn:aws:s3:::from-another-resource");
      await construct("app", "Role", {
        assumedBy: [{ service: "lambda.amazonaws.com" }],
        statements: [{ actions: ["s3:GetObject"], resources: [bucketArn] }],
      });
    });
    const doc = policyOf(run.resources, "aws:iam/rolePolicy:RolePolicy", "app-default-policy");
    expect(doc.Statement[0].Resource).to.equal("arn:aws:s3:::from-another-resource");
  });

  it("awaits a structure the engine wrapped in an Output (a value with dependencies)", async () => {
    const run = await synthesizeRaw(async () => {
      await construct("app", "Role", { assumedBy: pulumi.output([{ service: "lambda.amazonaws.com" }]) });
    });
    const role = run.resources.find((r) => r.type === "aws:iam/role:Role")!;
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal).to.deep.equal({
      Service: "lambda.amazonaws.com",
    });
  });

  describe("methods (call): each call adds resources of its own", () => {
    it("Role.addToPolicy after construction lands in a new inline policy attached to the role", async () => {
      const run = await synthesizeRaw(async () => {
        const role = await construct("app", "Role", {
          assumedBy: [{ service: "lambda.amazonaws.com" }],
          statements: [{ actions: ["s3:GetObject"], resources: ["*"] }],
        });
        const res = await provider.call("iamx:index:Role/addToPolicy", {
          __self__: role,
          statement: { actions: ["sqs:SendMessage"], resources: ["*"] },
        });
        return { added: res.outputs!.statementAdded };
      });
      expect(run.outputs.added).to.equal(true);
      const late = run.resources.filter(
        (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name !== "app-default-policy",
      );
      expect(late).to.have.length(1);
      expect(late[0].name).to.match(/^app-policy-[0-9a-f]{8}-role-app-[0-9a-f]{8}$/);
      expect(JSON.parse(late[0].inputs.policy).Statement).to.deep.equal([
        { Action: "sqs:SendMessage", Effect: "Allow", Resource: "*" },
      ]);
      expect(late[0].inputs.role).to.match(/^app-/);
      // The default policy keeps what construction gave it.
      expect(policyOf(run.resources, "aws:iam/rolePolicy:RolePolicy", "app-default-policy").Statement).to.have.length(
        1,
      );
    });

    it("names late policies by content: the same calls in another order give the same names", async () => {
      const names = async (order: string[]) => {
        provider = new IamxProvider();
        const run = await synthesizeRaw(async () => {
          const role = await construct("app", "Role", { assumedBy: [{ service: "ec2" }] });
          for (const action of order) {
            await provider.call("iamx:index:Role/addToPolicy", {
              __self__: role,
              statement: { actions: [action], resources: ["*"] },
            });
          }
        });
        return run.resources
          .filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy")
          .map((r) => `${r.name}=${JSON.parse(r.inputs.policy).Statement[0].Action}`)
          .sort();
      };
      const a = await names(["s3:GetObject", "sqs:SendMessage"]);
      const b = await names(["sqs:SendMessage", "s3:GetObject"]);
      expect(a).to.have.length(2);
      expect(a).to.deep.equal(b);
    });

    it("Role.grantPassRole to a user gives the user iam:PassRole on the role, in a new inline policy", async () => {
      const run = await synthesizeRaw(async () => {
        const role = await construct("app", "Role", { assumedBy: [{ service: "ec2" }] });
        const user = await construct("deployer", "User", {});
        const res = await provider.call("iamx:index:Role/grantPassRole", { __self__: role, grantee: { user } });
        const bare = await provider.call("iamx:index:Role/grant", {
          __self__: role,
          grantee: { principal: { service: "lambda.amazonaws.com" } },
          actions: ["iam:GetRole"],
        });
        return { success: res.outputs!.success, bare: bare.outputs!.success };
      });
      expect(run.outputs).to.deep.equal({ success: true, bare: false });
      const late = run.resources.find((r) => r.type === "aws:iam/userPolicy:UserPolicy")!;
      expect(late.name).to.match(/^deployer-policy-[0-9a-f]{8}-user-deployer-[0-9a-f]{8}$/);
      const roleArn = run.resources.find((r) => r.type === "aws:iam/role:Role")!.outputs.arn;
      expect(JSON.parse(late.inputs.policy).Statement).to.deep.equal([
        { Action: "iam:PassRole", Effect: "Allow", Resource: roleArn },
      ]);
    });

    it("attach methods and memberships after construction add attachments and memberships", async () => {
      const run = await synthesizeRaw(async () => {
        const role = await construct("app", "Role", { assumedBy: [{ service: "ec2" }] });
        const group = await construct("devs", "Group", {});
        const user = await construct("bob", "User", {});
        const managed = await construct("mp", "ManagedPolicy", {
          statements: [{ actions: ["ec2:Describe*"], resources: ["*"] }],
        });
        const inline = await construct("ip", "Policy", {
          statements: [{ actions: ["sns:Publish"], resources: ["*"] }],
        });
        await provider.call("iamx:index:ManagedPolicy/attachToRole", { __self__: managed, role });
        await provider.call("iamx:index:Policy/attachToGroup", { __self__: inline, group });
        await provider.call("iamx:index:Group/addUser", { __self__: group, user });
        await provider.call("iamx:index:User/addManagedPolicy", {
          __self__: user,
          policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
        });
      });
      const of = (type: string) => run.resources.filter((r) => r.type === type);
      expect(of("aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.have.length(1);
      expect(of("aws:iam/userPolicyAttachment:UserPolicyAttachment")[0].inputs.policyArn).to.equal(
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
      );
      const groupPolicy = of("aws:iam/groupPolicy:GroupPolicy");
      expect(groupPolicy).to.have.length(1);
      expect(JSON.parse(groupPolicy[0].inputs.policy).Statement[0].Action).to.equal("sns:Publish");
      const membership = of("aws:iam/userGroupMembership:UserGroupMembership");
      expect(membership).to.have.length(1);
      expect(membership[0].inputs.groups).to.have.length(1);
    });

    it("permissionsBoundaryArn bounds users and roles; addManagedPolicy attaches to roles and groups too", async () => {
      const boundary = "arn:aws:iam::123456789012:policy/Boundary";
      const run = await synthesizeRaw(async () => {
        const role = await construct("app", "Role", {
          assumedBy: [{ service: "ec2" }],
          permissionsBoundaryArn: boundary,
        });
        const group = await construct("devs", "Group", {});
        await construct("bob", "User", { permissionsBoundaryArn: boundary });
        await provider.call("iamx:index:Role/addManagedPolicy", {
          __self__: role,
          policyArn: "arn:aws:iam::aws:policy/A",
        });
        await provider.call("iamx:index:Group/addManagedPolicy", {
          __self__: group,
          policyArn: "arn:aws:iam::aws:policy/B",
        });
      });
      const one = (type: string) => {
        const found = run.resources.filter((r) => r.type === type);
        expect(found, type).to.have.length(1);
        return found[0].inputs;
      };
      expect(one("aws:iam/role:Role").permissionsBoundary).to.equal(boundary);
      expect(one("aws:iam/user:User").permissionsBoundary).to.equal(boundary);
      expect(one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").policyArn).to.equal("arn:aws:iam::aws:policy/A");
      expect(one("aws:iam/groupPolicyAttachment:GroupPolicyAttachment").policyArn).to.equal(
        "arn:aws:iam::aws:policy/B",
      );
    });
  });

  describe("inputs are checked against the schema", () => {
    const failure = async (inputs: Record<string, unknown>): Promise<string> => {
      let message = "";
      await synthesizeRaw(async () => {
        try {
          await construct("bad", "Role", inputs);
        } catch (e) {
          message = (e as Error).message;
        }
      });
      return message;
    };

    it("reports every wrong type, unknown property and missing requirement with its path", async () => {
      const message = await failure({
        assumedBy: [{ service: 5 }],
        roleNmae: "typo",
        statements: [{ actions: "s3:GetObject", effect: "Maybe" }],
        maxSessionDuration: 1.5,
      });
      expect(message).to.contain("assumedBy[0].service: expected a string, got 5");
      expect(message).to.contain("roleNmae: unknown property");
      expect(message).to.contain("statements[0].actions: expected a list");
      expect(message).to.contain("statements[0].effect: expected one of Allow, Deny");
      expect(message).to.contain("maxSessionDuration: expected an integer");
      expect(await failure({})).to.contain("assumedBy: is required");
    });

    it("needs exactly one kind in a principal", async () => {
      expect(await failure({ assumedBy: [{ service: "ec2", aws: "arn:aws:iam::1:root" }] })).to.contain(
        "assumedBy[0]: a principal needs exactly one of",
      );
      expect(await failure({ assumedBy: [] })).to.contain("give at least one principal");
    });

    it("rejects an unknown value where the model needs a known one", async () => {
      const message = await failure({ assumedBy: [{ service: pulumi.output(pulumi.unknown as unknown as string) }] });
      expect(message).to.satisfy((m: string) => m.includes("assumedBy") && m.includes("unknown"));
    });

    it("rejects a resource of another kind where a component of this package is expected", async () => {
      const run = await synthesizeRaw(async () => {
        const user = await construct("u", "User", {});
        try {
          await construct("p", "ManagedPolicy", { roles: [user] });
          return { message: "" };
        } catch (e) {
          return { message: (e as Error).message };
        }
      });
      expect(run.outputs.message).to.contain("roles[0]: expected a Role of this package");
    });

    it("unknown components and methods fail clearly", async () => {
      let message = "";
      try {
        await provider.construct("x", "iamx:index:Nope", {}, {});
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).to.contain("iamx has no component iamx:index:Nope");
      const call = await provider.call("iamx:index:Role/nope", {}).catch((e: Error) => e.message);
      expect(call).to.contain("iamx has no method iamx:index:Role/nope");
    });
  });

  it("resolves references to this package's resources to the live components (resource module)", async () => {
    await synthesizeRaw(async () => {
      const urn = await construct("app", "Role", { assumedBy: [{ service: "ec2" }] });
      // The SDK's own deserializer, as the provider server runs it on a request's inputs.
      const rpc = pulumi.runtime as unknown as {
        deserializeProperty(p: unknown): unknown;
        specialSigKey: string;
        specialResourceSig: string;
      };
      const ref = rpc.deserializeProperty({ [rpc.specialSigKey]: rpc.specialResourceSig, urn, packageVersion: "" });
      expect(ref).to.equal(liveComponent(urn));
      expect(ref).to.be.instanceOf(Role);
      const stale = () =>
        rpc.deserializeProperty({
          [rpc.specialSigKey]: rpc.specialResourceSig,
          urn: "urn:pulumi:stack::project::iamx:index:Role::gone",
          packageVersion: "",
        });
      expect(stale).to.throw(/was not built by this iamx provider process/);
    });
  });
});
