// Property: the merge used when splitting oversized policies (a size cap of 2000, and the
// equal-only mode used when minimizing is off) gives the same statements, and the same origins,
// as aws-cdk-lib's own merge (its compiled private module, loaded by file path as a test oracle).
import * as path from "path";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import fc from "fast-check";
import * as core from "../../src/core";
import { buildStatement, documentArb, type DocumentSpec } from "./generators";
import { cdkEnv, cdkStack, expectSameJson, iamxEnv, type Iam } from "./oracle";

type CdkMerge = (
  statements: cdkIam.PolicyStatement[],
  options: { scope: unknown; limitSize?: boolean; mergeIfCombinable?: boolean },
) => { mergedStatements: cdkIam.PolicyStatement[]; originsMap: Map<cdkIam.PolicyStatement, cdkIam.PolicyStatement[]> };

// aws-cdk-lib's package exports hide its private modules; load the compiled file by path.
const MERGE_MODULE = path.join(
  path.dirname(require.resolve("aws-cdk-lib/package.json")),
  "aws-iam/lib/private/merge-statements.js",
);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdkMerge = (require(MERGE_MODULE) as { mergeStatements: CdkMerge }).mergeStatements;

interface Mode {
  combinable: boolean;
  limitSize: boolean;
  arnSizeEstimate: number;
}

const mostly = fc.integer({ min: 1, max: 4 }).map((n) => n > 1);
const modeArb: fc.Arbitrary<Mode> = fc.record({
  combinable: mostly,
  limitSize: mostly,
  // Large ARN estimates make the 2000 cap bite on small statements.
  arnSizeEstimate: fc.constantFrom(150, 700, 1300),
});

/** The merged statements' JSON and, for each, the indexes of the statements it stands for. */
function summarize<S extends object>(
  input: S[],
  merged: S[],
  origins: Map<S, S[]>,
  json: (s: S) => unknown,
): { statements: unknown[]; origins: number[][]; kept: number[] } {
  return {
    statements: merged.map(json),
    origins: merged.map((s) => (origins.get(s) ?? []).map((o) => input.indexOf(o))),
    // Which outputs are input objects (unmerged, or equal-mode merges) rather than new copies.
    kept: merged.map((s) => input.indexOf(s)),
  };
}

/**
 * A merged statement's JSON with Action and Resource in JSON-text order. CDK orders the merged
 * lists by unresolved text, where tokens read `${Token[NAME.n]}` with numbers from a global
 * counter; two tokens at the same place cannot be ordered the same way outside CDK. Documents
 * re-sort these lists by JSON when minimizing, so that order never reaches a rendered policy.
 */
function normalized(json: unknown): unknown {
  const s = { ...(json as Record<string, unknown>) };
  for (const key of ["Action", "Resource"]) {
    if (Array.isArray(s[key])) s[key] = [...s[key]].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  return s;
}

function runCdk(spec: DocumentSpec, mode: Mode) {
  const stack = cdkStack(true, { "@aws-cdk/aws-iam.arnSizeEstimate": mode.arnSizeEstimate });
  const env = cdkEnv(stack);
  const iam = cdkIam as unknown as Iam;
  const input = spec.statements.map(
    (s) => buildStatement(iam, env, spec.shapes[s.shape % spec.shapes.length], s) as unknown as cdkIam.PolicyStatement,
  );
  const r = cdkMerge(input, { scope: stack, limitSize: mode.limitSize, mergeIfCombinable: mode.combinable });
  return summarize(input, r.mergedStatements, r.originsMap, (s) => normalized(stack.resolve(s.toStatementJson())));
}

function runIamx(spec: DocumentSpec, mode: Mode) {
  core.configure({ checkActions: false, arnSizeEstimate: mode.arnSizeEstimate });
  const env = iamxEnv();
  const input = spec.statements.map((s) => buildStatement(core, env, spec.shapes[s.shape % spec.shapes.length], s));
  const r = core.mergeStatements(input, {
    mergeIfCombinable: mode.combinable,
    maxMergedSize: mode.limitSize ? 2000 : undefined,
    withOrigins: true,
  });
  return summarize(input, r.mergedStatements, r.originsMap ?? new Map(), (s) =>
    normalized(core.toCfnJson(s.toStatementJson())),
  );
}

describe("parity: merging modes used for splitting (property)", () => {
  it("size-capped and equal-only merges match aws-cdk-lib's (300 documents)", () => {
    let capped = 0;
    fc.assert(
      fc.property(documentArb, modeArb, (spec, mode) => {
        const theirs = runCdk(spec, mode);
        const ours = runIamx(spec, mode);
        expectSameJson(ours, theirs, JSON.stringify(mode));
        // Count documents where the cap stopped a merge the uncapped merge would make.
        if (mode.combinable && mode.limitSize) {
          const uncapped = runIamx(spec, { ...mode, limitSize: false });
          if (uncapped.statements.length < ours.statements.length) capped++;
        }
      }),
      { numRuns: 300 },
    );
    expect(capped, "the size cap never mattered").to.be.greaterThan(0);
  });

  it("a merge over the 2000 cap is skipped for the next candidate, as in aws-cdk-lib", () => {
    // Statement 0 can take 1 (small) but not 2 (which would pass the cap); 3 still merges.
    const spec: DocumentSpec = {
      shapes: [{ deny: false, not: false, notResources: false, plain: [0, 1, 3], conditionFirst: false }],
      statements: [
        { shape: 0, actions: [0], resources: [1] },
        { shape: 0, actions: [0], resources: [2] },
        { shape: 0, actions: [0], resources: [4, 5] },
        { shape: 0, actions: [0], resources: [3] },
      ],
      assignSids: false,
    };
    const mode = { combinable: true, limitSize: true, arnSizeEstimate: 400 };
    const ours = runIamx(spec, mode);
    expectSameJson(ours, runCdk(spec, mode));
    expect(ours.origins).to.deep.equal([[0, 1, 3], [2]]);
  });
});
