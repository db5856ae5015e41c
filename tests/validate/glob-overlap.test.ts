// Two ARN resource patterns overlap when some resource matches both: checked against the
// regular expressions of both patterns over every short string, and on the catalogue's formats.
import { expect } from "chai";
import { validatePolicy } from "../../src/validate";
import { formatSteps, policyPatternSteps, stepsOverlap } from "../../src/validate/glob-overlap";

const overlap = (policy: string, format: string) => stepsOverlap(policyPatternSteps(policy), formatSteps(format));

/** The same patterns as regular expressions (the meaning the steps must have). */
const policyRegex = (p: string) =>
  new RegExp(
    `^${p.replace(/\$\{[^}]*\}|\*|\?|[a-z:]/gi, (m) => (m === "?" ? "." : m.length > 1 || m === "*" ? ".*" : m))}$`,
    "i",
  );
const formatRegex = (f: string) => new RegExp(`^${f.replace(/\$\{[^}]*\}/g, ".+")}$`, "i");

/** Every string of up to `n` characters over `alphabet`. */
function strings(alphabet: string, n: number): string[] {
  const out = [""];
  for (let from = 0; from < out.length; from++) {
    if (out[from].length < n) for (const c of alphabet) out.push(out[from] + c);
  }
  return out;
}
const ALL = strings("ab:", 7);

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("validate: whether a policy resource and a catalogue format overlap", () => {
  it("agrees with a search over every string of up to 7 characters, on 600 random pairs", () => {
    const rand = prng(11);
    const pick = (parts: string[], n: number) =>
      Array.from({ length: n }, () => parts[Math.floor(rand() * parts.length)]).join("");
    let overlapping = 0;
    for (let k = 0; k < 600; k++) {
      const policy = pick(["a", "b", ":", "*", "?", "${v}"], 1 + Math.floor(rand() * 4));
      const format = pick(["a", "b", ":", "${N}"], 1 + Math.floor(rand() * 4));
      const p = policyRegex(policy);
      const f = formatRegex(format);
      // Patterns of at most 4 steps: a shared string, if any, has one of at most 7 characters.
      const expected = ALL.some((s) => p.test(s) && f.test(s));
      expect(overlap(policy, format), `${policy} vs ${format}`).to.equal(expected);
      if (expected) overlapping++;
    }
    // Both answers occur often enough to mean something.
    expect(overlapping).to.be.within(100, 500);
  });

  it("a trailing wildcard can stand for the rest of a longer format (CloudWatch Logs' log-group:name:*)", () => {
    const logStream = "log-group:${LogGroupName}:log-stream:${LogStreamName}";
    expect(overlap("log-group:app:*", logStream)).to.equal(true);
    expect(overlap("log-group:app:log-stream:*", logStream)).to.equal(true);
    expect(overlap("log-group:app", logStream)).to.equal(false);
    expect(overlap("log-group:app:x", logStream)).to.equal(false);
    expect(overlap("destination:*", logStream)).to.equal(false);
  });

  it("a format's placeholder needs at least one character; letters compare case-insensitively", () => {
    expect(overlap("table/", "table/${TableName}")).to.equal(false);
    expect(overlap("TABLE/t", "table/${TableName}")).to.equal(true);
    expect(overlap("table/?", "table/${TableName}")).to.equal(true);
    expect(overlap("*", "table/${TableName}")).to.equal(true);
  });

  it("the validation takes CDK's log group grant (log-group:name:*) for the log streams its actions act on", () => {
    const grant = (Resource: string) =>
      validatePolicy({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource }],
      }).map((f) => f.code);
    expect(grant("arn:aws:logs:us-east-1:111122223333:log-group:app:*")).to.deep.equal([]);
    expect(grant("arn:aws:logs:us-east-1:111122223333:destination:app")).to.deep.equal([
      "RESOURCE_NOT_SUPPORTED_BY_ACTIONS",
    ]);
  });
});
