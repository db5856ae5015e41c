// pulumi-iamx public API: re-exports only.
export * from "./core";
export { finalize, isFinalized } from "./render/pulumi/lifecycle";
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
export { CfnResource, ProgramModel, programModel, type CfnResourceProps } from "./render/cloudformation/model";
export type { EstimateSizeOptions } from "./core/size";
export { PolicyGrantPrincipal, type StatementSink } from "./components/policy-common";
export { toCfnYaml, fromCfnYaml } from "./render/cloudformation/yaml";
export { UnsupportedResourcesError, type UnsupportedResource } from "./render/cloudformation/unsupported";
export { IamxComponent } from "./components/base";
export * from "./components/role";
export * from "./components/policy";
export * from "./components/managed-policy";
export * from "./components/grant";
export * from "./components/interfaces";
export { ImportedRole, ImmutableRole, type ImportedRoleProps } from "./components/imported-role";
export { DependencyGroup } from "./components/dependable";
export { Duration } from "./core/duration";
export * from "./components/user";
export { ImportedUser, type UserImportSpec } from "./components/user-import";
export * from "./components/group";
export { ImportedGroup, type GroupImportSpec } from "./components/group-import";
export * from "./components/access-key";
export * from "./components/instance-profile";
export { warnings, type IamxWarning } from "./components/warnings";
export { Tags, type TagProps } from "./components/tags";
export type { TagMap } from "./components/tag-checks";
export * as grants from "./grants";
export * from "./components/oidc-provider";
export {
  fetchOidcThumbprint,
  ThumbprintFetchError,
  DEFAULT_THUMBPRINT_TIMEOUT_MS,
  type ThumbprintFetchOptions,
} from "./components/oidc-thumbprint";
export { withThumbprintFetching, withoutThumbprintFetching } from "./components/oidc-fetch-mode";
export * from "./components/saml-provider";
export { SamlMetadataDocument, checkSamlMetadata, SAML_METADATA_NAMESPACE } from "./components/saml-metadata";
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
export { PermissionsBoundary } from "./components/permissions-boundary";
export { program, type ProgramScope, type GovernanceScope } from "./components/program-scope";
export type { CustomizeRolesOptions } from "./components/customize-roles";
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
