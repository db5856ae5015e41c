// Tags parity with aws-cdk-lib: the same program tagged with CDK's `Tags.of` and with
// `iamx.Tags.of` (and a component's own `tags`, which CDK gives its L1 resources at priority 50)
// must export the same template, `Tags` lists included (order, priorities, include/exclude).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as cdk from "aws-cdk-lib";
import type { IConstruct } from "constructs";
import { expect } from "chai";
import * as iamx from "../../src";
import { exportParity, type Scope, type Side } from "./export-harness";

const XML = readFileSync(join(__dirname, "..", "components", "fixtures", "idp-metadata.xml"), "utf-8");
const THUMBPRINT = "6938fd4d98bab03faadb97b34396831e3780aea1";

/** What both `Tags.of(...)` results offer. */
interface TagApi {
  add(key: string, value: string, props?: iamx.TagProps): void;
  remove(key: string, props?: iamx.TagProps): void;
}

/** `Tags.of(scope)` of the side's library. */
function tagsOf(s: Side, scope: Scope): TagApi {
  if (s.kind === "cdk") return cdk.Tags.of(scope as IConstruct) as unknown as TagApi;
  return iamx.Tags.of(scope as iamx.GovernanceScope) as unknown as TagApi;
}

/** The whole program: CDK's stack (found from any construct in it) / `iamx.program`. */
function programOf(s: Side, anchor: unknown): Scope {
  return s.kind === "cdk" ? cdk.Stack.of(anchor as IConstruct) : iamx.program;
}

/**
 * A component's own `tags`. pulumi-iamx takes them as a prop (passed to the constructor by the
 * caller); CDK's L2 IAM constructs take none, so they go on the L1 resource at priority 50, as
 * CDK does for tags given in an L1's props.
 */
function own(s: Side, construct: unknown, tags: Record<string, string>): void {
  if (s.kind !== "cdk") return;
  const l1 = (construct as IConstruct).node.defaultChild as IConstruct;
  const manager = cdk.TagManager.of(l1);
  expect(manager, "CDK tag manager").to.not.equal(undefined);
  for (const [key, value] of Object.entries(tags)) manager!.setTag(key, value, 50);
}

const lambda = (s: Side) => new s.lib.ServicePrincipal("lambda.amazonaws.com");

/** The keys of a CloudFormation `Tags` list, in order. */
function tagKeys(tags: unknown): string[] | undefined {
  return (tags as { Key: string }[] | undefined)?.map((t) => t.Key);
}

