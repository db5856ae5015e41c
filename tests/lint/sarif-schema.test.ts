import { expect } from "chai";
import Ajv from "ajv-draft-04";
import * as path from "node:path";
import { Role } from "../../src/components/role";
import { AnyPrincipal } from "../../src/core/principals/arn";
import { lintProgram, lintTemplate, toSarif } from "../../src/lint";
import { findingPath, templatePositions } from "../../src/lint/format/template-positions";
import { fromCfnYaml } from "../../src/render/cloudformation/yaml";
import { policy, role, template } from "./helpers";

// The OASIS SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's SARIF matchers package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as Record<string, unknown>;

// The schema's language-tag pattern is not a valid unicode-mode regex: compile patterns without the u flag.
function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
  return ajv.compile(schema);
}

const REASON = "Reviewed in SEC-1234: needed for the nightly job";

describe("lint: SARIF output against the SARIF 2.1.0 JSON schema", () => {
  const validate = validator();

  it("a template report (results, suppressions, regions) is valid SARIF 2.1.0", () => {
    const p = policy(
      { Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
      { Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::b/k" },
    );
    p.Metadata = {
      cdk_nag: { rules_to_suppress: [{ id: "AwsSolutions-IAM5", reason: REASON, applies_to: ["Action::s3:Get*"] }] },
    };
    const r = lintTemplate(
      template({ P: p, R: role([{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }]) }),
    );
    const root = path.resolve("/repo");
    const sarif = toSarif(r, {
      artifactUri: path.join(root, "infra", "app.template.json"),
      rootDir: root,
      lineOf: () => 4,
      toolVersion: "1.2.3",
    }) as any;
    expect(validate(sarif), JSON.stringify(validate.errors, null, 1)).to.equal(true);
    const run = sarif.runs[0];
    expect(run.results.length).to.be.greaterThan(2);
    expect(run.results.some((x: any) => x.suppressions)).to.equal(true);
    // URIs relative to the repository root, as GitHub code scanning needs.
    expect(run.artifacts).to.deep.equal([{ location: { uri: "infra/app.template.json" } }]);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).to.equal("infra/app.template.json");
    expect(run.tool.driver.informationUri).to.match(/^https:\/\//);
    for (const rule of run.tool.driver.rules) {
      const severity = Number(rule.properties["security-severity"]);
      expect(severity, rule.id).to.be.within(0.1, 10);
      expect(rule.properties.tags).to.include("security");
      const expected =
        rule.defaultConfiguration.level === "error" ? 7 : rule.defaultConfiguration.level === "warning" ? 4 : 0;
      expect(severity, rule.id).to.be.greaterThan(expected);
    }
  });

  it("a program report is valid SARIF 2.1.0", async () => {
    const r = await lintProgram(() => {
      new Role("open", { assumedBy: new AnyPrincipal() });
    });
    const sarif = toSarif(r, { artifactUri: "index.ts" });
    expect(validate(sarif), JSON.stringify(validate.errors, null, 1)).to.equal(true);
  });

  it("a program finding's physical location is the call that made its statement (file, line, column)", async () => {
    const fixture = path.join(__dirname, "fixtures", "invalid-program.ts");
    const r = await lintProgram(() => {
      delete require.cache[require.resolve(fixture)];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(fixture);
    });
    // The program's ERROR is a lint finding here, not a failed run.
    const f = r.findings.find((x) => x.ruleId === "IAMX-PolicyInvalid")!;
    expect(f.findingId).to.equal("INVALID_GLOBAL_CONDITION_KEY");
    expect(f.source).to.deep.equal({ file: fixture, line: 8, column: 3 });
    const root = path.resolve(__dirname, "..", "..");
    const sarif = toSarif(r, { artifactUri: fixture, rootDir: root }) as any;
    expect(validate(sarif), JSON.stringify(validate.errors, null, 1)).to.equal(true);
    const result = sarif.runs[0].results.find((x: any) => x.ruleId === "IAMX-PolicyInvalid");
    expect(result.locations[0].physicalLocation).to.deep.equal({
      artifactLocation: { uri: "tests/lint/fixtures/invalid-program.ts" },
      region: { startLine: 8, startColumn: 3 },
    });
    // A finding on the role as a whole points at the call that made the role (line 4).
    const roleFinding = r.findings.find((x) => x.resourceType === "AWS::IAM::Role" && x.location === undefined);
    if (roleFinding) expect(roleFinding.source).to.deep.include({ file: fixture, line: 4 });
  });

  it("the validator rejects what SARIF forbids (a result without a message)", () => {
    const r = lintTemplate(template({ R: role([{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }]) }));
    const sarif = toSarif(r) as any;
    delete sarif.runs[0].results[0].message;
    expect(validate(sarif)).to.equal(false);
  });
});

describe("lint: SARIF regions in YAML templates", () => {
  it("point at the statement (line and column), also for a document given as a JSON string", () => {
    const text = [
      "Resources:",
      "  Pol:",
      "    Type: AWS::IAM::Policy",
      "    Properties:",
      "      PolicyName: p",
      "      Roles: [r]",
      "      PolicyDocument:",
      "        Statement:",
      "          - Effect: Allow",
      "            Action: s3:GetObject",
      "            Resource: arn:aws:s3:::b/k",
      "          - Effect: Allow",
      "            Action: iam:PassRole",
      "            Resource: '*'",
      "",
    ].join("\n");
    const at = templatePositions(text);
    const r = lintTemplate(fromCfnYaml(text));
    const sarif = toSarif(r, {
      artifactUri: "t.yaml",
      positionOf: (f) => at(findingPath(f.logicalId, f.location)),
    }) as any;
    const pass = sarif.runs[0].results.find((x: any) => x.ruleId === "IAMX-PassRoleStar");
    const lines = text.split("\n");
    expect(pass.locations[0].physicalLocation.region).to.deep.equal({
      startLine: lines.indexOf("          - Effect: Allow", 9) + 1,
      startColumn: "          - ".length + 1,
    });
    expect(pass.properties.pointer).to.equal("/Resources/Pol/Properties/PolicyDocument/Statement/1");
    expect(validator()(sarif)).to.equal(true);
    // A document given as a JSON string has no statements of its own: the region is the string.
    const json = '{"Resources":{"P":{"Properties":{"PolicyDocument":"{}"}}}}';
    expect(templatePositions(json)(findingPath("P", "PolicyDocument.Statement[0]"))).to.deep.equal({
      line: 1,
      column: json.indexOf('"{}"') + 1,
    });
  });
});
