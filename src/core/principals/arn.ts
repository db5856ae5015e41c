import { ValidationError } from "../errors";
import { Aws, isToken, Join, toValue, valueKey, type Value, type ValueInput } from "../value";
import { PrincipalBase } from "./base";
import { PrincipalPolicyFragment } from "./fragment";
import { programAccount } from "../environment";

/** An IAM entity named by ARN: a role, a user, an account root. */
export class ArnPrincipal extends PrincipalBase {
  public readonly arn: Value;

  constructor(arn: ValueInput) {
    super();
    this.arn = toValue(arn, "the principal ARN");
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ AWS: [this.arn] });
  }

  /** This principal, only when it belongs to the given AWS Organization. */
  public inOrganization(organizationId: Value): PrincipalBase {
    return this.withConditions({ StringEquals: { "aws:PrincipalOrgID": organizationId } });
  }

  public dedupeString(): string | undefined {
    return `ArnPrincipal:${valueKey(this.arn)}`;
  }

  public toString(): string {
    return `ArnPrincipal(${String(this.arn)})`;
  }
}

/** The root of an AWS account (everyone in it that its own policies allow). */
export class AccountPrincipal extends ArnPrincipal {
  public readonly principalAccount: Value;
  public readonly accountId: Value;

  constructor(accountId: ValueInput) {
    if (typeof accountId !== "string" && !isToken(accountId) && (typeof accountId !== "object" || accountId === null)) {
      throw new ValidationError("ShouldBeAccountidShouldType", "accountId should be of type string");
    }
    // Like CDK's per-object token: two account principals never count as the same for merging.
    super(new Join(["arn:", Aws.PARTITION, ":iam::", toValue(accountId), ":root"], "", { unique: true }));
    this.accountId = toValue(accountId);
    this.principalAccount = this.accountId;
  }

  public toString(): string {
    return `AccountPrincipal(${String(this.accountId)})`;
  }
}

/** The root of the account this program deploys into. */
export class AccountRootPrincipal extends AccountPrincipal {
  constructor() {
    // CDK: the consuming stack's account, a literal when the program declared it.
    super(programAccount());
  }

  public toString(): string {
    return "AccountRootPrincipal()";
  }
}

/** Any AWS principal (`{"AWS": "*"}`). */
export class AnyPrincipal extends ArnPrincipal {
  constructor() {
    super("*");
  }

  public toString(): string {
    return "AnyPrincipal()";
  }
}

/** @deprecated use {@link AnyPrincipal}. */
export class Anyone extends AnyPrincipal {}
