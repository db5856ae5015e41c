import { expect } from "chai";
import { PolicyDocument } from "../../src/core/document";
import { configure } from "../../src/core/settings";
import { MAX_INLINE_POLICY_SIZE, MAX_MANAGED_POLICY_SIZE, splitDocument } from "../../src/core/split";
import { PolicyStatement } from "../../src/core/statement";

// Distinct actions and resources: nothing merges; each estimate is 195.
const statement = (i: number) =>
  new PolicyStatement({ actions: [`svc${i}:Action${i}`], resources: [`arn:aws:s3:::bucket-${i}/${"x".repeat(108)}`] });

describe("splitDocument (CDK's oversized default policy split)", () => {
  beforeEach(() => configure({ checkActions: false }));

  it("keeps what fits below the inline budget and fills overflow documents first-fit", () => {
    const doc = new PolicyDocument({ minimize: false, assignSids: true });
    const all = Array.from({ length: 120 }, (_, i) => statement(i));
    doc.addStatements(...all);
    const split = splitDocument(doc, MAX_INLINE_POLICY_SIZE, MAX_MANAGED_POLICY_SIZE);
    const docs = [...split.keys()];
    expect(docs[0]).to.equal(doc);
    expect(docs.map((d) => d.statementCount)).to.deep.equal([51, 30, 30, 9]);
    expect(docs.slice(1).every((d) => d.assignSids && d.minimizeProp === false)).to.equal(true);
    // Every statement, as added, is in exactly one document, in order.
    expect([...split.values()].flat()).to.deep.equal(all);
    expect(all.every((s) => s.frozen)).to.equal(true);
  });

  it("small documents stay whole", () => {
    const doc = new PolicyDocument({ statements: [statement(1), statement(2)] });
    const split = splitDocument(doc, MAX_INLINE_POLICY_SIZE, MAX_MANAGED_POLICY_SIZE);
    expect(split.size).to.equal(1);
    expect(doc.statementCount).to.equal(2);
  });

  it("merging (minimize on) maps merged statements back to the ones added", () => {
    const a = new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:a"] });
    const b = new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:b"] });
    const doc = new PolicyDocument({ statements: [a, b] });
    const split = splitDocument(doc, MAX_INLINE_POLICY_SIZE, MAX_MANAGED_POLICY_SIZE);
    expect(doc.statementCount).to.equal(1);
    expect(split.get(doc)).to.deep.equal([a, b]);
  });
});
