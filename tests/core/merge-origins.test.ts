// The input statements each merged statement stands for (what splitting a document reports per
// document) are listed only when asked: rendering merges without them.
import { expect } from "chai";
import * as iam from "../../src/core";

function grant(action: string, resource: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: [action], resources: [resource] });
}

describe("mergeStatements origins", () => {
  const statements = [
    grant("s3:GetObject", "arn:aws:s3:::a/*"),
    grant("sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:q"),
    grant("s3:GetObject", "arn:aws:s3:::b/*"),
    grant("s3:GetObject", "arn:aws:s3:::a/*"),
  ];

  it("lists, with withOrigins, the inputs of each merged statement in merge order", () => {
    const r = iam.mergeStatements(statements, { mergeIfCombinable: true, withOrigins: true });
    expect(r.mergedStatements).to.have.length(2);
    const origins = r.originsMap;
    expect(origins).to.be.instanceOf(Map);
    expect(origins?.get(r.mergedStatements[0])).to.deep.equal([statements[0], statements[2], statements[3]]);
    expect(origins?.get(r.mergedStatements[1])).to.deep.equal([statements[1]]);
  });

  it("gives no origins without withOrigins, and the same merged statements", () => {
    const plain = iam.mergeStatements(statements, { mergeIfCombinable: true });
    const withOrigins = iam.mergeStatements(statements, { mergeIfCombinable: true, withOrigins: true });
    expect(plain.originsMap).to.equal(undefined);
    expect(plain.mergedStatements.map((s) => s.toStatementJson())).to.deep.equal(
      withOrigins.mergedStatements.map((s) => s.toStatementJson()),
    );
  });
});
