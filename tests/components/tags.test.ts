// Tags on the Pulumi side: the `tags` map each taggable aws.iam resource gets from a component's
// own `tags` and from `Tags.of(...)`, the IAM tag rules, Output and secret values, and the export
// notes for types CloudFormation cannot tag.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as iamx from "../../src";
import { renderTemplateReport } from "../../src/render/cloudformation/template";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { T, lambda, run, s3Read, validationError } from "./iamx-helpers";
import { leaksInSerialized, recordMonitor } from "./secret-scan";

const XML = readFileSync(join(__dirname, "fixtures", "idp-metadata.xml"), "utf-8");
const THUMB = "6938fd4d98bab03faadb97b34396831e3780aea1";
const GITHUB = "https://token.actions.githubusercontent.com";
/** Pulumi's serialized-secret envelope (the testing kit keeps it on inputs). */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const TYPES = {
  user: "aws:iam/user:User",
  oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  saml: "aws:iam/samlProvider:SamlProvider",
  profile: "aws:iam/instanceProfile:InstanceProfile",
} as const;

/** The error message of whatever `fn` throws or rejects with (fails when it does neither). */
async function failure(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    return String((e as Error).message);
  }
  throw new Error("expected a failure");
}

/** The `tags` input of the only resource of a type. */
function tagsOf(r: Awaited<ReturnType<typeof run>>, type: string): unknown {
  const all = r.all(type);
  expect(all, type).to.have.length(1);
  return all[0].inputs.tags;
}

