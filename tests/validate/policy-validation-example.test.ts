// examples/policy-validation: its policies pass validation, and its one opt-out is what lets them:
// the same program without it fails, naming the component, the statement and the statement's line.
// Each variant is a copy of the example (index.ts and Pulumi.yaml, edited) run as `iamx preview`
// runs it (its Pulumi.yaml config included) under the testing kit.
import { expect } from "chai";
import { formatText, lintProgram } from "../../src/lint";
import { synthesize } from "../../src/testing";
import { cliProgram } from "../cli-program";
import {
  exampleFile,
  exampleVariant,
  lineBefore,
  removeExampleVariants,
  replacedOnce,
  withoutLine,
} from "../example-variant";

const SOURCE = exampleFile("policy-validation", "index.ts");
const PROJECT = exampleFile("policy-validation", "Pulumi.yaml");
const OPT_OUT = 'validation: { ignore: ["ARN_REGION_NOT_ALLOWED"] },';
const SOURCE_LOCATIONS = "iamx:statementSourceLocations: true";

/** Runs a copy of the example with its index.ts and Pulumi.yaml as given. */
async function runVariant(index: string, project: string, config: Record<string, string> = {}) {
  const { program, options } = cliProgram(exampleVariant({ index, project }));
  return synthesize(program, { ...options, config: { ...options.config, ...config } });
}

/** Lints a copy of the example as `iamx lint` does. */
async function lintVariant(index: string) {
  const { program, options } = cliProgram(exampleVariant({ index, project: PROJECT }));
  return lintProgram(program, options);
}

async function failure(run: Promise<unknown>): Promise<Error> {
  try {
    await run;
  } catch (e) {
    return e as Error;
  }
  throw new Error("the program ran, but validation should have failed it");
}

describe("example: policy-validation", function () {
  this.timeout(120_000);
  after(removeExampleVariants);

  it("passes validation, and deploys the statement it keeps on purpose", async () => {
    const s = await runVariant(SOURCE, PROJECT);
    const policy = s.resource("aws:iam/policy:Policy", "LegacyExports");
    expect(JSON.parse(policy.inputs.policy as string).Statement[1]).to.deep.equal({
      Action: "s3:GetObject",
      Effect: "Allow",
      Resource: "arn:aws:s3:eu-west-1::acme-legacy-exports/*",
      Sid: "ReadExportsRegional",
    });
  });

  it("without the opt-out, the run fails naming the component, the statement and its line", async () => {
    const source = withoutLine(SOURCE, OPT_OUT);
    const error = await failure(runVariant(source, PROJECT));
    expect(error.name).to.equal("ValidationError");
    const findings = error.message.split("\n").filter((l) => l.startsWith("  ["));
    expect(findings).to.have.length(1);
    expect(findings[0]).to.contain(
      '[LegacyExports] ARN_REGION_NOT_ALLOWED in statement 1 (Sid "ReadExportsRegional") of the managed policy, at Statement[1].Resource',
    );
    const line = lineBefore(source, 'sid: "ReadExportsRegional"', "new iamx.PolicyStatement(");
    expect(findings[0]).to.match(new RegExp(`The statement was made at \\S*index\\.ts:${line}:\\d+\\.`));
    expect(findings[0]).to.contain('validation: { ignore: ["ARN_REGION_NOT_ALLOWED"] }');
  });

  it("without the opt-out and statement source locations, the error names where the component was made", async () => {
    const source = withoutLine(SOURCE, OPT_OUT);
    const error = await failure(runVariant(source, withoutLine(PROJECT, SOURCE_LOCATIONS)));
    const line = lineBefore(source, '"LegacyExports"', "new iamx.ManagedPolicy(");
    expect(error.message).to.match(new RegExp(`The component was made at \\S*index\\.ts:${line}:\\d+\\.`));
    expect(error.message).to.not.contain("The statement was made at");
    expect(error.message).to.contain("iamx:statementSourceLocations");
  });

  it("without the opt-out, Pulumi config iamx:validate accepts the code program-wide (as `pulumi config set --path` stores it)", async () => {
    const s = await runVariant(withoutLine(SOURCE, OPT_OUT), PROJECT, {
      "iamx:validate": JSON.stringify({ ignore: ["ARN_REGION_NOT_ALLOWED"] }),
    });
    expect(s.findResources("aws:iam/policy:Policy")).to.have.length(1);
  });

  it("an opt-out of another code does not accept the finding", async () => {
    const source = replacedOnce(SOURCE, OPT_OUT, 'validation: { ignore: ["INVALID_ARN_REGION"] },');
    const error = await failure(runVariant(source, PROJECT));
    expect(error.message).to.contain("[LegacyExports] ARN_REGION_NOT_ALLOWED");
  });

  it("iamx lint shows the opted-out error as suppressed by the opt-out, and passes", async () => {
    const report = await lintVariant(SOURCE);
    expect(report.errorCount).to.equal(0);
    const optedOut = report.suppressed.filter((f) => f.findingId === "ARN_REGION_NOT_ALLOWED");
    expect(optedOut.map((f) => [f.component, f.sid, f.suppression.reason])).to.deep.equal([
      ["LegacyExports", "ReadExportsRegional", "Opted out in code by the statement's validation.ignore"],
    ]);
    expect(formatText(report)).to.contain(
      "IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED] on LegacyExports: Opted out in code by the statement's validation.ignore",
    );
  });

  it("iamx lint without the opt-out reports the error at the statement's line", async () => {
    const source = withoutLine(SOURCE, OPT_OUT);
    const report = await lintVariant(source);
    expect(report.errorCount).to.equal(1);
    const [f] = report.findings.filter((x) => x.level === "error");
    expect(`${f.ruleId}[${f.findingId}] ${f.location}`).to.equal(
      "IAMX-PolicyInvalid[ARN_REGION_NOT_ALLOWED] PolicyDocument.Statement[1].Resource",
    );
    expect(f.source?.line).to.equal(lineBefore(source, 'sid: "ReadExportsRegional"', "new iamx.PolicyStatement("));
  });
});
