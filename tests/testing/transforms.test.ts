// Transforms under the testing kit behave as under the Pulumi engine: the resource's own, then each
// parent's (walking up), then stack transforms; a transform may change props or return undefined.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { Role } from "../../src/components/role";
import { ServicePrincipal } from "../../src/core/principals/service";
import { synthesizeRaw, type RawSynthesis } from "../../src/testing/synthesize";
import { runModelOnly } from "../../src/testing/model-run";
import { renderTemplate } from "../../src/render/cloudformation/template";
import { synthesize } from "../../src/testing";

type Run = (program: () => unknown) => Promise<RawSynthesis>;
const modes: [string, Run][] = [
  ["mocks", (p) => synthesizeRaw(p)],
  ["model-only", (p) => runModelOnly(p)],
];

/** A transform that appends `mark` to the description (and records that it ran). */
function marking(mark: string, calls: string[]): pulumi.ResourceTransform {
  return (args) => {
    calls.push(`${mark}:${args.name}`);
    if (args.type !== "aws:iam/role:Role") return undefined;
    return { props: { ...args.props, description: `${args.props.description ?? ""}${mark}` }, opts: args.opts };
  };
}

const trust = JSON.stringify({ Version: "2012-10-17", Statement: [] });

function inputsOf(raw: RawSynthesis, name: string): Record<string, any> {
  const r = raw.resources.find((x) => x.name === name && x.type === "aws:iam/role:Role");
  if (!r) throw new Error(`no role ${name}`);
  return r.inputs;
}

for (const [mode, run] of modes) {
  describe(`testing: transforms (${mode})`, () => {
    it("applies the resource's own transforms, in order", async () => {
      const calls: string[] = [];
      const raw = await run(() => {
        new aws.iam.Role("r", { assumeRolePolicy: trust }, { transforms: [marking("a", calls), marking("b", calls)] });
      });
      expect(inputsOf(raw, "r").description).to.equal("ab");
      expect(calls).to.deep.equal(["a:r", "b:r"]);
    });

    it("applies own, then parent, then grandparent, then stack transforms, as the engine does", async () => {
      const calls: string[] = [];
      const raw = await run(() => {
        pulumi.runtime.registerResourceTransform(marking("S1", calls));
        const outer = new pulumi.ComponentResource("x:index:Outer", "outer", {}, { transforms: [marking("G", calls)] });
        const inner = new pulumi.ComponentResource(
          "x:index:Inner",
          "inner",
          {},
          { parent: outer, transforms: [marking("P", calls)] },
        );
        pulumi.runtime.registerResourceTransform(marking("S2", calls));
        new aws.iam.Role("r", { assumeRolePolicy: trust }, { parent: inner, transforms: [marking("O", calls)] });
      });
      expect(inputsOf(raw, "r").description).to.equal("OPGS1S2");
      expect(calls.filter((c) => c.endsWith(":r"))).to.deep.equal(["O:r", "P:r", "G:r", "S1:r", "S2:r"]);
    });

    it("runs the transforms of an iamx component's resources (component, role, children) once each", async () => {
      const calls: string[] = [];
      const raw = await run(() => {
        new Role(
          "app",
          { assumedBy: new ServicePrincipal("lambda.amazonaws.com") },
          { transforms: [marking("C", calls)] },
        );
      });
      // the component itself, then its aws.iam.Role (named like the component)
      expect(calls).to.deep.equal(["C:app", "C:app"]);
      const role = Object.values(renderTemplate(raw.model).Resources)[0];
      expect(role.Properties?.Description).to.equal("C");
      if (mode === "mocks") expect(inputsOf(raw, "app").description).to.equal("C");
    });

    it("gives legacy transformations' changes to Pulumi and to the template", async () => {
      const raw = await run(() => {
        pulumi.runtime.registerStackTransformation((args) =>
          args.type === "aws:iam/role:Role"
            ? { props: { ...args.props, description: "legacy" }, opts: args.opts }
            : undefined,
        );
        new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      });
      const role = Object.values(renderTemplate(raw.model).Resources)[0];
      expect(role.Properties?.Description).to.equal("legacy");
      if (mode === "mocks") expect(inputsOf(raw, "app").description).to.equal("legacy");
    });

    it("leaves props alone when a transform returns undefined", async () => {
      const raw = await run(() => {
        new aws.iam.Role("r", { assumeRolePolicy: trust, path: "/p/" }, { transforms: [() => undefined] });
      });
      expect(inputsOf(raw, "r")).to.deep.equal({ assumeRolePolicy: trust, path: "/p/" });
    });

    it("fails the run naming the resource when a transform throws", async () => {
      const failing = run(() => {
        new aws.iam.Role(
          "r",
          { assumeRolePolicy: trust },
          {
            transforms: [
              () => {
                throw new Error("boom");
              },
            ],
          },
        );
      });
      const error = await failing.then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).to.match(/transform failed:[\s\S]*aws:iam\/role:Role "r": boom/);
    });
  });
}

describe("testing: synthesize() applies transforms", () => {
  it("shows the transformed inputs and template to the user's assertions", async () => {
    const result = await synthesize(() => {
      pulumi.runtime.registerResourceTransform((args) =>
        args.type === "aws:iam/role:Role"
          ? { props: { ...args.props, tags: { ...args.props.tags, env: "test" } }, opts: args.opts }
          : undefined,
      );
      new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
    });
    expect(result.resources.find((r) => r.type === "aws:iam/role:Role")?.inputs.tags).to.deep.equal({ env: "test" });
    const role = Object.values(result.template.Resources as Record<string, any>)[0];
    expect(role.Properties.Tags).to.deep.equal([{ Key: "env", Value: "test" }]);
  });
});
