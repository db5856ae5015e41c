/**
 * Plain-data shapes of the policy model for other languages: principals, statements, documents,
 * grantees. They stand in for CDK's classes (IPrincipal, PolicyStatement, PolicyDocument), which a
 * package schema cannot express; convert.ts turns them into the real model objects.
 */
import type * as pulumi from "@pulumi/pulumi";
import { type Group, type Role, type User } from "../../src";

/**
 * What happens to a component's resources when the program stops managing them or replaces them
 * (CDK's `RemovalPolicy`). Pulumi gets `retainOnDelete` on the component's resources; the
 * CloudFormation export writes CDK's `DeletionPolicy` / `UpdateReplacePolicy`.
 */
export enum RemovalPolicy {
  /** Deleted (the default for IAM resources). */
  Destroy = "destroy",
  /** Left in the account, unmanaged (`retainOnDelete`). */
  Retain = "retain",
  /** Kept on update and delete (`retainOnDelete`); CloudFormation still deletes it if its creation fails. */
  RetainOnUpdateOrDelete = "retain-on-update-or-delete",
}

/** Arguments every component takes. */
export interface ComponentArgs {
  /** What happens to the component's resources when removed or replaced, as `applyRemovalPolicy` in TypeScript. Default: `destroy`. */
  removalPolicy?: RemovalPolicy;
}

/** Whether a statement allows or denies. */
export enum Effect {
  /** The statement allows its actions. */
  Allow = "Allow",
  /** The statement denies its actions. */
  Deny = "Deny",
}

/**
 * A principal: set exactly one of `aws`, `account`, `accountRoot`, `service`, `federated`,
 * `webIdentity`, `samlProvider`, `organization`, `canonicalUser` or `star`. `conditions` and
 * `sessionTags` refine it. This object stands in for CDK's principal classes (ArnPrincipal,
 * AccountPrincipal, ServicePrincipal, ...), whose union a package schema cannot express.
 */
export interface Principal {
  /** An AWS principal by ARN (a role, a user, `arn:aws:iam::123456789012:root`), or `*` for anyone (CDK's ArnPrincipal / AnyPrincipal). */
  aws?: pulumi.Input<string>;
  /** An AWS account id; renders as the account's root ARN (CDK's AccountPrincipal). */
  account?: pulumi.Input<string>;
  /** `true`: the account the program deploys to (CDK's AccountRootPrincipal). */
  accountRoot?: boolean;
  /** An AWS service, full (`lambda.amazonaws.com`) or short (`lambda`) name (CDK's ServicePrincipal). */
  service?: string;
  /** A federated identity provider, trusted with `sts:AssumeRole` unless `assumeRoleAction` says otherwise (CDK's FederatedPrincipal). */
  federated?: pulumi.Input<string>;
  /** With `federated`: the action the provider's users may call. Default: `sts:AssumeRole`. */
  assumeRoleAction?: string;
  /** A web identity provider (`cognito-identity.amazonaws.com`, an OIDC provider ARN), trusted with `sts:AssumeRoleWithWebIdentity` (CDK's WebIdentityPrincipal / OpenIdConnectPrincipal). */
  webIdentity?: pulumi.Input<string>;
  /** A SAML provider's ARN, trusted with `sts:AssumeRoleWithSAML` (CDK's SamlPrincipal). */
  samlProvider?: pulumi.Input<string>;
  /** An AWS Organizations id (`o-...`): every account of the organization (CDK's OrganizationPrincipal). */
  organization?: pulumi.Input<string>;
  /** A canonical user id (Amazon S3) (CDK's CanonicalUserPrincipal). */
  canonicalUser?: pulumi.Input<string>;
  /** `true`: everyone, rendered `"Principal": "*"` (CDK's StarPrincipal). */
  star?: boolean;
  /** Conditions on the principal, `{ operator: { key: value } }` (CDK's `withConditions`). Default: none. */
  conditions?: Record<string, Record<string, pulumi.Input<any>>>;
  /** `true`: also allow `sts:TagSession` (CDK's `withSessionTags`). Default: false. */
  sessionTags?: boolean;
}

/** One policy statement (CDK's PolicyStatement). Every list is optional. */
export interface Statement {
  /** Statement id. Default: none. */
  sid?: string;
  /** Allow or Deny. Default: Allow. */
  effect?: Effect;
  /** Actions (`s3:GetObject`, `s3:*`, `*`). Default: none. */
  actions?: pulumi.Input<string>[];
  /** Every action except these. Default: none. */
  notActions?: pulumi.Input<string>[];
  /** Resource ARNs (`*` for all). Default: none. */
  resources?: pulumi.Input<string>[];
  /** Every resource except these. Default: none. */
  notResources?: pulumi.Input<string>[];
  /** Who the statement applies to (resource and trust policies only). Default: none. */
  principals?: Principal[];
  /** Everyone except these principals. Default: none. */
  notPrincipals?: Principal[];
  /** Conditions, `{ operator: { key: value } }`, e.g. `{"StringEquals": {"aws:PrincipalOrgID": "o-123"}}`. Default: none. */
  conditions?: Record<string, Record<string, pulumi.Input<any>>>;
}

/** A policy document (CDK's PolicyDocument). */
export interface PolicyDocument {
  /** The statements. Default: none. */
  statements?: Statement[];
  /** Merge statements as CDK's minimizePolicies does; overrides the `iamx:minimizePolicies` setting. Default: the setting (on). */
  minimize?: boolean;
  /** Give every statement without a sid its index as sid. Default: false. */
  assignSids?: boolean;
}

/**
 * Who receives a grant: exactly one of `role`, `user`, `group` or `principal`. An identity of this
 * package receives the statement in a new inline policy attached to it; a bare `principal` has no
 * identity policy, so the grant reports `success: false` as CDK's does.
 */
export interface Grantee {
  /** A role of this package. */
  role?: Role;
  /** A user of this package. */
  user?: User;
  /** A group of this package. */
  group?: Group;
  /** Any other principal. */
  principal?: Principal;
}

/** The outcome of a grant method (CDK's Grant). */
export interface GrantResult {
  /** Whether the permissions were added somewhere. */
  success: boolean;
}

/** The outcome of `addToPolicy`. */
export interface AddToPolicyResult {
  /** Whether the statement was added (false when the identity cannot take statements). */
  statementAdded: boolean;
}
