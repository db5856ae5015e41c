// Correctness of the access summary against an IAM evaluator (@cloud-copilot/iam-simulate, a
// test-only dependency): for random pairs of a role's policies, every sampled request is decided
// differently by the two versions exactly when the summary says so — the summary's entry for the
// request's (action, resource) gives the before and after states, and those states, evaluated on
// the request's context, are the evaluator's decisions; with no entry, both decisions are equal.
import { runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import fc from "fast-check";
import { accessSummary, type AccessState } from "../../src/diff/access-summary";
import { actionUniverse, OTHER_ACTION } from "../../src/diff/action-universe";
import { genericMember, matches } from "../../src/diff/patterns";

const ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:Get*", "s3:*Object", "s3:*", "sqs:SendMessage", "sqs:*", "*"];
const RESOURCES = [
  "*",
  "arn:aws:s3:::a/*",
  "arn:aws:s3:::a/secret/*",
  "arn:aws:s3:::b/*",
  "arn:aws:s3:::a",
  "arn:aws:sqs:us-east-1:111111111111:q1",
];
const CONDITIONS: (Record<string, Record<string, string | string[]>> | undefined)[] = [
  undefined,
  { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
  { Bool: { "aws:SecureTransport": "true" } },
  { StringLike: { "aws:PrincipalTag/team": "b*" } },
  { StringEquals: { "aws:RequestedRegion": ["us-east-1", "eu-west-1"], "aws:PrincipalTag/team": "blue" } },
];
const REQUEST_ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:ListBucket",
  "sqs:SendMessage",
  "sqs:ReceiveMessage",
  "kms:Decrypt",
];
const REQUEST_RESOURCES = [
  "arn:aws:s3:::a/k",
  "arn:aws:s3:::a/secret/k",
  "arn:aws:s3:::b/k",
  "arn:aws:s3:::c/k",
  "arn:aws:s3:::a",
  "arn:aws:sqs:us-east-1:111111111111:q1",
];

type Statement = Record<string, unknown>;

const statementArb: fc.Arbitrary<Statement> = fc
  .record({
    deny: fc.integer({ min: 1, max: 4 }).map((x) => x === 1),
    notAction: fc.integer({ min: 1, max: 8 }).map((x) => x === 1),
    notResource: fc.integer({ min: 1, max: 8 }).map((x) => x === 1),
    actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 2 }),
    resources: fc.uniqueArray(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 2 }),
    condition: fc.nat(CONDITIONS.length - 1),
  })
  .map((s) => {
    const st: Statement = { Effect: s.deny ? "Deny" : "Allow" };
    st[s.notAction ? "NotAction" : "Action"] = s.actions;
    st[s.notResource ? "NotResource" : "Resource"] = s.resources;
    if (CONDITIONS[s.condition]) st.Condition = CONDITIONS[s.condition];
    return st;
  });

/** A pool of statements, and which of them each version has and in which of two policies. */
const versionsArb = fc.record({
  pool: fc.array(statementArb, { minLength: 1, maxLength: 7 }),
  old: fc.array(fc.constantFrom(0, 1, 2), { minLength: 7, maxLength: 7 }),
  new: fc.array(fc.constantFrom(0, 1, 2), { minLength: 7, maxLength: 7 }),
});

/** A template with role R whose statements are split between an inline policy (1) and an AWS::IAM::Policy (2). */
function template(pool: Statement[], where: number[]) {
  const inline = pool.filter((_, i) => where[i] === 1);
  const attached = pool.filter((_, i) => where[i] === 2);
  const doc = (Statement: Statement[]) => ({ Version: "2012-10-17", Statement });
  const Resources: Record<string, unknown> = {
    R: {
      Type: "AWS::IAM::Role",
      Properties: {
        AssumeRolePolicyDocument: doc([
          { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "lambda.amazonaws.com" } },
        ]),
        ...(inline.length > 0 ? { Policies: [{ PolicyName: "inline", PolicyDocument: doc(inline) }] } : {}),
      },
    },
  };
  if (attached.length > 0) {
    Resources.P = {
      Type: "AWS::IAM::Policy",
      Properties: { PolicyName: "p", PolicyDocument: doc(attached), Roles: [{ Ref: "R" }] },
    };
  }
  return { template: { Resources }, statements: [...inline, ...attached] };
}

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
      "aws:RequestedRegion": fc.constantFrom("us-east-1", "eu-west-1", "ap-south-1"),
      "aws:SecureTransport": fc.constantFrom("true", "false"),
      "aws:PrincipalTag/team": fc.constantFrom("blue", "red"),
    },
    { requiredKeys: [] },
  ),
});

