import { ValidationError } from "../core/errors";
import type { IPolicy } from "./interfaces";

/**
 * The inline policies attached to one identity, with CDK's rule: the same policy twice is kept
 * once; a different policy with a name already attached is an error. The names are read exactly
 * as CDK reads them, because reading a Policy's `policyName` marks it as referenced (which
 * decides whether an empty policy is an error, see Policy).
 */
export class AttachedPolicies {
  private readonly policies: IPolicy[] = [];

  /** Records `policy`; throws `PolicyNamedAlreadyAttached` for a second policy with the same name. */
  public attach(policy: IPolicy, scope?: string): void {
    if (this.policies.find((p) => p === policy)) return;
    if (this.policies.find((p) => p.policyName === policy.policyName)) {
      throw new ValidationError(
        "PolicyNamedAlreadyAttached",
        `A policy named "${policy.policyName}" is already attached`,
        scope,
      );
    }
    this.policies.push(policy);
  }

  /** The attached policies, in attachment order. */
  public get all(): readonly IPolicy[] {
    return this.policies;
  }
}
