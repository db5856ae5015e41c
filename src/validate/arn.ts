/**
 * ARNs in policies: reading one into its fields, and matching it (with its wildcards, policy
 * variables and template references) against the catalogue's ARN formats.
 */
import type { ResourceTypeInfo } from "./catalogue";
import { formatSteps, policyPatternSteps, stepsOverlap, type Step } from "./glob-overlap";

/** The partitions AWS has. */
export const PARTITIONS = new Set([
  "aws",
  "aws-cn",
  "aws-us-gov",
  "aws-iso",
  "aws-iso-b",
  "aws-iso-e",
  "aws-iso-f",
  "aws-eusc",
]);

export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

const MASK = "\u0000";

/** Splits `arn:partition:service:region:account:resource`; undefined when a field is missing. */
export function parseArn(arn: string): ParsedArn | undefined {
  if (!arn.includes("${")) {
    // The first five colons end the five fields; the resource is the rest (colons and all).
    const c1 = arn.indexOf(":");
    const c2 = c1 < 0 ? -1 : arn.indexOf(":", c1 + 1);
    const c3 = c2 < 0 ? -1 : arn.indexOf(":", c2 + 1);
    const c4 = c3 < 0 ? -1 : arn.indexOf(":", c3 + 1);
    const c5 = c4 < 0 ? -1 : arn.indexOf(":", c4 + 1);
    if (c5 < 0 || c1 !== 3 || !arn.startsWith("arn")) return undefined;
    return {
      partition: arn.slice(c1 + 1, c2),
      service: arn.slice(c2 + 1, c3),
      region: arn.slice(c3 + 1, c4),
      account: arn.slice(c4 + 1, c5),
      resource: arn.slice(c5 + 1),
    };
  }
  // References (`${AWS::Partition}`) contain colons: mask them while splitting.
  const masked = arn.replace(/\$\{[^}]*\}/g, (m) => m.replaceAll(":", MASK));
  const parts = masked.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  const unmask = (s: string): string => s.replaceAll(MASK, ":");
  return {
    partition: unmask(parts[1]),
    service: unmask(parts[2]),
    region: unmask(parts[3]),
    account: unmask(parts[4]),
    resource: unmask(parts.slice(5).join(":")),
  };
}

/** Whether a field holds a wildcard, a policy variable or a reference (so its value is not literal). */
export function isOpen(field: string): boolean {
  return field.includes("*") || field.includes("?") || field.includes("${");
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A format's resource part as a regular expression (`${Name}` placeholders match any text). */
function formatRegex(resource: string): RegExp {
  return new RegExp(
    `^${resource
      .split(/\$\{[^}]*\}/)
      .map(escape)
      .join(".+")}$`,
    "i",
  );
}

/**
 * A catalogue ARN format ready for matching, compiled once per format text: its resource part as a
 * regular expression, the literal text before its first placeholder, sample resource parts, and
 * its region and account fields.
 */
export interface FormatMatcher {
  readonly re: RegExp;
  /** The literal text before the format's first placeholder (lower case): a quick mismatch test. */
  readonly prefix: string;
  /** The format's resource part as steps, for the exact overlap test (glob-overlap.ts). */
  readonly steps: readonly Step[];
  /** The format's region and account fields (`""` when it has none); undefined when it is no ARN. */
  readonly fields?: { readonly region: string; readonly account: string };
}

const matchers = new Map<string, FormatMatcher>();

/** The matcher of a format (compiled on first use, then shared). */
export function matcherOf(format: ResourceTypeInfo): FormatMatcher {
  let hit = matchers.get(format.arn);
  if (!hit) {
    const parsed = parseArn(format.arn);
    const fmt = parsed?.resource ?? format.arn;
    hit = {
      re: formatRegex(fmt),
      prefix: fmt.split("${")[0].toLowerCase(),
      steps: formatSteps(fmt),
      ...(parsed ? { fields: { region: parsed.region, account: parsed.account } } : {}),
    };
    matchers.set(format.arn, hit);
  }
  return hit;
}

/**
 * Whether a policy ARN's resource part can name a resource of the format: literally, or, when it
 * has wildcards, for some text the wildcards stand for (a few sample fillings first, then the
 * exact test of glob-overlap.ts).
 */
export function resourceMatches(resource: string, format: ResourceTypeInfo): boolean {
  return probeOf(resource).matches(matcherOf(format));
}

const OPEN = /[*?]|\$\{/;
const OPEN_PARTS = /\$\{[^}]*\}|\*|\?/g;
const FILLS = ["x", "x/x", "x/x/x", "x:x", ""];

/**
 * What {@link resourceMatches} reads of a resource part, computed once to test it against many
 * formats; the wildcard fillings are made only when a format's literal prefix fits.
 */
export class ResourceProbe {
  /** The text before the first wildcard, variable or reference (lower case). */
  public readonly literal: string;
  private readonly open: boolean;
  // The wildcards filled with sample text, made when first needed: the first filling (`x`)
  // usually settles it. None when the resource has a `?` (one character, not any text).
  private firstFill: string | undefined;
  private otherFills: string[] | undefined;
  private steps: Step[] | undefined;

  constructor(public readonly resource: string) {
    const at = resource.search(OPEN);
    this.open = at >= 0;
    this.literal = (this.open ? resource.slice(0, at) : resource).toLowerCase();
  }

  /** Whether the resource part can name a resource of the format. */
  public matches(f: FormatMatcher): boolean {
    const { literal } = this;
    if (!literal.startsWith(f.prefix) && !f.prefix.startsWith(literal)) return false;
    if (!this.open) return f.re.test(this.resource);
    // A filling is one resource the pattern names, so a filling the format takes settles it
    // cheaply; otherwise the exact test (glob-overlap.ts) decides.
    if (!this.resource.includes("?")) {
      if (f.re.test((this.firstFill ??= this.fill(FILLS[0])))) return true;
      const others = (this.otherFills ??= FILLS.slice(1).map((fill) => this.fill(fill)));
      for (let i = 0; i < others.length; i++) if (f.re.test(others[i])) return true;
    }
    return stepsOverlap((this.steps ??= policyPatternSteps(this.resource)), f.steps);
  }

  private fill(text: string): string {
    return this.resource.replace(OPEN_PARTS, text);
  }
}

/** The probe of a policy ARN's resource part. */
export function probeOf(resource: string): ResourceProbe {
  return new ResourceProbe(resource);
}

/** The format's region and account fields: `""` when the format has none. Read once per format. */
export function formatFields(format: ResourceTypeInfo): { region: string; account: string } | undefined {
  return matcherOf(format).fields;
}
