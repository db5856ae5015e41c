// Inputs of the wrong type or shape (what plain JavaScript or parsed JSON can hand over): a clear
// ValidationError at the call, never a crash deep inside, and never a polluted Object.prototype.
import { expect } from "chai";
import * as iam from "../../src/core";

function expectValidationError(fn: () => unknown, code?: string): iam.ValidationError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, "expected a ValidationError").to.be.instanceOf(iam.ValidationError);
  const err = error as iam.ValidationError;
  expect(err.name).to.equal("ValidationError");
  if (code) expect(err.code).to.equal(code);
  expect(err.message).to.be.a("string").and.not.equal("");
  return err;
}

const ARN = "arn:aws:iam::123456789012:role/r";
const parse = (text: string) => JSON.parse(text) as Record<string, unknown>;

function expectPrototypeClean(): void {
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).to.equal(undefined);
  expect(Object.prototype).to.not.have.property("polluted");
}

describe("core: odd input", () => {
  afterEach(expectPrototypeClean);

  describe("wrong types where strings are expected", () => {
    for (const value of [null, undefined, 5, true]) {
      it(`action, resource and principal ARN ${String(value)}`, () => {
        const err = expectValidationError(() => new iam.PolicyStatement({ actions: [value as never] }));
        expect(err.message).to.contain(String(value));
        expectValidationError(() => new iam.PolicyStatement({ resources: [value as never] }));
        expectValidationError(() => new iam.PolicyStatement().addNotResources(value as never));
        expectValidationError(() => new iam.ArnPrincipal(value as never));
        expectValidationError(() => new iam.CanonicalUserPrincipal(value as never));
        expectValidationError(() => new iam.FederatedPrincipal(value as never));
      });
    }

    it("a service principal name that is not a string", () => {
      expectValidationError(() => new iam.ServicePrincipal(5 as never));
      expectValidationError(() => new iam.ServicePrincipal(""));
    });

    it("an organization id that is a number", () => {
      expectValidationError(() => new iam.OrganizationPrincipal(5 as never), "ExpectedOrganizationMatchRegex");
    });
  });

  describe("wrong shapes where objects or arrays are expected", () => {
    it("statement and document props", () => {
      expectValidationError(() => new iam.PolicyStatement(null as never));
      expectValidationError(() => new iam.PolicyStatement({ actions: "s3:GetObject" as never }));
      expectValidationError(() => new iam.PolicyStatement({ principals: new iam.AnyPrincipal() as never }));
      expectValidationError(() => new iam.PolicyDocument(null as never));
      expectValidationError(() => new iam.PolicyDocument({ statements: {} as never }));
      expectValidationError(() => new iam.PolicyDocument().addStatements({} as never));
    });

    it("principals that are not principals", () => {
      for (const p of [null, undefined, {}, "arn:x", 5]) {
        const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
        expectValidationError(() => s.addPrincipals(p as never));
        expect(s.hasPrincipal).to.equal(false);
      }
    });

    it("composite parts that are not principals", () => {
      for (const p of [null, undefined, {}, "arn:x"]) {
        expectValidationError(() => new iam.CompositePrincipal(p as never));
        expectValidationError(() => new iam.CompositePrincipal(new iam.AnyPrincipal()).addPrincipals(p as never));
      }
    });

    it("conditions that are arrays, null or strings", () => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      for (const c of [null, [], "x", 5]) {
        expectValidationError(() => s.addConditions(c as never), "ShouldBeConditionShouldRepresented");
        expectValidationError(
          () => new iam.PolicyStatement({ conditions: c as never }),
          "ShouldBeConditionShouldRepresented",
        );
        expectValidationError(
          () => new iam.ArnPrincipal(ARN).withConditions(c as never),
          "ShouldBeConditionShouldRepresented",
        );
      }
      expect(s.conditions).to.deep.equal({});
    });

    it("statement JSON that is not an object", () => {
      for (const j of [null, 5, "x", []]) expectValidationError(() => iam.PolicyStatement.fromJson(j));
      for (const j of [null, 5, "x", []]) expectValidationError(() => iam.PolicyDocument.fromJson(j));
      expectValidationError(() => iam.PolicyDocument.fromJson({ Statement: [null] }));
    });

    it('a principal JSON array is rejected (CDK would render it as {"0": ...})', () => {
      expectValidationError(
        () => iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Principal: ["arn:x"] }),
        "ExpectedPrincipalObject",
      );
    });

    for (const value of [5, null, true, { nested: "object" }]) {
      it(`a principal JSON value ${JSON.stringify(value)} is rejected with a ValidationError`, () => {
        // CDK passes such values through unchecked (`"AWS": 5`); IAM rejects them at deploy time.
        const err = expectValidationError(() =>
          iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Principal: { AWS: ["arn:x", value] } }),
        );
        expect(err.message).to.contain("AWS");
      });
    }
  });

  describe("__proto__ and other prototype names as keys", () => {
    it("a __proto__ condition operator and key are kept as data", () => {
      const s = iam.PolicyStatement.fromJson({
        Action: "s3:GetObject",
        Resource: "*",
        Condition: parse('{"__proto__": {"polluted": "yes"}, "StringEquals": {"__proto__": "x", "k": "v"}}'),
      });
      const json = new iam.PolicyDocument({ statements: [s] }).toJSON() as { Statement: { Condition: object }[] };
      expect(JSON.stringify(json.Statement[0].Condition)).to.equal(
        '{"__proto__":{"polluted":"yes"},"StringEquals":{"__proto__":"x","k":"v"}}',
      );
    });

    it("addCondition('__proto__') twice merges like any operator", () => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      s.addCondition("__proto__", parse('{"polluted": "a"}'));
      s.addCondition("__proto__", { other: "b" });
      expect(JSON.stringify(s.toJSON())).to.equal(
        '{"Action":"s3:GetObject","Condition":{"__proto__":{"polluted":"a","other":"b"}},"Effect":"Allow"}',
      );
    });

    it("withConditions with __proto__, constructor and toString operators", () => {
      const p = new iam.WebIdentityPrincipal("idp", parse('{"__proto__": {"a": "1"}}')).withConditions(
        parse('{"__proto__": {"polluted": "2"}, "constructor": {"c": "3"}, "toString": {"t": "4"}}'),
      ) as iam.PrincipalWithConditions;
      p.addCondition("constructor", { d: "5" });
      expect(JSON.stringify(p.conditions)).to.equal(
        '{"__proto__":{"a":"1","polluted":"2"},"constructor":{"c":"3","d":"5"},"toString":{"t":"4"}}',
      );
      const s = new iam.PolicyStatement({ actions: ["sts:AssumeRoleWithWebIdentity"], principals: [p] });
      expect(Object.keys(s.conditions)).to.deep.equal(["__proto__", "constructor", "toString"]);
    });

    it("a __proto__ key in principal JSON is kept as data", () => {
      const s = iam.PolicyStatement.fromJson({
        Action: "s3:GetObject",
        Principal: parse('{"AWS": "arn:x", "__proto__": ["polluted"]}'),
      });
      for (const minimize of [true, false]) {
        iam.configure({ minimizePolicies: minimize });
        const doc = new iam.PolicyDocument({ statements: [s.copy()] });
        const rendered = JSON.stringify(doc.toJSON());
        expect(rendered).to.contain('"__proto__":"polluted"');
      }
    });

    it("configure ignores __proto__ and unknown keys", () => {
      const before = { ...iam.settings() };
      iam.configure(parse('{"__proto__": {"polluted": true, "minimizePolicies": false}, "nope": 1}') as never);
      expect({ ...iam.settings() }).to.deep.equal(before);
      expect((iam.settings() as unknown as Record<string, unknown>).polluted).to.equal(undefined);
    });
  });
});
