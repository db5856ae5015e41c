// PolicyStatement methods other than the adders: getters, copy, freeze, JSON forms, validation.
import { expect } from "chai";
import { parity, parityError, parityValue } from "./oracle";

const ARN = "arn:aws:iam::123456789012:role/r";

describe("parity: statement methods", () => {
  parityValue("getters return the lists, conditions and flags", (iam) => {
    const s = new iam.PolicyStatement({
      sid: "S1",
      actions: ["s3:GetObject", "s3:PutObject"],
      resources: ["arn:b", "arn:a"],
      principals: [new iam.ServicePrincipal("lambda"), new iam.ArnPrincipal(ARN)],
      conditions: { Bool: { "aws:SecureTransport": "true" } },
      effect: iam.Effect.DENY,
    });
    return {
      sid: s.sid,
      effect: s.effect,
      actions: s.actions,
      notActions: s.notActions,
      resources: s.resources,
      notResources: s.notResources,
      principals: s.principals.map((p) => p.policyFragment.principalJson),
      notPrincipals: s.notPrincipals.length,
      conditions: s.conditions,
      hasPrincipal: s.hasPrincipal,
      hasResource: s.hasResource,
      frozen: s.frozen,
    };
  });

  parityValue("getters return copies that do not change the statement", (iam) => {
    const s = new iam.PolicyStatement({
      actions: ["s3:GetObject"],
      resources: ["arn:a"],
      conditions: { A: { k: "v" } },
    });
    s.actions.push("s3:PutObject");
    s.resources.push("arn:b");
    (s.conditions as Record<string, unknown>).B = { x: "y" };
    return s.toStatementJson();
  });

  parityValue(
    "hasResource ignores NotResource; hasPrincipal counts NotPrincipal",
    (iam) => {
      const a = new iam.PolicyStatement({ actions: ["s3:*"], notResources: ["arn:a"] });
      const b = new iam.PolicyStatement({ actions: ["s3:*"], notPrincipals: [new iam.AnyPrincipal()] });
      return [a.hasResource, a.hasPrincipal, b.hasResource, b.hasPrincipal];
    },
    (v) => expect(v).to.deep.equal([false, false, false, true]),
  );

  parityValue(
    "toStatementJson and toJSON give CDK's key order",
    (iam) => {
      const s = new iam.PolicyStatement({
        sid: "Z",
        resources: ["arn:a"],
        conditions: { Bool: { x: "true" } },
        principals: [new iam.ArnPrincipal(ARN)],
        notActions: ["iam:*"],
        effect: iam.Effect.DENY,
      });
      return [s.toStatementJson(), s.toJSON()];
    },
    (v) =>
      expect(Object.keys((v as object[])[0])).to.deep.equal([
        "NotAction",
        "Condition",
        "Effect",
        "Principal",
        "Resource",
        "Sid",
      ]),
  );

  parity("copy() keeps every field and makes an independent statement", (iam) => {
    const s = new iam.PolicyStatement({
      sid: "Orig",
      actions: ["s3:GetObject"],
      resources: ["arn:a"],
      principals: [new iam.ArnPrincipal(ARN)],
      conditions: { Bool: { x: "true" } },
    });
    const c = s.copy();
    c.addActions("s3:PutObject");
    return new iam.PolicyDocument({ statements: [s, c] });
  });

  parity("copy() with overrides; an undefined override keeps the original", (iam) => {
    const s = new iam.PolicyStatement({ sid: "Keep", actions: ["s3:GetObject"], resources: ["arn:a"] });
    const c = s.copy({
      sid: undefined,
      actions: ["s3:ListBucket"],
      effect: iam.Effect.DENY,
      resources: ["arn:b", "arn:c"],
    });
    return new iam.PolicyDocument({ statements: [s, c] });
  });

  parity("copy() of a frozen statement is not frozen", (iam) => {
    const s = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:a"] }).freeze();
    const c = s.copy();
    c.addResources("arn:z");
    return new iam.PolicyDocument({ statements: [c] });
  });

  parityValue(
    "freeze() returns the statement and sets frozen",
    (iam) => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      const before = s.frozen;
      const same = s.freeze() === s;
      return [before, same, s.frozen];
    },
    (v) => expect(v).to.deep.equal([false, true, true]),
  );

  parityError(
    "a frozen statement rejects addActions, even with no arguments",
    (iam) => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] }).freeze();
      s.addActions();
      return new iam.PolicyDocument({ statements: [s] });
    },
    {
      code: "FreezeCalledPolicystatementPreviously",
      message:
        "addActions: freeze() has been called on this PolicyStatement previously, so it can no longer be modified",
    },
  );

  parityError(
    "a frozen statement rejects the sid setter",
    (iam) => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] }).freeze();
      s.sid = "x";
      return new iam.PolicyDocument({ statements: [s] });
    },
    { message: "sid: freeze() has been called on this PolicyStatement previously, so it can no longer be modified" },
  );

  parityError(
    "a frozen statement rejects addConditions as addCondition",
    (iam) => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] }).freeze();
      s.addConditions({ Bool: { x: "true" } });
      return new iam.PolicyDocument({ statements: [s] });
    },
    {
      message:
        "addCondition: freeze() has been called on this PolicyStatement previously, so it can no longer be modified",
    },
  );

  parityError(
    "a frozen statement rejects convenience adders under the underlying name",
    (iam) => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] }).freeze();
      s.addServicePrincipal("lambda");
      return new iam.PolicyDocument({ statements: [s] });
    },
    {
      message:
        "addPrincipals: freeze() has been called on this PolicyStatement previously, so it can no longer be modified",
    },
  );

  parityValue(
    "validateForAnyPolicy / Identity / Resource / Trust messages in order",
    (iam) => {
      const empty = new iam.PolicyStatement({ sid: "bad-sid!", principals: [new iam.ArnPrincipal(ARN)] });
      const noPrincipal = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      return {
        any: empty.validateForAnyPolicy(),
        identity: empty.validateForIdentityPolicy(),
        resource: noPrincipal.validateForResourcePolicy(),
        resourceSkip: noPrincipal.validateForResourcePolicy({ skipResourceValidation: true }),
        trust: noPrincipal.validateForTrustPolicy(),
        identityOk: new iam.PolicyStatement({
          sid: "",
          actions: ["s3:GetObject"],
          notResources: ["arn:a"],
        }).validateForIdentityPolicy(),
      };
    },
    (v) => expect((v as { identity: string[] }).identity).to.have.length(4),
  );

  parityValue(
    "a token sid is not checked by identity validation",
    (iam, env) => {
      const s = new iam.PolicyStatement({ sid: env.ref("P") as string, actions: ["s3:GetObject"], resources: ["*"] });
      return s.validateForIdentityPolicy();
    },
    (v) => expect(v).to.deep.equal([]),
  );

  parity("fromJson reads every field", (iam) => {
    const s = iam.PolicyStatement.fromJson({
      Sid: "FromJson",
      Effect: "Deny",
      NotAction: ["s3:DeleteObject", "s3:PutObject"],
      Resource: "arn:aws:s3:::b/*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
      Principal: { AWS: ["arn:aws:iam::1:root", "arn:aws:iam::2:root"], Service: "s3.amazonaws.com" },
      Ignored: "x",
    });
    return new iam.PolicyDocument({ statements: [s] });
  });

  parity("fromJson with a string principal renders the literal, and NotPrincipal", (iam) => {
    return new iam.PolicyDocument({
      statements: [
        iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Resource: "*", Principal: "*" }),
        iam.PolicyStatement.fromJson({
          Action: "s3:PutObject",
          NotResource: ["arn:x"],
          NotPrincipal: { AWS: "arn:y" },
        }),
        iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Resource: "arn:z", Principal: "*" }),
      ],
    });
  });

  parity("fromJson with an empty principal map counts as a principal but renders none", (iam) => {
    const s = iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Principal: {} });
    return new iam.PolicyDocument({
      statements: [s, new iam.PolicyStatement({ actions: ["a:B"], resources: [String(s.hasPrincipal)] })],
    });
  });

  parity("fromJson(toStatementJson()) round-trips", (iam) => {
    const s = new iam.PolicyStatement({
      actions: ["s3:GetObject", "s3:ListBucket"],
      resources: ["arn:a"],
      principals: [new iam.ServicePrincipal("lambda.amazonaws.com"), new iam.ArnPrincipal(ARN)],
      conditions: { StringEquals: { k: "v" } },
    });
    return new iam.PolicyDocument({
      statements: [iam.PolicyStatement.fromJson(JSON.parse(JSON.stringify(s.toStatementJson())))],
    });
  });

  parity(
    "fromJson principals merge with equal JSON principals",
    (iam) => {
      const st = (r: string) =>
        iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Resource: r, Principal: { AWS: "arn:p" } });
      return new iam.PolicyDocument({ statements: [st("arn:1"), st("arn:2")] });
    },
    (out) => expect((out.on as { Statement: unknown[] }).Statement).to.have.length(1),
  );
});