function allowed(statements: Statement[], r: Request): boolean {
  if (statements.length === 0) return false;
  const result = runUnsafeSimulation(
    {
      request: {
        principal: "arn:aws:iam::111111111111:role/R",
        action: r.action,
        resource: { resource: r.resource, accountId: "111111111111" },
        contextVariables: r.context,
      },
      identityPolicies: [{ name: "p", policy: { Version: "2012-10-17", Statement: statements } }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  return (result as unknown) === "Allowed";
}

/** Whether a canonical Condition block holds in a context (the operators the generator uses). */
function holds(condition: string, context: Record<string, string>): boolean {
  if (condition === "") return true;
  const block = JSON.parse(condition) as Record<string, Record<string, string | string[]>>;
  return Object.entries(block).every(([op, keys]) =>
    Object.entries(keys).every(([key, values]) => {
      const v = context[key];
      if (v === undefined) return false;
      const list = Array.isArray(values) ? values : [values];
      if (op === "StringLike") return list.some((p) => matches(p, v));
      if (op === "Bool") return list.some((p) => p.toLowerCase() === v.toLowerCase());
      return list.includes(v);
    }),
  );
}

function decidedBy(state: AccessState, context: Record<string, string>): boolean {
  return state.allowedWhen.some((c) => holds(c, context)) && !state.deniedWhen.some((c) => holds(c, context));
}

const NUM_RUNS = 300;
const REQUESTS_PER_RUN = 12;

describe("diff: the access summary agrees with an IAM evaluator (iam-simulate)", () => {
  it(`${NUM_RUNS * REQUESTS_PER_RUN} random requests change their decision exactly where the summary says`, () => {
    let changed = 0;
    let unchanged = 0;
    let conditional = 0;
    let movedRuns = 0;
    fc.assert(
      fc.property(
        versionsArb,
        fc.array(requestArb, { minLength: REQUESTS_PER_RUN, maxLength: REQUESTS_PER_RUN }),
        (v, requests) => {
          const before = template(v.pool, v.old);
          const after = template(v.pool, v.new);
          const summary = accessSummary(before.template, after.template);
          const role = summary.subjects.find((s) => s.key === "identity:R");
          if (role?.moved.length) movedRuns++;
          const all = [...before.statements, ...after.statements];
          const patterns = all.flatMap((s) => (s.Resource ?? s.NotResource) as string[]).filter((p) => p !== "*");
          const cells = [...new Set(patterns), "*"];
          const universe = actionUniverse(all.flatMap((s) => (s.Action ?? s.NotAction) as string[]));
          const signature = (text: string) => cells.filter((p) => matches(p, text)).join("|");
          for (const r of requests) {
            const old = allowed(before.statements, r);
            const now = allowed(after.statements, r);
            // the cell standing for the request's resource: the pattern whose generic member matches the same patterns
            const cell = cells.find((p) => signature(genericMember(p)) === signature(r.resource));
            expect(cell, `a cell for ${r.resource}`).to.not.equal(undefined);
            const action = universe.includes(r.action) ? r.action : OTHER_ACTION;
            const entry = role?.changes.find((c) => c.resource === cell && c.actions.includes(action));
            const where = `${JSON.stringify(r)}\nold ${JSON.stringify(before.statements)}\nnew ${JSON.stringify(after.statements)}`;
            if (!entry) {
              expect(now, `no entry, yet the decision changed: ${where}`).to.equal(old);
              unchanged++;
              continue;
            }
            expect(decidedBy(entry.before, r.context), `before: ${where}`).to.equal(old);
            expect(decidedBy(entry.after, r.context), `after: ${where}`).to.equal(now);
            if (entry.broadening === false) expect(!old && now, `a narrowing entry widened: ${where}`).to.equal(false);
            if (old !== now) changed++;
            else conditional++;
          }
        },
      ),
      { numRuns: NUM_RUNS, seed: 1616 },
    );
    // not vacuous: decisions changed and did not, and statements moved between the two policies
    expect(changed).to.be.greaterThan(200);
    expect(unchanged).to.be.greaterThan(200);
    expect(movedRuns).to.be.greaterThan(20);
    expect(conditional).to.be.at.least(0);
  });

  it("the comparison catches a summary that ignores Deny conditions", () => {
    // the same check with states read wrongly (Deny ignored) must fail on some random pair
    const result = fc.check(
      fc.property(versionsArb, requestArb, (v, r) => {
        const before = template(v.pool, v.old);
        const after = template(v.pool, v.new);
        const role = accessSummary(before.template, after.template).subjects.find((s) => s.key === "identity:R");
        const all = [...before.statements, ...after.statements];
        const cells = [
          ...new Set(all.flatMap((s) => (s.Resource ?? s.NotResource) as string[]).filter((p) => p !== "*")),
          "*",
        ];
        const universe = actionUniverse(all.flatMap((s) => (s.Action ?? s.NotAction) as string[]));
        const signature = (text: string) => cells.filter((p) => matches(p, text)).join("|");
        const cell = cells.find((p) => signature(genericMember(p)) === signature(r.resource));
        const action = universe.includes(r.action) ? r.action : OTHER_ACTION;
        const entry = role?.changes.find((c) => c.resource === cell && c.actions.includes(action));
        if (!entry) return true;
        const ignoringDeny = (st: AccessState) => st.allowedWhen.some((c) => holds(c, r.context));
        return ignoringDeny(entry.after) === allowed(after.statements, r);
      }),
      { numRuns: 3000, seed: 7 },
    );
    expect(result.failed).to.equal(true);
  });

  it("a statement that appears is a gain the evaluator confirms", () => {
    const pool: Statement[] = [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::a/*"] }];
    const before = template(pool, [0]);
    const after = template(pool, [1]);
    const summary = accessSummary(before.template, after.template);
    const role = summary.subjects.find((s) => s.key === "identity:R")!;
    expect(role.changes.map((c) => [c.kind, c.resource, c.actions])).to.deep.equal([
      ["gained", "arn:aws:s3:::a/*", ["s3:GetObject"]],
    ]);
    const r = { action: "s3:GetObject", resource: "arn:aws:s3:::a/k", context: {} };
    expect(allowed(after.statements, r)).to.not.equal(allowed(before.statements, r));
  });
});
