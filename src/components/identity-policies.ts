/**
 * The inline policies of a user or group (made in this program or imported): CDK's attached-policy
 * rule (see attached-policies.ts) and the default policy statements go to, made on first use
 * (see default-policy.ts), behind the two calls the identities make.
 */
import { ValidationError } from "../core/errors";
import type { AddToPrincipalPolicyResult } from "../core/principals/types";
import type { PolicyStatement } from "../core/statement";
import { describe } from "../core/value";
import { AttachedPolicies } from "./attached-policies";
import type { IamxComponent } from "./base";
import { makeDefaultPolicy, type DefaultPolicy } from "./default-policy";
import type { IIdentity, IPolicy } from "./interfaces";
import type { Policy } from "./policy";

export class IdentityPolicies {
  private readonly attached = new AttachedPolicies();
  private readonly defaultPolicy: DefaultPolicy;

  /**
   * @param owner the identity (a component, so the default policy can be its child)
   * @param defaultPolicyId the construct id of the default policy: `DefaultPolicy`, or `Policy`
   *   for imported users (CDK's names, which give the CloudFormation logical ids)
   */
  constructor(
    private readonly owner: IamxComponent & IIdentity,
    defaultPolicyId: string,
  ) {
    this.defaultPolicy = makeDefaultPolicy(owner, defaultPolicyId);
  }

  /** Records `policy` and lets it attach itself back (`attachBack` calls `policy.attachToUser(...)` etc.). */
  public attach(policy: IPolicy, attachBack: (policy: IPolicy) => void): void {
    if (typeof policy !== "object" || policy === null || typeof policy.attachToUser !== "function") {
      throw new ValidationError(
        "InvalidPolicy",
        `attachInlinePolicy needs a Policy, got ${describe(policy)}`,
        this.owner.displayPath,
      );
    }
    this.attached.attach(policy, this.owner.displayPath);
    attachBack(policy);
  }

  /** The default policy, once a statement was added. */
  public get defaultPolicyComponent(): Policy | undefined {
    return this.defaultPolicy.policy;
  }

  /** Adds a statement to the default policy, making it on first use. */
  public addStatement(statement: PolicyStatement): AddToPrincipalPolicyResult {
    return this.defaultPolicy.addStatement(statement);
  }
}
