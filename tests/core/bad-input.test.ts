// Every thrown error of CDK's catalogue (Appendix A.1) that applies to the policy model: the
// error's name, code and exact message, and that the failing call changed nothing.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as iam from "../../src/core";

/** Our stand-in for an IAM Group: a principal-like object carrying the NOT_A_PRINCIPAL marker. */
function groupMarker(): iam.IPrincipal {
  const base = new iam.ArnPrincipal("arn:aws:iam::123456789012:group/g");
  return Object.assign(Object.create(base) as iam.IPrincipal, { [iam.NOT_A_PRINCIPAL]: true });
}

const ARN = "arn:aws:iam::123456789012:role/r";

function expectError(fn: () => unknown, code: string, message: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, "expected an error").to.be.instanceOf(Error);
  const err = error as iam.ValidationError;
  expect(err.name).to.equal("ValidationError");
  expect(err.code).to.equal(code);
  expect(err.message).to.equal(message);
}

/** Everything observable about a statement, to compare before and after a failing call. */
function snapshot(s: iam.PolicyStatement): string {
  return JSON.stringify({
    json: s.toStatementJson(),
    actions: s.actions,
    notActions: s.notActions,
    resources: s.resources,
    notResources: s.notResources,
    principals: s.principals.length,
    notPrincipals: s.notPrincipals.length,
    conditions: s.conditions,
    sid: s.sid ?? null,
    effect: s.effect,
  });
}

/** Runs a failing call and checks the error and that the statement is unchanged. */
function expectUnchanged(s: iam.PolicyStatement, fn: () => unknown, code: string, message: string): void {
  const before = snapshot(s);
  expectError(fn, code, message);
  expect(snapshot(s)).to.equal(before);
}

const actionMessage = (a: string) =>
  `Action '${a}' is invalid. An action string consists of a service namespace, a colon, and the name of an action. Action names can include wildcards.`;
const frozenMessage = (m: string) =>
  `${m}: freeze() has been called on this PolicyStatement previously, so it can no longer be modified`;
const CONDITION_SHAPE = "A Condition should be represented as a map of operator to value";

