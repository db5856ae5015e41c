// Shared by the identity component tests (user, group, access key, instance profile).
import { expect } from "chai";
import type { ValidationError } from "../../src/core/errors";
import type { CfnResource } from "../../src/render/cloudformation/model";

/** A CloudFormation resource's properties as plain template JSON. */
export function cfnJson(cfn: CfnResource): unknown {
  const props = cfn.renderProperties();
  return props === undefined ? undefined : JSON.parse(JSON.stringify(props));
}

/** The ValidationError `fn` throws (fails the test when it throws nothing or something else). */
export function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect((e as Error).name, String(e)).to.equal("ValidationError");
    return e as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

/** The resolved value of an Output. */
export function valueOf<T>(o: { apply(f: (v: T) => unknown): unknown }): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}
