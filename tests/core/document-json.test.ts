// PolicyDocument.toJSON() is the JSON round trip of the rendered document, whatever the values:
// its shortcut for strings and string lists must not change anything.
import { expect } from "chai";
import * as iam from "../../src/core";

describe("core: document JSON", () => {
  it("equals JSON.parse(JSON.stringify(render())) with odd condition values, tokens and odd strings", () => {
    const target = { logicalId: "X", displayPath: "X", resolveAttribute: () => undefined };
    const s = new iam.PolicyStatement({
      actions: ["s3:GetObject", "s3:PutObject"],
      resources: ["arn:\ud800lone", "arn:x/\u2028", new iam.Reference(target, "Arn"), "*"],
      principals: [new iam.ArnPrincipal("arn:aws:iam::1:root"), new iam.AccountRootPrincipal()],
      conditions: {
        // Values JSON writes differently from their JavaScript form (NaN, a Date, undefined are
        // refused as condition values: tests/core/hostile-input.test.ts)
        NumericLessThan: { a: -0, b: 1e21, c: 0.1 },
        Bool: { e: false, g: [true, "\u2028"] },
        StringEquals: { h: iam.Aws.ACCOUNT_ID },
      },
    });
    for (const minimize of [true, false]) {
      const doc = new iam.PolicyDocument({ minimize, assignSids: true, statements: [s, s.copy({ sid: "Two" })] });
      const expected = JSON.parse(JSON.stringify(doc.render()));
      const actual = doc.toJSON();
      expect(actual).to.deep.equal(expected);
      expect(JSON.stringify(actual)).to.equal(JSON.stringify(expected));
    }
  });

  it("is undefined for an empty document", () => {
    expect(new iam.PolicyDocument().toJSON()).to.equal(undefined);
  });
});
