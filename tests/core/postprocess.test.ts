// Property: the post-processor's shortcuts (fingerprints before JSON for duplicate statements,
// plain-string sorting, already-sorted lists) give exactly what the plain rule gives: drop
// statements whose JSON equals an earlier one's, number sids, sort lists by their JSON text.
import { expect } from "chai";
import fc from "fast-check";
import { postProcess, type RenderedDocument } from "../../src/core/postprocess";
import { Aws } from "../../src/core/value";

/** The rule, written plainly (as CDK's post-processor reads). */
function reference(doc: RenderedDocument, assignSids: boolean, sort: boolean): RenderedDocument {
  const seen = new Set<string>();
  const unique: Record<string, unknown>[] = [];
  for (const s of doc.Statement) {
    const key = JSON.stringify(s);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push({ ...s });
  }
  const byJson = (xs: unknown) => {
    if (!Array.isArray(xs)) return xs;
    const m = new Map<string, unknown>();
    for (const x of xs) m.set(JSON.stringify(x), x);
    const sorted = [...m.keys()].sort().map((k) => m.get(k));
    return sorted.length !== 1 ? sorted : sorted[0];
  };
  unique.forEach((s, i) => {
    if (assignSids && !s.Sid) s.Sid = i.toString();
    if (sort) {
      if (s.Action) s.Action = byJson(s.Action);
      if (s.Resource) s.Resource = byJson(s.Resource);
      if (s.Principal && typeof s.Principal === "object" && !Array.isArray(s.Principal)) {
        const p = s.Principal as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(p).sort()) out[k] = byJson(p[k]);
        s.Principal = out;
      }
    }
  });
  return { ...doc, Statement: unique };
}

// Characters that JSON escapes or that sort around the closing quote, plus ordinary ones.
const text = fc
  .array(fc.constantFrom("a", "b", "z", " ", "!", '"', "#", "\\", "\n", "~", "é", "\ud800", "\udc00", "😀", "*", ":"), {
    maxLength: 4,
  })
  .map((cs) => cs.join(""));
const value = fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: fc.constant(Aws.ACCOUNT_ID) });
const list = fc.oneof(value, fc.array(value, { maxLength: 5 }));
const statementArb = fc.record(
  {
    Action: list,
    Effect: fc.constantFrom("Allow", "Deny"),
    Principal: fc.oneof(fc.constant("*"), fc.dictionary(fc.constantFrom("AWS", "Service", "Federated"), list)),
    Resource: list,
    Sid: fc.constantFrom("", "S1", "S2"),
  },
  { requiredKeys: ["Effect"] },
);

describe("core: post-processing", () => {
  it("matches the plain rule on random documents (1000 runs)", () => {
    fc.assert(
      fc.property(
        fc.array(statementArb, { maxLength: 8 }),
        fc.array(fc.nat(7), { maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        (statements, repeats, assignSids, sort) => {
          // Repeat some statements (new objects, same content) so that duplicates occur.
          const all = [
            ...statements,
            ...repeats.filter((i) => i < statements.length).map((i) => ({ ...statements[i] })),
          ];
          const doc = () => ({
            Statement: all.map((s) => ({ ...s }) as Record<string, unknown>),
            Version: "2012-10-17",
          });
          const ours = JSON.stringify(postProcess(doc(), assignSids, sort));
          expect(ours).to.equal(JSON.stringify(reference(doc(), assignSids, sort)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("keeps statements that differ only in list order, and sorts each", () => {
    const doc = {
      Statement: [
        { Action: ["a:1", "a:2"], Effect: "Allow" },
        { Action: ["a:2", "a:1"], Effect: "Allow" },
      ],
      Version: "2012-10-17",
    };
    const out = postProcess(doc, false, true);
    expect(out.Statement).to.deep.equal([
      { Action: ["a:1", "a:2"], Effect: "Allow" },
      { Action: ["a:1", "a:2"], Effect: "Allow" },
    ]);
  });

  it("orders by JSON text: an escaped backslash, then ' ' and '!' before a prefix's closing quote", () => {
    const doc = { Statement: [{ Action: ["ab!", "ab", "ab c", "a\\b"], Effect: "Allow" }], Version: "2012-10-17" };
    const out = postProcess(doc, false, true);
    expect(out.Statement[0].Action).to.deep.equal(["a\\b", "ab c", "ab!", "ab"]);
  });
});