describe("cdk-parity: tags", () => {
  exportParity(
    "own tags on roles and users, sorted by key as CDK sorts them",
    (s) => {
      const tags = { team: "payments", Zone: "eu", "cost-center": "42", a: "x", B: "y", "b:c": "" };
      own(s, s.role("R", { assumedBy: lambda(s), tags }), tags);
      own(s, s.user("U", { tags: { owner: "alice" } }), { owner: "alice" });
      s.role("Untagged", { assumedBy: lambda(s) });
    },
    {
      check: (t) => {
        const tagged = Object.values(t.Resources).map((r) => tagKeys(r.Properties?.Tags));
        expect(tagged).to.deep.include(["a", "B", "b:c", "cost-center", "team", "Zone"]);
        expect(tagged).to.deep.include(["owner"]);
        expect(tagged).to.deep.include(undefined);
      },
    },
  );

  exportParity("own tags on OIDC and SAML providers", (s) => {
    const props = {
      url: "https://token.actions.githubusercontent.com",
      thumbprints: [THUMBPRINT],
      tags: { idp: "gh" },
    };
    own(s, s.oidc("GitHub", props), { idp: "gh" });
    const saml = s.saml("Corp", XML, "corp-idp");
    tagsOf(s, saml).add("idp", "corp");
  });

  exportParity("Tags.of(program) reaches every taggable resource, not managed policies or instance profiles", (s) => {
    const role = s.role("R", { assumedBy: new s.lib.ServicePrincipal("ec2.amazonaws.com") });
    s.user("U");
    s.group("G");
    s.managedPolicy("MP", { statements: [new s.lib.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] })] });
    s.instanceProfile("IP", { role });
    s.oidc("GitHub", { url: "https://token.actions.githubusercontent.com", thumbprints: [THUMBPRINT] });
    s.saml("Corp", XML);
    role.addToPolicy(new s.lib.PolicyStatement({ actions: ["sqs:SendMessage"], resources: ["*"] }));
    tagsOf(s, programOf(s, role)).add("app", "shop");
    tagsOf(s, programOf(s, role)).add("env", "prod");
  });

  exportParity("Tags.of(component scope) reaches only that scope; the closer scope wins at equal priority", (s) => {
    const team = s.scope("Team");
    const sub = s.scope("Sub", team);
    const inner = s.role("Inner", { assumedBy: lambda(s) }, sub);
    s.role("Mid", { assumedBy: lambda(s) }, team);
    s.role("Outside", { assumedBy: lambda(s) });
    s.user("TeamUser", {}, team);
    // closer scope first in call order: it still wins at equal priority (scopes apply outermost first)
    tagsOf(s, sub).add("owner", "sub");
    tagsOf(s, team).add("owner", "team");
    tagsOf(s, programOf(s, inner)).add("owner", "program");
    tagsOf(s, inner).add("leaf", "yes");
  });

  exportParity(
    "priorities: a higher priority wins, equal priority the later call; remove beats add",
    (s) => {
      const r = s.role("R", { assumedBy: lambda(s) });
      const u = s.user("U");
      const all = tagsOf(s, programOf(s, r));
      all.add("a", "high", { priority: 300 });
      all.add("a", "low"); // lower: loses
      all.add("b", "first");
      all.add("b", "second"); // equal, later: wins
      all.add("c", "kept", { priority: 250 });
      all.remove("c"); // 200 < 250: the tag stays
      all.add("d", "gone");
      all.remove("d"); // 200 > 100: removed
      tagsOf(s, u).add("e", "user-only");
      tagsOf(s, u).remove("e", { priority: 50 }); // lower than the add: kept
    },
    {
      check: (t) => {
        const role = Object.values(t.Resources).find((r) => r.Type === "AWS::IAM::Role");
        expect(role?.Properties?.Tags).to.deep.equal([
          { Key: "a", Value: "high" },
          { Key: "b", Value: "second" },
          { Key: "c", Value: "kept" },
        ]);
      },
    },
  );

  exportParity("own tags lose to Tags.of at default priority and win over a lower one", (s) => {
    const tags = { keep: "own", over: "own", drop: "own" };
    const r = s.role("R", { assumedBy: lambda(s), tags });
    own(s, r, tags);
    tagsOf(s, r).add("over", "aspect");
    tagsOf(s, r).add("keep", "aspect", { priority: 10 });
    tagsOf(s, r).remove("drop");
  });

  exportParity("includeResourceTypes and excludeResourceTypes", (s) => {
    const r = s.role("R", { assumedBy: lambda(s) });
    s.user("U");
    s.oidc("GitHub", { url: "https://token.actions.githubusercontent.com", thumbprints: [THUMBPRINT] });
    s.saml("Corp", XML);
    const all = tagsOf(s, programOf(s, r));
    all.add("roles", "only", { includeResourceTypes: ["AWS::IAM::Role"] });
    all.add("not-users", "yes", { excludeResourceTypes: ["AWS::IAM::User"] });
    all.add("providers", "yes", { includeResourceTypes: ["AWS::IAM::OIDCProvider", "AWS::IAM::SAMLProvider"] });
    all.add("both", "x", { includeResourceTypes: ["AWS::IAM::User"], excludeResourceTypes: ["AWS::IAM::User"] });
    all.add("everywhere", "x");
    all.remove("everywhere", { includeResourceTypes: ["AWS::IAM::SAMLProvider"] });
    all.remove("not-users", { excludeResourceTypes: ["AWS::IAM::Role"] });
  });

  exportParity("removal of an own tag and of a tag from an outer scope", (s) => {
    const team = s.scope("Team");
    const r = s.role("R", { assumedBy: lambda(s), tags: { temp: "1", stay: "1" } }, team);
    own(s, r, { temp: "1", stay: "1" });
    tagsOf(s, programOf(s, r)).add("env", "dev");
    tagsOf(s, team).remove("env");
    tagsOf(s, r).remove("temp");
  });

  exportParity("tags added after construction, and resources made after the Tags.of call", async (s, later) => {
    const first = s.role("First", { assumedBy: lambda(s) });
    tagsOf(s, programOf(s, first)).add("early", "1");
    await later(() => {
      s.user("Late");
      tagsOf(s, programOf(s, first)).add("late", "2");
      tagsOf(s, first).remove("early");
    });
  });

  exportParity(
    "a secret tag value is a NoEcho parameter, never the value",
    (s) => {
      const r = s.role("R", { assumedBy: lambda(s) });
      tagsOf(s, r).add("key-arn", s.secretApiKeyArn());
    },
    {
      check: (t) => {
        expect(t.Parameters!.ApiKeyArn.NoEcho).to.equal(true);
        expect(JSON.stringify(t.Resources)).to.include('"Ref":"ApiKeyArn"');
      },
    },
  );
});
