// Deploy-safe child names (docs/naming.md): adding, removing or reordering one item leaves every
// other child's Pulumi name and inputs as they were, so an update never replaces or detaches them.
import * as awsIam from "@pulumi/aws/iam";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as iamx from "../../src";
import type { SynthesizedResource } from "../../src/testing";
import { T, lambda, rejection, run, s3Read, type Run } from "./iamx-helpers";
import { takeOutputText } from "../output-capture";

const aws = (name: string) => iamx.ManagedPolicy.fromAwsManagedPolicyName(name);
const POLICIES = ["ReadOnlyAccess", "AmazonS3ReadOnlyAccess", "service-role/AWSLambdaBasicExecutionRole"];

/** name -> inputs of every resource of the types. */
function children(r: Run, ...types: string[]): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const t of types) for (const x of r.all(t)) out.set(`${t}::${x.name}`, x.inputs);
  return out;
}

/**
 * Runs the program with `full` and with each variant (one item dropped, the list reversed, one
 * added): every child present in both runs has the same inputs, and children standing for the
 * same item keep their names (the variant's children are a subset or superset of the full run's).
 */
async function expectStable<I>(
  items: readonly I[],
  extra: I,
  program: (items: readonly I[]) => void,
  types: string[],
): Promise<Map<string, unknown>> {
  const full = children(await run(() => program(items)), ...types);
  expect(full.size, "children of the full run").to.be.greaterThan(1);
  const variants: I[][] = [
    ...items.map((_, i) => items.filter((__, j) => j !== i)),
    [...items].reverse(),
    [extra, ...items],
  ];
  for (const variant of variants) {
    const other = children(await run(() => program(variant)), ...types);
    const shared = [...other.keys()].filter((k) => full.has(k));
    const expectedShared = variant.includes(extra) ? full.size : other.size;
    expect(shared, `children kept by variant of ${variant.length} items`).to.have.length(expectedShared);
    for (const k of shared) expect(other.get(k), k).to.deep.equal(full.get(k));
  }
  return full;
}

function expectValidNames(names: Iterable<string>, max = 120): void {
  for (const n of names) {
    const name = n.split("::").pop()!;
    expect(name).to.match(/^[A-Za-z0-9._-]+$/);
    expect(name.length, name).to.be.at.most(max);
  }
}

