/** The IAM policy report (CDK's customizeRoles report) for any program. */
export {
  policyReport,
  detailedPolicyReport,
  type PolicyReport,
  type RolePolicyReport,
  type RoleOrigin,
  type DetailedPolicyReport,
} from "./report";
export { formatReportJson, formatReportMarkdown, formatReportText } from "./format";
export { reportProgram, type ReportProgramOptions, type ProgramReport } from "./program";
