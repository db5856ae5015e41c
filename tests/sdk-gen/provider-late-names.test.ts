// What a method called in a later request adds is named after the call's arguments (Outputs by
// the resources they come from), so names never depend on the order calls arrive in; a call that
// hashes like an earlier one gets `-2`, `-3`..., and a true repeat adds what TypeScript adds.
import { expect } from "chai";
import { synthesizeRaw, type SynthesizedResource } from "../../src/testing/synthesize";
import { Group, Policy, PolicyStatement, Role, ServicePrincipal, User } from "../../src";
import { deploy, ofType, role, type Request } from "./provider-harness";

const ATTACHMENT = {
  Role: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  Group: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
} as const;
const MEMBERSHIP = "aws:iam/userGroupMembership:UserGroupMembership";

const identity = (type: "Role" | "Group"): Request =>
  type === "Role" ? role() : { construct: "app", type, inputs: {} };
const addManagedPolicy = (type: "Role" | "Group", policyArn: string): Request => ({
  call: `iamx:index:${type}/addManagedPolicy`,
  self: "app",
  args: { policyArn },
});
const addUser = (user: string): Request => ({
  call: "iamx:index:Group/addUser",
  self: "devs",
  args: { user: `@${user}` },
});

/** Each attachment's name → the bucket whose Output it attaches (`left`: its ARN, `left.id`: its id, the bucket name). */
function attached(resources: SynthesizedResource[], type: "Role" | "Group"): string[] {
  const buckets = ofType(resources, "aws:s3/bucket:Bucket");
  const which = (arn: unknown) =>
    buckets.flatMap((b) => (arn === b.outputs.arn ? [b.name] : arn === b.outputs.bucket ? [`${b.name}.id`] : []))[0] ??
    String(arn);
  return ofType(resources, ATTACHMENT[type]).map((a) => `${a.name} → ${which(a.inputs.policyArn)}`);
}

