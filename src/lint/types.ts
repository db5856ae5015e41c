/**
 * The shapes the least-privilege lint works with: findings, suppressions, reports and options.
 * Rules read CloudFormation template JSON (`Type` + `Properties`), so the same rules lint a
 * pulumi-iamx program (through its CloudFormation model) and any template file.
 */
import type { SourceLocation } from "../core/source-location";

/** How serious a finding is. Error-level findings make `iamx lint` exit non-zero. */
export type LintLevel = "error" | "warning";

/** One problem the lint found. */
export interface LintFinding {
  /** Rule id: cdk-nag's id where cdk-nag has the rule (`AwsSolutions-IAM5`), else `IAMX-...`. */
  readonly ruleId: string;
  readonly level: LintLevel;
  /**
   * The granular finding within the rule, in cdk-nag's format (`Action::s3:*`, `Resource::*`,
   * `Policy::arn:<AWS::Partition>:iam::aws:policy/...`); what a suppression's `appliesTo` matches.
   * Undefined for rules that report the resource as a whole.
   */
  readonly findingId?: string;
  /** The component (construct path, e.g. `app/DefaultPolicy`), or the logical id for a bare template. */
  readonly component: string;
  /** CloudFormation logical id of the resource. */
  readonly logicalId: string;
  /** CloudFormation type, e.g. `AWS::IAM::Role`. */
  readonly resourceType: string;
  /** Where in the resource's Properties, e.g. `Policies[0].PolicyDocument.Statement[1]`. */
  readonly location?: string;
  /** Inline policy name, when the statement is in a role/user/group's `Policies`. */
  readonly policyName?: string;
  /** Index of the statement in its policy document. */
  readonly statementIndex?: number;
  /** The statement's Sid, if it has one. */
  readonly sid?: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it (or how to suppress it with evidence). */
  readonly fix: string;
  /**
   * Program findings: where the user's code made the statement at fault (else the component),
   * captured when it was constructed; SARIF's physical location.
   */
  readonly source?: SourceLocation;
}

/** Selects findings in a suppression's `appliesTo`: an exact finding id, or a regular expression. */
export type LintAppliesTo = string | { readonly regex: string };

/**
 * Silences a rule on a component (and everything under it), like cdk-nag's suppressions.
 */
export interface LintSuppression {
  /**
   * Rule id (`AwsSolutions-IAM5`), or a rule id with one finding in brackets, as cdk-nag v3
   * acknowledges them (`AwsSolutions-IAM5[Action::s3:*]`).
   */
  readonly id: string;
  /** Why the finding is acceptable: the evidence. Required, at least 10 characters. */
  readonly reason: string;
  /**
   * Only these granular findings (`Action::s3:*`, `Resource::*`, or `{ regex: "/^Resource::.*$/" }`).
   * Applies only to rules that report granular findings (IAM4, IAM5); a suppression with
   * `appliesTo` never silences a whole-resource finding.
   * @default every finding of the rule
   */
  readonly appliesTo?: readonly LintAppliesTo[];
}

/**
 * A finding silenced by a suppression, with the suppression that silenced it: a `Lint.suppress`
 * or template Metadata suppression, or, for a policy-validation finding of a program, the
 * statement's own `validation` opt-out or `allowUnknownActions` (its reason says so).
 */
export interface SuppressedFinding extends LintFinding {
  readonly suppression: LintSuppression;
}

/** What a rule is, for reports (SARIF `rules`, `iamx lint --list-rules`). */
export interface LintRuleInfo {
  readonly id: string;
  readonly level: LintLevel;
  /** Rule pack: `AwsSolutions`, `IAMX`, `HIPAA.Security`, `NIST.800.53.R4`, `NIST.800.53.R5`, `PCI.DSS.321`. */
  readonly pack: string;
  /** One line: what the rule flags. */
  readonly description: string;
  /** Why it matters and how to fix it. */
  readonly help: string;
  /** Whether it reports granular findings (`findingId`) that `appliesTo` can select. */
  readonly granular: boolean;
}

/** The result of a lint run. */
export interface LintReport {
  /** Findings not suppressed, in template order. */
  readonly findings: readonly LintFinding[];
  /** Findings silenced by a suppression. */
  readonly suppressed: readonly SuppressedFinding[];
  /** The rules that ran. */
  readonly rules: readonly LintRuleInfo[];
  readonly errorCount: number;
  readonly warningCount: number;
  /** What was linted (a file name, or `program`), for output formats. */
  readonly source?: string;
}

/** Options of a lint run. */
export interface LintOptions {
  /**
   * Rule packs to run. Also available: cdk-nag's compliance packs `HIPAA.Security`,
   * `NIST.800.53.R4`, `NIST.800.53.R5`, `PCI.DSS.321` (their IAM rules).
   * @default `["AwsSolutions", "IAMX"]` (cdk-nag's AwsSolutions IAM rules and pulumi-iamx's
   * least-privilege rules)
   */
  readonly packs?: readonly string[];
  /**
   * The account the program deploys to, when known: trust of this account is not cross-account.
   * References to `AWS::AccountId` are always this account.
   * @default unknown, so every literal account id in a trust policy counts as another account
   */
  readonly accountId?: string;
  /**
   * Rule ids to skip entirely.
   * @default none
   */
  readonly excludeRules?: readonly string[];
  /**
   * Name of what is linted, for output formats.
   * @default none
   */
  readonly source?: string;
}
