// Property: random documents render identically with aws-cdk-lib and pulumi-iamx, minimize on and off.
import { expect } from "chai";
import fc from "fast-check";
import { buildDocument, documentArb } from "./generators";
import { checkParity } from "./oracle";

type Rendered = { Statement: unknown[] } | undefined;

describe("parity: random documents (property)", () => {
  it("render identically with aws-cdk-lib, minimize on and off (500 documents)", () => {
    let runs = 0;
    let merged = 0;
    fc.assert(
      fc.property(documentArb, (spec) => {
        const out = checkParity(buildDocument(spec));
        runs++;
        const on = (out.on as Rendered)?.Statement.length ?? 0;
        const off = (out.off as Rendered)?.Statement.length ?? 0;
        if (on < off) merged++;
      }),
      { numRuns: 500 },
    );
    // The generator must actually exercise merging, or the property says little.
    expect(runs).to.equal(500);
    expect(merged, `${merged} of ${runs} documents merged`).to.be.greaterThan(100);
  });
});
