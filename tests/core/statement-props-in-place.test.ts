// A statement reads its props' lists in place (no copy) and remembers which action texts passed
// the format check: neither may let a later change of the caller's array, or a repeated bad
// action, into a statement.
import { expect } from "chai";
import * as iam from "../../src/core";

describe("core: statement props read in place", () => {
  it("keeps its own lists: changing the arrays it was built from changes nothing", () => {
    for (const n of [1, 2, 8, 9, 20]) {
      const actions: string[] = Array.from({ length: n }, (_, i) => (i % 2 ? "s3:GetObject" : "s3:PutObject"));
      const resources = Array.from({ length: n }, (_, i) => `arn:aws:s3:::b${i}/*`);
      const s = new iam.PolicyStatement({ actions, resources });
      const before = JSON.stringify(s.toStatementJson());
      actions.push("s3:DeleteObject");
      actions[0] = "sqs:SendMessage";
      resources.length = 0;
      expect(JSON.stringify(s.toStatementJson()), `${n} items`).to.equal(before);
      s.addResources("arn:aws:s3:::extra");
      expect(resources, `${n} items`).to.deep.equal([]);
    }
  });

  it("shares the arrays between statements without one's additions showing in another", () => {
    const actions = ["s3:GetObject"];
    const a = new iam.PolicyStatement({ actions, resources: ["*"] });
    const b = new iam.PolicyStatement({ actions, resources: ["*"] });
    a.addActions("s3:PutObject");
    expect(b.actions).to.deep.equal(["s3:GetObject"]);
    expect(actions).to.deep.equal(["s3:GetObject"]);
  });

  it("rejects a malformed action every time, after well-formed ones were remembered", () => {
    iam.configure({ checkActions: false });
    try {
      for (let i = 0; i < 3; i++) {
        expect(() => new iam.PolicyStatement({ actions: ["s3:GetObject", "s3 GetObject"] })).to.throw(/is invalid/);
        expect(() => new iam.PolicyStatement({ actions: ["s3:GetObject"] })).to.not.throw();
      }
      // more well-formed texts than the remembered set holds: it starts over, still checking
      for (let i = 0; i < 10_050; i++) new iam.PolicyStatement().addActions(`svc:A${i}`);
      expect(() => new iam.PolicyStatement({ actions: ["svc:A1", "svc:"] })).to.throw(/is invalid/);
    } finally {
      iam.resetSettings();
    }
  });

  it("still rejects non-string items of a list, holes included, naming the list", () => {
    // eslint-disable-next-line no-sparse-arrays
    const holey = ["s3:GetObject", , "s3:PutObject"] as string[];
    expect(() => new iam.PolicyStatement({ actions: holey })).to.throw(/an action/);
    expect(() => new iam.PolicyStatement({ resources: ["a", 7 as unknown as string] })).to.throw(/a resource/);
  });
});
