import type { PolicyDocument } from "../document";
import { ValidationError } from "../errors";
import { showJson, type Value } from "../value";
import { PrincipalBase } from "./base";
import { mergePrincipal, PrincipalPolicyFragment } from "./fragment";
import { addPrincipalToAssumeRolePolicy } from "./trust";
import { dedupeStringFor, type IPrincipal } from "./types";

/**
 * Several principals as one. In a trust policy each part writes its own statement; elsewhere the
 * parts are merged into one Principal block (they may not carry conditions then).
 */
export class CompositePrincipal extends PrincipalBase {
  public readonly assumeRoleAction: string;
  private readonly _principals: IPrincipal[] = [];

  constructor(...principals: IPrincipal[]) {
    super();
    if (principals.length === 0) {
      throw new ValidationError(
        "CompositePrincipalsConstructedLeastPrincipal",
        "CompositePrincipals must be constructed with at least 1 Principal but none were passed.",
      );
    }
    principals.forEach(assertPrincipal);
    this.assumeRoleAction = principals[0].assumeRoleAction;
    this.addPrincipals(...principals);
  }

  /** Adds more principals; returns this composite. */
  public addPrincipals(...principals: IPrincipal[]): this {
    principals.forEach(assertPrincipal);
    this._principals.push(...principals);
    return this;
  }

  public get principals(): IPrincipal[] {
    return [...this._principals];
  }

  public addToAssumeRolePolicy(document: PolicyDocument): void {
    for (const p of this._principals) addPrincipalToAssumeRolePolicy(p, document);
  }

  public get policyFragment(): PrincipalPolicyFragment {
    for (const p of this._principals) {
      const fragment = p.policyFragment;
      if (fragment.conditions && Object.keys(fragment.conditions).length > 0) {
        throw new ValidationError(
          "CompositePrincipalComponentsCannotHaveConditions",
          `Components of a CompositePrincipal must not have conditions. Tried to add the following fragment: ${JSON.stringify(fragment)}`,
        );
      }
    }
    const principalJson: Record<string, Value[]> = {};
    for (const p of this._principals) mergePrincipal(principalJson, p.policyFragment.principalJson);
    return new PrincipalPolicyFragment(principalJson);
  }

  public dedupeString(): string | undefined {
    const inner = this._principals.map(dedupeStringFor);
    if (inner.some((x) => x === undefined)) return undefined;
    return `CompositePrincipal[${inner.join(",")}]`;
  }

  public toString(): string {
    return `CompositePrincipal(${this._principals.map(String).join(",")})`;
  }
}

function assertPrincipal(p: unknown): void {
  if (typeof p !== "object" || p === null || !("policyFragment" in p) || !("assumeRoleAction" in p)) {
    throw new ValidationError(
      "InvalidPrincipal",
      `Expected a principal (an object with a policyFragment), got ${showJson(p)}`,
    );
  }
}
