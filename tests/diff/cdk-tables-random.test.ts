// CDK parity of the IAM tables on random raw templates: identity and resource policies, Lambda
// permissions, managed policy lists, intrinsics, `Fn::If` statements, type changes, unchanged
// resources — our rows and broadening verdict equal @aws-cdk/cloudformation-diff's.
import { expect } from "chai";
import fc from "fast-check";
import { cdkRows, ourRows } from "./cdk-tables-harness";
import type { CfnTemplate } from "../../src/render/cloudformation/template";

const value = fc.constantFrom<unknown>(
  "*",
  "arn:aws:s3:::a/*",
  { "Fn::GetAtt": ["Bucket", "Arn"] },
  { "Fn::GetAtt": "Queue.Arn" },
  { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":s3:::b"]] },
  { Ref: "Topic" },
);
const action = fc.constantFrom("s3:GetObject", "s3:*", "sqs:SendMessage", "kms:Decrypt", "sts:AssumeRole");
const principal = fc.constantFrom<unknown>(
  undefined,
  "*",
  { Service: "lambda.amazonaws.com" },
  { AWS: ["arn:aws:iam::111111111111:root", { "Fn::GetAtt": ["Role", "Arn"] }] },
);
const condition = fc.constantFrom<unknown>(undefined, { Bool: { "aws:SecureTransport": "true" } }, {});
const statement = fc
  .record({
    Sid: fc.constantFrom(undefined, "A"),
    Effect: fc.constantFrom("Allow", "Deny", "Allow"),
    act: fc.array(action, { minLength: 1, maxLength: 2 }),
    notAction: fc.boolean(),
    res: fc.array(value, { minLength: 0, maxLength: 2 }),
    Principal: principal,
    Condition: condition,
  })
  .map(({ act, notAction, res, ...s }) => {
    const out: Record<string, unknown> = {
      ...s,
      [notAction ? "NotAction" : "Action"]: act.length === 1 ? act[0] : act,
    };
    if (res.length > 0) out.Resource = res.length === 1 ? res[0] : res;
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out;
  });
const statements = fc.oneof(
  { weight: 6, arbitrary: fc.array(statement, { minLength: 0, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant([{ "Fn::If": ["C", { Effect: "Allow" }, { Ref: "AWS::NoValue" }] }]) },
);
const doc = statements.map((Statement) => ({ Version: "2012-10-17", Statement }));

const resource = fc.oneof(
  fc.record({
    Type: fc.constant("AWS::IAM::Role"),
    Properties: fc.record(
      {
        AssumeRolePolicyDocument: doc,
        Policies: fc.array(fc.record({ PolicyName: fc.constantFrom("a", "b"), PolicyDocument: doc }), { maxLength: 2 }),
        ManagedPolicyArns: fc.array(value, { maxLength: 2 }),
      },
      { requiredKeys: ["AssumeRolePolicyDocument"] },
    ),
  }),
  fc.record({
    Type: fc.constantFrom("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"),
    Properties: fc.record(
      {
        PolicyName: fc.constant("p"),
        PolicyDocument: doc,
        Roles: fc.array(fc.constantFrom<unknown>({ Ref: "Role" }, "r2"), { maxLength: 2 }),
      },
      { requiredKeys: ["PolicyDocument"] },
    ),
  }),
  fc.record({
    Type: fc.constant("AWS::S3::BucketPolicy"),
    Properties: fc.record({ Bucket: fc.constantFrom<unknown>({ Ref: "Bucket" }, "b"), PolicyDocument: doc }),
  }),
  fc.record({
    Type: fc.constant("AWS::SQS::QueuePolicy"),
    Properties: fc.record({
      Queues: fc.array(fc.constantFrom<unknown>({ Ref: "Queue" }, "q"), { maxLength: 2 }),
      PolicyDocument: doc,
    }),
  }),
  fc.record({
    Type: fc.constant("AWS::KMS::Key"),
    Properties: fc.record({ KeyPolicy: doc }),
  }),
  fc.record({
    Type: fc.constant("AWS::Lambda::Permission"),
    Properties: fc.record(
      {
        Action: fc.constant("lambda:InvokeFunction"),
        FunctionName: fc.constantFrom<unknown>({ "Fn::GetAtt": ["Fn", "Arn"] }, "f"),
        Principal: fc.constantFrom("*", "111111111111", "s3.amazonaws.com"),
        SourceArn: value,
        SourceAccount: fc.constant("111111111111"),
      },
      { requiredKeys: ["Action", "FunctionName"] },
    ),
  }),
  fc.record({
    Type: fc.constant("AWS::IAM::InstanceProfile"),
    Properties: fc.record({ Roles: fc.constant([{ Ref: "Role" }]) }),
  }),
);

const ids = ["Role", "Policy", "Other", "Perm"];
const template = fc
  .array(fc.option(resource, { nil: undefined }), { minLength: ids.length, maxLength: ids.length })
  .map((rs) => {
    const Resources: Record<string, unknown> = {};
    rs.forEach((r, i) => {
      if (r) Resources[ids[i]] = r;
    });
    return { Resources } as unknown as CfnTemplate;
  });

/** A new version that keeps some resources of the old one unchanged. */
const pair = fc
  .tuple(template, template, fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }))
  .map(([a, b, keep]) => {
    const next = { Resources: { ...b.Resources } } as CfnTemplate;
    ids.forEach((id, i) => {
      if (keep[i] && a.Resources[id]) next.Resources[id] = JSON.parse(JSON.stringify(a.Resources[id]));
    });
    return [a, next] as const;
  });

describe("diff: IAM tables on random templates equal cdk diff's", () => {
  it("rows and the broadening verdict match on 300 random template pairs", () => {
    let rows = 0;
    let broadened = 0;
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const expected = cdkRows(a, b);
        const actual = ourRows(a, b);
        expect(actual.statements).to.deep.equal(expected.statements);
        expect(actual.managedPolicies).to.deep.equal(expected.managedPolicies);
        expect(actual.broadening).to.equal(expected.broadening);
        rows += expected.statements.length + expected.managedPolicies.length;
        if (expected.broadening) broadened++;
      }),
      { numRuns: 300, seed: 16 },
    );
    // not vacuous: rows were produced, and changes both widened and did not
    expect(rows).to.be.greaterThan(300);
    expect(broadened).to.be.within(1, 299);
  });
});
