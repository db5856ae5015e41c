import { ValidationError } from "../errors";
import { isToken, toValue, valueKey, type Value, type ValueInput } from "../value";
import { PrincipalBase } from "./base";
import { PrincipalPolicyFragment } from "./fragment";

/** Every principal in an AWS Organization (`{"AWS":"*"}` with `aws:PrincipalOrgID`). */
export class OrganizationPrincipal extends PrincipalBase {
  public readonly organizationId: Value;

  constructor(organizationId: ValueInput) {
    super();
    if (
      !isToken(organizationId) &&
      (typeof organizationId !== "string" || !/^o-[a-z0-9]{10,32}$/.test(organizationId))
    ) {
      throw new ValidationError(
        "ExpectedOrganizationMatchRegex",
        `Expected Organization ID must match regex pattern ^o-[a-z0-9]{10,32}$, received ${String(organizationId)}`,
      );
    }
    this.organizationId = toValue(organizationId, "the organization id");
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ AWS: ["*"] }, { StringEquals: { "aws:PrincipalOrgID": this.organizationId } });
  }

  public dedupeString(): string {
    return `OrganizationPrincipal:${valueKey(this.organizationId)}`;
  }

  public toString(): string {
    return `OrganizationPrincipal(${String(this.organizationId)})`;
  }
}
