import { expect } from "chai";
import { Match, matchPattern } from "../../src/testing/match";

const ok = (p: unknown, a: unknown) => expect(matchPattern(p, a), JSON.stringify(matchPattern(p, a))).to.deep.equal([]);
const fails = (p: unknown, a: unknown) => expect(matchPattern(p, a)).to.not.be.empty;

describe("testing: Match", () => {
  it("literal objects match exactly, objectLike partially", () => {
    ok({ a: 1 }, { a: 1 });
    fails({ a: 1 }, { a: 1, b: 2 });
    ok(Match.objectLike({ a: 1 }), { a: 1, b: 2 });
    fails(Match.objectLike({ a: 2 }), { a: 1, b: 2 });
    fails(Match.objectLike({ c: 1 }), { a: 1 });
  });

  it("nested literals inside objectLike are exact", () => {
    fails(Match.objectLike({ a: { x: 1 } }), { a: { x: 1, y: 2 } });
    ok(Match.objectLike({ a: Match.objectLike({ x: 1 }) }), { a: { x: 1, y: 2 } });
  });

  it("arrayWith matches an ordered subsequence, arrays literal exactly", () => {
    ok(Match.arrayWith([1, 3]), [1, 2, 3]);
    fails(Match.arrayWith([3, 1]), [1, 2, 3]);
    ok([1, 2], [1, 2]);
    fails([1, 2], [1, 2, 3]);
    fails(Match.arrayWith([1]), "not an array");
  });

  it("absent and anyValue", () => {
    ok(Match.objectLike({ b: Match.absent() }), { a: 1 });
    fails(Match.objectLike({ a: Match.absent() }), { a: 1 });
    ok(Match.objectLike({ a: Match.anyValue() }), { a: 0 });
    fails(Match.objectLike({ a: Match.anyValue() }), { a: null });
  });

  it("serializedJson parses policy documents before matching", () => {
    const doc = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Action: "s3:GetObject", Effect: "Allow", Resource: "*" }],
    });
    ok(
      Match.serializedJson(
        Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Action: "s3:GetObject" })]) }),
      ),
      doc,
    );
    fails(Match.serializedJson({ Statement: [] }), doc);
    fails(Match.serializedJson({}), "{not json");
  });

  it("stringLikeRegexp, not and exact", () => {
    ok(Match.stringLikeRegexp("^arn:aws:iam::"), "arn:aws:iam::1:role/x");
    fails(Match.stringLikeRegexp("^arn"), 5);
    ok(Match.not("a"), "b");
    fails(Match.not("a"), "a");
    ok(Match.exact({ a: [1] }), { a: [1] });
    fails(Match.exact({ a: [1] }), { a: [1], b: 1 });
  });

  it("reports the path of each mismatch", () => {
    const failures = matchPattern(Match.objectLike({ a: { b: [1, 2] } }), { a: { b: [1, 3] } });
    expect(failures).to.deep.equal([{ path: "/a/b[1]", message: "expected 2 but got 3" }]);
  });
});