describe("core: bad input (CDK's error catalogue)", () => {
  describe("ActionInvalid", () => {
    for (const bad of ["s3:Get_Object", "s3:Get:Object", "s3:Get?", "s3", "s3:", ":Get", "s3:Get Object", ""]) {
      it(`rejects ${JSON.stringify(bad)} in addActions and adds none of the batch`, () => {
        const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
        expectUnchanged(s, () => s.addActions("s3:PutObject", bad), "ActionInvalid", actionMessage(bad));
      });
    }

    it("rejects a bad NotAction", () => {
      const s = new iam.PolicyStatement();
      expectUnchanged(s, () => s.addNotActions("iam:Pass.Role"), "ActionInvalid", actionMessage("iam:Pass.Role"));
    });

    it("rejects a bad action in props and in fromJson", () => {
      expectError(
        () => new iam.PolicyStatement({ actions: ["s3_GetObject"] }),
        "ActionInvalid",
        actionMessage("s3_GetObject"),
      );
      expectError(
        () => iam.PolicyStatement.fromJson({ Action: ["s3:Get:Object"] }),
        "ActionInvalid",
        actionMessage("s3:Get:Object"),
      );
    });
  });

  describe("X and NotX exclusion", () => {
    it("Actions after NotActions, and NotActions after Actions", () => {
      const a = new iam.PolicyStatement({ notActions: ["s3:GetObject"] });
      expectUnchanged(
        a,
        () => a.addActions("s3:PutObject"),
        "CannotAddActionsPolicyStatement",
        "Cannot add 'Actions' to policy statement if 'NotActions' have been added",
      );
      const b = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      expectUnchanged(
        b,
        () => b.addNotActions("s3:PutObject"),
        "CannotAddActionsPolicyStatement",
        "Cannot add 'NotActions' to policy statement if 'Actions' have been added",
      );
    });

    it("Principals after NotPrincipals, and NotPrincipals after Principals", () => {
      const a = new iam.PolicyStatement({ notPrincipals: [new iam.ArnPrincipal(ARN)] });
      expectUnchanged(
        a,
        () => a.addPrincipals(new iam.AnyPrincipal()),
        "CannotAddPrincipalsPolicyStatement",
        "Cannot add 'Principals' to policy statement if 'NotPrincipals' have been added",
      );
      const b = new iam.PolicyStatement({ principals: [new iam.ArnPrincipal(ARN)] });
      expectUnchanged(
        b,
        () => b.addNotPrincipals(new iam.AnyPrincipal()),
        "CannotAddPrincipalsPolicyStatement",
        "Cannot add 'NotPrincipals' to policy statement if 'Principals' have been added",
      );
    });

    it("Resources after NotResources, and NotResources after Resources", () => {
      const a = new iam.PolicyStatement({ notResources: ["arn:x"] });
      expectUnchanged(
        a,
        () => a.addResources("*"),
        "CannotAddResourcesPolicyStatement",
        "Cannot add 'Resources' to policy statement if 'NotResources' have been added",
      );
      expectUnchanged(
        a,
        () => a.addAllResources(),
        "CannotAddResourcesPolicyStatement",
        "Cannot add 'Resources' to policy statement if 'NotResources' have been added",
      );
      const b = new iam.PolicyStatement({ resources: ["*"] });
      expectUnchanged(
        b,
        () => b.addNotResources("arn:x"),
        "CannotAddResourcesPolicyStatement",
        "Cannot add 'NotResources' to policy statement if 'Resources' have been added",
      );
    });

    it("both forms in props report the Not form", () => {
      expectError(
        () => new iam.PolicyStatement({ actions: ["s3:GetObject"], notActions: ["s3:PutObject"] }),
        "CannotAddActionsPolicyStatement",
        "Cannot add 'NotActions' to policy statement if 'Actions' have been added",
      );
      expectError(
        () => new iam.PolicyStatement({ resources: ["*"], notResources: ["arn:x"] }),
        "CannotAddResourcesPolicyStatement",
        "Cannot add 'NotResources' to policy statement if 'Resources' have been added",
      );
      expectError(
        () =>
          new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], notPrincipals: [new iam.AnyPrincipal()] }),
        "CannotAddPrincipalsPolicyStatement",
        "Cannot add 'NotPrincipals' to policy statement if 'Principals' have been added",
      );
    });
  });

  describe("CannotUseGroupAsPrincipal", () => {
    const message = "Cannot use an IAM Group as the 'Principal' or 'NotPrincipal' in an IAM Policy";
    it("rejects a group among principals and adds none of the batch", () => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      expectUnchanged(
        s,
        () => s.addPrincipals(new iam.ArnPrincipal(ARN), groupMarker()),
        "CannotUseGroupAsPrincipal",
        message,
      );
      expect(s.hasPrincipal).to.equal(false);
    });
    it("rejects a group as notPrincipal and in props", () => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      expectUnchanged(s, () => s.addNotPrincipals(groupMarker()), "CannotUseGroupAsPrincipal", message);
      expectError(() => new iam.PolicyStatement({ principals: [groupMarker()] }), "CannotUseGroupAsPrincipal", message);
    });
  });

  describe("FreezeCalledPolicystatementPreviously", () => {
    const mutators: [string, (s: iam.PolicyStatement) => void][] = [
      ["sid", (s) => (s.sid = "x")],
      ["effect", (s) => (s.effect = iam.Effect.DENY)],
      ["addActions", (s) => s.addActions("s3:PutObject")],
      ["addActions", (s) => s.addActions()],
      ["addNotActions", (s) => s.addNotActions()],
      ["addPrincipals", (s) => s.addPrincipals(new iam.ArnPrincipal(ARN))],
      ["addPrincipals", (s) => s.addAnyPrincipal()],
      ["addPrincipals", (s) => s.addServicePrincipal("lambda")],
      ["addNotPrincipals", (s) => s.addNotPrincipals()],
      ["addResources", (s) => s.addResources("arn:y")],
      ["addResources", (s) => s.addAllResources()],
      ["addNotResources", (s) => s.addNotResources()],
      ["addCondition", (s) => s.addCondition("Bool", { b: "true" })],
      ["addCondition", (s) => s.addConditions({ Bool: { b: "true" } })],
      ["addCondition", (s) => s.addSourceArnCondition("arn:z")],
      ["addCondition", (s) => s.addAccountCondition("1")],
    ];
    mutators.forEach(([method, mutate], i) => {
      it(`#${i} reports ${method} and changes nothing`, () => {
        const s = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:x"] }).freeze();
        expectUnchanged(s, () => mutate(s), "FreezeCalledPolicystatementPreviously", frozenMessage(method));
      });
    });

    it("a synthesized document's statements are frozen", () => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:x"] });
      new iam.PolicyDocument({ statements: [s] })._synthesize();
      expectUnchanged(
        s,
        () => s.addResources("arn:y"),
        "FreezeCalledPolicystatementPreviously",
        frozenMessage("addResources"),
      );
    });
  });

  describe("ShouldBeConditionShouldRepresented", () => {
    for (const [what, value] of [
      ["a string", "x"],
      ["an array", ["x"]],
      ["null", null],
      ["a number", 5],
      ["undefined", undefined],
    ] as const) {
      it(`addCondition with ${what}`, () => {
        const s = new iam.PolicyStatement({ actions: ["s3:GetObject"], conditions: { Bool: { a: "true" } } });
        expectUnchanged(
          s,
          () => s.addCondition("StringEquals", value),
          "ShouldBeConditionShouldRepresented",
          CONDITION_SHAPE,
        );
      });
    }

    it("addConditions with one bad operator adds none", () => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      expectUnchanged(
        s,
        () => s.addConditions({ Bool: { a: "true" }, StringEquals: "x" }),
        "ShouldBeConditionShouldRepresented",
        CONDITION_SHAPE,
      );
    });

    it("conditions in props and from fromJson", () => {
      expectError(
        () => new iam.PolicyStatement({ conditions: { Bool: [] } }),
        "ShouldBeConditionShouldRepresented",
        CONDITION_SHAPE,
      );
      expectError(
        () => iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Condition: { Bool: "true" } }),
        "ShouldBeConditionShouldRepresented",
        CONDITION_SHAPE,
      );
    });

    it("PrincipalWithConditions rejects a non-object and its addConditions adds none on failure", () => {
      expectError(
        () => new iam.ArnPrincipal(ARN).withConditions("x" as never),
        "ShouldBeConditionShouldRepresented",
        CONDITION_SHAPE,
      );
      const p = new iam.ArnPrincipal(ARN).withConditions({ StringEquals: { a: "1" } }) as iam.PrincipalWithConditions;
      const before = JSON.stringify(p.conditions);
      expectError(() => p.addCondition("Bool", "x"), "ShouldBeConditionShouldRepresented", CONDITION_SHAPE);
      expectError(
        () => p.addConditions({ Bool: { b: "true" }, StringLike: 5 }),
        "ShouldBeConditionShouldRepresented",
        CONDITION_SHAPE,
      );
      expect(JSON.stringify(p.conditions)).to.equal(before);
    });
  });

  describe("PrincipalsPolicystatementSameConditions", () => {
    const org = '{"StringEquals":{"aws:PrincipalOrgID":"o-1234567890"}}';
    it("a conditioned principal after an unconditioned one, in one call: nothing added", () => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      expectUnchanged(
        s,
        () => s.addPrincipals(new iam.ArnPrincipal(ARN), new iam.OrganizationPrincipal("o-1234567890")),
        "PrincipalsPolicystatementSameConditions",
        `All principals in a PolicyStatement must have the same Conditions (got '{}' and '${org}'). Use multiple statements instead.`,
      );
      expect(s.toStatementJson()).to.not.have.property("Principal");
      expect(s.toStatementJson()).to.not.have.property("Condition");
    });

    it("an unconditioned principal after a conditioned one, in a later call", () => {
      const s = new iam.PolicyStatement({
        actions: ["s3:GetObject"],
        principals: [new iam.OrganizationPrincipal("o-1234567890")],
      });
      expectUnchanged(
        s,
        () => s.addPrincipals(new iam.ServicePrincipal("lambda")),
        "PrincipalsPolicystatementSameConditions",
        `All principals in a PolicyStatement must have the same Conditions (got '${org}' and '{}'). Use multiple statements instead.`,
      );
    });

    it("a notPrincipal is held to the first principal's conditions too", () => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      expectUnchanged(
        s,
        () => s.addNotPrincipals(new iam.ArnPrincipal(ARN), new iam.ArnPrincipal(ARN).inOrganization("o-1234567890")),
        "PrincipalsPolicystatementSameConditions",
        `All principals in a PolicyStatement must have the same Conditions (got '{}' and '${org}'). Use multiple statements instead.`,
      );
    });
  });

  describe("CannotMustBeCannotMerge (literal principal)", () => {
    const star = '{"LiteralString":["*"]}';
    it("'*' then another principal: nothing added", () => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"], principals: [new iam.StarPrincipal()] });
      expectUnchanged(
        s,
        () => s.addPrincipals(new iam.ArnPrincipal(ARN)),
        "CannotMustBeCannotMerge",
        `Cannot merge principals ${star} and {"AWS":["${ARN}"]}; if one uses a literal principal string the other one must be empty`,
      );
    });
    it("another principal then '*'", () => {
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"], principals: [new iam.ArnPrincipal(ARN)] });
      expectUnchanged(
        s,
        () => s.addPrincipals(new iam.StarPrincipal()),
        "CannotMustBeCannotMerge",
        `Cannot merge principals {"AWS":["${ARN}"]} and ${star}; if one uses a literal principal string the other one must be empty`,
      );
    });
    it("inside a composite, when its fragment is built", () => {
      const c = new iam.CompositePrincipal(new iam.ArnPrincipal(ARN), new iam.StarPrincipal());
      expectError(
        () => c.policyFragment,
        "CannotMustBeCannotMerge",
        `Cannot merge principals {"AWS":["${ARN}"]} and ${star}; if one uses a literal principal string the other one must be empty`,
      );
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      expectUnchanged(
        s,
        () => s.addPrincipals(c),
        "CannotMustBeCannotMerge",
        `Cannot merge principals {"AWS":["${ARN}"]} and ${star}; if one uses a literal principal string the other one must be empty`,
      );
    });
    it("a service principal's name appears resolved in the message (CDK shows a token there)", () => {
      const s = iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Principal: "*" });
      expectUnchanged(
        s,
        () => s.addServicePrincipal("lambda"),
        "CannotMustBeCannotMerge",
        `Cannot merge principals ${star} and {"Service":["lambda.amazonaws.com"]}; if one uses a literal principal string the other one must be empty`,
      );
    });
  });

  describe("fromJson", () => {
    const fields = "Fields must be either a string or an array of strings";
    for (const [key, value] of [
      ["Action", 5],
      ["NotAction", [1]],
      ["Resource", {}],
      ["NotResource", true],
      ["Resource", ["a", null]],
    ] as const) {
      it(`MustBeFieldsEitherString for ${key}: ${JSON.stringify(value)}`, () => {
        expectError(
          () => iam.PolicyStatement.fromJson({ Action: "s3:GetObject", [key]: value }),
          "MustBeFieldsEitherString",
          fields,
        );
      });
    }

    for (const value of [5, true]) {
      it(`ExpectedPrincipalObject for Principal ${JSON.stringify(value)}`, () => {
        expectError(
          () => iam.PolicyStatement.fromJson({ Action: "s3:GetObject", Principal: value }),
          "ExpectedPrincipalObject",
          `JSON IAM principal should be an object, got ${JSON.stringify(value)}`,
        );
        expectError(
          () => iam.PolicyStatement.fromJson({ Action: "s3:GetObject", NotPrincipal: value }),
          "ExpectedPrincipalObject",
          `JSON IAM principal should be an object, got ${JSON.stringify(value)}`,
        );
      });
    }

    it("IncorrectPolicyStatement without any action", () => {
      const message =
        "Incorrect Policy Statement: A PolicyStatement must specify at least one 'action' or 'notAction'.";
      expectError(() => iam.PolicyStatement.fromJson({}), "IncorrectPolicyStatement", message);
      expectError(
        () => iam.PolicyStatement.fromJson({ Resource: "*", Action: [] }),
        "IncorrectPolicyStatement",
        message,
      );
    });

    for (const doc of [{ Statement: "x" }, { Statement: 1 }, { Statement: null }, {}]) {
      it(`StatementMustBeArray for ${JSON.stringify(doc)}`, () => {
        expectError(() => iam.PolicyDocument.fromJson(doc), "StatementMustBeArray", "Statement must be an array");
      });
    }
  });

  describe("principal constructors", () => {
    for (const id of [123456789012, null, undefined, true]) {
      it(`ShouldBeAccountidShouldType for ${String(id)}`, () => {
        expectError(
          () => new iam.AccountPrincipal(id as never),
          "ShouldBeAccountidShouldType",
          "accountId should be of type string",
        );
      });
    }

    for (const id of ["o-123", "o-ABCDEFGHIJ", "1234567890", "o-", "o-1234567890 "]) {
      it(`ExpectedOrganizationMatchRegex for ${JSON.stringify(id)}`, () => {
        expectError(
          () => new iam.OrganizationPrincipal(id),
          "ExpectedOrganizationMatchRegex",
          `Expected Organization ID must match regex pattern ^o-[a-z0-9]{10,32}$, received ${id}`,
        );
      });
    }

    it("CompositePrincipalsConstructedLeastPrincipal", () => {
      expectError(
        () => new iam.CompositePrincipal(),
        "CompositePrincipalsConstructedLeastPrincipal",
        "CompositePrincipals must be constructed with at least 1 Principal but none were passed.",
      );
    });

    it("CompositePrincipalComponentsCannotHaveConditions, and the statement stays unchanged", () => {
      const c = new iam.CompositePrincipal(
        new iam.ServicePrincipal("a"),
        new iam.WebIdentityPrincipal("w", { StringEquals: { k: "v" } }),
      );
      const message =
        'Components of a CompositePrincipal must not have conditions. Tried to add the following fragment: {"principalJson":{"Federated":["w"]},"conditions":{"StringEquals":{"k":"v"}}}';
      expectError(() => c.policyFragment, "CompositePrincipalComponentsCannotHaveConditions", message);
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      expectUnchanged(
        s,
        () => s.addPrincipals(new iam.ArnPrincipal(ARN), c),
        "CompositePrincipalComponentsCannotHaveConditions",
        message,
      );
    });

    it("MultipleConditionsCannotMerged when either side of an operator is a token, once the principal is used", () => {
      // As CDK: withConditions accepts it; the clash is reported when the principal's conditions are read.
      const token = pulumi.output({ k: "v" });
      const message = 'multiple "StringEquals" conditions cannot be merged if one of them contains an unresolved token';
      const web = new iam.WebIdentityPrincipal("idp", { StringEquals: { k: "v" } }).withConditions({
        StringEquals: token,
      });
      const s = new iam.PolicyStatement({ actions: ["s3:GetObject"] });
      expectUnchanged(s, () => s.addPrincipals(web), "MultipleConditionsCannotMerged", message);
      const tokenInside = new iam.FederatedPrincipal("idp", { StringEquals: token as never }).withConditions({
        StringEquals: { a: "b" },
      });
      expectError(() => tokenInside.policyFragment, "MultipleConditionsCannotMerged", message);
    });

    it("a model token where a condition block must be is accepted, as CDK accepts a token", () => {
      const token = new iam.Reference({ logicalId: "C", displayPath: "C", resolveAttribute: () => undefined }, "Ref");
      const p = new iam.WebIdentityPrincipal("idp").withConditions({ StringEquals: token });
      const s = new iam.PolicyStatement({ actions: ["sts:AssumeRoleWithWebIdentity"], principals: [p] });
      expect(s.toJSON()).to.deep.include({ Condition: { StringEquals: { Ref: "C" } } });
    });
  });
});
