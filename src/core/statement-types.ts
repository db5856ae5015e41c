/** The shapes a policy statement is built from and read through. */
import type { Conditions } from "./conditions";
import type { IPrincipal } from "./principals/types";
import type { Value, ValueInput } from "./value";

/** A read-only view of a statement's parts (see `PolicyStatement._parts`). */
export interface StatementParts {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: readonly Value[];
  readonly notActions: readonly Value[];
  readonly resources: readonly Value[];
  readonly notResources: readonly Value[];
  readonly principals: readonly IPrincipal[];
  readonly notPrincipals: readonly IPrincipal[];
  readonly conditions: Readonly<Conditions>;
}

/** Whether a statement allows or denies. */
export enum Effect {
  ALLOW = "Allow",
  DENY = "Deny",
}

/** Everything a statement can be built from; every list is optional. */
export interface PolicyStatementProps {
  /**
   * Statement id.
   * @default none
   */
  readonly sid?: string;
  /**
   * Actions (`s3:GetObject`, `s3:*`, `*`).
   * @default none
   */
  readonly actions?: readonly ValueInput[];
  /**
   * Every action except these.
   * @default none
   */
  readonly notActions?: readonly ValueInput[];
  /**
   * Who the statement applies to (resource and trust policies).
   * @default none
   */
  readonly principals?: readonly IPrincipal[];
  /**
   * Everyone except these principals.
   * @default none
   */
  readonly notPrincipals?: readonly IPrincipal[];
  /**
   * Resource ARNs (`*` for all).
   * @default none
   */
  readonly resources?: readonly ValueInput[];
  /**
   * Every resource except these.
   * @default none
   */
  readonly notResources?: readonly ValueInput[];
  /**
   * Conditions, `{ operator: { key: value } }`.
   * @default none
   */
  readonly conditions?: Conditions;
  /**
   * Allow or Deny.
   * @default Allow
   */
  readonly effect?: Effect | `${Effect}`;
  /**
   * Skip the AWS action catalogue check for this statement's actions and notActions (for actions
   * newer than the catalogue); CDK's format check still applies. `copy()` keeps it. To skip the
   * check for the whole program, use `configure({ checkActions: false })`.
   * @default false
   */
  readonly allowUnknownActions?: boolean;
  /**
   * Policy validation of this statement at finalize (IAM Access Analyzer's checks, offline; see
   * docs/validation.md): turn it off, or ignore some issue codes, for this statement only. An
   * ERROR finding fails the program run; warnings are lint findings. `copy()` keeps it; a merged
   * statement takes the union of its originals' opt-outs.
   * @default validated, no code ignored (program-wide: `configure({ validate })`)
   */
  readonly validation?: ValidationOptions;
}

/** How policy validation treats a statement, or a whole program (`configure({ validate })`). */
export interface ValidationOptions {
  /**
   * Validate at all.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Issue codes not to report (`["INVALID_ARN_ACCOUNT"]`); docs/validation.md lists every code.
   * @default none
   */
  readonly ignore?: readonly string[];
}
