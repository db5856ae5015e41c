// Offline runs serialize plain inputs themselves: the same results as Pulumi's own serialization,
// in the same number of microtask turns (registrations must complete in the same order).
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import {
  plainSerializeProperties,
  plainSerializeProperty,
  plainSerializeResourceProperties,
  type SerializeProperty,
} from "../../src/runtime/plain-serialization";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- Pulumi's own serialization, to compare with
const rpc = require("@pulumi/pulumi/runtime/rpc") as {
  serializeProperty: SerializeProperty;
  serializeResourceProperties(label: string, props: Record<string, unknown>, opts?: unknown): Promise<unknown>;
  serializeProperties(label: string, props: Record<string, unknown>, opts?: unknown): Promise<unknown>;
};

/** The value `p` settles with and the microtask turns it took. */
async function turns(p: Promise<unknown>): Promise<{ value: unknown; turns: number }> {
  let settled = false;
  let value: unknown;
  void p.then((v) => ((settled = true), (value = v)));
  let n = 0;
  while (!settled && n < 1000) {
    await Promise.resolve();
    n++;
  }
  return { value, turns: n };
}

const props = (): Record<string, unknown> => ({
  id: "skipped",
  urn: "skipped",
  arn: undefined,
  name: "n",
  none: null,
  count: 3,
  flag: false,
  fn: () => 1,
  out: pulumi.output("from an output"),
  nested: { a: ["x", undefined, 2], b: pulumi.output("y") },
  promised: Promise.resolve("p"),
  secret: pulumi.secret("s"),
  createDate: undefined,
});

describe("runtime: plain-value serialization", () => {
  it("serializes a resource's inputs as Pulumi does, dependencies and turns included", async () => {
    const ours = plainSerializeResourceProperties(rpc.serializeProperty);
    const mine = await turns(ours("resource:r[t]", props(), {}));
    const theirs = await turns(rpc.serializeResourceProperties("resource:r[t]", props(), {}));
    expect(mine.value).to.deep.equal(theirs.value);
    expect(mine.turns).to.equal(theirs.turns);
    const [serialized] = mine.value as [Record<string, unknown>];
    expect(serialized).to.not.have.any.keys("id", "urn", "arn", "fn", "createDate");
    expect(serialized).to.include({ name: "n", none: null, count: 3, flag: false, out: "from an output" });
  });

  it("serializes a property bag (id and urn included, no dependencies) as Pulumi does, in as many turns", async () => {
    const ours = plainSerializeProperties(rpc.serializeProperty);
    for (const bag of [props(), {}, { only: undefined }, { arn: "a", tags: { k: "v" } }]) {
      const mine = await turns(ours("", bag));
      const theirs = await turns(rpc.serializeProperties("", bag));
      expect(mine).to.deep.equal(theirs);
      expect(Object.keys(mine.value as object)).to.deep.equal(Object.keys(theirs.value as object));
    }
    const serialized = (await ours("", props())) as Record<string, unknown>;
    expect(serialized).to.include({ id: "skipped", urn: "skipped", name: "n", out: "from an output" });
  });

  it("serializes one value as Pulumi does, in as many turns", async () => {
    const ours = plainSerializeProperty(rpc.serializeProperty);
    for (const value of [undefined, null, "s", 0, true, () => 1, pulumi.output("o"), { a: [1, undefined] }]) {
      const mine = await turns(ours("ctx", value, new Set()));
      const theirs = await turns(rpc.serializeProperty("ctx", value, new Set()));
      expect(mine).to.deep.equal(theirs, String(value));
    }
  });

  it("names the property whose value failed, as Pulumi does", async () => {
    const failing = () => ({ ok: "x", bad: Promise.reject(new Error("no value")) });
    const ours = plainSerializeResourceProperties(rpc.serializeProperty);
    const errors: string[] = [];
    for (const serialize of [ours, rpc.serializeResourceProperties]) {
      await serialize("resource:r[t]", failing(), {}).catch((e: Error) => errors.push(e.message));
    }
    expect(errors).to.deep.equal([
      'error serializing property "bad": no value',
      'error serializing property "bad": no value',
    ]);
  });
});
