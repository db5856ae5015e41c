/**
 * External values → template Parameters. A value the model cannot see into (a Pulumi output of a
 * resource outside the model, a config secret) is never resolved into the template: it becomes a
 * `String` parameter the deployer fills in, named after the resource and property it comes from
 * (`DataBucketArn` for `bucket.arn` of a bucket named `data-bucket`), with a Description saying
 * where it comes from. Secret inputs get `NoEcho: true`.
 *
 * Naming rule (and description, unless the hint has one): the component hint (`resourceName` +
 * `property`) when the component gave one,
 * else the Pulumi resource that produced the output (its name) and the property of that resource
 * holding the output, else `Input`. Words are PascalCased and stripped to [A-Za-z0-9]; a name
 * already taken (by another parameter or a resource) gets the suffix 2, 3, ... in order of first use.
 */
import type { External } from "../../core/value";

/** A CloudFormation parameter, keys in CDK's order (`CfnParameter`). */
export interface CfnParameterDefinition {
  Type: string;
  Description?: string;
  NoEcho?: boolean;
}

/** Where a Pulumi output comes from, when it is a property of one resource. */
export interface OutputSource {
  /** The resource's Pulumi name. */
  readonly name: string;
  /** The resource's Pulumi type token. */
  readonly type: string;
  /** The resource property holding the output, when the output is one as is (not derived). */
  readonly property?: string;
}

const secretExternals = new WeakSet<External>();
// The export's own facts about an external, kept here so the core's External stays the same
// whatever renders it.
const dynamicReferences = new WeakMap<External, string>();

/**
 * Records that a secret external's value is a CloudFormation dynamic reference
 * (`{{resolve:secretsmanager:...}}`): the template then holds that text, not a parameter.
 */
export function setDynamicReference(e: External, reference: string): void {
  dynamicReferences.set(e, reference);
}

/** The dynamic reference recorded for an external, if any. */
export function dynamicReferenceOf(e: External): string | undefined {
  return dynamicReferences.get(e);
}

/**
 * Plain JSON of a rendered value (tokens in their CloudFormation form), with each external in
 * `forms` written as its form there (`{ Ref: <parameter name> }` or a dynamic reference).
 */
export function templateJson(value: unknown, forms: ReadonlyMap<External, unknown>): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(templateJsonText(value, forms)) as unknown;
}

/** {@link templateJson} as JSON text. */
export function templateJsonText(value: unknown, forms: ReadonlyMap<External, unknown>): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, json: unknown) {
    // The replacer sees what toJSON made; the holder still has the token itself.
    const original = this[key];
    return original !== null && typeof original === "object" && forms.has(original as External)
      ? forms.get(original as External)
      : json;
  });
}

/** Marks an external as secret: its parameter gets `NoEcho`. */
export function markSecret(e: External): void {
  secretExternals.add(e);
}

/** Whether an external is secret (by its hint or by {@link markSecret}). */
export function isSecretExternal(e: External): boolean {
  return secretExternals.has(e) || (e.hint as { secret?: boolean }).secret === true;
}

/**
 * The resource a Pulumi output belongs to: the single resource it depends on, and the property of
 * that resource that holds it (identity), if any. Reads Pulumi's `resources()` and the resource's
 * `__name`/`__pulumiType`, which Pulumi sets on every resource.
 */
export function outputSource(value: unknown): OutputSource | undefined {
  const v = value as { resources?: () => Set<object> } | null;
  if (!v || typeof v !== "object" || typeof v.resources !== "function") return undefined;
  let resources: Set<object>;
  try {
    resources = v.resources();
  } catch {
    return undefined;
  }
  if (!(resources instanceof Set) || resources.size !== 1) return undefined;
  const [res] = resources as Set<Record<string, unknown>>;
  const name = res.__name;
  const type = res.__pulumiType;
  if (typeof name !== "string" || typeof type !== "string") return undefined;
  const property = Object.keys(res).find((k) => !k.startsWith("__") && res[k] === value);
  return { name, type, property };
}

/** Joins words into a PascalCase CloudFormation identifier (alphanumerics only). */
export function pascalIdentifier(words: readonly string[]): string {
  return words
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/))
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/** The parameter name and description an external gets, before de-duplication. */
export function describeExternal(e: External, usedAt: string | undefined): { base: string; description: string } {
  const hint = e.hint;
  const source = outputSource(e.value);
  let base = pascalIdentifier([hint.resourceName ?? "", hint.property ?? ""]);
  if (!base && source) base = pascalIdentifier([source.name, source.property ?? "value"]);
  if (!base) base = "Input";
  if (!/^[A-Za-z]/.test(base)) base = "P" + base;
  base = base.slice(0, 240);

  let description = hint.description;
  if (!description) {
    const hinted = [hint.resourceName, hint.property].filter(Boolean).join(" ");
    const origin =
      hinted ||
      (source
        ? `${source.property ? `"${source.property}" output` : "An output"} of ${source.type} "${source.name}"`
        : "");
    const note = usedAt ? `; used by ${usedAt}` : "";
    description = origin
      ? `${origin} (a Pulumi value outside this template${note})`
      : `A Pulumi value outside this template${usedAt ? ` (used by ${usedAt})` : ""}`;
  }
  return { base, description };
}
