/**
 * A user's group names for its UserGroupMembership (uniqueOutputs): one Output takes a shortcut
 * past `pulumi.all`; it must give what `pulumi.all` gives — value, knownness, secretness and the
 * resources it depends on — as several names do.
 */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { uniqueOutputs } from "../../src/components/identity-checks";
import { OutputImpl } from "../../src/runtime/output-class";

interface Seen {
  value: unknown;
  known: boolean;
  secret: boolean;
  resources: number;
}

async function seen(o: pulumi.Output<string[]>): Promise<Seen> {
  const internal = o as unknown as {
    promise(withUnknowns?: boolean): Promise<unknown>;
    isKnown: Promise<boolean>;
    isSecret: Promise<boolean>;
    allResources?: () => Promise<Set<unknown>>;
  };
  return {
    value: await internal.promise(true),
    known: await internal.isKnown,
    secret: await internal.isSecret,
    resources: (await internal.allResources?.())?.size ?? 0,
  };
}

/** An Output of a (stand-in) resource, as a group's name is. */
function ofResource(value: string): pulumi.Output<string> {
  const res = new Set([{ __pulumiResource: true }]);
  const t = Promise.resolve(true);
  return new OutputImpl(
    res,
    Promise.resolve(value),
    t,
    Promise.resolve(false),
    Promise.resolve(res),
  ) as pulumi.Output<string>;
}

const byAll = (names: pulumi.Input<string>[]): pulumi.Output<string[]> =>
  pulumi.all(names).apply((values: string[]) => [...new Set(values)]);

describe("components: uniqueOutputs (a user's group names)", () => {
  const cases: [string, () => pulumi.Output<string>][] = [
    ["a plain Output", () => pulumi.output("devs")],
    ["a secret Output", () => pulumi.secret("devs")],
    ["an unknown Output", () => pulumi.output(pulumi.unknown as unknown as string)],
    ["a resource's Output", () => ofResource("devs")],
  ];
  for (const [what, make] of cases) {
    it(`one name, ${what}: what pulumi.all gives`, async () => {
      expect(await seen(uniqueOutputs([make()]))).to.deep.equal(await seen(byAll([make()])));
    });
  }

  it("one name of a resource: the list depends on that resource", async () => {
    expect((await seen(uniqueOutputs([ofResource("devs")]))).resources).to.equal(1);
  });

  it("several names: repeats dropped, first kept, a secret among them makes the list secret", async () => {
    const s = await seen(uniqueOutputs([pulumi.output("a"), "b", pulumi.secret("a"), "b"]));
    expect(s).to.include({ known: true, secret: true });
    expect(s.value).to.deep.equal(["a", "b"]);
  });
});
