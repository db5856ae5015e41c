/**
 * The shapes of policy validation: the four kinds of finding IAM Access Analyzer reports, the
 * policy types a document can be validated as, and one finding.
 */

/**
 * How serious a finding is, in IAM Access Analyzer's terms: `ERROR` (the policy does not work as
 * written), `SECURITY_WARNING` (it grants more than it seems to), `WARNING` (bad practice),
 * `SUGGESTION` (style: it works, but can be written more simply).
 */
export type FindingKind = "ERROR" | "SECURITY_WARNING" | "WARNING" | "SUGGESTION";

/**
 * What the document is: an identity policy (attached to a role, user or group), a resource
 * policy (bucket, queue, topic, key...), or a role's trust policy (its assume-role document).
 */
export type PolicyType = "identity" | "resource" | "trust";

/** One problem found in a policy document. */
export interface ValidationFinding {
  /** Stable issue code (`INVALID_CONDITION_OPERATOR`); Access Analyzer's code where it has the check. */
  readonly code: string;
  readonly kind: FindingKind;
  /** What is wrong, naming the element and value at fault. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** JSON path of the element at fault (`Statement[1].Condition.StringEqual`). */
  readonly path: string;
  /** Index of the statement in the document, when the finding is about one statement. */
  readonly statementIndex?: number;
  /** The statement's Sid, if it has one. */
  readonly sid?: string;
}

/** Options of {@link validatePolicy}. */
export interface ValidatePolicyOptions {
  /**
   * What the document is.
   * @default "identity"
   */
  readonly policyType?: PolicyType;
  /**
   * The account that owns the policy (12 digits), so a trust policy naming another account can be
   * told apart from one naming its own; literal account ids are taken as other accounts without it.
   * @default undefined
   */
  readonly account?: string;
  /**
   * The CloudFormation type of the resource a resource policy is attached to
   * (`AWS::S3::BucketPolicy`, `AWS::ECR::Repository`...). An ECR repository policy names no
   * `Resource` (it applies to its repository), so one is not asked for there.
   * @default undefined (every statement of a resource policy needs a Resource)
   */
  readonly resourceType?: string;
  /**
   * Only findings of these kinds (checks that cannot report them are skipped: a program run
   * asks for errors only).
   * @default every kind
   */
  readonly kinds?: readonly FindingKind[];
}
