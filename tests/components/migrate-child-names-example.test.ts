// examples/migrate-child-names: every new name its transforms map is a child the program makes (a
// name that matches none would leave that child to be replaced, silently), and each child gets the
// alias of the name the old scheme (docs/naming.md) gave it: its position in the list, from 1 for a
// role's attachments and from 0 for a group's.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { synthesize } from "../../src/testing";
import { exampleProgram } from "../example-program";

const ATTACHMENTS = [
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
];

describe("example: migrate-child-names", () => {
  it("aliases each attachment to its position-based name", async () => {
    const aliases = new Map<string, unknown>();
    const s = await synthesize(() => {
      // A stack transform runs after the components' own (the engine's order): it sees their aliases.
      pulumi.runtime.registerResourceTransform(({ name, type, opts }) => {
        if (ATTACHMENTS.includes(type)) aliases.set(name, opts.aliases);
        return undefined;
      });
      return exampleProgram("migrate-child-names")();
    });
    const attachments = s.resources.filter((r) => ATTACHMENTS.includes(r.type));
    const arns = (r: (typeof attachments)[number]) => r.inputs.policyArn as string;
    const role = attachments.filter((r) => r.parent === "App");
    const group = attachments.filter((r) => r.parent === "Ops");
    // The lists' order in the program: ReadOnlyAccess, then AmazonS3ReadOnlyAccess.
    expect(role.map(arns)).to.deep.equal([
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    ]);
    expect(group.map(arns)).to.deep.equal(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    const expected = new Map<string, unknown>([
      ...role.map((r, i) => [r.name, [{ name: `App-attach-${i + 1}` }]] as const),
      ...group.map((r, i) => [r.name, [{ name: `Ops-attach-${i}` }]] as const),
    ]);
    expect(Object.fromEntries(aliases)).to.deep.equal(Object.fromEntries(expected));
  });
});
