/**
 * One failing and one passing policy for every issue code of the validator. Statements are written
 * as a plain statement (wrapped into a 2012-10-17 document) unless the case gives a whole document.
 */
import type { PolicyType } from "../../src/validate";

export interface CodeCase {
  readonly code: string;
  readonly type?: PolicyType;
  readonly account?: string;
  /** A statement, or a whole document when `document` is set. */
  readonly bad: unknown;
  readonly good: unknown;
  readonly document?: boolean;
  /** Part of the finding's message that must appear (a suggestion, the value at fault). */
  readonly says?: string;
  /** The JSON path of the element at fault. */
  readonly path?: string;
}

const allow = (extra: Record<string, unknown>): Record<string, unknown> => ({
  Effect: "Allow",
  Action: "s3:GetObject",
  Resource: "arn:aws:s3:::b/k",
  ...extra,
});
const trust = (extra: Record<string, unknown>): Record<string, unknown> => ({
  Effect: "Allow",
  Principal: { Service: "lambda.amazonaws.com" },
  Action: "sts:AssumeRole",
  ...extra,
});
const cond = (
  c: Record<string, unknown>,
  action = "s3:GetObject",
  resource = "arn:aws:s3:::b/k",
): Record<string, unknown> => ({ Effect: "Allow", Action: action, Resource: resource, Condition: c });

