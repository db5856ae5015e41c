// Output properties made on first read: the same value, knownness, secretness and dependencies as
// Pulumi's eager ones, whether read before or after the registration returned.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { lazyTransferProperties } from "../../src/runtime/lazy-properties";
import { synthesize } from "../../src/testing";

interface Internals {
  promise(): Promise<unknown>;
  readonly isKnown: Promise<boolean>;
  readonly isSecret: Promise<boolean>;
  allResources(): Promise<Set<unknown>>;
}

async function settled(o: unknown): Promise<{ value: unknown; known: boolean; secret: boolean; deps: unknown[] }> {
  // Pulumi's internals of an Output, which its public type does not declare
  const out = o as Internals;
  return {
    value: await out.promise(),
    known: await out.isKnown,
    secret: await out.isSecret,
    deps: [...(await out.allResources())],
  };
}

describe("runtime: lazy output properties", () => {
  const dep = { marker: "dependency" } as unknown as pulumi.Resource;

  it("gives an output read before the registration returned its result", async () => {
    const res = {};
    const resolvers = lazyTransferProperties(res, "resource:r[t]", { arn: undefined, name: "n", id: "x", urn: "y" });
    expect(Object.keys(resolvers)).to.deep.equal(["arn", "name"]);
    expect(Object.keys(res)).to.deep.equal(["arn", "name"]);
    const arn = (res as Record<string, unknown>).arn;
    expect(pulumi.Output.isInstance(arn)).to.equal(true);
    expect((res as Record<string, unknown>).arn).to.equal(arn, "one Output per property");
    resolvers.arn("arn:aws:iam::1:role/r", true, true, [dep]);
    const s = await settled(arn);
    expect(s).to.deep.include({ value: "arn:aws:iam::1:role/r", known: true, secret: true });
    expect(s.deps).to.include(dep);
  });

  it("gives an output read after, with the first result only", async () => {
    const res = {};
    const resolvers = lazyTransferProperties(res, "resource:r[t]", { name: "n" });
    resolvers.name("first", true, false);
    resolvers.name("second", false, true);
    const s = await settled((res as Record<string, unknown>).name);
    expect(s).to.deep.include({ value: "first", known: true, secret: false });
  });

  it("rejects an output whose registration failed, read before or after", async () => {
    const res = {};
    const resolvers = lazyTransferProperties(res, "resource:r[t]", { a: 1, b: 2 });
    const before = (res as Record<string, Internals>).a;
    const failure = new Error("registration failed");
    resolvers.a(undefined, true, false, [], failure);
    resolvers.b(undefined, true, false, [], failure);
    const after = (res as Record<string, Internals>).b;
    for (const out of [before, after]) {
      out.isKnown.catch(() => undefined);
      out.isSecret.catch(() => undefined);
      let error: unknown;
      await out.promise().catch((e: unknown) => (error = e));
      expect(error).to.equal(failure);
    }
  });

  it("refuses a property the resource already has, as Pulumi does", () => {
    expect(() => lazyTransferProperties({ arn: "x" }, "resource:r[t]", { arn: undefined })).to.throw(
      "Property 'arn' is already initialized on target 'resource:r[t]",
    );
  });

  it("lets a resource's outputs flow into other resources and be read after the run", async () => {
    let role: aws.iam.Role | undefined;
    const s = await synthesize(() => {
      role = new aws.iam.Role("plain", { assumeRolePolicy: "{}" });
      new aws.iam.RolePolicy("inline", { role: role.name, policy: "{}" });
    });
    const name = s.resource("aws:iam/role:Role", "plain").outputs.name as string;
    expect(s.resource("aws:iam/rolePolicy:RolePolicy", "inline").inputs.role).to.equal(name);
    expect(await settled(role!.arn)).to.deep.include({ value: `arn:aws:iam::123456789012:role/${name}`, known: true });
    expect((await settled(role!.uniqueId)).value).to.match(/^AID/);
    // a property the mocked cloud gave no value: known and undefined, as Pulumi resolves it
    expect(await settled(role!.description)).to.deep.include({ value: undefined, known: true });
  });
});
