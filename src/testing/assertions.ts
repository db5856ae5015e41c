/**
 * The result of synthesizing a program, with assertions in the spirit of CDK's `Template`.
 * Assertions throw an Error listing the closest candidates when they fail, so test runners show
 * what was registered instead of a bare "false".
 */
import { Match, matchPattern, type MatchFailure } from "./match";
import type { RawSynthesis, SynthesizedResource } from "./synthesize";

export class Synthesis {
  /** Every registered resource, components included, in the order the program created them. */
  public readonly resources: readonly SynthesizedResource[];
  /** The program's stack outputs, resolved. */
  public readonly outputs: Readonly<Record<string, unknown>>;
  private readonly raw: RawSynthesis;
  private readonly renderTemplate: (raw: RawSynthesis) => Record<string, any>;
  private renderedTemplate?: Record<string, any>;

  constructor(raw: RawSynthesis, renderTemplate: (raw: RawSynthesis) => Record<string, any>) {
    this.raw = raw;
    this.resources = raw.resources;
    this.outputs = raw.outputs;
    this.renderTemplate = renderTemplate;
  }

  /** The CloudFormation export of the same run (rendered on first access). */
  public get template(): Record<string, any> {
    this.renderedTemplate ??= this.renderTemplate(this.raw);
    return this.renderedTemplate;
  }

  /** Resources of a type (e.g. `aws:iam/role:Role`) whose inputs match `props` (objectLike). */
  public findResources(type: string, props: Record<string, unknown> = {}): SynthesizedResource[] {
    return this.ofType(type).filter((r) => matchPattern(Match.objectLike(props), r.inputs).length === 0);
  }

  /** Asserts how many resources of a type were registered. */
  public resourceCountIs(type: string, count: number): void {
    const n = this.ofType(type).length;
    if (n !== count) throw new Error(`Expected ${count} resources of type ${type} but found ${n}`);
  }

  /** Asserts how many resources of a type have inputs matching `props`. */
  public resourcePropertiesCountIs(type: string, props: Record<string, unknown>, count: number): void {
    const n = this.findResources(type, props).length;
    if (n !== count)
      throw new Error(`Expected ${count} resources of type ${type} matching ${JSON.stringify(props)} but found ${n}`);
  }

  /** Asserts that at least one resource of a type has inputs matching `props` (objectLike). */
  public hasResourceProperties(type: string, props: Record<string, unknown>): void {
    const candidates = this.ofType(type);
    if (candidates.length === 0) throw new Error(`No resource of type ${type} was registered`);
    const results = candidates.map((r) => ({ r, failures: matchPattern(Match.objectLike(props), r.inputs) }));
    if (results.some((x) => x.failures.length === 0)) return;
    const closest = results.sort((a, b) => a.failures.length - b.failures.length)[0];
    throw new Error(
      `No ${type} matches. Closest is "${closest.r.name}" with ${closest.failures.length} mismatch(es):\n` +
        formatFailures(closest.failures),
    );
  }

  /** The resource with this type and name; throws when absent. */
  public resource(type: string, name: string): SynthesizedResource {
    const r = this.resources.find((x) => x.type === type && x.name === name);
    if (!r)
      throw new Error(
        `No ${type} named "${name}"; registered: ${
          this.ofType(type)
            .map((x) => x.name)
            .join(", ") || "none"
        }`,
      );
    return r;
  }

  private ofType(type: string): SynthesizedResource[] {
    return this.resources.filter((r) => r.type === type);
  }
}

function formatFailures(failures: MatchFailure[]): string {
  return failures.map((f) => `  at ${f.path || "/"}: ${f.message}`).join("\n");
}
