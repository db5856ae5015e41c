import { expect } from "chai";
import { ISSUE_CODES, validatePolicy, type ValidationFinding } from "../../src/validate";
import { CASES, type CodeCase } from "./cases";

function run(c: CodeCase, which: "bad" | "good"): ValidationFinding[] {
  const body = c[which];
  const doc = c.document ? body : { Version: "2012-10-17", Statement: [body] };
  return validatePolicy(doc, { policyType: c.type ?? "identity", account: c.account });
}

describe("validate: every issue code has a failing and a passing policy", () => {
  it("covers every code of the table, once", () => {
    const covered = CASES.map((c) => c.code);
    expect([...covered].sort()).to.deep.equal(Object.keys(ISSUE_CODES).sort());
  });

  for (const c of CASES) {
    describe(c.code, () => {
      it(`reports ${c.code} (${ISSUE_CODES[c.code as keyof typeof ISSUE_CODES]?.kind}) on the failing policy`, () => {
        const findings = run(c, "bad");
        const hit = findings.find((f) => f.code === c.code);
        expect(hit, JSON.stringify(findings, null, 1)).to.not.equal(undefined);
        expect(hit!.kind).to.equal(ISSUE_CODES[c.code as keyof typeof ISSUE_CODES].kind);
        expect(hit!.fix).to.be.a("string").and.not.equal("");
        if (c.says) expect(hit!.message).to.contain(c.says);
        if (c.path) expect(hit!.path).to.equal(c.path);
      });
      it("does not report it on the passing policy", () => {
        const findings = run(c, "good");
        expect(
          findings.map((f) => f.code),
          JSON.stringify(findings, null, 1),
        ).to.not.include(c.code);
      });
    });
  }
});

describe("validate: kinds (a program run asks for errors only)", () => {
  it("kinds: ['ERROR'] gives exactly the ERROR findings of a full run, on every case's policies", () => {
    for (const c of CASES) {
      for (const which of ["bad", "good"] as const) {
        const body = c[which];
        const doc = c.document ? body : { Version: "2012-10-17", Statement: [body] };
        const options = { policyType: c.type ?? "identity", account: c.account } as const;
        const all = validatePolicy(doc, options).filter((f) => f.kind === "ERROR");
        expect(validatePolicy(doc, { ...options, kinds: ["ERROR"] }), `${c.code} ${which}`).to.deep.equal(all);
      }
    }
  });
});
