/**
 * Plain `@pulumi/aws` resources a program makes next to its pulumi-iamx components (a bucket
 * policy, a queue policy, a KMS key, an `aws.iam.Role` of its own), as lint resources: each in the
 * CloudFormation shape of the same thing (src/validate/policy-holders.ts), so every rule reads
 * them as it reads a template. Resources pulumi-iamx makes itself are linted through the program's
 * CloudFormation model, not here.
 */
import { cfnPropertyPath, PULUMI_POLICY_HOLDERS } from "../validate/policy-holders";
import type { SynthesizedResource } from "../runtime/types";
import { isJsonObject } from "./intrinsics";
import type { LintResource } from "./policies";

/** A plain resource to lint, with its path (parents' names, then its own) for `Lint.suppress`. */
export interface PulumiLintResource {
  readonly resource: LintResource;
  readonly path: readonly string[];
  /** A document of it is (or holds) a Pulumi secret: findings must not show its values. */
  readonly secret: boolean;
}

// Pulumi's wire form of a secret, as mocks receive it: { [SECRET_SIG_KEY]: SECRET_SIG, value }.
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The value with secrets unwrapped, and whether it held one. */
function unwrapSecrets(value: unknown): { value: unknown; secret: boolean } {
  if (Array.isArray(value)) {
    const items = value.map(unwrapSecrets);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (!isJsonObject(value)) return { value, secret: false };
  if (value[SECRET_SIG_KEY] === SECRET_SIG) return { value: unwrapSecrets(value.value).value, secret: true };
  let secret = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const u = unwrapSecrets(v);
    out[k] = u.value;
    secret ||= u.secret;
  }
  return { value: out, secret };
}

const key = (type: string | undefined, name: string | undefined) => `${type}::${name}`;

/** Whether the resource or one of its parents is a pulumi-iamx component. */
function iamxOwned(r: SynthesizedResource, byKey: Map<string, SynthesizedResource>): boolean {
  for (let at: SynthesizedResource | undefined = r, n = 0; at && n < 1000; n++) {
    if (at.type.startsWith("iamx:")) return true;
    at = at.parent === undefined ? undefined : byKey.get(key(at.parentType, at.parent));
  }
  return false;
}

function pathOf(r: SynthesizedResource, byKey: Map<string, SynthesizedResource>): string[] {
  const path: string[] = [];
  for (let at: SynthesizedResource | undefined = r, n = 0; at && n < 1000; n++) {
    path.unshift(at.name);
    at = at.parent === undefined ? undefined : byKey.get(key(at.parentType, at.parent));
  }
  return path;
}

/** The program's own resources that hold policy documents (types pulumi-iamx knows), not iamx's. */
export function policyHoldingResources(resources: readonly SynthesizedResource[]): SynthesizedResource[] {
  const byKey = new Map(resources.map((r) => [key(r.type, r.name), r]));
  return resources.filter((r) => r.type in PULUMI_POLICY_HOLDERS && !iamxOwned(r, byKey));
}

/**
 * Sets a CloudFormation property, nested ones (`ResourcePolicy.PolicyDocument`) as nested objects
 * (the Pulumi holders' properties have no list steps).
 */
function setProperty(properties: Record<string, unknown>, property: string, value: unknown): void {
  const keys = cfnPropertyPath(property).map((s) => s.key);
  let at = properties;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    at = isJsonObject(next) ? next : (at[k] = {});
  }
  at[keys[keys.length - 1]] = value;
}

/** The program's own policy-holding resources as lint resources (those with a document set). */
export function pulumiLintResources(resources: readonly SynthesizedResource[]): PulumiLintResource[] {
  const byKey = new Map(resources.map((r) => [key(r.type, r.name), r]));
  const out: PulumiLintResource[] = [];
  for (const r of policyHoldingResources(resources)) {
    const holder = PULUMI_POLICY_HOLDERS[r.type];
    const properties: Record<string, unknown> = {};
    let secret = false;
    for (const p of holder.properties) {
      const unwrapped = unwrapSecrets(r.inputs[p.property]);
      const value = unwrapped.value;
      secret ||= unwrapped.secret;
      if (value === undefined || value === null) continue;
      if (!p.inlineList || !Array.isArray(value)) {
        setProperty(properties, p.cfnProperty, value);
        continue;
      }
      // aws.iam.Role's inlinePolicies: [{ name, policy }] (an entry without a policy removes them all)
      const entries = value
        .filter((e: unknown) => !isJsonObject(e) || (e.policy !== undefined && e.policy !== null))
        .map((e: unknown) => (isJsonObject(e) ? { PolicyName: e.name, PolicyDocument: e.policy } : e));
      if (entries.length > 0) properties[p.cfnProperty] = entries;
    }
    if (Object.keys(properties).length === 0) continue;
    const path = pathOf(r, byKey);
    out.push({
      resource: { logicalId: r.name, type: holder.cfnType, properties, component: path.join("/") },
      path,
      secret,
    });
  }
  return out;
}