describe("deploy-safe child names", () => {
  it("a role's managed policy attachments: named after the ARN, not the list position", async () => {
    const full = await expectStable(
      POLICIES,
      "PowerUserAccess",
      (names) => new iamx.Role("app", { assumedBy: lambda(), managedPolicies: names.map(aws) }),
      [T.roleAttach],
    );
    expectValidNames(full.keys());
    const names = [...full.keys()].map((k) => k.split("::")[1]);
    expect(names.some((n) => n.startsWith("app-attach-ReadOnlyAccess-"))).to.equal(true);
    expect(names.some((n) => n.startsWith("app-attach-AWSLambdaBasicExecutionRole-"))).to.equal(true);
    // Pulumi warns about the program's undefined stack outputs; nothing else is printed.
    expect(takeOutputText("").every((l) => l.includes("will not show as a stack output"))).to.equal(true);
  });

  it("a user's and a group's managed policy attachments", async () => {
    await expectStable(
      POLICIES,
      "PowerUserAccess",
      (names) => {
        new iamx.User("u", { managedPolicies: names.map(aws) });
        new iamx.Group("g", { managedPolicies: names.map(aws) });
      },
      [T.userAttach, T.groupAttach],
    );
  });

  it("a ManagedPolicy's and a Policy's attachments: named after the role, user or group", async () => {
    await expectStable(
      ["a", "b", "c"],
      "d",
      (names) => {
        const roles = names.map((n) => new iamx.Role(n, { assumedBy: lambda() }));
        const mp = new iamx.ManagedPolicy("mp", { statements: [s3Read()] });
        const p = new iamx.Policy("p", { statements: [s3Read()] });
        for (const r of roles) {
          mp.attachToRole(r);
          p.attachToRole(r);
        }
        for (const n of names) p.attachToUser(iamx.User.fromUserName(`imp-${n}`, `user-${n}`));
        for (const n of names) mp.attachToGroup(iamx.Group.fromGroupName(`grp-${n}`, `group-${n}`));
      },
      [T.roleAttach, T.rolePolicy, T.userPolicy, T.groupAttach],
    );
  });

  it("an imported user's group memberships: one per group, named after it", async () => {
    await expectStable(
      ["devs", "ops", "auditors"],
      "admins",
      (names) => {
        const user = iamx.User.fromUserName("IU", "carol");
        for (const n of names) user.addToGroup(iamx.Group.fromGroupName(`G-${n}`, n));
      },
      ["aws:iam/userGroupMembership:UserGroupMembership"],
    );
  });

  it("overflow policies: one more statement, or one fewer in the last policy, renames no other", async () => {
    // Distinct statements of ~195 bytes each (nothing merges): 120 give OverflowPolicy1..3 (30, 30, 9).
    const statement = (i: number) =>
      new iamx.PolicyStatement({
        actions: [`svc${i}:Action${i}`],
        resources: [`arn:aws:s3:::bucket-${i}/${"x".repeat(108)}`],
      });
    const program = (indexes: number[]) => () => {
      iamx.configure({ checkActions: false });
      const role = new iamx.Role("MyRole", { assumedBy: lambda() });
      for (const i of indexes) role.addToPolicy(statement(i));
    };
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    const policies = async (indexes: number[]) => {
      const r = await run(program(indexes));
      return new Map(r.all(T.policy).map((p: SynthesizedResource) => [p.name, p.inputs.policy as string]));
    };
    const base = await policies(range(120));
    expect(base.size).to.equal(3);
    expectValidNames(base.keys());
    const [first, second, last] = [...base.keys()];
    // One more statement lands in the last policy: the first two keep their names and documents.
    const added = await policies(range(121));
    expect(added.get(first)).to.equal(base.get(first));
    expect(added.get(second)).to.equal(base.get(second));
    expect(added.has(last)).to.equal(true);
    expect(added.get(last)).not.to.equal(base.get(last));
    // One statement fewer (the last one, in the last policy): the same.
    const removed = await policies(range(119));
    expect([...removed.keys()]).to.deep.equal([first, second, last]);
    expect(removed.get(first)).to.equal(base.get(first));
    expect(removed.get(second)).to.equal(base.get(second));
  });

  it("long ARNs give short, valid, distinct names; the same tail in two accounts does not collide", async () => {
    const longPath = `${"team/".repeat(30)}VeryLongPolicyNameThatKeepsGoingAndGoingForeverAndEver`;
    const r = await run(() => {
      new iamx.Role("app", {
        assumedBy: lambda(),
        managedPolicies: [
          iamx.ManagedPolicy.fromManagedPolicyArn("long", `arn:aws:iam::111111111111:policy/${longPath}`),
          iamx.ManagedPolicy.fromManagedPolicyArn("a", "arn:aws:iam::111111111111:policy/Shared"),
          iamx.ManagedPolicy.fromManagedPolicyArn("b", "arn:aws:iam::222222222222:policy/Shared"),
        ],
      });
    });
    const names = r.all(T.roleAttach).map((a) => a.name);
    expect(new Set(names).size).to.equal(3);
    expectValidNames(names, 80);
    expect(names.filter((n) => n.startsWith("app-attach-Shared-"))).to.have.length(2);
  });

  describe("ARNs only known at deployment", () => {
    it("fromManagedPolicyArn(name, output): named after `name`", async () => {
      const r = await run(() => {
        const arn = pulumi.output(Promise.resolve("arn:aws:iam::111111111111:policy/fromConfig"));
        new iamx.Role("app", {
          assumedBy: lambda(),
          managedPolicies: [iamx.ManagedPolicy.fromManagedPolicyArn("billing", arn)],
        });
      });
      const names = r.all(T.roleAttach).map((a) => a.name);
      expect(names).to.have.length(1);
      expect(names[0]).to.match(/^app-attach-billing-[0-9a-f]{8}$/);
    });

    it("an Output of a Pulumi resource: named after that resource", async () => {
      const r = await run(() => {
        const policy = new awsIam.Policy("external-policy", { policy: "{}" });
        new iamx.Role("app", { assumedBy: lambda(), managedPolicies: [{ managedPolicyArn: policy.arn }] });
      });
      const [attach] = r.all(T.roleAttach);
      expect(attach.name).to.match(/^app-attach-external-policy-[0-9a-f]{8}$/);
    });

    it("an Output with no resource behind it fails, naming the fix", async () => {
      const err = await rejection(
        run(() => {
          const arn = pulumi.output(Promise.resolve("arn:aws:iam::111111111111:policy/x"));
          new iamx.Role("app", { assumedBy: lambda(), managedPolicies: [{ managedPolicyArn: arn }] });
        }),
      );
      expect(err.code).to.equal("UnnamedManagedPolicy");
      expect(err.message).to.contain("[app]").and.to.contain("fromManagedPolicyArn");
    });

    it("a role imported from an Output ARN: its attachments are named after the import", async () => {
      const r = await run(() => {
        const arn = pulumi.output(Promise.resolve("arn:aws:iam::111111111111:role/legacy"));
        const mp = new iamx.ManagedPolicy("mp", { statements: [s3Read()] });
        mp.attachToRole(iamx.Role.fromRoleArn("legacy-import", arn));
      });
      const names = r.all(T.roleAttach).map((a) => a.name);
      expect(names).to.have.length(1);
      expect(names[0]).to.match(/^mp-role-legacy-import-[0-9a-f]{8}$/);
    });
  });
});
