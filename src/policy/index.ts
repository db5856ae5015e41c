// pulumi-iamx/policy: policy validation (docs/validation.md) as Pulumi policy pack policies.
import { PULUMI_POLICY_HOLDERS } from "../validate/policy-holders";

export { iamxPolicies, IAMX_POLICY_NAMES, type IamxPoliciesOptions } from "./policies";
export type { FindingKind } from "../validate";

/** The Pulumi resource types whose policy documents the policies check (`aws:s3/bucketPolicy:BucketPolicy`, ...). */
export const IAMX_POLICY_RESOURCE_TYPES: readonly string[] = Object.keys(PULUMI_POLICY_HOLDERS);