describe("sdk-gen: late calls are named after their arguments, never after the order calls arrive in", () => {
  for (const type of ["Role", "Group"] as const) {
    it(`${type}.addManagedPolicy by Output ARNs of different resources: one attachment each, named the same whichever comes first (two fresh providers)`, async () => {
      const run = async (order: string[]) =>
        attached(
          (await deploy([identity(type), ...order.map((b) => addManagedPolicy(type, `@${b}`))], ["left", "right"]))
            .resources,
          type,
        ).sort();
      const first = await run(["left", "right"]);
      const second = await run(["right", "left"]);
      expect(first.map((a) => a.split(" → ")[1])).to.deep.equal(["left", "right"].sort());
      expect(new Set(first.map((a) => a.split(" → ")[0])).size).to.equal(2);
      expect(first.join(" ")).to.not.match(/-2-/);
      expect(second).to.deep.equal(first);
    });
  }

  it("Outputs of one resource hash alike: the later call gets -2 and neither is dropped", async () => {
    const { resources } = await deploy(
      [role(), addManagedPolicy("Role", "@left"), addManagedPolicy("Role", "@left.id")],
      ["left"],
    );
    const names = attached(resources, "Role");
    expect(names).to.have.length(2);
    expect(names[0]).to.match(/^app-attach-app-managed-policy-[0-9a-f]{8}-[0-9a-f]{8} → left$/);
    expect(names[1]).to.match(/^app-attach-app-managed-policy-[0-9a-f]{8}-2-[0-9a-f]{8} → left\.id$/);
  });

  it("group.addUser of two users: a membership each, named the same whichever comes first", async () => {
    const run = async (order: string[]) => {
      const { resources } = await deploy([
        { construct: "devs", type: "Group", inputs: {} },
        { construct: "alice", type: "User", inputs: {} },
        { construct: "bob", type: "User", inputs: {} },
        ...order.map(addUser),
      ]);
      const userOf = (m: SynthesizedResource) =>
        resources.find((r) => r.type === "aws:iam/user:User" && r.outputs.name === m.inputs.user)!.name;
      return ofType(resources, MEMBERSHIP)
        .map((m) => `${m.name} → ${userOf(m)}`)
        .sort();
    };
    const first = await run(["alice", "bob"]);
    expect(first.map((m) => m.split(" → ")[1]).sort()).to.deep.equal(["alice", "bob"]);
    expect(await run(["bob", "alice"])).to.deep.equal(first);
  });

  it("group.addUser(u) twice adds one membership, as TypeScript: user.addToGroup(g) twice makes one UserGroupMembership listing the group once", async () => {
    const typescript = await synthesizeRaw(() => {
      const g = new Group("devs");
      const u = new User("alice");
      u.addToGroup(g);
      u.addToGroup(g);
    });
    const expected = ofType(typescript.resources, MEMBERSHIP);
    expect(expected).to.have.length(1);
    const { resources } = await deploy([
      { construct: "devs", type: "Group", inputs: {} },
      { construct: "alice", type: "User", inputs: {} },
      addUser("alice"),
      addUser("alice"),
    ]);
    const late = ofType(resources, MEMBERSHIP);
    expect(late).to.have.length(expected.length);
    expect(late[0].inputs.groups).to.have.length(expected[0].inputs.groups.length);
  });

  it("policy.attachToRole(r) twice adds one copy, as TypeScript: a policy is attached once per role", async () => {
    const typescript = await synthesizeRaw(() => {
      const r = new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      const p = new Policy("pol", {
        statements: [new PolicyStatement({ actions: ["sqs:SendMessage"], resources: ["*"] })],
      });
      p.attachToRole(r);
      p.attachToRole(r);
    });
    const expected = ofType(typescript.resources, "aws:iam/rolePolicy:RolePolicy");
    expect(expected).to.have.length(1);
    const attach: Request = { call: "iamx:index:Policy/attachToRole", self: "pol", args: { role: "@app" } };
    const { resources } = await deploy([
      role(),
      {
        construct: "pol",
        type: "Policy",
        inputs: { statements: [{ actions: ["sqs:SendMessage"], resources: ["*"] }] },
      },
      attach,
      attach,
    ]);
    const copies = ofType(resources, "aws:iam/rolePolicy:RolePolicy");
    expect(copies).to.have.length(expected.length);
    expect(copies[0].inputs.policy).to.equal(expected[0].inputs.policy);
  });

  it("group.addUser(u) of a user built in the group adds no membership, as TypeScript: addToGroup of a listed group changes nothing", async () => {
    const typescript = await synthesizeRaw(() => {
      const g = new Group("devs");
      const u = new User("alice", { groups: [g] });
      u.addToGroup(g);
    });
    expect(ofType(typescript.resources, MEMBERSHIP)).to.have.length(1);
    const { resources } = await deploy([
      { construct: "devs", type: "Group", inputs: {} },
      { construct: "alice", type: "User", inputs: { groups: ["@devs"] } },
      addUser("alice"),
      { call: "iamx:index:User/addToGroup", self: "alice", args: { group: "@devs" } },
    ]);
    expect(ofType(resources, MEMBERSHIP).map((m) => m.name)).to.deep.equal(["alice-groups"]);
  });

  it("policy.attachToRole(r) of a role the policy was built with adds no copy, as TypeScript", async () => {
    const built: Request[] = [
      role(),
      {
        construct: "pol",
        type: "Policy",
        inputs: { statements: [{ actions: ["sqs:SendMessage"], resources: ["*"] }], roles: ["@app"] },
      },
    ];
    const names = async (requests: Request[]) =>
      ofType((await deploy(requests)).resources, "aws:iam/rolePolicy:RolePolicy").map((p) => p.name);
    const alone = await names(built);
    expect(alone).to.have.length(1);
    expect(
      await names([...built, { call: "iamx:index:Policy/attachToRole", self: "pol", args: { role: "@app" } }]),
    ).to.deep.equal(alone);
  });

  it("addManagedPolicy of one ARN twice attaches it once, as TypeScript", async () => {
    const arn = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    const typescript = await synthesizeRaw(() => {
      const r = new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      r.addManagedPolicy({ managedPolicyArn: arn } as never);
    });
    void typescript;
    const { resources } = await deploy([role(), addManagedPolicy("Role", arn), addManagedPolicy("Role", arn)]);
    expect(ofType(resources, ATTACHMENT.Role)).to.have.length(1);
  });
});
