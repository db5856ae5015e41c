import { toValue, valueKey, type Value, type ValueInput } from "../value";
import { PrincipalBase } from "./base";
import { PrincipalPolicyFragment } from "./fragment";

/** An S3 canonical user id (CloudFront origin access identities, cross-account S3 ACLs). */
export class CanonicalUserPrincipal extends PrincipalBase {
  public readonly canonicalUserId: Value;

  constructor(canonicalUserId: ValueInput) {
    super();
    this.canonicalUserId = toValue(canonicalUserId, "the canonical user id");
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ CanonicalUser: [this.canonicalUserId] });
  }

  public dedupeString(): string {
    return `CanonicalUserPrincipal:${valueKey(this.canonicalUserId)}`;
  }

  public toString(): string {
    return `CanonicalUserPrincipal(${String(this.canonicalUserId)})`;
  }
}
