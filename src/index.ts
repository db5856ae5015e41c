// pulumi-iamx public API: an explicit list of named re-exports. Anything not listed here is
// internal; tests import internals from their own modules. tests/api/public-surface.test.ts pins
// this list, so a change to it is deliberate.

// Policy documents and statements
export { PolicyDocument, type PolicyDocumentProps } from "./core/document";
export {
  PolicyStatement,
  Effect,
  type PolicyStatementProps,
  type StatementParts,
  type ValidationOptions,
} from "./core/statement";
export type { SourceLocation } from "./core/source-location";
export type { Conditions } from "./core/conditions";
export type { EstimateSizeOptions } from "./core/size";
export type { RenderedDocument } from "./core/postprocess";

// Principals
export {
  AccountPrincipal,
  AccountRootPrincipal,
  AnyPrincipal,
  Anyone,
  ArnPrincipal,
  CanonicalUserPrincipal,
  CompositePrincipal,
  FederatedPrincipal,
  OpenIdConnectPrincipal,
  OrganizationPrincipal,
  PrincipalBase,
  PrincipalPolicyFragment,
  PrincipalWithConditions,
  SamlConsolePrincipal,
  SamlPrincipal,
  ServicePrincipal,
  SessionTagsPrincipal,
  StarPrincipal,
  WebIdentityPrincipal,
  type AddToPrincipalPolicyResult,
  type IAssumeRolePrincipal,
  type IComparablePrincipal,
  type IDependable,
  type IGrantable,
  type IOpenIdConnectProvider,
  type IPrincipal,
  type ISamlProvider,
  type ServicePrincipalOpts,
} from "./core/principals";

// Values inside policies: literals, component attributes, pseudo parameters, external inputs
export { Aws, Token, concat, toValue } from "./core/value";
export type {
  External,
  ExternalHint,
  Join,
  JoinOptions,
  PSEUDO_NAMES,
  PseudoName,
  PseudoParameter,
  Reference,
  ReferenceTarget,
  SelectSplit,
  Value,
  ValueInput,
} from "./core/value";

// Errors
export { ValidationError, ValidationErrors } from "./core/errors";

// Settings (CDK feature flags and iamx options)
export { configure, settings, type IamxSettings } from "./core/settings";
export { type ProgramEnvironment } from "./core/environment";

// The AWS action catalogue behind action checking
export {
  actionCatalogueVersion,
  actionExists,
  actionsOfService,
  checkAction,
  expandAction,
  isKnownService,
  knownServices,
  type ActionProblem,
  type ActionProblemKind,
} from "./core/actions";

// Policy validation at IAM Access Analyzer's level, offline
export {
  validatePolicy,
  ISSUE_CODES,
  RETIRED_SERVICES,
  type FindingKind,
  type IssueCode,
  type IssueCodeInfo,
  type PolicyType,
  type ValidatePolicyOptions,
  type ValidationFinding,
} from "./validate";

// Components: roles, policies, grants
export { IamxComponent } from "./components/base";
export { RemovalPolicy } from "./components/removal-policy";
export {
  Role,
  type RoleArgs,
  type WithoutPolicyUpdatesOptions,
  type FromRoleArnOptions,
  type CustomizeRolesOptions,
} from "./components/role";
export { ImportedRole, ImmutableRole, type ImportedRoleProps } from "./components/imported-role";
export { LazyRole } from "./components/lazy-role";
export { type RoleLookupOptions } from "./components/role-lookup";
export { Policy, type PolicyArgs } from "./components/policy";
export { ManagedPolicy, type ManagedPolicyArgs } from "./components/managed-policy";
export {
  Grant,
  type AddToResourcePolicyResult,
  type CommonGrantOptions,
  type GrantOnPrincipalAndResourceOptions,
  type GrantOnPrincipalOptions,
  type GrantPolicyWithResourceOptions,
  type GrantWithResourceOptions,
  type IResourceWithPolicy,
  type ResourceEnvironment,
} from "./components/grant";
export type {
  IGrantLike,
  IGroup,
  IIdentity,
  IManagedPolicy,
  IPolicy,
  IRole,
  IUser,
  IdentityKind,
  IdentityRef,
} from "./components/interfaces";
export { PolicyGrantPrincipal, type StatementSink } from "./components/policy-common";
export { DependencyGroup } from "./components/dependable";
export { Duration } from "./core/duration";
export { PermissionsBoundary } from "./components/permissions-boundary";

