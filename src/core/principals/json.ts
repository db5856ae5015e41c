import { ValidationError } from "../errors";
import type { PolicyStatement } from "../statement";
import { aliasOf, describe, isToken, showJson, toValue, type Value } from "../value";
import { LITERAL_STRING_KEY, PrincipalPolicyFragment } from "./fragment";
import type { IComparablePrincipal } from "./types";

/** A principal read from policy JSON (`PolicyStatement.fromJson`): rendered back verbatim. */
export class JsonPrincipal implements IComparablePrincipal {
  public readonly assumeRoleAction = "sts:AssumeRole";
  public readonly principalAccount = undefined;
  public readonly policyFragment: PrincipalPolicyFragment;
  /** The fragment as written (a single value stays a single value), which is what CDK compares. */
  private readonly written: string;

  constructor(json: unknown) {
    let principalJson: Record<string, Value[]>;
    const asWritten: Record<string, Value | Value[]> = {};
    if (typeof json === "string") {
      principalJson = { [LITERAL_STRING_KEY]: [json] };
      asWritten[LITERAL_STRING_KEY] = [json];
    } else if (typeof json === "object" && json !== null && !Array.isArray(json)) {
      principalJson = {};
      for (const [key, v] of Object.entries(json)) {
        const values = (Array.isArray(v) ? v : [v]).map((x) => principalValue(key, x));
        const own = { enumerable: true, writable: true, configurable: true };
        Object.defineProperty(principalJson, key, { ...own, value: values });
        Object.defineProperty(asWritten, key, { ...own, value: Array.isArray(v) ? values : values[0] });
      }
    } else {
      throw new ValidationError(
        "ExpectedPrincipalObject",
        `JSON IAM principal should be an object, got ${showJson(json)}`,
      );
    }
    this.policyFragment = new PrincipalPolicyFragment(principalJson);
    this.written = JSON.stringify({ principalJson: asWritten, conditions: {} });
  }

  public get grantPrincipal(): this {
    return this;
  }

  /** `{"AWS":"arn:p"}` and `{"AWS":["arn:p"]}` are different principals to CDK's merging. */
  public dedupeString(): string {
    return this.written;
  }

  public addToPrincipalPolicy(_statement: PolicyStatement) {
    return { statementAdded: false };
  }

  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  public toString(): string {
    return JSON.stringify(this.policyFragment.principalJson);
  }
}

/**
 * A value of a JSON principal: a string, a token, or a Pulumi input (an Output or a promise).
 * Anything else (a number, null, a plain object such as an intrinsic) is refused here rather than
 * rendered verbatim as CDK does, since IAM would refuse it at deployment.
 */
function principalValue(key: string, x: unknown): Value {
  const pulumiInput =
    typeof x === "object" &&
    x !== null &&
    !Array.isArray(x) &&
    (typeof (x as { apply?: unknown }).apply === "function" ||
      typeof (x as { then?: unknown }).then === "function" ||
      aliasOf(x) !== undefined);
  if (typeof x === "string" || isToken(x) || pulumiInput) return toValue(x, `principal ${key}`);
  throw new ValidationError(
    "InvalidPrincipalJsonValue",
    `JSON IAM principal values should be strings, got ${describe(x)} under ${JSON.stringify(key)}`,
  );
}