describe("tags", () => {
  it("puts a component's own tags on every taggable aws.iam resource", async () => {
    const r = await run(() => {
      const role = new iamx.Role("r", { assumedBy: lambda(), tags: { team: "a" } });
      new iamx.User("u", { tags: { team: "b" } });
      new iamx.OpenIdConnectProvider("gh", { url: GITHUB, thumbprints: [THUMB], tags: { team: "c" } });
      new iamx.SamlProvider("idp", { metadataDocument: iamx.SamlMetadataDocument.fromXml(XML), tags: { team: "d" } });
      new iamx.ManagedPolicy("mp", { statements: [s3Read()], tags: { team: "e" } });
      new iamx.InstanceProfile("ip", { role, tags: { team: "f" } });
    });
    expect(tagsOf(r, T.role)).to.deep.equal({ team: "a" });
    expect(tagsOf(r, TYPES.user)).to.deep.equal({ team: "b" });
    expect(tagsOf(r, TYPES.oidc)).to.deep.equal({ team: "c" });
    expect(tagsOf(r, TYPES.saml)).to.deep.equal({ team: "d" });
    expect(tagsOf(r, T.policy)).to.deep.equal({ team: "e" });
    expect(tagsOf(r, TYPES.profile)).to.deep.equal({ team: "f" });
  });

  it("gives no tags input to resources without tags, and none to untaggable ones", async () => {
    const r = await run(() => {
      const g = new iamx.Group("g");
      g.addToPolicy(s3Read());
      new iamx.Role("r", { assumedBy: lambda() });
      iamx.Tags.of(iamx.program).add("app", "shop", { includeResourceTypes: ["AWS::IAM::User"] });
    });
    expect(r.get(T.role, "r").inputs).to.not.have.property("tags");
    for (const res of r.resources) {
      if (res.type.startsWith("aws:iam/group")) expect(res.inputs, res.type).to.not.have.property("tags");
    }
  });

  it("Tags.of(program) and Tags.of(component) reach resources made before and after the call", async () => {
    const r = await run(async () => {
      const role = new iamx.Role("r", { assumedBy: lambda(), tags: { own: "1" } });
      iamx.Tags.of(iamx.program).add("app", "shop");
      await Promise.resolve();
      new iamx.User("u");
      new iamx.ManagedPolicy("mp", { statements: [s3Read()] });
      iamx.Tags.of(role).add("tier", "gold");
      iamx.Tags.of(role).remove("own");
    });
    expect(tagsOf(r, T.role)).to.deep.equal({ app: "shop", tier: "gold" });
    expect(tagsOf(r, TYPES.user)).to.deep.equal({ app: "shop" });
    // the Pulumi side tags a managed policy too (aws.iam.Policy takes tags); the export cannot
    expect(tagsOf(r, T.policy)).to.deep.equal({ app: "shop" });
  });

  it("Tags.of a plain Pulumi component reaches the iamx components under it only", async () => {
    const r = await run(() => {
      const team = new pulumi.ComponentResource("example:index:Team", "team", {});
      new iamx.Role("inside", { assumedBy: lambda() }, { parent: team });
      new iamx.Role("outside", { assumedBy: lambda() });
      iamx.Tags.of(team).add("team", "payments");
    });
    expect(r.get(T.role, "inside").inputs.tags).to.deep.equal({ team: "payments" });
    expect(r.get(T.role, "outside").inputs).to.not.have.property("tags");
  });

  describe("validation", () => {
    const role = (tags: unknown) => () => new iamx.Role("r", { assumedBy: lambda(), tags: tags as iamx.TagMap });

    it("refuses keys outside 1..128 characters, naming the component", () => {
      const empty = validationError(role({ "": "x" }));
      expect(empty.message)
        .to.match(/1 to 128 characters/)
        .and.to.include("r");
      expect(validationError(role({ ["k".repeat(129)]: "x" })).message).to.match(/it has 129/);
      expect(() => role({ ["k".repeat(128)]: "x" })()).to.not.throw();
    });

    it("refuses values over 256 characters", () => {
      expect(validationError(role({ k: "v".repeat(257) })).message).to.match(/at most 256 characters/);
      expect(() => role({ k: "v".repeat(256), e: "" })()).to.not.throw();
    });

    it('refuses the reserved "aws:" prefix, in props and in Tags.of', () => {
      expect(validationError(role({ "aws:cloudformation:stack-name": "x" })).message).to.match(/reserves/);
      expect(validationError(role({ "AWS:x": "x" })).message).to.include('"aws:"');
      expect(validationError(() => iamx.Tags.of(iamx.program).add("aws:x", "y")).message).to.include('"aws:"');
      expect(validationError(() => iamx.Tags.of(iamx.program).remove("aws:x")).message).to.include('"aws:"');
    });

    it("refuses characters IAM does not allow, and non-string keys or values", () => {
      expect(validationError(role({ "a#b": "x" })).message).to.include("may hold only");
      expect(validationError(role({ k: "a;b" })).message).to.include("may hold only");
      expect(validationError(role({ k: 42 })).message).to.include("must be a string or a Pulumi input");
      expect(validationError(role(["k"])).message).to.include("must be an object");
    });

    it("refuses more than 50 tags given at once, and more than 50 after Tags.of", async () => {
      const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));
      expect(validationError(role(many(51))).message).to.match(/51 tags.*at most 50/);
      expect(() => role(many(50))()).to.not.throw();
      const message = await failure(() =>
        run(() => {
          new iamx.Role("crowded", { assumedBy: lambda(), tags: many(50) });
          iamx.Tags.of(iamx.program).add("one-more", "x");
        }),
      );
      expect(message)
        .to.include("crowded")
        .and.to.match(/51 tags.*at most 50/);
    });

    it("refuses bad Tags.of options and calls after the program was finalized", async () => {
      expect(validationError(() => iamx.Tags.of(iamx.program).add("k", "v", { priority: NaN })).message).to.include(
        "priority",
      );
      const bad = { includeResourceTypes: "AWS::IAM::Role" } as unknown as iamx.TagProps;
      expect(validationError(() => iamx.Tags.of(iamx.program).add("k", "v", bad)).message).to.include(
        "includeResourceTypes",
      );
      let late: (() => void) | undefined;
      await run(() => {
        new iamx.Role("r", { assumedBy: lambda() });
        late = () => iamx.Tags.of(iamx.program).add("k", "v");
      });
      expect(validationError(late!).message).to.include("after the program's policies were finalized");
    });
  });

  it("takes Output values; a secret value stays secret on the Pulumi side and is NoEcho in the export", async () => {
    const secret = "s3cr3t-owner-value";
    let recording!: ReturnType<typeof recordMonitor>;
    let role!: iamx.Role;
    const raw = await synthesizeRaw(
      () => {
        recording = recordMonitor();
        const owner = new pulumi.Config().requireSecret("owner");
        role = new iamx.Role("r", { assumedBy: lambda(), tags: { plain: pulumi.output("from-output") } });
        iamx.Tags.of(role).add("owner", owner);
      },
      { config: { "project:owner": secret }, secretKeys: ["project:owner"] },
    );
    const aws = raw.resources.find((x) => x.type === T.role)!;
    // the whole tags map becomes a secret (one Output): the engine stores it encrypted
    expect(aws.inputs.tags).to.deep.equal({
      [SECRET_SIG_KEY]: SECRET_SIG,
      value: { plain: "from-output", owner: secret },
    });
    // the engine receives the tags map inside a secret envelope only
    expect(leaksInSerialized(recording, secret)).to.deep.equal([]);
    expect(JSON.stringify(recording.serialized)).to.include("from-output");
    const { template } = renderTemplateReport(raw.model);
    const text = JSON.stringify(template);
    expect(text).to.not.include(secret);
    const cfnRole = Object.values(template.Resources as Record<string, any>).find((x) => x.Type === "AWS::IAM::Role");
    const owner = (cfnRole.Properties.Tags as { Key: string; Value: any }[]).find((t) => t.Key === "owner")!;
    const param = (template.Parameters as Record<string, any>)[owner.Value.Ref as string];
    expect(param, "parameter of the secret tag").to.deep.include({ NoEcho: true });
  });

  it("notes the own tags of managed policies and instance profiles in the export; Tags.of-only tags are not noted", async () => {
    const r = await run(() => {
      const role = new iamx.Role("r", { assumedBy: new iamx.ServicePrincipal("ec2.amazonaws.com") });
      new iamx.ManagedPolicy("mp", { statements: [s3Read()], tags: { team: "a", cost: "1" } });
      new iamx.InstanceProfile("ip", { role, tags: { team: "a" } });
      new iamx.ManagedPolicy("quiet", { statements: [s3Read("c")] });
      iamx.Tags.of(iamx.program).add("app", "shop");
    });
    const { template, notes } = renderTemplateReport(r.model);
    const byType = (type: string) =>
      Object.values(template.Resources as Record<string, any>).filter((x) => x.Type === type);
    for (const type of ["AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile"]) {
      for (const res of byType(type)) expect(res.Properties, type).to.not.have.property("Tags");
    }
    expect(byType("AWS::IAM::Role")[0].Properties.Tags).to.deep.equal([{ Key: "app", Value: "shop" }]);
    expect(notes).to.have.length(2);
    const mpNote = notes.find((n) => n.includes("AWS::IAM::ManagedPolicy"));
    expect(mpNote).to.include("mp").and.to.include("app, cost, team").and.to.include("Pulumi only");
    expect(notes.find((n) => n.includes("AWS::IAM::InstanceProfile"))).to.include("ip");
    expect(notes.join("\n")).to.not.include("quiet");
  });
});
