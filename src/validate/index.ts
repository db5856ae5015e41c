// Policy validation at IAM Access Analyzer's level, offline: see docs/validation.md.
export { validatePolicy } from "./engine";
export { ISSUE_CODES, type IssueCode, type IssueCodeInfo } from "./codes";
export { RETIRED_SERVICES } from "../core/retired-services";
export type { FindingKind, PolicyType, ValidatePolicyOptions, ValidationFinding } from "./types";
