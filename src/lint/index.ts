// The least-privilege lint: rules over CloudFormation JSON, suppressions, and output formats.
import { lintModel, lintTemplate, selectRules } from "./engine";
import { formatJson } from "./format/json";
import { formatSarif, toSarif } from "./format/sarif";
import { formatText } from "./format/text";
import { lintProgram } from "./program";
import { suppress, suppressAll } from "./suppressions";

export type * from "./types";
export type { SarifOptions } from "./format/sarif";
export type { SuppressionTarget } from "./suppressions";
export { ALL_PACKS, DEFAULT_PACKS } from "./rules";
export { formatJson, formatSarif, formatText, lintModel, lintProgram, lintTemplate, suppress, suppressAll, toSarif };

/**
 * The least-privilege lint in one place:
 * - `Lint.suppress(scope, [{ id, reason, appliesTo? }])` silences a rule on any Pulumi resource or component and
 *   everything under it (reason required, at least 10 characters); `Lint.suppressAll([...])` for the
 *   whole program;
 * - `Lint.program(() => require("./index"), options?)` runs a program offline and lints it;
 *   `Lint.model()` lints the program being built (after finalize); `Lint.template(json)` lints any
 *   CloudFormation template;
 * - `Lint.formatText/formatJson/formatSarif(report)` render a report;
 * - `Lint.rules(options?)` lists the rules a run would use.
 *
 * Rules (default packs `AwsSolutions` and `IAMX`): AwsSolutions-IAM4 (AWS managed policies),
 * AwsSolutions-IAM5 (wildcard actions/resources), IAMX-AdminAccess, IAMX-PassRoleStar,
 * IAMX-AllowNotAction, IAMX-AllowNotResource, IAMX-TrustAnyPrincipal,
 * IAMX-CrossAccountTrustWithoutExternalId (warning), IAMX-OidcTrustWithoutSub, and policy validation
 * at IAM Access Analyzer's level (IAMX-PolicyInvalid, IAMX-PolicySecurityWarning, IAMX-PolicyWarning;
 * IAMX-PolicySuggestion in the opt-in pack `IAMX.Suggestions`, see docs/validation.md); opt-in packs
 * `HIPAA.Security`, `NIST.800.53.R4`, `NIST.800.53.R5`, `PCI.DSS.321` add cdk-nag's compliance IAM
 * rules. IAMX-UnreadablePolicy (a policy document or statement no rule could read) runs whatever
 * packs are chosen.
 */
export const Lint = {
  suppress,
  suppressAll,
  program: lintProgram,
  model: lintModel,
  template: lintTemplate,
  formatText,
  formatJson,
  formatSarif,
  toSarif,
  rules: (options?: Parameters<typeof selectRules>[0]) =>
    selectRules(options).map(({ id, level, pack, description, help, granular }) => ({
      id,
      level,
      pack,
      description,
      help,
      granular,
    })),
} as const;
