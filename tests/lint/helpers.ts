import type { LintReport } from "../../src/lint";

/** A template with the given resources. */
export function template(resources: Record<string, unknown>): Record<string, unknown> {
  return { Resources: resources };
}

/** An AWS::IAM::Policy resource holding the statements. */
export function policy(...statements: unknown[]): Record<string, unknown> {
  return {
    Type: "AWS::IAM::Policy",
    Properties: {
      PolicyName: "p",
      Roles: [{ Ref: "R" }],
      PolicyDocument: { Version: "2012-10-17", Statement: statements },
    },
  };
}

/** An AWS::IAM::Role resource trusting per the statements. */
export function role(trust: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: "AWS::IAM::Role",
    Properties: { AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: trust }, ...extra },
  };
}

export const LAMBDA_TRUST = {
  Effect: "Allow",
  Principal: { Service: "lambda.amazonaws.com" },
  Action: "sts:AssumeRole",
};

/** `ruleId` or `ruleId[findingId]` of every unsuppressed finding. */
export function ids(report: LintReport): string[] {
  return report.findings.map((f) => (f.findingId ? `${f.ruleId}[${f.findingId}]` : f.ruleId));
}

/** Rule ids of the unsuppressed findings (each once). */
export function ruleIds(report: LintReport): string[] {
  return [...new Set(report.findings.map((f) => f.ruleId))];
}
