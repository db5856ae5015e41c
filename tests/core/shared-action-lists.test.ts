// Statements built from the same `actions` array share its checked items (checked-lists.ts): an
// addition to one statement, or a change of the caller's array, must not show anywhere else; a
// list first built without the catalogue check is checked when the check is on; and merging
// statements that share lists renders what aws-cdk-lib renders.
import { expect } from "chai";
import * as iam from "../../src/core";
import { checkParity, type Iam } from "../cdk-parity/oracle";

describe("core: statements sharing an actions list", () => {
  afterEach(() => iam.resetSettings());

  it("keeps an addition to one statement out of the others and out of the array", () => {
    const actions = ["s3:GetObject", "s3:ListBucket"];
    const a = new iam.PolicyStatement({ actions, resources: ["*"] });
    const b = new iam.PolicyStatement({ actions, resources: ["*"] });
    a.addActions("s3:PutObject");
    const c = new iam.PolicyStatement({ actions, resources: ["*"] });
    expect([a._actionsShared, b._actionsShared, c._actionsShared]).to.deep.equal([false, true, true]);
    expect(a.actions).to.deep.equal(["s3:GetObject", "s3:ListBucket", "s3:PutObject"]);
    expect(b.actions).to.deep.equal(["s3:GetObject", "s3:ListBucket"]);
    expect(c.actions).to.deep.equal(["s3:GetObject", "s3:ListBucket"]);
    expect(actions).to.deep.equal(["s3:GetObject", "s3:ListBucket"]);
  });

  it("takes a changed array's new items, and checks them", () => {
    const actions = ["s3:GetObject", "s3:ListBucket"];
    const a = new iam.PolicyStatement({ actions, resources: ["*"] });
    actions[1] = "sqs:SendMessage";
    const b = new iam.PolicyStatement({ actions, resources: ["*"] });
    expect(a.actions).to.deep.equal(["s3:GetObject", "s3:ListBucket"]);
    expect(b.actions).to.deep.equal(["s3:GetObject", "sqs:SendMessage"]);
    actions[0] = "s3 GetObject";
    expect(() => new iam.PolicyStatement({ actions })).to.throw(/is invalid/);
    actions[0] = "s3:GetObject";
    actions.push("s3:GetObject");
    expect(new iam.PolicyStatement({ actions }).actions).to.deep.equal(["s3:GetObject", "sqs:SendMessage"]);
  });

  it("checks a list against the catalogue once the check is on, unless the statement opts out", () => {
    const actions = ["s3:GetObject", "s3:NoSuchAction"];
    iam.configure({ checkActions: false });
    expect(new iam.PolicyStatement({ actions }).actions).to.deep.equal(actions);
    iam.configure({ checkActions: true });
    expect(() => new iam.PolicyStatement({ actions })).to.throw(/NoSuchAction/);
    expect(new iam.PolicyStatement({ actions, allowUnknownActions: true }).actions).to.deep.equal(actions);
    expect(() => new iam.PolicyStatement({ actions })).to.throw(/NoSuchAction/);
    const known = ["s3:GetObject", "s3:PutObject"];
    expect(new iam.PolicyStatement({ actions: known }).actions).to.deep.equal(known);
    expect(new iam.PolicyStatement({ actions: known }).actions).to.deep.equal(known);
  });

  it("merges statements sharing lists as aws-cdk-lib does", () => {
    const lists = [
      ["s3:GetObject", "s3:ListBucket"],
      ["s3:GetObject", "s3:ListBucket", "s3:PutObject"],
      ["sqs:SendMessage", "sqs:ReceiveMessage"],
      ["s3:ListBucket", "s3:GetObject"],
    ];
    const buckets = Array.from({ length: 12 }, (_, i) => `arn:aws:s3:::b${i % 7}`);
    let seed = 17;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const picks = Array.from({ length: 60 }, () => [next() % lists.length, next() % buckets.length, next() % 5]);
    checkParity((lib: Iam) => {
      const doc = new lib.PolicyDocument();
      for (const [l, b, extra] of picks) {
        const s = new lib.PolicyStatement({ actions: lists[l], resources: [buckets[b], `${buckets[b]}/*`] });
        // Some statements get an action of their own after construction (their list is then theirs).
        if (extra === 0) s.addActions("kms:Decrypt");
        doc.addStatements(s);
      }
      return doc;
    });
    expect(lists[0]).to.deep.equal(["s3:GetObject", "s3:ListBucket"]);
  });
});
