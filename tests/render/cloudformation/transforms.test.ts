// What the CloudFormation export does with prop changes Pulumi transforms make to iamx resources
// beyond the CDK-parity cases (tests/cdk-parity/transforms.test.ts): changes it cannot carry fail
// naming the resource, the prop and the fix; Pulumi-only ones are noted; secrets stay secret;
// option-only transforms and raw resources change nothing.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import * as iamx from "../../../src";
import { ValidationError } from "../../../src/core/errors";
import { exportProgram, type ExportResult } from "../../../src/render/cloudformation/export";
import { synthesizeRaw } from "../../../src/testing/synthesize";
import { renderTemplate } from "../../../src/render/cloudformation/template";

const MODES = ["model", "mocks"] as const;
const lambda = () => new iamx.ServicePrincipal("lambda.amazonaws.com");

/** A transform that changes `key` of resources of `type` to `value`. */
function setting(type: string, key: string, value: unknown): pulumi.ResourceTransform {
  return (args) => (args.type === type ? { props: { ...args.props, [key]: value }, opts: args.opts } : undefined);
}

function exported(program: () => unknown, mode: "model" | "mocks"): Promise<ExportResult> {
  return exportProgram(program, { mode, allowUnsupported: true });
}

async function exportError(program: () => unknown, mode: "model" | "mocks"): Promise<ValidationError> {
  try {
    await exported(program, mode);
  } catch (e) {
    expect(e, String(e)).to.be.instanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("expected the export to fail");
}

function roleProps(r: ExportResult): Record<string, any> {
  const roles = Object.values(r.template.Resources).filter((x) => x.Type === "AWS::IAM::Role");
  expect(roles).to.have.length(1);
  return roles[0].Properties ?? {};
}

for (const mode of MODES) {
  describe(`export: transforms (${mode} mode)`, () => {
    it("fails naming the resource, the prop and the fix when a transform changes a prop it cannot carry", async () => {
      const e = await exportError(() => {
        new iamx.Role(
          "App",
          { assumedBy: lambda() },
          { transforms: [setting("aws:iam/role:Role", "assumeRolePolicy", "{}")] },
        );
      }, mode);
      expect(e.code).to.equal("TransformNotExportable");
      expect(e.message).to.include("`assumeRolePolicy`").and.include("AWS::IAM::Role App").and.include("Fix:");
    });

    it("fails for a changed child resource with no CloudFormation resource of its own (a policy attachment)", async () => {
      const e = await exportError(() => {
        new iamx.Role(
          "App",
          { assumedBy: lambda(), managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")] },
          {
            transforms: [
              setting(
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                "policyArn",
                "arn:aws:iam::aws:policy/Other",
              ),
            ],
          },
        );
      }, mode);
      expect(e.message).to.include("`policyArn`").and.include("aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    });

    it("fails for a legacy transformation's change too, saying so", async () => {
      const e = await exportError(() => {
        pulumi.runtime.registerStackTransformation(setting("aws:iam/role:Role", "assumeRolePolicy", "{}") as any);
        new iamx.Role("App", { assumedBy: lambda() });
      }, mode);
      expect(e.message).to.include("a transformation changed `assumeRolePolicy`");
    });

    it("fails naming the key when a transform sets a tag AWS refuses", async () => {
      const e = await exportError(() => {
        new iamx.Role(
          "App",
          { assumedBy: lambda() },
          { transforms: [setting("aws:iam/role:Role", "tags", { "aws:x": "y" })] },
        );
      }, mode);
      expect(e.message).to.include("App").and.include("aws:");
    });

    it("notes a Pulumi-only prop and tags on a type without Tags, and exports the rest", async () => {
      const r = await exported(() => {
        pulumi.runtime.registerResourceTransform(setting("aws:iam/role:Role", "forceDetachPolicies", true));
        pulumi.runtime.registerResourceTransform(setting("aws:iam/policy:Policy", "tags", { team: "a" }));
        new iamx.Role("App", { assumedBy: lambda() });
        new iamx.ManagedPolicy("Mp", {
          statements: [new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] })],
        });
      }, mode);
      expect(r.notes.join("\n")).to.include("`forceDetachPolicies` of App").and.include("deployed by Pulumi only");
      expect(r.notes.join("\n")).to.include("tags set by a transform on Mp are deployed by Pulumi only");
      expect(roleProps(r)).to.not.have.property("ForceDetachPolicies");
    });

    it("keeps a secret a transform adds out of the template (NoEcho parameter)", async () => {
      const r = await exported(() => {
        pulumi.runtime.registerResourceTransform((args) =>
          args.type === "aws:iam/role:Role"
            ? {
                props: { ...args.props, tags: { ...args.props.tags, token: pulumi.secret("s3cr3t-tag") } },
                opts: args.opts,
              }
            : undefined,
        );
        new iamx.Role("App", { assumedBy: lambda(), tags: { team: "a" } });
      }, mode);
      const text = JSON.stringify(r.template);
      expect(text).to.not.include("s3cr3t-tag");
      const tags = roleProps(r).Tags as { Key: string; Value: any }[];
      expect(tags.map((t) => t.Key)).to.deep.equal(["team", "token"]);
      const param = tags[1].Value.Ref as string;
      expect(r.template.Parameters?.[param]?.NoEcho).to.equal(true);
    });

    it("makes an output a transform sets a Parameter, not its mocked value", async () => {
      const r = await exported(() => {
        const bucket = new s3.Bucket("Data");
        new iamx.Role(
          "App",
          { assumedBy: lambda() },
          {
            transforms: [
              (args) =>
                args.type === "aws:iam/role:Role"
                  ? { props: { ...args.props, description: bucket.bucket }, opts: args.opts }
                  : undefined,
            ],
          },
        );
      }, mode);
      const description = roleProps(r).Description;
      expect(description).to.have.property("Ref");
      expect(r.template.Parameters).to.have.property(description.Ref);
    });

    it("removes the tags a transform removes", async () => {
      const r = await exported(() => {
        new iamx.Role(
          "App",
          { assumedBy: lambda(), tags: { team: "a" } },
          { transforms: [setting("aws:iam/role:Role", "tags", undefined)] },
        );
      }, mode);
      expect(roleProps(r)).to.not.have.property("Tags");
    });

    it("changes nothing for option-only transforms and for raw resources", async () => {
      const program = (withTransforms: boolean) => () => {
        if (withTransforms) {
          pulumi.runtime.registerResourceTransform((args) => ({
            props: args.props,
            opts: { ...args.opts, protect: true },
          }));
          pulumi.runtime.registerResourceTransform(setting("aws:s3/bucket:Bucket", "forceDestroy", true));
        }
        new s3.Bucket("Data");
        new iamx.Role("App", { assumedBy: lambda(), tags: { team: "a" } });
      };
      const plain = await exported(program(false), mode);
      const transformed = await exported(program(true), mode);
      expect(transformed.template).to.deep.equal(plain.template);
      expect(transformed.notes).to.deep.equal(plain.notes);
    });
  });
}

describe("testing kit: a transform the export cannot carry", () => {
  it("still runs for Pulumi (the resource gets the transformed inputs); only the template fails", async () => {
    const raw = await synthesizeRaw(() => {
      new iamx.Role(
        "App",
        { assumedBy: lambda() },
        { transforms: [setting("aws:iam/role:Role", "assumeRolePolicy", "{}")] },
      );
    });
    expect(raw.resources.find((r) => r.type === "aws:iam/role:Role")?.inputs.assumeRolePolicy).to.equal("{}");
    expect(() => renderTemplate(raw.model)).to.throw(/assumeRolePolicy/);
  });
});
