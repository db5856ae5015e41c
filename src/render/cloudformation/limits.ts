/**
 * CloudFormation's template quotas. A stack takes at most 500 resources, 200 parameters and 200
 * outputs, and a template body of at most 1 MB (1,048,576 bytes, as uploaded to S3). A template
 * past any of them cannot be deployed, so the export refuses it, naming every exceeded quota with
 * its count and what contributes most, rather than writing a file CloudFormation will reject.
 * Cost: one pass over the template (and one serialization per resource when the body is too big).
 */

import type { CfnTemplate } from "./template";

/** CloudFormation's per-stack quotas the export enforces. */
export const CFN_LIMITS = {
  /** Resources in one stack. */
  resources: 500,
  /** Parameters in one template. */
  parameters: 200,
  /** Outputs in one template. */
  outputs: 200,
  /** Bytes of the template body (uploaded through S3). */
  templateBodyBytes: 1_048_576,
} as const;

/** One exceeded quota. */
export interface ExceededLimit {
  /** What is counted. */
  readonly quota: "resources" | "parameters" | "outputs" | "template body";
  /** The template's count (bytes for the body). */
  readonly count: number;
  /** CloudFormation's maximum. */
  readonly maximum: number;
  /** What contributes most, largest first (resource types with counts, or the largest resources). */
  readonly contributors: readonly string[];
}

/** The template body as it will be written, for the size check. */
export interface TemplateBody {
  /** The text as written. */
  readonly text: string;
  /** Its format, for the message. */
  readonly format: "json" | "yaml";
}

/**
 * The quotas `template` exceeds. The body size is measured on `body` when given, else on the
 * template as compact JSON (the smallest form it can be written in).
 */
export function exceededLimits(template: CfnTemplate, body?: TemplateBody): ExceededLimit[] {
  const out: ExceededLimit[] = [];
  const resources = Object.entries(template.Resources ?? {});
  if (resources.length > CFN_LIMITS.resources) {
    const byType = new Map<string, number>();
    for (const [, r] of resources) byType.set(r.Type, (byType.get(r.Type) ?? 0) + 1);
    out.push({
      quota: "resources",
      count: resources.length,
      maximum: CFN_LIMITS.resources,
      contributors: [...byType.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([type, n]) => `${type} (${n})`),
    });
  }
  const parameters = Object.keys(template.Parameters ?? {}).length;
  if (parameters > CFN_LIMITS.parameters) {
    out.push({ quota: "parameters", count: parameters, maximum: CFN_LIMITS.parameters, contributors: [] });
  }
  const outputs = Object.keys(template.Outputs ?? {}).length;
  if (outputs > CFN_LIMITS.outputs) {
    out.push({ quota: "outputs", count: outputs, maximum: CFN_LIMITS.outputs, contributors: [] });
  }
  const bytes = Buffer.byteLength(body ? body.text : JSON.stringify(template), "utf8");
  if (bytes > CFN_LIMITS.templateBodyBytes) {
    const sizes = resources.map(([id, r]) => [id, Buffer.byteLength(JSON.stringify(r), "utf8")] as const);
    out.push({
      quota: "template body",
      count: bytes,
      maximum: CFN_LIMITS.templateBodyBytes,
      contributors: sizes
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([id, n]) => `${id} (${n.toLocaleString("en-US")} bytes as JSON)`),
    });
  }
  return out;
}

/** Thrown when a template exceeds CloudFormation's quotas; `exceeded` lists each one. */
export class TemplateLimitsError extends Error {
  public readonly code = "TemplateLimits";
  constructor(
    public readonly exceeded: readonly ExceededLimit[],
    format?: "json" | "yaml",
  ) {
    super(
      "The template exceeds CloudFormation's limits (CloudFormation would reject it):\n" +
        exceeded.map((e) => `  - ${describe(e, format)}`).join("\n") +
        "\nSplit the program's IAM resources into several stacks (programs), each within the limits.",
    );
    this.name = "TemplateLimitsError";
  }
}

/** Throws a {@link TemplateLimitsError} naming every quota `template` exceeds. */
export function checkTemplateLimits(template: CfnTemplate, body?: TemplateBody): void {
  const exceeded = exceededLimits(template, body);
  if (exceeded.length > 0) throw new TemplateLimitsError(exceeded, body?.format);
}

function describe(e: ExceededLimit, format: "json" | "yaml" | undefined): string {
  const n = (x: number): string => x.toLocaleString("en-US");
  const biggest = e.contributors.length > 0 ? `; ${e.contributors.slice(0, 5).join(", ")}` : "";
  if (e.quota === "template body") {
    const as = format ? ` as ${format.toUpperCase()}` : " (compact JSON)";
    return `template body: ${n(e.count)} bytes${as}, maximum ${n(e.maximum)}${biggest ? `; largest resources: ${e.contributors.join(", ")}` : ""}`;
  }
  return `${e.quota}: ${n(e.count)}, maximum ${n(e.maximum)}${biggest}`;
}
