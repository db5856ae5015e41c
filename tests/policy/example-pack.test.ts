// examples/policy-pack: a Pulumi policy pack folder as users write one. Its files parse, and its
// entry runs as `pulumi preview --policy-pack` runs it (a process that serves the analyzer on the
// port it prints): the tests talk to it over gRPC as the engine does, config included.
import { expect } from "chai";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { startPack, UNKNOWN_STRING, type RunningPack } from "./analyzer";

const DIR = join(__dirname, "..", "..", "examples", "policy-pack");
const ROOT = join(__dirname, "..", "..");

const bucketPolicy = (Condition: unknown) => ({
  type: "aws:s3/bucketPolicy:BucketPolicy",
  name: "data",
  props: {
    bucket: "b",
    policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::444455556666:root" },
          Action: ["s3:GetObject", "s3:GetObject"],
          Resource: "arn:aws:s3:::b/*",
          Condition,
        },
      ],
    }),
  },
});

describe("examples/policy-pack: a policy pack running pulumi-iamx's policies", function () {
  this.timeout(180_000);

  it("has PulumiPolicy.yaml (nodejs), a package.json with a version and its dependencies, and a tsconfig", () => {
    const manifest = parse(readFileSync(join(DIR, "PulumiPolicy.yaml"), "utf8"));
    expect(manifest.runtime).to.equal("nodejs");
    expect(manifest.description).to.be.a("string").and.not.equal("");
    const pkg = JSON.parse(readFileSync(join(DIR, "package.json"), "utf8"));
    const ours = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.version).to.match(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies["pulumi-iamx"]).to.equal(`^${ours.version}`);
    expect(pkg.dependencies["@pulumi/policy"]).to.equal(ours.peerDependencies["@pulumi/policy"]);
    expect(pkg.dependencies["@pulumi/pulumi"]).to.equal(ours.peerDependencies["@pulumi/pulumi"]);
    expect(readFileSync(join(DIR, "index.ts"), "utf8")).to.match(
      /new PolicyPack\("iamx", \{ policies: iamxPolicies\(\) \}\)/,
    );
  });

  describe("served", () => {
    let pack: RunningPack;
    before(async () => {
      pack = await startPack(DIR);
    });
    after(() => pack?.stop());

    it("serves the pack with the four policies at their levels", async () => {
      expect(await pack.info()).to.deep.equal({
        name: "iamx",
        policies: [
          { name: "iamx-policy-invalid", enforcementLevel: "mandatory" },
          { name: "iamx-policy-security-warning", enforcementLevel: "advisory" },
          { name: "iamx-policy-warning", enforcementLevel: "advisory" },
          { name: "iamx-policy-suggestion", enforcementLevel: "disabled" },
        ],
      });
    });

    it("reports an invalid bucket policy as a mandatory violation; a document unknown at preview is skipped", async () => {
      const ds = await pack.analyze(bucketPolicy({ StringEqual: { "aws:PrincipalOrgID": "o-abc123def4" } }));
      expect(ds.map((d) => [d.policyName, d.enforcementLevel])).to.deep.equal([["iamx-policy-invalid", "mandatory"]]);
      expect(ds[0].message).to.contain("INVALID_CONDITION_OPERATOR in policy, statement 0");
      const unknown = await pack.analyze({
        type: "aws:sqs/queuePolicy:QueuePolicy",
        name: "jobs",
        props: { queueUrl: "q", policy: UNKNOWN_STRING },
      });
      expect(unknown).to.deep.equal([]);
      const line = "iamx: jobs (aws:sqs/queuePolicy:QueuePolicy): policy is not known until the update runs";
      expect(await pack.stderr(line)).to.contain(line);
    });

    it("takes the pack config: a policy's enforcement level, and issue codes to ignore", async () => {
      await pack.configure({
        "iamx-policy-invalid": { enforcementLevel: "mandatory", ignoreCodes: ["INVALID_CONDITION_OPERATOR"] },
        "iamx-policy-suggestion": { enforcementLevel: "advisory" },
      });
      const ds = await pack.analyze(bucketPolicy({ StringEqual: { "aws:PrincipalOrgID": "o-abc123def4" } }));
      expect(ds.map((d) => [d.policyName, d.enforcementLevel])).to.deep.equal([["iamx-policy-suggestion", "advisory"]]);
      expect(ds[0].message).to.contain("REDUNDANT_ACTION");
    });

    it("takes showValues from the pack config: violations then quote the document's values", async () => {
      const violation = () => pack.analyze(bucketPolicy({ StringEqual: { "aws:PrincipalOrgID": "o-abc123def4" } }));
      await pack.configure({ "iamx-policy-invalid": { enforcementLevel: "mandatory" } });
      expect((await violation())[0].message).not.to.contain("StringEquals?");
      await pack.configure({ "iamx-policy-invalid": { enforcementLevel: "mandatory", showValues: true } });
      expect((await violation())[0].message).to.contain("did you mean StringEquals?");
    });
  });
});
