/**
 * The table of issue codes: each check reports a code, a JSON path and a detail message; this
 * table assigns the kind and the general fix. Codes follow IAM Access Analyzer's names where it
 * has the same check, so a finding can be looked up in its documentation; docs/validation.md
 * describes every code.
 */
import { closest } from "../core/actions";
import type { FindingKind } from "./types";

/** What a code means: its kind, a title and the fix to apply. */
export interface IssueCodeInfo {
  readonly kind: FindingKind;
  readonly title: string;
  readonly fix: string;
}

const E = "ERROR";
const S = "SECURITY_WARNING";
const W = "WARNING";
const G = "SUGGESTION";

function c(kind: FindingKind, title: string, fix: string): IssueCodeInfo {
  return { kind, title, fix };
}

/** Every issue code the validator reports. */
export const ISSUE_CODES = {
  // Document structure
  MISSING_STATEMENT: c(E, "Missing statement", "Add a Statement element with at least one statement."),
  MISSING_VERSION: c(W, "Missing version", 'Add "Version": "2012-10-17" so policy variables and current syntax work.'),
  INVALID_VERSION: c(E, "Invalid version", 'Use "Version": "2012-10-17".'),
  INVALID_POLICY_ELEMENT: c(E, "Invalid policy element", "Remove the element or correct its spelling."),
  DATA_TYPE_MISMATCH: c(E, "Data type mismatch", "Give the element the JSON type the policy grammar expects."),
  MISSING_EFFECT: c(E, "Missing effect", 'Add "Effect": "Allow" or "Effect": "Deny".'),
  INVALID_EFFECT: c(E, "Invalid effect", 'Use "Allow" or "Deny" (case-sensitive).'),
  MISSING_ACTION: c(E, "Missing action", "Add an Action or NotAction element."),
  MISSING_RESOURCE: c(E, "Missing resource", 'Add a Resource or NotResource element ("*" for every resource).'),
  MISSING_PRINCIPAL: c(E, "Missing principal", "Add a Principal element naming who the policy applies to."),
  UNSUPPORTED_PRINCIPAL: c(
    E,
    "Unsupported principal",
    "Remove Principal/NotPrincipal: identity policies apply to the identity they are attached to.",
  ),
  UNSUPPORTED_ELEMENT_COMBINATION: c(
    E,
    "Unsupported element combination",
    "Keep one element of the pair (Action or NotAction, Resource or NotResource, Principal or NotPrincipal).",
  ),
  UNIQUE_SIDS_REQUIRED: c(E, "Unique Sids required", "Give every statement of the policy a different Sid."),
  UNSUPPORTED_SID: c(E, "Unsupported Sid", "Use only letters and digits in the Sid of an identity policy."),
  // Actions
  INVALID_ACTION: c(
    E,
    "Invalid action",
    "Correct the action name; the message names the closest known action when there is one.",
  ),
  INVALID_SERVICE_IN_ACTION: c(
    E,
    "Invalid service in action",
    "Correct the service prefix; the message names the closest known service.",
  ),
  RETIRED_SERVICE: c(
    W,
    "Retired service",
    "The service is retired: remove its actions, which no longer grant anything.",
  ),
  UNKNOWN_SERVICE: c(
    W,
    "Service not in the catalogue",
    "Check the service prefix; if it is newer than the AWS service reference bundled with pulumi-iamx, update pulumi-iamx.",
  ),
  UNKNOWN_ACTION: c(
    W,
    "Action not in the catalogue",
    "Check the action name; if it is newer than the AWS service reference bundled with pulumi-iamx, update pulumi-iamx.",
  ),
  UNSUPPORTED_ACTION_IN_TRUST_POLICY: c(
    E,
    "Unsupported action in trust policy",
    "A trust policy grants only sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity and sts:SetContext; move other actions to an identity policy.",
  ),
  // Conditions
  INVALID_CONDITION_OPERATOR: c(
    E,
    "Invalid condition operator",
    "Use a condition operator IAM defines; the message names the closest one.",
  ),
  INVALID_GLOBAL_CONDITION_KEY: c(
    E,
    "Invalid global condition key",
    "Use a global condition key AWS defines; the message names the closest one.",
  ),
  INVALID_SERVICE_CONDITION_KEY: c(
    E,
    "Invalid service condition key",
    "Use a condition key the service defines; the message names the closest one.",
  ),
  UNKNOWN_CONDITION_KEY: c(
    W,
    "Condition key not in the catalogue",
    "Check the key's name; if it is newer than the AWS service reference bundled with pulumi-iamx, update pulumi-iamx.",
  ),
  INVALID_CONDITION_KEY_FORMAT: c(
    E,
    "Invalid condition key format",
    "Write condition keys as prefix:name (aws:SourceIp, s3:prefix).",
  ),
  UNSUPPORTED_CONDITION_KEY_FOR_ACTIONS: c(
    W,
    "Condition key not supported by the statement's actions",
    "No action of the statement supports the key, so the condition never matches as intended: use a key the actions support or move it to a statement with such actions.",
  ),
  TYPE_MISMATCH: c(
    W,
    "Type mismatch",
    "Use an operator of the key's type (String, Numeric, Date, Bool, IpAddress, Arn).",
  ),
  TYPE_MISMATCH_BOOLEAN: c(W, "Type mismatch Boolean", 'Use "true" or "false".'),
  TYPE_MISMATCH_NUMBER: c(W, "Type mismatch number", "Use a number."),
  TYPE_MISMATCH_DATE: c(W, "Type mismatch date", "Use an ISO 8601 date (2026-01-31T00:00:00Z) or epoch seconds."),
  TYPE_MISMATCH_IP_RANGE: c(W, "Type mismatch IP range", "Use an IPv4 or IPv6 address or CIDR block (203.0.113.0/24)."),
  TYPE_MISMATCH_ARN: c(
    W,
    "Type mismatch ARN",
    "Use an ARN (arn:partition:service:region:account:resource), wildcards allowed with ArnLike.",
  ),
  NULL_WITH_IF_EXISTS: c(E, "Null with IfExists", "Remove IfExists: Null already tests whether the key exists."),
  WILDCARD_WITHOUT_LIKE_OPERATOR: c(
    W,
    "Wildcard without Like operator",
    "Use StringLike/StringNotLike or ArnLike/ArnNotLike to match wildcards; Equals operators compare * literally.",
  ),
  SET_OPERATOR_WITH_SINGLE_VALUED_KEY: c(
    W,
    "Set operator on a single-valued key",
    "Remove ForAllValues/ForAnyValue: the key has one value per request (ForAllValues on a missing key is always true).",
  ),
  MULTI_VALUED_KEY_WITHOUT_SET_OPERATOR: c(
    W,
    "Multi-valued key without set operator",
    "Prefix the operator with ForAnyValue: or ForAllValues: to say how the key's values are compared.",
  ),
  REDUNDANT_IF_EXISTS: c(
    G,
    "Redundant IfExists",
    "Remove IfExists: ForAllValues already matches a request without the key.",
  ),
  // Resources
  INVALID_ARN_PREFIX: c(E, "Invalid ARN prefix", 'Start the resource with "arn:" or use "*".'),
  MISSING_ARN_FIELD: c(E, "Missing ARN field", "Write the ARN as arn:partition:service:region:account:resource."),
  INVALID_PARTITION: c(E, "Invalid partition", "Use a partition AWS has (aws, aws-cn, aws-us-gov, ...)."),
  INVALID_ARN_SERVICE: c(
    E,
    "Invalid service in ARN",
    "Correct the ARN's service namespace; the message names the closest one.",
  ),
  INVALID_ARN_SERVICE_CASE: c(E, "Invalid ARN service case", "Write the ARN's service namespace in lower case."),
  INVALID_ARN_REGION: c(
    E,
    "Invalid ARN region",
    "Use a Region code (us-east-1), leave it empty where the service has none, or use *.",
  ),
  ARN_REGION_NOT_ALLOWED: c(E, "ARN region not allowed", "Remove the Region: the service's resource ARNs have none."),
  MISSING_ARN_REGION: c(E, "Missing ARN region", "Add the Region (or *): the service's resource ARNs have one."),
  INVALID_ARN_ACCOUNT: c(E, "Invalid ARN account", "Use a 12-digit account id, or *."),
  ARN_ACCOUNT_NOT_ALLOWED: c(
    E,
    "ARN account not allowed",
    "Remove the account id: the service's resource ARNs have none.",
  ),
  UNKNOWN_RESOURCE_TYPE: c(
    W,
    "ARN of no known resource type",
    "Write the resource part as one of the service's resource types (the message lists the formats); AWS's service reference does not list every ARN form, so check the service's documentation before changing a working policy.",
  ),
  RESOURCE_NOT_SUPPORTED_BY_ACTIONS: c(
    W,
    "Resource not supported by the statement's actions",
    "None of the statement's actions acts on this kind of resource: give each action the resource type it takes.",
  ),
  ACTION_WITHOUT_RESOURCE_LEVEL_PERMISSIONS: c(
    W,
    "Action without resource-level permissions",
    'The action does not support resource-level permissions and is granted only with "Resource": "*": move it to a statement with "*".',
  ),
  // Principals
  INVALID_PRINCIPAL_KEY: c(
    E,
    "Invalid principal key",
    "Use AWS, Service, Federated or CanonicalUser as the principal key.",
  ),
  INVALID_PRINCIPAL_FORMAT: c(
    E,
    "Invalid principal format",
    "Use an account id (12 digits), an IAM ARN (arn:aws:iam::123456789012:role/Name) or *.",
  ),
  UNSUPPORTED_WILDCARD_IN_PRINCIPAL: c(
    E,
    "Unsupported wildcard in principal",
    'Name the principal exactly and match patterns with a condition (aws:PrincipalArn with ArnLike); only "*" alone is allowed.',
  ),
  INVALID_SERVICE_PRINCIPAL_FORMAT: c(
    E,
    "Invalid service principal format",
    "Write service principals as service.amazonaws.com.",
  ),
  UNKNOWN_SERVICE_PRINCIPAL: c(
    W,
    "Unknown service principal",
    "Check the service principal's name; the message names the closest service.",
  ),
  TRUST_ACTION_PRINCIPAL_MISMATCH: c(
    E,
    "Trust action does not fit the principal",
    "Use sts:AssumeRole for AWS and Service principals, sts:AssumeRoleWithSAML for a SAML provider and sts:AssumeRoleWithWebIdentity for an OIDC or web identity provider.",
  ),
  ALLOW_WITH_NOT_PRINCIPAL: c(
    S,
    "Allow with NotPrincipal",
    "Allow named principals instead: NotPrincipal with Allow grants access to every principal not listed, including anonymous users.",
  ),
  DENY_WITH_NOT_PRINCIPAL: c(
    W,
    "Deny with NotPrincipal",
    "Deny with a condition on aws:PrincipalArn instead: with NotPrincipal the listed principals need their exact session ARNs, and a mistake denies or allows more than meant.",
  ),
  OPEN_TRUST: c(
    S,
    "Role trusts any principal",
    "Name the principals that may assume the role, or add conditions (aws:PrincipalOrgID, sts:ExternalId) that restrict them.",
  ),
  ANY_PRINCIPAL_WITHOUT_CONDITION: c(
    S,
    "Resource open to any principal",
    "Name the principals, or add a condition (aws:PrincipalOrgID, aws:SourceArn, aws:SourceVpce) that restricts them.",
  ),
  CROSS_ACCOUNT_WITHOUT_EXTERNAL_ID: c(
    S,
    "Cross-account trust without ExternalId",
    "Add a condition on sts:ExternalId (the confused-deputy protection) or restrict the principal to a role or an organization.",
  ),
  // Security warnings on grants
  PASS_ROLE_WITH_STAR_IN_RESOURCE: c(
    S,
    "PassRole with star in resource",
    'Grant iam:PassRole on the ARNs of the roles to pass, not "*".',
  ),
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: c(
    S,
    "PassRole with star in action and resource",
    "The wildcard action includes iam:PassRole on every role: list the actions needed, and grant iam:PassRole only on specific role ARNs.",
  ),
  ALLOW_WITH_NOT_ACTION: c(
    S,
    "Allow with NotAction",
    "List the actions to allow: NotAction with Allow grants every other action, including those of services AWS adds later.",
  ),
  ALLOW_WITH_NOT_RESOURCE: c(
    S,
    "Allow with NotResource",
    "List the resources to allow: NotResource with Allow grants every other resource, including ones created later.",
  ),
  WILDCARD_ON_SENSITIVE_SERVICE: c(
    S,
    "Wildcard on a sensitive service",
    "List the actions needed: a wildcard on IAM, STS, KMS, Organizations, Secrets Manager or Account grants privilege escalation or data access.",
  ),
  // Redundancy and empty values
  REDUNDANT_ACTION: c(G, "Redundant action", "Remove the action: another action of the statement already covers it."),
  REDUNDANT_RESOURCE: c(
    G,
    "Redundant resource",
    "Remove the resource: another resource of the statement already covers it.",
  ),
  REDUNDANT_VALUE: c(G, "Redundant value", "Remove the repeated value."),
  REDUNDANT_STATEMENT: c(G, "Redundant statement", "Remove the statement: an earlier one says the same."),
  EMPTY_ARRAY_ACTION: c(
    G,
    "Empty array action",
    "Add actions or remove the statement: with no action it grants nothing.",
  ),
  EMPTY_ARRAY_RESOURCE: c(
    G,
    "Empty array resource",
    "Add resources or remove the statement: with no resource it applies to nothing.",
  ),
  EMPTY_ARRAY_PRINCIPAL: c(G, "Empty array principal", "Add principals or remove the empty list."),
  EMPTY_OBJECT_PRINCIPAL: c(G, "Empty object principal", "Add principals or remove the statement."),
  EMPTY_ARRAY_CONDITION: c(G, "Empty array condition", "Add values or remove the condition key."),
  EMPTY_OBJECT_CONDITION: c(G, "Empty object condition", "Add a condition or remove the empty Condition block."),
  // Policy variables
  EMPTY_VARIABLE: c(E, "Empty variable", "Put a condition key between the braces, as ${aws:username}."),
  MISSING_BRACE_IN_VARIABLE: c(E, "Missing brace in variable", "Close the policy variable with }."),
  UNSUPPORTED_SPACE_IN_VARIABLE: c(E, "Unsupported space in variable", "Remove the spaces inside ${...}."),
  UNKNOWN_VARIABLE: c(
    W,
    "Unknown policy variable",
    "Use a condition key AWS defines as the variable (${aws:username}, ${aws:PrincipalTag/team}).",
  ),
  VARIABLE_UNSUPPORTED_IN_ELEMENT: c(
    E,
    "Variable unsupported in element",
    "Policy variables work only in Resource, NotResource and condition values.",
  ),
  VARIABLE_UNSUPPORTED_IN_VERSION: c(
    E,
    "Variable unsupported in version",
    'Set "Version": "2012-10-17": older policies treat ${...} as literal text.',
  ),
  INVALID_VARIABLE_FOR_OPERATOR: c(
    E,
    "Invalid variable for operator",
    "Policy variables work only with String and Arn operators: compare the value literally.",
  ),
} as const satisfies Record<string, IssueCodeInfo>;

/** An issue code of {@link ISSUE_CODES}. */
export type IssueCode = keyof typeof ISSUE_CODES;

/** The issue code closest to a mistyped one (for "did you mean"), if any is close. */
export function closestCode(code: string): string | undefined {
  return closest(code, Object.keys(ISSUE_CODES));
}

/**
 * The codes of the action catalogue check (an action or service it does not know, or a typo of a
 * known one): a statement with `allowUnknownActions` (an action newer than the catalogue) accepts
 * them, as does `checkActions: false` for a whole program.
 */
export const ACTION_CATALOGUE_CODES: ReadonlySet<string> = new Set<IssueCode>([
  "INVALID_ACTION",
  "INVALID_SERVICE_IN_ACTION",
  "UNKNOWN_ACTION",
  "UNKNOWN_SERVICE",
]);
