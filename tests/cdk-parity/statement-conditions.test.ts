// Conditions of a PolicyStatement: addCondition merging, addConditions, and the condition helpers.
import { expect } from "chai";
import { parity } from "./oracle";

const base = { actions: ["s3:GetObject"], resources: ["*"] };

describe("parity: statement conditions", () => {
  parity("conditions from props, operator order kept", (iam) => {
    const s = new iam.PolicyStatement({
      ...base,
      conditions: { StringLike: { "s3:prefix": ["home/*"] }, Bool: { "aws:SecureTransport": "true" } },
    });
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity(
    "addCondition on an existing operator shallow-merges, later keys win",
    (iam) => {
      const s = new iam.PolicyStatement(base);
      s.addCondition("StringEquals", { a: "1" });
      s.addCondition("StringEquals", { b: "2", a: "3" });
      return new iam.PolicyDocument({ statements: [s] });
    },
    (out) => {
      const st = (out.off as { Statement: { Condition: unknown }[] }).Statement[0];
      expect(JSON.stringify(st.Condition)).to.equal('{"StringEquals":{"a":"3","b":"2"}}');
    },
  );

  parity("addConditions adds each operator in order", (iam) => {
    const s = new iam.PolicyStatement(base);
    s.addConditions({ NumericLessThan: { "s3:max-keys": "10" }, IpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } });
    s.addConditions({ NumericLessThan: { "s3:other": "1" } });
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("an operator with an empty map is kept", (iam) => {
    const s = new iam.PolicyStatement(base);
    s.addCondition("StringEquals", {});
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("addConditions({}) leaves no Condition key", (iam) => {
    const s = new iam.PolicyStatement({ ...base, conditions: {} });
    s.addConditions({});
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("addAccountCondition sets sts:ExternalId", (iam) => {
    const s = new iam.PolicyStatement({
      actions: ["sts:AssumeRole"],
      principals: [new iam.AccountPrincipal("111111111111")],
    });
    s.addAccountCondition("123456789012");
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("addSourceAccountCondition and addSourceArnCondition", (iam) => {
    const s = new iam.PolicyStatement({ actions: ["sns:Publish"], resources: ["*"] });
    s.addSourceAccountCondition("123456789012");
    s.addSourceArnCondition("arn:aws:s3:::bucket");
    s.addSourceAccountCondition("210987654321");
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("condition helpers with token values", (iam, env) => {
    const s = new iam.PolicyStatement({ actions: ["sns:Publish"], resources: ["*"] });
    s.addSourceAccountCondition(env.accountId);
    s.addSourceArnCondition(env.getAtt("Bucket", "Arn"));
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("principal conditions come before statement conditions from props", (iam) => {
    const p = new iam.ArnPrincipal("arn:aws:iam::123456789012:role/r").withConditions({
      Bool: { "aws:MultiFactorAuthPresent": "true" },
    });
    const s = new iam.PolicyStatement({
      actions: ["s3:GetObject"],
      resources: ["*"],
      conditions: { StringEquals: { "aws:RequestedRegion": "us-east-1" }, Bool: { "aws:SecureTransport": "true" } },
      principals: [p],
    });
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("condition values that are numbers, booleans and arrays pass through", (iam) => {
    const s = new iam.PolicyStatement(base);
    s.addCondition("NumericLessThanEquals", { "aws:MultiFactorAuthAge": 3600 });
    s.addCondition("Bool", { "aws:SecureTransport": false });
    s.addCondition("ForAnyValue:StringEquals", { "aws:TagKeys": ["a", "b"] });
    return new iam.PolicyDocument({ statements: [s] });
  });
});
