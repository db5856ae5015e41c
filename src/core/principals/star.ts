import { PrincipalBase } from "./base";
import { LITERAL_STRING_KEY, PrincipalPolicyFragment } from "./fragment";

/** Everyone, rendered as the literal `"Principal": "*"`. */
export class StarPrincipal extends PrincipalBase {
  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ [LITERAL_STRING_KEY]: ["*"] });
  }

  public dedupeString(): string {
    return "StarPrincipal";
  }

  public toString(): string {
    return "StarPrincipal()";
  }
}
