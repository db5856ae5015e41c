// Input JSON cannot write or IAM cannot read (a BigInt, a circular value, a condition nested
// 10,000 deep, a nested condition value) is refused with a ValidationError naming what is wrong,
// at the call that takes it: never a TypeError or RangeError from JSON or the stack, later.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as iam from "../../src/core";

function circular(): Record<string, unknown> {
  const o: Record<string, unknown> = { a: "x" };
  o.self = o;
  return o;
}

function deep(depth: number): unknown {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = { k: v };
  return v;
}

/** Runs `fn`, expecting a ValidationError whose code is `code` and whose message matches `pattern`. */
function expectRefused(fn: () => unknown, code: string, pattern: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, "expected a ValidationError").to.be.instanceOf(iam.ValidationError);
  const err = error as iam.ValidationError;
  expect(err.code).to.equal(code);
  expect(err.message).to.match(pattern);
}

const statement = (conditions: unknown) => ({ Action: "s3:GetObject", Resource: "*", Condition: conditions });
const props = (conditions: unknown) => ({
  actions: ["s3:GetObject"],
  resources: ["*"],
  conditions: conditions as iam.Conditions,
});

describe("core: hostile input", () => {
  describe("condition values", () => {
    const cases: [string, unknown, RegExp][] = [
      [
        "a BigInt",
        { NumericEquals: { "aws:MultiFactorAuthAge": 1n } },
        /NumericEquals "aws:MultiFactorAuthAge".*got bigint 1n/,
      ],
      [
        "a circular value",
        { StringEquals: { "aws:SourceVpc": circular() } },
        /StringEquals "aws:SourceVpc".*got an object/,
      ],
      ["a circular operator map", { StringEquals: circular() }, /StringEquals "self".*got an object/],
      [
        "a value nested 10,000 deep",
        { StringEquals: { "aws:SourceVpc": deep(10_000) } },
        /"aws:SourceVpc".*got an object/,
      ],
      ["an operator map nested 10,000 deep", { StringEquals: deep(10_000) }, /StringEquals "k".*got an object/],
      ["a nested object", { StringEquals: { "aws:SourceVpc": { a: "b" } } }, /"aws:SourceVpc".*flat.*got an object/],
      ["a list in a list", { StringEquals: { "aws:SourceVpc": ["v", ["w"]] } }, /got an array at index 1/],
      ["null", { Null: { "aws:TokenIssueTime": null } }, /Null "aws:TokenIssueTime".*got null/],
      ["undefined", { Bool: { "aws:SecureTransport": undefined } }, /got undefined/],
      ["NaN", { NumericLessThan: { "aws:MultiFactorAuthAge": NaN } }, /got number null/],
      ["Infinity in a list", { NumericLessThan: { "aws:MultiFactorAuthAge": [1, Infinity] } }, /at index 1/],
      ["a function", { Bool: { "aws:SecureTransport": () => true } }, /got a function/],
      ["a symbol", { StringEquals: { "aws:SourceVpc": Symbol("vpc") } }, /got symbol Symbol\(vpc\)/],
      ["a Date", { DateLessThan: { "aws:CurrentTime": new Date(0) } }, /got an object/],
    ];
    for (const [what, conditions, pattern] of cases) {
      it(`${what} is refused by fromJson, the constructor and addCondition(s)`, () => {
        expectRefused(() => iam.PolicyStatement.fromJson(statement(conditions)), "InvalidConditionValue", pattern);
        expectRefused(
          () => iam.PolicyDocument.fromJson({ Statement: [statement(conditions)] }),
          "InvalidConditionValue",
          pattern,
        );
        expectRefused(() => new iam.PolicyStatement(props(conditions)), "InvalidConditionValue", pattern);
        const s = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"] });
        expectRefused(() => s.addConditions(conditions as iam.Conditions), "InvalidConditionValue", pattern);
        const [operator, value] = Object.entries(conditions as object)[0];
        expectRefused(() => s.addCondition(operator, value), "InvalidConditionValue", pattern);
        expect(s.conditions).to.deep.equal({});
      });
    }

    it("principal conditions are checked before the principal is used", () => {
      const conditions = { StringEquals: { "cognito-identity.amazonaws.com:aud": 1n } };
      expectRefused(
        () => new iam.FederatedPrincipal("cognito-identity.amazonaws.com", conditions),
        "InvalidConditionValue",
        /got bigint 1n/,
      );
      const arn = new iam.ArnPrincipal("arn:aws:iam::123456789012:role/r");
      expectRefused(
        () => arn.withConditions({ Bool: { "aws:SecureTransport": circular() } }),
        "InvalidConditionValue",
        /got an object/,
      );
    });

    it("flat values of every allowed kind are kept", () => {
      const output = pulumi.output("vpc-1");
      const s = new iam.PolicyStatement(
        props({
          StringEquals: {
            "aws:SourceVpc": ["vpc-0", output, iam.Aws.ACCOUNT_ID],
            "aws:SourceAccount": iam.Aws.ACCOUNT_ID,
          },
          NumericLessThan: { "aws:MultiFactorAuthAge": 3600 },
          Bool: { "aws:SecureTransport": false },
        }),
      );
      expect(s.toJSON()).to.have.nested.property("Condition.Bool.aws:SecureTransport", false);
      expect(
        (s.toJSON() as { Condition: { StringEquals: { "aws:SourceVpc": unknown[] } } }).Condition.StringEquals[
          "aws:SourceVpc"
        ],
      ).to.have.length(3);
    });
  });

  describe("values JSON cannot write elsewhere in a statement", () => {
    it("a BigInt resource, principal ARN, sid or JSON principal", () => {
      expectRefused(
        () => new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: [1n as never] }),
        "InvalidValue",
        /resource.*got bigint 1n/,
      );
      expectRefused(() => new iam.ArnPrincipal(1n as never), "InvalidValue", /got bigint 1n/);
      expectRefused(
        () => new iam.PolicyStatement({ actions: ["s3:GetObject"], sid: 1n as never }),
        "InvalidStatementProps",
        /sid.*got bigint 1n/,
      );
      expectRefused(
        () => iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Sid: 1n }),
        "InvalidStatementProps",
        /sid/,
      );
      expectRefused(
        () => iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Principal: { AWS: 1n } }),
        "InvalidPrincipalJsonValue",
        /got bigint 1n under "AWS"/,
      );
      expectRefused(
        () => iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Principal: 1n }),
        "ExpectedPrincipalObject",
        /got bigint 1n/,
      );
      expectRefused(() => iam.PolicyStatement.fromJson(1n), "MustBeFieldsEitherString", /got bigint 1n/);
      expectRefused(() => iam.PolicyDocument.fromJson(1n), "StatementMustBeArray", /got bigint 1n/);
      expectRefused(() => new iam.PolicyDocument({ statements: [1n as never] }), "InvalidStatement", /got bigint 1n/);
    });

    it("a circular resource, principal, effect, statement or statement list", () => {
      const c = circular();
      expectRefused(
        () => new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: [c as never] }),
        "InvalidValue",
        /resource.*got an object/,
      );
      expectRefused(() => new iam.ArnPrincipal(c as never), "InvalidValue", /got an object/);
      expectRefused(
        () => new iam.PolicyStatement({ actions: ["s3:GetObject"], principals: [c as never] }),
        "InvalidPrincipal",
        /got an object/,
      );
      expectRefused(
        () => iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Effect: c }),
        "InvalidStatementProps",
        /effect.*got an object/,
      );
      const list: unknown[] = [];
      list.push(list);
      expectRefused(() => iam.PolicyStatement.fromJson(list), "MustBeFieldsEitherString", /got an array/);
      expectRefused(() => new iam.PolicyDocument({ statements: [c as never] }), "InvalidStatement", /got an object/);
      expectRefused(
        // One statement object is read as a one-statement list, as IAM does; this one has no action.
        () => iam.PolicyDocument.fromJson({ Statement: c }),
        "IncorrectPolicyStatement",
        /at least one 'action'/,
      );
    });

    it("a plain object or a function is not a Pulumi input; an Output and a promise are", () => {
      for (const bad of [{ Ref: "X" }, () => "arn:aws:s3:::b"]) {
        expectRefused(
          () => new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: [bad as never] }),
          "InvalidValue",
          /resource/,
        );
      }
      const s = new iam.PolicyStatement({
        actions: ["s3:GetObject"],
        resources: [pulumi.output("arn:aws:s3:::b"), Promise.resolve("arn:aws:s3:::c")],
      });
      expect(s.resources.every((r) => r instanceof iam.External)).to.equal(true);
    });
  });
});
