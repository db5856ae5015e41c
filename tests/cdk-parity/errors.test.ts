// Inputs both libraries reject: the same error code and the same message.
import { parityError } from "./oracle";

const ARN = "arn:aws:iam::123456789012:role/r";

describe("parity: errors", () => {
  for (const bad of ["s3:Get_Object", "s3:Get:Object", "s3:Get?", "s3", "s3:", ":GetObject", "s3 :GetObject", ""]) {
    parityError(
      `invalid action ${JSON.stringify(bad)}`,
      (iam) => {
        return new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ["s3:GetObject", bad] })] });
      },
      { code: "ActionInvalid" },
    );
  }

  parityError(
    "invalid NotAction",
    (iam) => {
      new iam.PolicyStatement().addNotActions("iam:Pass.Role");
      return new iam.PolicyDocument();
    },
    { code: "ActionInvalid" },
  );

  parityError(
    "actions and notActions in props report the NotActions message",
    (iam) => {
      return new iam.PolicyDocument({
        statements: [new iam.PolicyStatement({ actions: ["a:B"], notActions: ["a:C"] })],
      });
    },
    {
      code: "CannotAddActionsPolicyStatement",
      message: "Cannot add 'NotActions' to policy statement if 'Actions' have been added",
    },
  );

  parityError(
    "addActions after notActions",
    (iam) => {
      new iam.PolicyStatement({ notActions: ["a:C"] }).addActions("a:B");
      return new iam.PolicyDocument();
    },
    { message: "Cannot add 'Actions' to policy statement if 'NotActions' have been added" },
  );

  parityError(
    "principals and notPrincipals in props report the NotPrincipals message",
    (iam) => {
      new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], notPrincipals: [new iam.ArnPrincipal(ARN)] });
      return new iam.PolicyDocument();
    },
    {
      code: "CannotAddPrincipalsPolicyStatement",
      message: "Cannot add 'NotPrincipals' to policy statement if 'Principals' have been added",
    },
  );

  parityError(
    "addPrincipals after notPrincipals",
    (iam) => {
      new iam.PolicyStatement({ notPrincipals: [new iam.ArnPrincipal(ARN)] }).addPrincipals(new iam.AnyPrincipal());
      return new iam.PolicyDocument();
    },
    { message: "Cannot add 'Principals' to policy statement if 'NotPrincipals' have been added" },
  );

  parityError(
    "resources and notResources in props report the NotResources message",
    (iam) => {
      new iam.PolicyStatement({ resources: ["*"], notResources: ["arn:x"] });
      return new iam.PolicyDocument();
    },
    {
      code: "CannotAddResourcesPolicyStatement",
      message: "Cannot add 'NotResources' to policy statement if 'Resources' have been added",
    },
  );

  parityError(
    "addResources after notResources",
    (iam) => {
      new iam.PolicyStatement({ notResources: ["arn:x"] }).addResources("*");
      return new iam.PolicyDocument();
    },
    { message: "Cannot add 'Resources' to policy statement if 'NotResources' have been added" },
  );

  parityError(
    "an IAM group as principal",
    (iam, env) => {
      new iam.PolicyStatement({ actions: ["a:B"], principals: [env.group()] });
      return new iam.PolicyDocument();
    },
    { code: "CannotUseGroupAsPrincipal" },
  );

  parityError(
    "an IAM group as notPrincipal",
    (iam, env) => {
      new iam.PolicyStatement({ actions: ["a:B"] }).addNotPrincipals(env.group());
      return new iam.PolicyDocument();
    },
    { code: "CannotUseGroupAsPrincipal" },
  );

  for (const [what, value] of [
    ["a string", "x"],
    ["an array", ["x"]],
    ["null", null],
  ] as const) {
    parityError(
      `a condition that is ${what}`,
      (iam) => {
        new iam.PolicyStatement({ actions: ["a:B"] }).addCondition("StringEquals", value);
        return new iam.PolicyDocument();
      },
      {
        code: "ShouldBeConditionShouldRepresented",
        message: "A Condition should be represented as a map of operator to value",
      },
    );
  }

  parityError(
    "principals with different conditions in one statement",
    (iam) => {
      new iam.PolicyStatement({
        actions: ["a:B"],
        principals: [new iam.ArnPrincipal(ARN), new iam.OrganizationPrincipal("o-1234567890")],
      });
      return new iam.PolicyDocument();
    },
    { code: "PrincipalsPolicystatementSameConditions" },
  );

  parityError(
    "a literal '*' principal with another principal",
    (iam) => {
      new iam.PolicyStatement({ actions: ["a:B"], principals: [new iam.StarPrincipal(), new iam.ArnPrincipal(ARN)] });
      return new iam.PolicyDocument();
    },
    { code: "CannotMustBeCannotMerge" },
  );

  // With a ServicePrincipal the CDK message would show the service name as an unresolved token
  // (`${Token[lambda.amazonaws.com.24]}`); ours shows the name. An ARN principal reads the same.
  parityError(
    "a principal after a JSON string principal",
    (iam) => {
      iam.PolicyStatement.fromJson({ Action: "a:B", Principal: "*" }).addPrincipals(new iam.ArnPrincipal(ARN));
      return new iam.PolicyDocument();
    },
    { code: "CannotMustBeCannotMerge" },
  );

  parityError(
    "a conditioned principal after '*' reports the literal error first",
    (iam) => {
      new iam.PolicyStatement({
        actions: ["a:B"],
        principals: [new iam.StarPrincipal(), new iam.OrganizationPrincipal("o-1234567890")],
      });
      return new iam.PolicyDocument();
    },
    { code: "CannotMustBeCannotMerge" },
  );

  for (const [what, value] of [
    ["a number", 5],
    ["an object", { a: 1 }],
    ["an array holding a number", ["a:B", 1]],
  ] as const) {
    parityError(
      `fromJson with an Action that is ${what}`,
      (iam) => iam.PolicyDocument.fromJson({ Statement: [{ Action: value }] }),
      {
        code: "MustBeFieldsEitherString",
        message: "Fields must be either a string or an array of strings",
      },
    );
  }

  parityError(
    "fromJson with a Resource that is a number",
    (iam) => {
      return iam.PolicyDocument.fromJson({ Statement: [{ Action: "a:B", NotResource: 7 }] });
    },
    { code: "MustBeFieldsEitherString" },
  );

  parityError(
    "fromJson with a numeric principal",
    (iam) => {
      return iam.PolicyDocument.fromJson({ Statement: [{ Action: "a:B", Principal: 5 }] });
    },
    { code: "ExpectedPrincipalObject", message: "JSON IAM principal should be an object, got 5" },
  );

  parityError("fromJson without an action", (iam) => iam.PolicyDocument.fromJson({ Statement: [{ Resource: "*" }] }), {
    code: "IncorrectPolicyStatement",
    message: "Incorrect Policy Statement: A PolicyStatement must specify at least one 'action' or 'notAction'.",
  });

  parityError(
    "fromJson with a Statement that is neither a list nor one statement",
    (iam) => iam.PolicyDocument.fromJson({ Statement: "a:B" }),
    {
      code: "StatementMustBeArray",
      message: "Statement must be an array",
    },
  );

  parityError(
    "an account id that is a number",
    (iam) => {
      new iam.AccountPrincipal(123456789012 as unknown as string);
      return new iam.PolicyDocument();
    },
    { code: "ShouldBeAccountidShouldType", message: "accountId should be of type string" },
  );

  for (const id of ["o-123", "o-UPPERCASE12", "1234567890", "o-1234567890123456789012345678901234"]) {
    parityError(
      `organization id ${id}`,
      (iam) => {
        new iam.OrganizationPrincipal(id);
        return new iam.PolicyDocument();
      },
      {
        code: "ExpectedOrganizationMatchRegex",
        message: `Expected Organization ID must match regex pattern ^o-[a-z0-9]{10,32}$, received ${id}`,
      },
    );
  }

  parityError(
    "an empty composite principal",
    (iam) => {
      new iam.CompositePrincipal();
      return new iam.PolicyDocument();
    },
    { code: "CompositePrincipalsConstructedLeastPrincipal" },
  );

  parityError(
    "a composite with a conditioned part used in a statement",
    (iam) => {
      const c = new iam.CompositePrincipal(
        new iam.ServicePrincipal("a"),
        new iam.WebIdentityPrincipal("w", { StringEquals: { k: "v" } }),
      );
      new iam.PolicyStatement({ actions: ["a:B"], principals: [c] });
      return new iam.PolicyDocument();
    },
    {
      code: "CompositePrincipalComponentsCannotHaveConditions",
      message:
        'Components of a CompositePrincipal must not have conditions. Tried to add the following fragment: {"principalJson":{"Federated":["w"]},"conditions":{"StringEquals":{"k":"v"}}}',
    },
  );

  parityError(
    "merging a token condition into an existing operator",
    (iam, env) => {
      const p = new iam.WebIdentityPrincipal("idp", { StringEquals: { k: "v" } }).withConditions({
        StringEquals: env.ref("Cond") as unknown as object,
      });
      new iam.PolicyStatement({ actions: ["a:B"], principals: [p] });
      return new iam.PolicyDocument();
    },
    {
      code: "MultipleConditionsCannotMerged",
      message: 'multiple "StringEquals" conditions cannot be merged if one of them contains an unresolved token',
    },
  );
});
