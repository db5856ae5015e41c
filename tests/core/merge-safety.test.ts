// Property: merging never changes what a policy decides. Random identity policies are rendered
// with minimize on (merged) and off (unmerged) and every random request gets the same decision
// from the @cloud-copilot/iam-simulate policy engine (a test-only dependency).
import { runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import fc from "fast-check";
import * as iam from "../../src/core";

const ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:ListBucket",
  "s3:Get*",
  "s3:*Object",
  "sqs:SendMessage",
  "sqs:*",
  "kms:Decrypt",
];
const RESOURCES = [
  "*",
  "arn:aws:s3:::a/*",
  "arn:aws:s3:::a/secret/*",
  "arn:aws:s3:::b/*",
  "arn:aws:s3:::a",
  "arn:aws:sqs:us-east-1:111111111111:q1",
  "arn:aws:kms:us-east-1:111111111111:key/k1",
];
const CONDITIONS: iam.Conditions[] = [
  { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
  { Bool: { "aws:SecureTransport": "true" } },
  { StringEquals: { "aws:RequestedRegion": "us-east-1", "aws:PrincipalTag/team": "blue" } },
  { StringEquals: { "aws:PrincipalTag/team": "blue", "aws:RequestedRegion": "us-east-1" } },
  { StringLike: { "aws:PrincipalTag/team": "b*" } },
];

const REQUEST_ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:ListBucket",
  "sqs:SendMessage",
  "sqs:ReceiveMessage",
  "kms:Decrypt",
  "kms:Encrypt",
];
const REQUEST_RESOURCES = [
  "arn:aws:s3:::a/k",
  "arn:aws:s3:::a/secret/k",
  "arn:aws:s3:::b/k",
  "arn:aws:s3:::c/k",
  "arn:aws:s3:::a",
  "arn:aws:sqs:us-east-1:111111111111:q1",
  "arn:aws:kms:us-east-1:111111111111:key/k1",
];

/** What statements of a policy may share, so that some of them merge. */
interface Shape {
  deny: boolean;
  not: boolean;
  notResources: boolean;
  sid?: string;
  condition?: number;
}

interface StatementSpec {
  shape: number;
  actions: number[];
  resources: number[];
}

interface PolicySpec {
  shapes: Shape[];
  statements: StatementSpec[];
}

const oneIn = (n: number) => fc.integer({ min: 1, max: n }).map((x) => x === 1);

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  deny: oneIn(3),
  not: oneIn(8),
  notResources: oneIn(8),
  sid: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom("A", "B") }),
  condition: fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.nat(CONDITIONS.length - 1) },
  ),
});

const policyArb: fc.Arbitrary<PolicySpec> = fc.record({
  shapes: fc.array(shapeArb, { minLength: 1, maxLength: 3 }),
  statements: fc.array(
    fc.record({
      shape: fc.nat(2),
      actions: fc.uniqueArray(fc.nat(ACTIONS.length - 1), { minLength: 1, maxLength: 2 }),
      resources: fc.uniqueArray(fc.nat(RESOURCES.length - 1), { minLength: 1, maxLength: 2 }),
    }),
    { minLength: 1, maxLength: 12 },
  ),
});

interface Request {
  action: string;
  resource: string;
  context: Record<string, string>;
}

const requestArb: fc.Arbitrary<Request> = fc.record({
  action: fc.constantFrom(...REQUEST_ACTIONS),
  resource: fc.constantFrom(...REQUEST_RESOURCES),
  context: fc.record(
    {
      "aws:RequestedRegion": fc.constantFrom("us-east-1", "eu-west-1"),
      "aws:SecureTransport": fc.constantFrom("true", "false"),
      "aws:PrincipalTag/team": fc.constantFrom("blue", "red"),
    },
    { requiredKeys: [] },
  ),
});

function buildStatements(spec: PolicySpec): iam.PolicyStatement[] {
  return spec.statements.map((s) => {
    const shape = spec.shapes[s.shape % spec.shapes.length];
    const st = new iam.PolicyStatement({ sid: shape.sid, effect: shape.deny ? iam.Effect.DENY : iam.Effect.ALLOW });
    const actions = s.actions.map((i) => ACTIONS[i]);
    if (shape.not) st.addNotActions(...actions);
    else st.addActions(...actions);
    const resources = s.resources.map((i) => RESOURCES[i]);
    if (shape.notResources) st.addNotResources(...resources);
    else st.addResources(...resources);
    if (shape.condition !== undefined) st.addConditions(CONDITIONS[shape.condition]);
    return st;
  });
}

type Rendered = { Statement: unknown[]; Version: string };

function render(spec: PolicySpec, minimize: boolean): Rendered {
  return new iam.PolicyDocument({ minimize, statements: buildStatements(spec) }).toJSON() as Rendered;
}

function decide(policy: unknown, r: Request): string {
  return runUnsafeSimulation(
    {
      request: {
        principal: "arn:aws:iam::111111111111:role/r",
        action: r.action,
        resource: { resource: r.resource, accountId: "111111111111" },
        contextVariables: r.context,
      },
      identityPolicies: [{ name: "p", policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
}

const NUM_RUNS = 400;
const REQUESTS_PER_RUN = 10;

describe("core: merging keeps every decision (iam-simulate)", () => {
  it(`merged and unmerged documents decide ${NUM_RUNS * REQUESTS_PER_RUN} random requests alike`, () => {
    let requests = 0;
    let mergedRuns = 0;
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(
        policyArb,
        fc.array(requestArb, { minLength: REQUESTS_PER_RUN, maxLength: REQUESTS_PER_RUN }),
        (spec, reqs) => {
          const unmerged = render(spec, false);
          const merged = render(spec, true);
          if (merged.Statement.length < unmerged.Statement.length) mergedRuns++;
          for (const r of reqs) {
            const expected = decide(unmerged, r);
            expect(decide(merged, r), JSON.stringify(r)).to.equal(expected);
            outcomes.add(expected);
            requests++;
          }
        },
      ),
      { numRuns: NUM_RUNS },
    );
    expect(requests).to.be.at.least(2000);
    // Not vacuous: documents did merge, and requests were allowed and denied both ways.
    expect(mergedRuns).to.be.greaterThan(NUM_RUNS / 4);
    expect([...outcomes].sort()).to.deep.equal(["Allowed", "ExplicitlyDenied", "ImplicitlyDenied"]);
  });

  it("the harness catches a merge that drops conditions", () => {
    // A deliberately wrong merger: render minimized, then forget every Condition.
    const broken = (spec: PolicySpec): Rendered => {
      const doc = render(spec, true);
      return { ...doc, Statement: doc.Statement.map((s) => ({ ...(s as object), Condition: undefined })) };
    };
    const result = fc.check(
      fc.property(policyArb, requestArb, (spec, r) => {
        return decide(broken(spec), r) === decide(render(spec, false), r);
      }),
      { numRuns: 2000, seed: 42 },
    );
    expect(result.failed).to.equal(true);
  });
});
