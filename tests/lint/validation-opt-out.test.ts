// A statement's `validation` opt-out (ignore codes, or enabled: false) accepts its findings at
// program time; `iamx lint` agrees: the policy-validation rules' findings it covers are suppressed
// (not counted, shown as suppressed with the reason), every other finding stays.
import { expect } from "chai";
import { ManagedPolicy } from "../../src/components/managed-policy";
import { Role } from "../../src/components/role";
import { PolicyDocument } from "../../src/core/document";
import { ServicePrincipal } from "../../src/core/principals/service";
import { PolicyStatement, type ValidationOptions } from "../../src/core/statement";
import { formatJson, formatText, Lint, lintProgram, toSarif, type LintReport } from "../../src/lint";
import { ids } from "./helpers";

/**
 * A statement with an error (a Region in an S3 ARN) and a warning ("yes" for a Boolean) on
 * `object` of a bucket (a wildcard in it is AwsSolutions-IAM5's error too).
 */
function regional(sid: string, object: string, validation?: ValidationOptions): PolicyStatement {
  return new PolicyStatement({
    sid,
    actions: ["s3:GetObject"],
    resources: [`arn:aws:s3:eu-west-1::exports/${object}`],
    conditions: { Bool: { "aws:SecureTransport": "yes" } },
    ...(validation ? { validation } : {}),
  });
}

/** Lints a managed policy `Exports` holding the statements, unmerged. */
function lintStatements(...statements: PolicyStatement[]): Promise<LintReport> {
  return lintProgram(() => {
    new ManagedPolicy("Exports", { document: new PolicyDocument({ minimize: false, statements }) });
  });
}

const suppressedIds = (r: LintReport) =>
  r.suppressed.map((f) => `${f.ruleId}[${f.findingId}] ${f.location} ${f.suppression.reason}`);