// Components: users, groups, access keys, instance profiles
export { User, type UserArgs, type UserAttributes } from "./components/user";
export { ImportedUser, type UserImportSpec } from "./components/user-import";
export { Group, type GroupArgs } from "./components/group";
export { ImportedGroup, type GroupImportSpec } from "./components/group-import";
export { AccessKey, AccessKeyStatus, type AccessKeyArgs } from "./components/access-key";
export {
  InstanceProfile,
  type IInstanceProfile,
  type InstanceProfileArgs,
  type InstanceProfileAttributes,
} from "./components/instance-profile";

// Components: federation (OIDC and SAML providers)
export {
  OpenIdConnectProvider,
  ImportedOpenIdConnectProvider,
  type OidcThumbprintFetch,
  type OpenIdConnectProviderArgs,
} from "./components/oidc-provider";
export { fetchOidcThumbprint, ThumbprintFetchError, type ThumbprintFetchOptions } from "./components/oidc-thumbprint";
export { withThumbprintFetching, withoutThumbprintFetching } from "./components/oidc-fetch-mode";
export { SamlProvider, ImportedSamlProvider, type SamlProviderArgs } from "./components/saml-provider";
export { SamlMetadataDocument } from "./components/saml-metadata";

// Grants on @pulumi/aws resources (`iamx.grants.s3(bucket).grantRead(role)`)
export * as grants from "./grants";

// The program: scopes, warnings, finalizing, running several programs in one process
export { program, type ProgramScope, type GovernanceScope } from "./components/program-scope";
export { warnings, type IamxWarning } from "./components/warnings";
export { finalize, isFinalized } from "./render/pulumi/lifecycle";
export { ProviderDeployment } from "./components/program-run";

// CloudFormation export
export { exportTemplate, exportProgram, type ExportOptions, type ExportResult } from "./render/cloudformation/export";
export {
  renderTemplate,
  renderTemplateAsync,
  scanSecrets,
  type CfnTemplate,
  type CfnResourceDefinition,
  type CfnOutputDefinition,
  type RenderTemplateOptions,
  type RenderedTemplate,
} from "./render/cloudformation/template";
export type { CfnParameterDefinition } from "./render/cloudformation/parameters";
export type { CfnResource, CfnResourceProps, ProgramModel } from "./render/cloudformation/model";
export { toCfnYaml, fromCfnYaml } from "./render/cloudformation/yaml";
export { UnsupportedResourcesError, type UnsupportedResource } from "./render/cloudformation/unsupported";

// Tags
export { Tags, type TagProps } from "./components/tags";
export type { TagMap } from "./components/tag-checks";

export {
  CFN_LIMITS,
  checkTemplateLimits,
  exceededLimits,
  TemplateLimitsError,
  type ExceededLimit,
  type TemplateBody,
} from "./render/cloudformation/limits";

// Least-privilege lint
export {
  Lint,
  type LintFinding,
  type LintLevel,
  type LintOptions,
  type LintReport,
  type LintRuleInfo,
  type LintSuppression,
  type LintAppliesTo,
  type SuppressedFinding,
  type SuppressionTarget,
  type SarifOptions,
} from "./lint";

// Governance: the IAM policy report
export {
  policyReport,
  detailedPolicyReport,
  reportProgram,
  formatReportJson,
  formatReportMarkdown,
  formatReportText,
  type PolicyReport,
  type RolePolicyReport,
  type RoleOrigin,
  type DetailedPolicyReport,
  type ProgramReport,
  type ReportProgramOptions,
} from "./governance";
