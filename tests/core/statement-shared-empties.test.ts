// Statements start with shared empty Not-lists, principals and conditions (memory: a program can
// hold tens of thousands of statements) and get their own on the first addition: an addition
// must never show in another statement.
import { expect } from "chai";
import * as iam from "../../src/core";

describe("core: statements' empty parts", () => {
  it("keeps every addition to the statement it was made on", () => {
    const plain = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a/*"] });
    const before = JSON.stringify(plain.toStatementJson());
    const others = [
      new iam.PolicyStatement({ notActions: ["s3:DeleteObject"], resources: ["*"] }),
      new iam.PolicyStatement({ actions: ["s3:GetObject"], notResources: ["arn:aws:s3:::b/*"] }),
      new iam.PolicyStatement({ actions: ["s3:GetObject"], principals: [new iam.AccountRootPrincipal()] }),
      new iam.PolicyStatement({
        actions: ["s3:GetObject"],
        notPrincipals: [new iam.ArnPrincipal("arn:aws:iam::1:root")],
      }),
      new iam.PolicyStatement({ actions: ["s3:GetObject"], conditions: { Bool: { "aws:SecureTransport": "true" } } }),
    ];
    others[4].addCondition("StringEquals", { "aws:PrincipalAccount": "1" });
    others[2].addServicePrincipal("lambda.amazonaws.com");
    const fresh = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a/*"] });
    expect(JSON.stringify(plain.toStatementJson())).to.equal(before);
    expect(JSON.stringify(fresh.toStatementJson())).to.equal(before);
    expect(plain.notActions).to.deep.equal([]);
    expect(plain.notResources).to.deep.equal([]);
    expect(plain.principals).to.deep.equal([]);
    expect(plain.notPrincipals).to.deep.equal([]);
    expect(plain.conditions).to.deep.equal({});
    expect(plain.hasPrincipal).to.equal(false);
    expect(others[2].principals).to.have.length(2);
    expect(Object.keys(others[4].conditions)).to.deep.equal(["Bool", "StringEquals"]);
  });

  it("gives a statement its own lists when a list is added to twice or holds repeats", () => {
    const s = new iam.PolicyStatement({ actions: ["s3:GetObject", "s3:GetObject", "s3:PutObject"] });
    s.addActions("s3:GetObject", "s3:ListBucket");
    s.addResources("arn:aws:s3:::a", "arn:aws:s3:::a");
    s.addResources("arn:aws:s3:::b");
    expect(s.actions).to.deep.equal(["s3:GetObject", "s3:PutObject", "s3:ListBucket"]);
    expect(s.resources).to.deep.equal(["arn:aws:s3:::a", "arn:aws:s3:::b"]);
    const p = new iam.AccountRootPrincipal();
    const t = new iam.PolicyStatement({ actions: ["s3:GetObject"], principals: [p, p] });
    t.addPrincipals(p);
    expect(t.principals).to.have.length(1);
  });
});