export const CASES: readonly CodeCase[] = [
  // Structure
  {
    code: "MISSING_STATEMENT",
    document: true,
    bad: { Version: "2012-10-17" },
    good: { Version: "2012-10-17", Statement: [allow({})] },
  },
  {
    code: "MISSING_VERSION",
    document: true,
    bad: { Statement: [allow({})] },
    good: { Version: "2012-10-17", Statement: [allow({})] },
  },
  {
    code: "INVALID_VERSION",
    document: true,
    bad: { Version: "2012-10-18", Statement: [allow({})] },
    good: { Version: "2008-10-17", Statement: [allow({})] },
    path: "Version",
  },
  {
    code: "INVALID_POLICY_ELEMENT",
    bad: allow({ Resources: "*" }),
    good: allow({}),
    says: "did you mean Resource",
    path: "Statement[0].Resources",
  },
  { code: "DATA_TYPE_MISMATCH", bad: allow({ Action: 42 }), good: allow({ Action: ["s3:GetObject"] }) },
  { code: "MISSING_EFFECT", bad: { Action: "s3:GetObject", Resource: "*" }, good: allow({}) },
  { code: "INVALID_EFFECT", bad: allow({ Effect: "allow" }), good: allow({ Effect: "Deny" }) },
  { code: "MISSING_ACTION", bad: { Effect: "Allow", Resource: "*" }, good: allow({}) },
  { code: "MISSING_RESOURCE", bad: { Effect: "Allow", Action: "s3:GetObject" }, good: allow({}) },
  { code: "MISSING_PRINCIPAL", type: "resource", bad: allow({}), good: allow({ Principal: { AWS: "111122223333" } }) },
  { code: "UNSUPPORTED_PRINCIPAL", bad: allow({ Principal: { AWS: "111122223333" } }), good: allow({}) },
  { code: "UNSUPPORTED_ELEMENT_COMBINATION", bad: allow({ NotAction: "s3:PutObject" }), good: allow({}) },
  {
    code: "UNIQUE_SIDS_REQUIRED",
    document: true,
    bad: { Version: "2012-10-17", Statement: [allow({ Sid: "A" }), allow({ Sid: "A", Action: "s3:PutObject" })] },
    good: { Version: "2012-10-17", Statement: [allow({ Sid: "A" }), allow({ Sid: "B", Action: "s3:PutObject" })] },
  },
  { code: "UNSUPPORTED_SID", bad: allow({ Sid: "read-objects" }), good: allow({ Sid: "ReadObjects" }) },
  // Actions
  {
    code: "INVALID_ACTION",
    bad: allow({ Action: "s3:GetObjects" }),
    good: allow({}),
    says: "did you mean s3:GetObject",
  },
  {
    code: "INVALID_SERVICE_IN_ACTION",
    bad: allow({ Action: "s4:GetObject" }),
    good: allow({}),
    says: "did you mean s3",
  },
  {
    code: "RETIRED_SERVICE",
    bad: allow({ Action: "deeplens:ListDevices", Resource: "*" }),
    good: allow({}),
    says: "DeepLens",
  },
  { code: "UNKNOWN_SERVICE", bad: allow({ Action: "quantumwidgets:Spin", Resource: "*" }), good: allow({}) },
  { code: "UNKNOWN_ACTION", bad: allow({ Action: "s3:TeleportBucketAcrossTheGalaxy" }), good: allow({}) },
  {
    code: "UNSUPPORTED_ACTION_IN_TRUST_POLICY",
    type: "trust",
    bad: trust({ Action: "s3:GetObject" }),
    good: trust({}),
  },
  // Conditions
  {
    code: "INVALID_CONDITION_OPERATOR",
    bad: cond({ StringEqual: { "aws:PrincipalOrgID": "o-abc" } }),
    good: cond({ StringEquals: { "aws:PrincipalOrgID": "o-abc" } }),
    says: "did you mean StringEquals",
  },
  {
    code: "INVALID_GLOBAL_CONDITION_KEY",
    bad: cond({ IpAddress: { "aws:SorceIp": "203.0.113.0/24" } }),
    good: cond({ IpAddress: { "aws:SOURCEIP": "203.0.113.0/24" } }),
    says: "aws:SourceIp",
  },
  {
    code: "INVALID_SERVICE_CONDITION_KEY",
    bad: cond({ StringEquals: { "s3:prefx": "home/" } }, "s3:ListBucket", "arn:aws:s3:::b"),
    good: cond({ StringEquals: { "s3:prefix": "home/" } }, "s3:ListBucket", "arn:aws:s3:::b"),
    says: "s3:prefix",
  },
  {
    code: "UNKNOWN_CONDITION_KEY",
    bad: cond({ StringEquals: { "s3:QuantumFlavour": "up" } }),
    good: cond({ StringEquals: { "s3:TlsVersion": "1.2" } }),
  },
  {
    code: "INVALID_CONDITION_KEY_FORMAT",
    bad: cond({ StringEquals: { SourceIp: "x" } }),
    good: cond({ StringEquals: { "aws:PrincipalOrgID": "x" } }),
  },
  {
    code: "UNSUPPORTED_CONDITION_KEY_FOR_ACTIONS",
    bad: cond({ StringEquals: { "s3:prefix": "home/" } }),
    good: cond({ StringEquals: { "s3:prefix": "home/" } }, "s3:ListBucket", "arn:aws:s3:::b"),
  },
  {
    code: "TYPE_MISMATCH",
    bad: cond({ NumericEquals: { "aws:PrincipalOrgID": "1" } }),
    good: cond({ NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }),
  },
  {
    code: "TYPE_MISMATCH_BOOLEAN",
    bad: cond({ Bool: { "aws:SecureTransport": "yes" } }),
    good: cond({ Bool: { "aws:SecureTransport": "true" } }),
  },
  {
    code: "TYPE_MISMATCH_NUMBER",
    bad: cond({ NumericLessThan: { "aws:MultiFactorAuthAge": "an hour" } }),
    good: cond({ NumericLessThan: { "aws:MultiFactorAuthAge": 3600 } }),
  },
  {
    code: "TYPE_MISMATCH_DATE",
    bad: cond({ DateGreaterThan: { "aws:CurrentTime": "next tuesday" } }),
    good: cond({ DateGreaterThan: { "aws:CurrentTime": "2026-01-31T00:00:00Z" } }),
  },
  {
    code: "TYPE_MISMATCH_IP_RANGE",
    bad: cond({ IpAddress: { "aws:SourceIp": "203.0.113.0/33" } }),
    good: cond({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } }),
  },
  {
    code: "TYPE_MISMATCH_ARN",
    bad: cond({ ArnEquals: { "aws:SourceArn": "my-topic" } }),
    good: cond({ ArnEquals: { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:my-topic" } }),
  },
  {
    code: "NULL_WITH_IF_EXISTS",
    bad: cond({ NullIfExists: { "aws:TokenIssueTime": "true" } }),
    good: cond({ Null: { "aws:TokenIssueTime": "true" } }),
  },
  {
    code: "WILDCARD_WITHOUT_LIKE_OPERATOR",
    bad: cond({ StringEquals: { "aws:PrincipalOrgID": "o-*" } }),
    good: cond({ StringLike: { "aws:PrincipalOrgID": "o-*" } }),
  },
  {
    code: "SET_OPERATOR_WITH_SINGLE_VALUED_KEY",
    bad: cond({ "ForAnyValue:StringEquals": { "aws:PrincipalOrgID": "o-a" } }),
    good: cond({ "ForAnyValue:StringEquals": { "aws:TagKeys": "team" } }),
  },
  {
    code: "MULTI_VALUED_KEY_WITHOUT_SET_OPERATOR",
    bad: cond({ StringEquals: { "aws:TagKeys": "team" } }),
    good: cond({ "ForAllValues:StringEquals": { "aws:TagKeys": "team" } }),
  },
  {
    code: "REDUNDANT_IF_EXISTS",
    bad: cond({ "ForAllValues:StringEqualsIfExists": { "aws:TagKeys": "team" } }),
    good: cond({ "ForAllValues:StringEquals": { "aws:TagKeys": "team" } }),
  },
  // Resources
  { code: "INVALID_ARN_PREFIX", bad: allow({ Resource: "s3:::b/k" }), good: allow({}) },
  { code: "MISSING_ARN_FIELD", bad: allow({ Resource: "arn:aws:s3:b/k" }), good: allow({}) },
  {
    code: "INVALID_PARTITION",
    bad: allow({ Resource: "arn:amazon:s3:::b/k" }),
    good: allow({ Resource: "arn:aws-cn:s3:::b/k" }),
  },
  {
    code: "INVALID_ARN_SERVICE",
    bad: allow({ Resource: "arn:aws:s4:::b/k" }),
    good: allow({}),
    says: "did you mean s3",
  },
  { code: "INVALID_ARN_SERVICE_CASE", bad: allow({ Resource: "arn:aws:S3:::b/k" }), good: allow({}) },
  {
    code: "INVALID_ARN_REGION",
    bad: { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:virginia:111122223333:q" },
    good: { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:q" },
  },
  {
    code: "ARN_REGION_NOT_ALLOWED",
    bad: { Effect: "Allow", Action: "iam:GetRole", Resource: "arn:aws:iam:us-east-1:111122223333:role/r" },
    good: { Effect: "Allow", Action: "iam:GetRole", Resource: "arn:aws:iam::111122223333:role/r" },
  },
  {
    code: "MISSING_ARN_REGION",
    bad: { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs::111122223333:q" },
    good: { Effect: "Allow", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:*:111122223333:q" },
  },
  {
    code: "INVALID_ARN_ACCOUNT",
    bad: { Effect: "Allow", Action: "iam:GetRole", Resource: "arn:aws:iam::11112222333:role/r" },
    good: { Effect: "Allow", Action: "iam:GetRole", Resource: "arn:aws:iam::111122223333:role/r" },
    says: "11112222333",
  },
  { code: "ARN_ACCOUNT_NOT_ALLOWED", bad: allow({ Resource: "arn:aws:s3::111122223333:b/k" }), good: allow({}) },
  {
    code: "UNKNOWN_RESOURCE_TYPE",
    bad: { Effect: "Allow", Action: "iam:GetRole", Resource: "arn:aws:iam::111122223333:robot/r" },
    good: { Effect: "Allow", Action: "iam:GetRole", Resource: "arn:aws:iam::111122223333:role/r" },
  },
  {
    code: "RESOURCE_NOT_SUPPORTED_BY_ACTIONS",
    bad: allow({ Resource: "arn:aws:s3:::b" }),
    good: allow({ Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"] }),
  },
  {
    code: "ACTION_WITHOUT_RESOURCE_LEVEL_PERMISSIONS",
    bad: allow({ Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::b" }),
    good: allow({ Action: "s3:ListAllMyBuckets", Resource: "*" }),
  },
  // Principals
  {
    code: "INVALID_PRINCIPAL_KEY",
    type: "trust",
    bad: trust({ Principal: { Services: "lambda.amazonaws.com" } }),
    good: trust({}),
    says: "did you mean Service",
  },
  {
    code: "INVALID_PRINCIPAL_FORMAT",
    type: "trust",
    bad: trust({ Principal: { AWS: "11112222333" } }),
    good: trust({ Principal: { AWS: "111122223333" } }),
    says: "11 digits",
  },
  {
    code: "UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
    type: "trust",
    bad: trust({ Principal: { AWS: "arn:aws:iam::111122223333:role/ci-*" } }),
    good: trust({ Principal: { AWS: "arn:aws:iam::111122223333:role/ci" } }),
  },
  {
    code: "INVALID_SERVICE_PRINCIPAL_FORMAT",
    type: "trust",
    bad: trust({ Principal: { Service: "lambda" } }),
    good: trust({}),
  },
  {
    code: "UNKNOWN_SERVICE_PRINCIPAL",
    type: "trust",
    bad: trust({ Principal: { Service: "lamda.amazonaws.com" } }),
    good: trust({ Principal: { Service: "ecs-tasks.amazonaws.com" } }),
    says: "lambda.amazonaws.com",
  },
  {
    code: "TRUST_ACTION_PRINCIPAL_MISMATCH",
    type: "trust",
    bad: trust({ Principal: { Federated: "arn:aws:iam::111122223333:saml-provider/Okta" }, Action: "sts:AssumeRole" }),
    good: trust({
      Principal: { Federated: "arn:aws:iam::111122223333:saml-provider/Okta" },
      Action: "sts:AssumeRoleWithSAML",
    }),
  },
  {
    code: "ALLOW_WITH_NOT_PRINCIPAL",
    type: "resource",
    bad: allow({ NotPrincipal: { AWS: "111122223333" } }),
    good: allow({ Principal: { AWS: "111122223333" } }),
  },
  {
    code: "DENY_WITH_NOT_PRINCIPAL",
    type: "resource",
    bad: allow({ Effect: "Deny", NotPrincipal: { AWS: "111122223333" } }),
    good: allow({
      Effect: "Deny",
      Principal: "*",
      Condition: { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/admin" } },
    }),
  },
  {
    code: "OPEN_TRUST",
    type: "trust",
    bad: trust({ Principal: { AWS: "*" } }),
    good: trust({ Principal: { AWS: "*" }, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }),
  },
  {
    code: "ANY_PRINCIPAL_WITHOUT_CONDITION",
    type: "resource",
    bad: allow({ Principal: "*" }),
    good: allow({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }),
  },
  {
    code: "CROSS_ACCOUNT_WITHOUT_EXTERNAL_ID",
    type: "trust",
    account: "111122223333",
    bad: trust({ Principal: { AWS: "arn:aws:iam::444455556666:root" } }),
    good: trust({
      Principal: { AWS: "arn:aws:iam::444455556666:root" },
      Condition: { StringEquals: { "sts:ExternalId": "x-1" } },
    }),
  },
  // Security warnings
  {
    code: "PASS_ROLE_WITH_STAR_IN_RESOURCE",
    bad: allow({ Action: "iam:PassRole", Resource: "*" }),
    good: allow({ Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/app" }),
  },
  {
    code: "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE",
    bad: allow({ Action: "iam:Pass*", Resource: "*" }),
    good: allow({ Action: "iam:Get*", Resource: "*" }),
  },
  {
    code: "ALLOW_WITH_NOT_ACTION",
    bad: { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
    good: { Effect: "Deny", NotAction: "iam:*", Resource: "*" },
  },
  {
    code: "ALLOW_WITH_NOT_RESOURCE",
    bad: { Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" },
    good: allow({}),
  },
  {
    code: "WILDCARD_ON_SENSITIVE_SERVICE",
    bad: allow({ Action: "kms:*", Resource: "*" }),
    good: allow({ Action: "kms:Decrypt", Resource: "*" }),
  },
  // Redundancy and empty values
  {
    code: "REDUNDANT_ACTION",
    bad: allow({ Action: ["s3:Get*", "s3:GetObject"] }),
    good: allow({ Action: ["s3:GetObject", "s3:GetObjectTagging"] }),
  },
  {
    code: "REDUNDANT_RESOURCE",
    bad: allow({ Resource: ["arn:aws:s3:::b/*", "arn:aws:s3:::b/k"] }),
    good: allow({ Resource: ["arn:aws:s3:::b/k", "arn:aws:s3:::c/k"] }),
  },
  {
    code: "REDUNDANT_VALUE",
    bad: cond({ StringEquals: { "aws:PrincipalOrgID": ["o-a", "o-a"] } }),
    good: cond({ StringEquals: { "aws:PrincipalOrgID": ["o-a", "o-b"] } }),
  },
  {
    code: "REDUNDANT_STATEMENT",
    document: true,
    bad: { Version: "2012-10-17", Statement: [allow({ Sid: "A" }), allow({ Sid: "B" })] },
    good: { Version: "2012-10-17", Statement: [allow({ Sid: "A" }), allow({ Sid: "B", Effect: "Deny" })] },
  },
  { code: "EMPTY_ARRAY_ACTION", bad: allow({ Action: [] }), good: allow({}) },
  { code: "EMPTY_ARRAY_RESOURCE", bad: allow({ Resource: [] }), good: allow({}) },
  {
    code: "EMPTY_ARRAY_PRINCIPAL",
    type: "trust",
    bad: trust({ Principal: { Service: "lambda.amazonaws.com", AWS: [] } }),
    good: trust({}),
  },
  { code: "EMPTY_OBJECT_PRINCIPAL", type: "trust", bad: trust({ Principal: {} }), good: trust({}) },
  {
    code: "EMPTY_ARRAY_CONDITION",
    bad: cond({ StringEquals: { "aws:PrincipalOrgID": [] } }),
    good: cond({ StringEquals: { "aws:PrincipalOrgID": ["o-a"] } }),
  },
  { code: "EMPTY_OBJECT_CONDITION", bad: allow({ Condition: {} }), good: allow({}) },
  // Policy variables
  {
    code: "EMPTY_VARIABLE",
    bad: allow({ Resource: "arn:aws:s3:::b/${}/*" }),
    good: allow({ Resource: "arn:aws:s3:::b/${aws:username}/*" }),
  },
  {
    code: "MISSING_BRACE_IN_VARIABLE",
    bad: allow({ Resource: "arn:aws:s3:::b/${aws:username/*" }),
    good: allow({ Resource: "arn:aws:s3:::b/${aws:username}/*" }),
  },
  {
    code: "UNSUPPORTED_SPACE_IN_VARIABLE",
    bad: allow({ Resource: "arn:aws:s3:::b/${aws: username}/*" }),
    good: allow({ Resource: "arn:aws:s3:::b/${aws:username}/*" }),
  },
  {
    code: "UNKNOWN_VARIABLE",
    bad: allow({ Resource: "arn:aws:s3:::b/${aws:usrname}/*" }),
    good: allow({ Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*" }),
  },
  { code: "VARIABLE_UNSUPPORTED_IN_ELEMENT", bad: allow({ Action: "s3:${aws:username}" }), good: allow({}) },
  {
    code: "VARIABLE_UNSUPPORTED_IN_VERSION",
    document: true,
    bad: { Version: "2008-10-17", Statement: [allow({ Resource: "arn:aws:s3:::b/${aws:username}/*" })] },
    good: { Version: "2012-10-17", Statement: [allow({ Resource: "arn:aws:s3:::b/${aws:username}/*" })] },
  },
  {
    code: "INVALID_VARIABLE_FOR_OPERATOR",
    bad: cond({ NumericEquals: { "aws:MultiFactorAuthAge": "${aws:EpochTime}" } }),
    good: cond({ StringEquals: { "aws:PrincipalOrgID": "${aws:ResourceOrgID}" } }),
  },
];
