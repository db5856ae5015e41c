// A document renders once its statements are frozen and reuses that rendering: these tests check
// that the reuse never shows. Every rendering must equal a fresh document's rendering of the same
// statements, whatever happened in between.
import { expect } from "chai";
import * as iam from "../../src/core";
import { MAX_INLINE_POLICY_SIZE, MAX_MANAGED_POLICY_SIZE, splitDocument } from "../../src/core/split";

function statement(action: string, resource: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: [action], resources: [resource] });
}

/** The rendering of a new document holding copies of the same statements (nothing cached). */
function fresh(doc: iam.PolicyDocument, props: iam.PolicyDocumentProps = {}): unknown {
  return JSON.parse(
    JSON.stringify(new iam.PolicyDocument({ ...props, statements: doc._statements.map((s) => s.copy()) }).render()),
  );
}

describe("core: document rendering reuse", () => {
  afterEach(() => iam.resetSettings());

  it("renders statements added after a synthesis", () => {
    const doc = new iam.PolicyDocument({ statements: [statement("s3:GetObject", "arn:aws:s3:::a/*")] });
    const first = JSON.stringify(doc._synthesize());
    doc.addStatements(statement("s3:GetObject", "arn:aws:s3:::b/*"));
    const second = doc.render();
    expect(JSON.stringify(second)).to.not.equal(first);
    expect(JSON.parse(JSON.stringify(second))).to.deep.equal(fresh(doc));
    expect((second?.Statement[0] as { Resource: unknown }).Resource).to.deep.equal([
      "arn:aws:s3:::a/*",
      "arn:aws:s3:::b/*",
    ]);
  });

  it("renders a statement changed after a render, as long as it is not frozen", () => {
    const s = statement("s3:GetObject", "arn:aws:s3:::a/*");
    const doc = new iam.PolicyDocument({ statements: [s] });
    doc.render();
    s.addResources("arn:aws:s3:::b/*");
    expect(JSON.parse(JSON.stringify(doc.render()))).to.deep.equal(fresh(doc));
    expect(doc.toJSON()).to.deep.equal(fresh(doc));
  });

  it("renders the replaced statements after _replaceStatements", () => {
    const doc = new iam.PolicyDocument({ statements: [statement("s3:GetObject", "arn:aws:s3:::a/*")] });
    doc._synthesize();
    doc._replaceStatements([statement("sqs:SendMessage", "arn:aws:sqs:us-east-1:1:q")]);
    const json = doc.toJSON() as { Statement: { Action: unknown }[] };
    expect(json.Statement[0].Action).to.equal("sqs:SendMessage");
  });

  it("gives the same document from render, _synthesize and toJSON, before and after merging in place", () => {
    const statements = [
      statement("s3:GetObject", "arn:aws:s3:::a/*"),
      statement("s3:PutObject", "arn:aws:s3:::a/*"),
      statement("s3:GetObject", "arn:aws:s3:::b/*"),
      statement("s3:GetObject", "arn:aws:s3:::a/*"),
    ];
    const doc = new iam.PolicyDocument({ statements });
    const expected = fresh(doc);
    for (const s of statements) s.freeze();
    expect(JSON.parse(JSON.stringify(doc.render()))).to.deep.equal(expected);
    expect(JSON.parse(JSON.stringify(doc._synthesize()))).to.deep.equal(expected);
    expect(doc.statementCount).to.be.below(statements.length);
    expect(doc._statements.every((s) => s.frozen)).to.equal(true);
    expect(JSON.parse(JSON.stringify(doc.render()))).to.deep.equal(expected);
    expect(JSON.parse(JSON.stringify(doc._synthesize()))).to.deep.equal(expected);
    expect(doc.toJSON()).to.deep.equal(expected);
  });

  it("follows the minimize setting of each rendering", () => {
    const doc = new iam.PolicyDocument({
      statements: [statement("s3:GetObject", "arn:aws:s3:::a/*"), statement("s3:PutObject", "arn:aws:s3:::a/*")],
    });
    for (const s of doc._statements) s.freeze();
    expect(doc.render()?.Statement).to.have.length(1);
    iam.configure({ minimizePolicies: false });
    expect(doc.render()?.Statement).to.have.length(2);
    iam.configure({ minimizePolicies: true });
    expect(doc.render()?.Statement).to.have.length(1);
  });

  it("renders split documents as merging them again would, whether or not the size cap refused merges", () => {
    iam.configure({ checkActions: false });
    const long = (i: number) => `arn:aws:s3:::bucket-${i}/${"x".repeat(100)}`;
    // 300 resources of 4 actions merge into statements the size cap of a split refuses to grow
    // past 2000; 120 statements of distinct actions and resources do not merge at all.
    const capped = Array.from({ length: 300 }, (_, i) => statement(`sqs:Action${i % 4}`, long(i)));
    const distinct = Array.from({ length: 120 }, (_, i) => statement(`svc${i}:Action${i}`, long(i)));
    for (const [statements, sizeCapped] of [
      [capped, true],
      [distinct, false],
    ] as const) {
      const copies = statements.map((s) => s.copy());
      expect(iam.mergeStatements(copies, { mergeIfCombinable: true, maxMergedSize: 2000 }).sizeCapped).to.equal(
        sizeCapped,
      );
      const doc = new iam.PolicyDocument({ statements: [...statements] });
      const docs = [...splitDocument(doc, MAX_INLINE_POLICY_SIZE, MAX_MANAGED_POLICY_SIZE).keys()];
      expect(docs.length).to.be.greaterThan(1);
      for (const d of docs) {
        const expected = fresh(d);
        expect(JSON.parse(JSON.stringify(d.render()))).to.deep.equal(expected);
        expect(JSON.parse(JSON.stringify(d._synthesize()))).to.deep.equal(expected);
      }
    }
  });

  it("is not changed by a caller changing what render returned", () => {
    const doc = new iam.PolicyDocument({
      statements: [statement("s3:GetObject", "arn:aws:s3:::a/*"), statement("s3:GetObject", "arn:aws:s3:::b/*")],
    });
    const before = JSON.stringify(doc._synthesize());
    const r = doc.render() as iam.RenderedDocument;
    r.Statement[0].Effect = "Deny";
    r.Statement.push({ Effect: "Allow" });
    r.Version = "2008-10-17";
    expect(JSON.stringify(doc.render())).to.equal(before);
    expect(JSON.stringify(doc._synthesize())).to.equal(before);
  });
});
