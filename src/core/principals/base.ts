import type { Conditions } from "../conditions";
import type { PolicyDocument } from "../document";
import type { PolicyStatement } from "../statement";
import type { Value } from "../value";
import type { PrincipalPolicyFragment } from "./fragment";
import type { AddToPrincipalPolicyResult, IAssumeRolePrincipal, IComparablePrincipal, IPrincipal } from "./types";

/**
 * Shared behaviour of the principal classes: no identity policy of their own, a default trust
 * statement, and the `withConditions` / `withSessionTags` wrappers.
 */
export abstract class PrincipalBase implements IAssumeRolePrincipal, IComparablePrincipal {
  public readonly assumeRoleAction: string = "sts:AssumeRole";
  public readonly principalAccount?: Value = undefined;

  public get grantPrincipal(): IPrincipal {
    return this;
  }

  public abstract get policyFragment(): PrincipalPolicyFragment;

  /** Pure principals have no identity policy: the statement is not added. */
  public addToPrincipalPolicy(_statement: PolicyStatement): AddToPrincipalPolicyResult {
    return { statementAdded: false };
  }

  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  /** Adds one statement allowing this principal to assume the role. */
  public addToAssumeRolePolicy(document: PolicyDocument): void {
    document.addStatements(newTrustStatement(this));
  }

  public abstract dedupeString(): string | undefined;

  /** This principal, with extra conditions on every statement it appears in. */
  public withConditions(conditions: Conditions): PrincipalBase {
    return new (loadWrappers().PrincipalWithConditions)(this, conditions);
  }

  /** This principal, allowed to pass session tags when it assumes a role. */
  public withSessionTags(): PrincipalBase {
    return new (loadWrappers().SessionTagsPrincipal)(this);
  }

  public toJSON(): unknown {
    return this.policyFragment.principalJson;
  }
}

// Loaded on first use: the statement and wrapper modules import the principal classes themselves.
// Kept once loaded: resolving a require costs more than the statement (every role makes one).
let statementModule: typeof import("../statement") | undefined;
let wrappersModule: typeof import("./wrappers") | undefined;

function newTrustStatement(principal: IPrincipal): PolicyStatement {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PolicyStatement: Statement } = (statementModule ??= require("../statement") as typeof import("../statement"));
  return new Statement({ actions: [principal.assumeRoleAction], principals: [principal] });
}

function loadWrappers(): typeof import("./wrappers") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (wrappersModule ??= require("./wrappers") as typeof import("./wrappers"));
}

export { newTrustStatement };
