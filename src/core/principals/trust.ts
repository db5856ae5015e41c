import type { PolicyDocument } from "../document";
import { PolicyStatement } from "../statement";
import { isAssumeRolePrincipal, type IPrincipal } from "./types";

/** Lets a principal write its trust statements, or adds the default one-statement trust. */
export function addPrincipalToAssumeRolePolicy(principal: IPrincipal, document: PolicyDocument): void {
  if (isAssumeRolePrincipal(principal)) principal.addToAssumeRolePolicy(document);
  else document.addStatements(new PolicyStatement({ actions: [principal.assumeRoleAction], principals: [principal] }));
}