describe("lint: a statement's validation opt-out is a suppression", function () {
  this.timeout(60_000);

  it("validation.ignore suppresses that code on that statement only; other codes and statements are reported", async () => {
    const report = await lintStatements(
      regional("Kept", "a", { ignore: ["ARN_REGION_NOT_ALLOWED"] }),
      regional("NotKept", "b"),
    );
    expect(report.errorCount).to.equal(1);
    const kept = report.suppressed.filter((f) => f.sid === "Kept");
    expect(kept.map((f) => `${f.ruleId}[${f.findingId}] ${f.location}`)).to.deep.equal([
      "IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED] PolicyDocument.Statement[0].Resource",
    ]);
    expect(kept[0].suppression).to.deep.equal({
      id: "IAMX-PolicyInvalid",
      reason: "Opted out in code by the statement's validation.ignore",
      appliesTo: ["ARN_REGION_NOT_ALLOWED"],
    });
    // The same statement's other findings, and the other statement's error, are still reported.
    const bySid = (sid: string) =>
      report.findings.filter((f) => f.sid === sid).map((f) => `${f.ruleId}[${f.findingId}]`);
    expect(bySid("Kept")).to.include("IAMX-PolicyWarning[TYPE_MISMATCH_BOOLEAN]");
    expect(bySid("Kept")).to.not.include("IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED]");
    expect(bySid("NotKept")).to.include("IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED]");
  });

  it("an opt-out of the only error makes the error count 0 (exit 0)", async () => {
    const report = await lintStatements(regional("Kept", "a", { ignore: ["ARN_REGION_NOT_ALLOWED"] }));
    expect(report.errorCount).to.equal(0);
    expect(ids(report)).to.not.include("IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED]");
  });

  it("an opt-out of another code suppresses nothing", async () => {
    const report = await lintStatements(regional("Kept", "a", { ignore: ["INVALID_ARN_REGION"] }));
    expect(ids(report)).to.include("IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED]");
    expect(report.suppressed).to.deep.equal([]);
    expect(report.errorCount).to.equal(1);
  });

  it("enabled: false suppresses every validation finding of the statement (warnings too), no other rule's", async () => {
    const report = await lintStatements(regional("Off", "a/*", { enabled: false }), regional("On", "b"));
    expect(suppressedIds(report)).to.have.members([
      "IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED] PolicyDocument.Statement[0].Resource Opted out in code by the statement's validation: { enabled: false }",
      'IAMX-PolicyWarning[TYPE_MISMATCH_BOOLEAN] PolicyDocument.Statement[0].Condition.Bool["aws:SecureTransport"] Opted out in code by the statement\'s validation: { enabled: false }',
    ]);
    const off = report.findings.filter((f) => f.sid === "Off").map((f) => f.ruleId);
    expect(off).to.deep.equal(["AwsSolutions-IAM5"]);
    expect(ids(report)).to.include("IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED]"); // statement "On"
    expect(report.errorCount).to.equal(2); // IAM5 on "Off", the Region on "On"
  });

  it("a statement merged from one with the opt-out and one without keeps the union (as program validation does)", async () => {
    const report = await lintProgram(() => {
      new ManagedPolicy("Exports", {
        document: new PolicyDocument({
          minimize: true,
          statements: [
            new PolicyStatement({
              actions: ["s3:GetObject"],
              resources: ["arn:aws:s3:eu-west-1::a/x"],
              validation: { ignore: ["ARN_REGION_NOT_ALLOWED"] },
            }),
            new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::c/x"] }),
          ],
        }),
      });
    });
    const statements = new Set([...report.findings, ...report.suppressed].map((f) => f.statementIndex));
    expect([...statements], "the two statements merge into one").to.deep.equal([0]);
    expect(report.suppressed.map((f) => f.findingId)).to.deep.equal(["ARN_REGION_NOT_ALLOWED"]);
    expect(report.suppressed[0].suppression.reason).to.contain("validation.ignore");
    expect(report.errorCount).to.equal(0);
  });

  it("reads statements of a role's inline policies and its default policy", async () => {
    const report = await lintProgram(() => {
      const role = new Role("App", {
        assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
        inlinePolicies: {
          Exports: new PolicyDocument({
            statements: [regional("Inline", "a", { ignore: ["ARN_REGION_NOT_ALLOWED"] })],
          }),
        },
      });
      role.addToPolicy(regional("Default", "b", { ignore: ["ARN_REGION_NOT_ALLOWED"] }));
    });
    expect(report.suppressed.map((f) => `${f.component} ${f.location}`)).to.have.members([
      "App Policies[0].PolicyDocument.Statement[0].Resource",
      "App/DefaultPolicy PolicyDocument.Statement[0].Resource",
    ]);
    expect(report.errorCount).to.equal(0);
  });

  it("a Lint.suppress of the same finding is shown with its own reason", async () => {
    const reason = "Adopted as deployed, grants nothing (EXPORTS-118)";
    const report = await lintProgram(() => {
      const p = new ManagedPolicy("Exports", {
        document: new PolicyDocument({ statements: [regional("Kept", "a", { ignore: ["ARN_REGION_NOT_ALLOWED"] })] }),
      });
      Lint.suppress(p, [{ id: "IAMX-PolicyInvalid", reason, appliesTo: ["ARN_REGION_NOT_ALLOWED"] }]);
    });
    expect(report.suppressed.map((f) => f.suppression.reason)).to.deep.equal([reason]);
  });

  it("text, JSON and SARIF show the finding as suppressed, with the reason", async () => {
    const report = await lintStatements(regional("Kept", "a", { ignore: ["ARN_REGION_NOT_ALLOWED"] }));
    const text = formatText(report);
    expect(text).to.contain(
      "  IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED] on Exports: Opted out in code by the statement's validation.ignore",
    );
    expect(text).to.not.match(/^ERROR IAMX-PolicyInvalid/m);
    expect(text).to.match(/^0 errors, /m);

    const json = JSON.parse(formatJson(report));
    expect(json.errorCount).to.equal(0);
    expect(json.suppressed.map((f: any) => [f.findingId, f.suppression])).to.deep.equal([
      [
        "ARN_REGION_NOT_ALLOWED",
        {
          id: "IAMX-PolicyInvalid",
          reason: "Opted out in code by the statement's validation.ignore",
          appliesTo: ["ARN_REGION_NOT_ALLOWED"],
        },
      ],
    ]);

    const results = (toSarif(report) as any).runs[0].results as any[];
    const result = results.find((r) => r.properties.findingId === "ARN_REGION_NOT_ALLOWED");
    expect(result.ruleId).to.equal("IAMX-PolicyInvalid");
    expect(result.suppressions).to.deep.equal([
      { kind: "inSource", justification: "Opted out in code by the statement's validation.ignore" },
    ]);
    // at the statement's line in this file, as an unsuppressed finding would be
    expect(result.locations[0].physicalLocation.artifactLocation.uri).to.match(/validation-opt-out\.test\.ts$/);
  });

  it("allowUnknownActions accepts the action catalogue's codes, as the run does; its other findings stay", async () => {
    const newer = (sid: string, action: string, resource: string) =>
      new PolicyStatement({ sid, actions: [action], resources: [resource], allowUnknownActions: true });
    const report = await lintStatements(
      // not in the catalogue (UNKNOWN_ACTION, a warning), and a near miss of s3:GetObject (INVALID_ACTION)
      newer("Newer", "s3:GetObjectFromTheFuture", "arn:aws:s3:::exports/a"),
      newer("NearMiss", "s3:GetObjekt", "arn:aws:s3:eu-west-1::exports/b"),
    );
    const reason = "Accepted in code by the statement's allowUnknownActions (an action newer than the catalogue)";
    expect(report.suppressed.map((f) => `${f.sid} ${f.findingId} ${f.suppression.reason}`)).to.have.members([
      `Newer UNKNOWN_ACTION ${reason}`,
      `NearMiss INVALID_ACTION ${reason}`,
    ]);
    // The regional ARN is no action catalogue finding: still an error, the only one.
    expect(ids(report)).to.include("IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED]");
    expect(report.errorCount).to.equal(1);
  });
});
