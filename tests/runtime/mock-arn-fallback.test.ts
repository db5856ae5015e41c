import { expect } from "chai";
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { mockServiceState } from "../../src/runtime/mock-services";
import { fallbackArn } from "../../src/runtime/mock-arn-fallback";
import { parseArn } from "../../src/validate/arn";
import { validatePolicy } from "../../src/validate";

const CLOUD = { account: "123456789012", region: "eu-west-1", partition: "aws" };

function state(type: string, inputs: Record<string, unknown> = {}) {
  const args = { type, name: "res", inputs, custom: true, provider: "", id: "" } as pulumi.runtime.MockResourceArgs;
  return mockServiceState(args, "res", CLOUD);
}

/**
 * Every @pulumi/aws resource type, and whether its state has an `arn`: read from the package's
 * generated files as text (not as the mock finds out, by loading the class).
 */
function awsTypes(): { type: string; arn: boolean }[] {
  const root = path.dirname(require.resolve("@pulumi/aws/package.json"));
  const out: { type: string; arn: boolean }[] = [];
  for (const dir of readdirSync(root)) {
    const full = path.join(root, dir);
    if (dir === "node_modules" || !statSync(full).isDirectory()) continue;
    for (const file of readdirSync(full)) {
      if (!file.endsWith(".js")) continue;
      const text = readFileSync(path.join(full, file), "utf8");
      const type = /static __pulumiType = '([^']+)'/.exec(text)?.[1];
      if (type && !type.startsWith("aws:index/")) out.push({ type, arn: text.includes('resourceInputs["arn"] =') });
    }
  }
  return out;
}

/** Validation's findings about the Resource, for a statement on the ARN. */
function findings(arn: string) {
  return validatePolicy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: arn }] }).filter(
    (f) => f.path.includes("Resource"),
  );
}

describe("runtime: a mocked ARN for every @pulumi/aws type that has one", function () {
  this.timeout(120_000);
  const types = awsTypes();

  it("reads hundreds of types with an arn from @pulumi/aws (the property below is not vacuous)", () => {
    expect(types.filter((t) => t.arn).length).to.be.greaterThan(500);
    expect(types.filter((t) => !t.arn).length).to.be.greaterThan(200);
  });

  it("every type with an arn gets a well-formed one in the mocked environment, with no validation error", () => {
    const bad: string[] = [];
    let unknownType = 0;
    const withArn = types.filter((t) => t.arn);
    for (const { type } of withArn) {
      const arn = state(type).arn;
      const parsed = typeof arn === "string" ? parseArn(arn) : undefined;
      if (!parsed || parsed.partition !== "aws" || !/^[a-z0-9-]+$/.test(parsed.service) || parsed.resource === "") {
        bad.push(`${type}: ${String(arn)}`);
        continue;
      }
      if (![CLOUD.region, ""].includes(parsed.region) || ![CLOUD.account, ""].includes(parsed.account)) {
        bad.push(`${type}: ${arn} is not in the mocked Region and account`);
      }
      for (const f of findings(arn as string)) {
        // A warning that the catalogue lists no such resource type is allowed for the fallback's `<type>/<name>`.
        if (f.code === "UNKNOWN_RESOURCE_TYPE") unknownType++;
        else bad.push(`${type}: ${arn}: ${f.code} ${f.message}`);
      }
    }
    expect(bad).to.deep.equal([]);
    // Most types find their catalogue resource type by name (the rest are `<type>/<name>`).
    expect(unknownType).to.be.lessThan(withArn.length / 3);
  });

  it("types without an arn get none", () => {
    for (const { type } of types.filter((t) => !t.arn)) expect(state(type).arn, type).to.equal(undefined);
  });

  it("takes the catalogue's format of the resource type named like the Pulumi type", () => {
    expect(fallbackArn("aws:cloudwatch/eventArchive:EventArchive", "a", {}, CLOUD)).to.equal(
      "arn:aws:events:eu-west-1:123456789012:archive/a",
    );
    // Placeholders take the input of their name; a revision is 1.
    expect(fallbackArn("aws:scheduler/schedule:Schedule", "nightly", { groupName: "ops" }, CLOUD)).to.equal(
      "arn:aws:scheduler:eu-west-1:123456789012:schedule/ops/nightly",
    );
    // Only name inputs fill placeholders: `${InstanceId}` does not take the input `instanceId`.
    expect(fallbackArn("aws:ssoadmin/application:Application", "app", { instanceId: "s3cr3t" }, CLOUD)).to.equal(
      "arn:aws:sso::123456789012:application/app/app",
    );
    // No resource type named so in the catalogue (Amplify's is `apps/<id>`): `<type>/<name>` under the service.
    expect(fallbackArn("aws:amplify/app:App", "web", {}, CLOUD)).to.equal(
      "arn:aws:amplify:eu-west-1:123456789012:app/web",
    );
    // A module named for several services (cloudwatch: CloudWatch, EventBridge, Logs).
    expect(fallbackArn("aws:cloudwatch/logDestination:LogDestination", "d", {}, CLOUD)).to.equal(
      "arn:aws:logs:eu-west-1:123456789012:destination:d",
    );
  });

  it("an ARN given as input is kept; tokens of other providers and malformed tokens get none", () => {
    const given = "arn:aws:kinesis:eu-west-1:123456789012:stream/given";
    expect(state("aws:cloudwatch/eventArchive:EventArchive", { arn: given }).arn).to.equal(undefined);
    expect(fallbackArn("awsx:ec2/vpc:Vpc", "v", {}, CLOUD)).to.equal(undefined);
    expect(fallbackArn("aws:../../etc:Passwd", "v", {}, CLOUD)).to.equal(undefined);
    expect(fallbackArn("aws:nosuchmodule/thing:Thing", "v", {}, CLOUD)).to.equal(undefined);
  });
});
