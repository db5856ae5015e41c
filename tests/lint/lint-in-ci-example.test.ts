// examples/lint-in-ci: the lint passes on it (CI stays green) with its one suppression recorded in
// the SARIF at the statement's line, and it lints the plain @pulumi/aws bucket policy too: a typo
// there (in a copy of the example) is an error naming the Pulumi resource and the statement.
import { expect } from "chai";
import * as path from "node:path";
import { runCli } from "../cli/in-process";
import { exampleFile, exampleVariant, lineBefore, removeExampleVariants, replacedOnce } from "../example-variant";

const SOURCE = exampleFile("lint-in-ci", "index.ts");
const TARGET = path.join("examples", "lint-in-ci");

interface SarifResult {
  ruleId: string;
  suppressions?: { kind: string; justification: string }[];
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[];
  properties: { component: string; findingId: string; pointer: string; sid?: string };
}

describe("example: lint-in-ci", function () {
  this.timeout(120_000);
  after(removeExampleVariants);

  it("lints clean (exit 0); the suppressed wildcard is in the SARIF at its statement's line", async () => {
    const r = await runCli("lint", TARGET, "--no-typecheck", "--format", "sarif");
    expect(r.code, r.stderr).to.equal(0);
    const results: SarifResult[] = JSON.parse(r.stdout).runs[0].results;
    expect(results.map((x) => [x.ruleId, x.properties.findingId, x.suppressions?.[0].kind])).to.deep.equal([
      ["AwsSolutions-IAM5", "Resource::<SiteArn>/*", "inSource"],
    ]);
    const location = results[0].locations[0].physicalLocation;
    expect(location.artifactLocation.uri).to.equal("examples/lint-in-ci/index.ts");
    expect(location.region?.startLine).to.equal(lineBefore(SOURCE, '"s3:PutObject"', "new iamx.PolicyStatement("));
  });

  it("lints the plain bucket policy as a resource policy: a typo there fails the lint, naming it", async () => {
    const index = replacedOnce(SOURCE, '{ StringEquals: { "AWS:SourceArn"', '{ StringEqual: { "AWS:SourceArn"');
    const dir = exampleVariant({ index, project: exampleFile("lint-in-ci", "Pulumi.yaml") });
    const r = await runCli("lint", dir, "--no-typecheck", "--format", "json");
    expect(r.code).to.equal(1);
    const report = JSON.parse(r.stdout);
    expect(
      report.findings.map((f: { ruleId: string; findingId: string; component: string; location: string }) => [
        f.ruleId,
        f.findingId,
        f.component,
        f.location,
      ]),
    ).to.deep.equal([
      [
        "IAMX-PolicyInvalid",
        "INVALID_CONDITION_OPERATOR",
        "SitePolicy",
        "PolicyDocument.Statement[0].Condition.StringEqual",
      ],
    ]);
  });
});
