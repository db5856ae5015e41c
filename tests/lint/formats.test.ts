import { expect } from "chai";
import { formatJson, formatSarif, formatText, lintTemplate, toSarif } from "../../src/lint";
import { policy, role, template } from "./helpers";

const REASON = "Reviewed in SEC-1234: needed for the nightly job";

function report() {
  const p = policy(
    { Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "*" },
    { Effect: "Allow", Action: "s3:Get*", Resource: "arn:aws:s3:::b/k" },
  );
  p.Metadata = {
    cdk_nag: { rules_to_suppress: [{ id: "AwsSolutions-IAM5", reason: REASON, applies_to: ["Action::s3:Get*"] }] },
  };
  return lintTemplate(
    template({
      P: p,
      R: role([{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "sts:AssumeRole" }]),
    }),
    { source: "templates/app.json" },
  );
}

describe("lint: output formats", () => {
  it("text names the rule, component, statement and fix, then a summary", () => {
    const text = formatText(report());
    expect(text).to.contain("ERROR AwsSolutions-IAM5[Resource::*]: P (AWS::IAM::Policy P) PolicyDocument.Statement[0]");
    expect(text).to.contain('  statement 0 (Sid "Pass") of policy p allows iam:PassRole on *');
    expect(text).to.contain("  Fix: Set Resource to the ARNs of the roles");
    expect(text).to.contain(
      "WARNING IAMX-CrossAccountTrustWithoutExternalId: R (AWS::IAM::Role R) AssumeRolePolicyDocument.Statement[0]",
    );
    expect(text).to.contain(`Suppressed (1):\n  AwsSolutions-IAM5[Action::s3:Get*] on P: ${REASON}`);
    expect(text.trimEnd().split("\n").pop()).to.equal("2 errors, 1 warning, 1 suppressed (rules: AwsSolutions, IAMX)");
    const clean = formatText(lintTemplate(template({})));
    expect(clean).to.equal("0 errors, 0 warnings, 0 suppressed (rules: AwsSolutions, IAMX)\n");
  });

  it("JSON holds findings with every field, suppressed findings with their suppression, and the rules", () => {
    const json = JSON.parse(formatJson(report()));
    expect(json).to.include({ source: "templates/app.json", errorCount: 2, warningCount: 1 });
    expect(json.findings[0]).to.deep.equal({
      ruleId: "AwsSolutions-IAM5",
      level: "error",
      findingId: "Resource::*",
      component: "P",
      logicalId: "P",
      resourceType: "AWS::IAM::Policy",
      location: "PolicyDocument.Statement[0]",
      policyName: "p",
      statementIndex: 0,
      sid: "Pass",
      message: 'statement 0 (Sid "Pass") of policy p allows actions on the wildcard resource *.',
      fix: "Name the specific resource ARNs instead of the wildcard; if the wildcard is intended, suppress with appliesTo: ['Resource::*'] and a reason giving the evidence.",
    });
    expect(json.suppressed[0].suppression).to.deep.equal({
      id: "AwsSolutions-IAM5",
      reason: REASON,
      appliesTo: ["Action::s3:Get*"],
    });
    expect(json.rules.map((r: { id: string }) => r.id)).to.include.members([
      "AwsSolutions-IAM4",
      "IAMX-OidcTrustWithoutSub",
    ]);
  });

  it("SARIF 2.1.0: tool rules, results with levels, locations, fingerprints and suppressions", () => {
    const r = report();
    const sarif = toSarif(r, { lineOf: (id) => (id === "P" ? 3 : undefined), toolVersion: "0.1.0" }) as any;
    expect(sarif.version).to.equal("2.1.0");
    expect(sarif.$schema).to.match(/sarif-2\.1\.0\.json$/);
    expect(sarif.runs).to.have.length(1);
    const run = sarif.runs[0];
    expect(run.tool.driver).to.include({ name: "iamx-lint", version: "0.1.0" });
    const rules = run.tool.driver.rules as any[];
    expect(rules.map((x) => x.id)).to.deep.equal(r.rules.map((x) => x.id));
    for (const rule of rules) {
      expect(rule.shortDescription.text).to.be.a("string").and.not.equal("");
      expect(["error", "warning"]).to.include(rule.defaultConfiguration.level);
    }
    expect(run.artifacts).to.deep.equal([{ location: { uri: "templates/app.json" } }]);
    const results = run.results as any[];
    expect(results).to.have.length(4);
    const pass = results.find((x) => x.ruleId === "IAMX-PassRoleStar");
    expect(rules[pass.ruleIndex].id).to.equal("IAMX-PassRoleStar");
    expect(pass.level).to.equal("error");
    expect(pass.message.text).to.match(/allows iam:PassRole on \*.* Fix: Set Resource/);
    expect(pass.locations[0].physicalLocation).to.deep.equal({
      artifactLocation: { uri: "templates/app.json" },
      region: { startLine: 3 },
    });
    expect(pass.locations[0].logicalLocations[0]).to.deep.equal({
      name: "P",
      fullyQualifiedName: "P/PolicyDocument.Statement[0]",
      kind: "resource",
    });
    expect(pass.partialFingerprints["iamxFinding/v1"]).to.equal("IAMX-PassRoleStar|P|PolicyDocument.Statement[0]");
    const warning = results.find((x) => x.ruleId === "IAMX-CrossAccountTrustWithoutExternalId");
    expect(warning.level).to.equal("warning");
    expect(warning.locations[0].physicalLocation.region).to.equal(undefined);
    const suppressed = results.filter((x) => x.suppressions);
    expect(suppressed).to.have.length(1);
    expect(suppressed[0].suppressions).to.deep.equal([{ kind: "inSource", justification: REASON }]);
    expect(suppressed[0].properties.findingId).to.equal("Action::s3:Get*");
    expect(JSON.parse(formatSarif(r))).to.deep.equal(JSON.parse(JSON.stringify(toSarif(r))));
  });

  it("SARIF without a source file has logical locations only", () => {
    const r = lintTemplate(template({ P: policy({ Effect: "Allow", Action: "*", Resource: "*" }) }));
    const sarif = toSarif(r) as any;
    expect(sarif.runs[0].artifacts).to.equal(undefined);
    for (const result of sarif.runs[0].results) {
      expect(result.locations[0].physicalLocation).to.equal(undefined);
      expect(result.locations[0].logicalLocations[0].name).to.equal("P");
    }
  });
});
