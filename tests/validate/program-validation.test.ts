import { expect } from "chai";
import * as path from "node:path";
import * as iamx from "../../src";
import { ValidationErrors } from "../../src/core/errors";
import { mergeStatements } from "../../src/core/merge";
import { synthesize } from "../../src/testing";

const lambda = () => new iamx.ServicePrincipal("lambda.amazonaws.com");
const HERE = path.relative(process.cwd(), __filename);

/** A statement with a condition operator typo (an ERROR: INVALID_CONDITION_OPERATOR). */
function typo(props: Partial<iamx.PolicyStatementProps> = {}): iamx.PolicyStatement {
  return new iamx.PolicyStatement({
    actions: ["s3:GetObject"],
    resources: ["arn:aws:s3:::b/*"],
    conditions: { StringEqual: { "aws:PrincipalOrgID": "o-abc123" } },
    ...props,
  });
}

async function failure(program: () => void, options: Parameters<typeof synthesize>[1] = {}): Promise<ValidationErrors> {
  try {
    await synthesize(program, options);
  } catch (e) {
    expect(e).to.be.instanceOf(ValidationErrors);
    return e as ValidationErrors;
  }
  throw new Error("the program run did not fail");
}

describe("policy validation inside programs (fail-fast on ERROR findings)", () => {
  it("fails the run naming the component, the statement, the element, the code, the suggestion, the fix and the call site", async () => {
    const e = await failure(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      role.addToPolicy(typo({ sid: "Read" }));
    });
    expect(e.name).to.equal("ValidationError");
    expect(e.problems).to.have.length(1);
    const { scope, message } = e.problems[0];
    expect(scope).to.equal("app/DefaultPolicy");
    expect(message).to.contain('INVALID_CONDITION_OPERATOR in statement 0 (Sid "Read")');
    expect(message).to.contain("at Statement[0].Condition.StringEqual");
    expect(message).to.contain("did you mean StringEquals");
    expect(message).to.contain("Fix: Use a condition operator IAM defines");
    // Statement call sites are off by default: the message names where the component was made
    // (the DefaultPolicy: at the first addToPolicy, line 35) and how to get the statement's line.
    expect(message).to.contain(`The component was made at ${HERE}:35:12.`);
    expect(message).to.contain("configure({ statementSourceLocations: true })");
    expect(message).to.contain('validation: { ignore: ["INVALID_CONDITION_OPERATOR"] }');
  });

  it("names the statement's call site when statementSourceLocations is on", async () => {
    const e = await failure(() => {
      iamx.configure({ statementSourceLocations: true });
      const role = new iamx.Role("app", { assumedBy: lambda() });
      role.addToPolicy(typo({ sid: "Read" }));
    });
    const { message } = e.problems[0];
    // typo() made it: the first frame outside pulumi-iamx is its `new iamx.PolicyStatement` (line 13).
    expect(message).to.contain(`The statement was made at ${HERE}:13:10.`);
    expect(message).not.to.contain("The component was made at");
  });

  it("Pulumi config iamx:statementSourceLocations turns statement call sites on", async () => {
    const e = await failure(
      () => {
        const role = new iamx.Role("app", { assumedBy: lambda() });
        role.addToPolicy(typo({ sid: "Read" }));
      },
      { config: { "iamx:statementSourceLocations": "true" } },
    );
    expect(e.problems[0].message).to.contain(`The statement was made at ${HERE}:13:10.`);
  });

  it("statementSourceLocations is off by default and takes only a boolean", () => {
    const statement = new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] });
    expect(statement.sourceLocation).to.equal(undefined);
    expect(() => iamx.configure({ statementSourceLocations: "yes" as unknown as boolean })).to.throw(
      TypeError,
      "statementSourceLocations must be a boolean",
    );
  });

  it("reports every ERROR of the program at once: trust policies, inline documents, managed policies", async () => {
    const e = await failure(() => {
      new iamx.Role("a", {
        assumedBy: lambda().withConditions({ StringEqual: { "aws:SourceAccount": "123456789012" } }),
        inlinePolicies: {
          Bad: new iamx.PolicyDocument({
            statements: [
              new iamx.PolicyStatement({ actions: ["iam:GetRole"], resources: ["arn:aws:iam::12345:role/x"] }),
            ],
          }),
        },
      });
      new iamx.ManagedPolicy("m", { statements: [typo()] });
    });
    const lines = e.problems.map((p) => `${p.scope} ${p.message}`);
    expect(
      lines.some((l) => l.startsWith("a INVALID_CONDITION_OPERATOR") && l.includes("of the trust policy")),
    ).to.equal(true);
    expect(lines.some((l) => l.startsWith("a INVALID_ARN_ACCOUNT") && l.includes("of inline policy Bad"))).to.equal(
      true,
    );
    expect(
      lines.some((l) => l.startsWith("m INVALID_CONDITION_OPERATOR") && l.includes("of the managed policy")),
    ).to.equal(true);
  });

  it("warnings do not fail the run (they are lint findings)", async () => {
    // s3:GetObject takes objects, not buckets: RESOURCE_NOT_SUPPORTED_BY_ACTIONS is a WARNING.
    await synthesize(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      role.addToPolicy(new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b"] }));
    });
  });

  it("a statement opts out with validation: { ignore } or { enabled: false }", async () => {
    await synthesize(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      role.addToPolicy(typo({ validation: { ignore: ["INVALID_CONDITION_OPERATOR"] } }));
      role.addToPolicy(typo({ actions: ["s3:PutObject"], validation: { enabled: false } }));
    });
    const e = await failure(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      role.addToPolicy(typo({ validation: { ignore: ["INVALID_ARN_ACCOUNT"] } }));
    });
    expect(e.problems[0].message).to.contain("INVALID_CONDITION_OPERATOR");
  });

  it("an unknown code in validation.ignore fails, with the closest code", async () => {
    const e = await failure(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      role.addToPolicy(typo({ validation: { ignore: ["INVALID_CONDITION_OPERATORS"] } }));
    });
    expect(e.problems.map((p) => p.message).join("\n")).to.contain(
      'unknown issue code "INVALID_CONDITION_OPERATORS" in validation.ignore (did you mean INVALID_CONDITION_OPERATOR?)',
    );
    expect(
      () => new iamx.PolicyStatement({ actions: ["s3:GetObject"], validation: { ignore: "X" as never } }),
    ).to.throw(/validation ignore must be an array of issue codes/);
  });

  it("copy() and merging keep a statement's opt-out (a merged statement: the union of its originals')", async () => {
    const a = typo({ resources: ["arn:aws:s3:::a/*"], validation: { ignore: ["INVALID_CONDITION_OPERATOR"] } });
    const b = typo({ resources: ["arn:aws:s3:::b/*"], validation: { ignore: ["INVALID_ARN_ACCOUNT"] } });
    expect(a.copy().validation).to.deep.equal({ ignore: ["INVALID_CONDITION_OPERATOR"] });
    const merged = mergeStatements([a, b], { mergeIfCombinable: true }).mergedStatements;
    expect(merged).to.have.length(1);
    expect([...(merged[0].validation.ignore ?? [])].sort()).to.deep.equal([
      "INVALID_ARN_ACCOUNT",
      "INVALID_CONDITION_OPERATOR",
    ]);
    expect(merged[0].sourceLocation).to.deep.equal(a.sourceLocation);
    // In a program, the two merge into the default policy and the run passes.
    await synthesize(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      role.addToPolicy(
        typo({ resources: ["arn:aws:s3:::a/*"], validation: { ignore: ["INVALID_CONDITION_OPERATOR"] } }),
      );
      role.addToPolicy(typo({ resources: ["arn:aws:s3:::b/*"] }));
    });
  });

  it("program-wide: configure({ validate }) and Pulumi config iamx:validate", async () => {
    const program = () => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      role.addToPolicy(typo());
    };
    await synthesize(() => {
      iamx.configure({ validate: false });
      program();
    });
    await synthesize(() => {
      iamx.configure({ validate: { ignore: ["INVALID_CONDITION_OPERATOR"] } });
      program();
    });
    await synthesize(program, { config: { "iamx:validate": "false" } });
    await synthesize(program, { config: { "iamx:validate": '{"ignore":["INVALID_CONDITION_OPERATOR"]}' } });
    const e = await failure(program, { config: { "iamx:validate": '{"ignore":["INVALID_CONDITION_OPERATR"]}' } });
    expect(e.problems.map((p) => p.message).join("\n")).to.contain("did you mean INVALID_CONDITION_OPERATOR?");
    expect(() => iamx.configure({ validate: "no" as never })).to.throw(/validate must be a boolean/);
  });

  it("an action the catalogue does not know passes when the statement (or program) skips the action check", async () => {
    await synthesize(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      role.addToPolicy(
        new iamx.PolicyStatement({
          actions: ["s3:GetObjekt"],
          resources: ["arn:aws:s3:::b/*"],
          allowUnknownActions: true,
        }),
      );
    });
  });

  it("tokens are placeholders: references, pseudo parameters and Outputs are not findings", async () => {
    await synthesize(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      const other = new iamx.Role("other", { assumedBy: lambda() });
      role.addToPolicy(
        new iamx.PolicyStatement({
          actions: ["iam:PassRole"],
          resources: [
            other.roleArn,
            `arn:${iamx.Token.asString(iamx.Aws.PARTITION)}:iam::${iamx.Token.asString(iamx.Aws.ACCOUNT_ID)}:role/x`,
          ],
        }),
      );
    });
  });
});
