/**
 * The error every pulumi-iamx validation raises. `code` names the rule (CDK's error code where
 * CDK has one), `message` says what is wrong, and `scope` names the component when one is known.
 */
export class ValidationError extends Error {
  public readonly code: string;
  public readonly scope?: string;

  constructor(code: string, message: string, scope?: string) {
    super(scope ? `[${scope}] ${message}` : message);
    this.name = "ValidationError";
    this.code = code;
    this.scope = scope;
  }
}

/** Several synthesis-time problems reported together, as CDK reports failed validations. */
export class ValidationErrors extends ValidationError {
  public readonly problems: readonly { scope: string; message: string }[];

  constructor(problems: { scope: string; message: string }[]) {
    super(
      "ValidationFailed",
      "Validation failed with the following errors:\n" + problems.map((p) => `  [${p.scope}] ${p.message}`).join("\n"),
    );
    this.problems = problems;
  }
}
