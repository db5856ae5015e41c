/**
 * Reads the inputs of a construct or call against the package schema before the facade sees them:
 * every value must have its declared type, unknown keys and missing required ones are errors, and
 * eventual values (Outputs) are kept only where the schema allows them (`pulumi.Input<T>` in the
 * facade). Where a value must be known (the schema's `plain`) but arrives as an Output (the engine
 * wraps values that carry dependencies), it is awaited; unknown or secret values there are errors.
 *
 * All problems are reported together as a `pulumi.InputPropertiesError`, which the engine prints
 * with the property paths.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PackageSpec, PropertySpec, TypeSpec } from "../generator/spec";
import { liveComponent } from "./registry";

interface OutputInternals {
  isKnown: Promise<boolean>;
  isSecret: Promise<boolean>;
  promise(): Promise<unknown>;
}

/** What a `#/resources/...` reference must be an instance of, by resource token. */
export type ResourceClasses = ReadonlyMap<string, abstract new (...args: any[]) => pulumi.Resource>;

/** Checks and normalizes `inputs` against an object's properties. Throws InputPropertiesError. */
export async function readInputs(
  schema: PackageSpec,
  classes: ResourceClasses,
  properties: Record<string, PropertySpec>,
  required: readonly string[],
  inputs: Record<string, unknown>,
  what: string,
): Promise<Record<string, any>> {
  const reader = new Reader(schema, classes);
  const result = await reader.object(properties, required, inputs ?? {}, "");
  if (reader.problems.length > 0) {
    throw new pulumi.InputPropertiesError({
      message: `${what}: ${reader.problems.length} invalid input${reader.problems.length > 1 ? "s" : ""}: ${reader.problems
        .map((p) => `${p.propertyPath}: ${p.reason}`)
        .join("; ")}`,
      errors: reader.problems,
    });
  }
  return result ?? {};
}

class Reader {
  public readonly problems: { propertyPath: string; reason: string }[] = [];

  constructor(
    private readonly schema: PackageSpec,
    private readonly classes: ResourceClasses,
  ) {}

  private fail(path: string, reason: string): undefined {
    this.problems.push({ propertyPath: path || "(inputs)", reason });
    return undefined;
  }

  async object(
    properties: Record<string, PropertySpec>,
    required: readonly string[],
    value: unknown,
    path: string,
  ): Promise<Record<string, unknown> | undefined> {
    if (!isPlainObject(value)) return this.fail(path, `expected an object, got ${describe(value)}`);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const spec = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
      const at = join(path, key);
      if (!spec) {
        this.fail(at, `unknown property; expected one of ${Object.keys(properties).join(", ") || "(none)"}`);
        continue;
      }
      const v = await this.value(spec, value[key], at);
      if (v !== undefined) define(out, key, v);
    }
    for (const key of required) {
      if (out[key] === undefined && !this.problems.some((p) => p.propertyPath === join(path, key))) {
        this.fail(join(path, key), "is required");
      }
    }
    return out;
  }

  async value(spec: TypeSpec, value: unknown, path: string): Promise<unknown> {
    if (value === undefined || value === null) return undefined;
    if (pulumi.Output.isInstance(value)) {
      if (!spec.plain && isLeaf(spec)) return value;
      const o = value as unknown as OutputInternals;
      if (!(await o.isKnown)) {
        return this.fail(path, "must be known when the component is built, but it is unknown (as during a preview)");
      }
      if (await o.isSecret) return this.fail(path, "cannot be a secret: the value shapes the policy model");
      return this.value(spec, await o.promise(), path);
    }
    if (spec.$ref !== undefined) return this.ref(spec.$ref, value, path);
    switch (spec.type) {
      case "string":
        return typeof value === "string" ? value : this.fail(path, `expected a string, got ${describe(value)}`);
      case "boolean":
        return typeof value === "boolean" ? value : this.fail(path, `expected a boolean, got ${describe(value)}`);
      case "number":
        return typeof value === "number" && Number.isFinite(value)
          ? value
          : this.fail(path, `expected a number, got ${describe(value)}`);
      case "integer":
        return Number.isInteger(value) ? value : this.fail(path, `expected an integer, got ${describe(value)}`);
      case "array": {
        if (!Array.isArray(value)) return this.fail(path, `expected a list, got ${describe(value)}`);
        const items: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
          const v = await this.value(spec.items!, value[i], `${path}[${i}]`);
          if (v === undefined) {
            if (value[i] === undefined || value[i] === null) this.fail(`${path}[${i}]`, "list items cannot be null");
            continue;
          }
          items.push(v);
        }
        return items;
      }
      case "object": {
        if (!isPlainObject(value)) return this.fail(path, `expected a map, got ${describe(value)}`);
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(value)) {
          const v = await this.value(spec.additionalProperties ?? { type: "string" }, x, join(path, k));
          if (v !== undefined) define(out, k, v);
        }
        return out;
      }
    }
    return this.fail(path, "has a type this provider does not know");
  }

  private async ref(ref: string, value: unknown, path: string): Promise<unknown> {
    if (ref === "pulumi.json#/Any") return value;
    const m = /^#\/(types|resources)\/(.+)$/.exec(ref);
    if (m?.[1] === "resources") return this.resource(m[2], value, path);
    const type = m ? this.schema.types[m[2]] : undefined;
    if (!type) return this.fail(path, `refers to ${ref}, which the schema does not define`);
    if ("enum" in type) {
      const allowed = type.enum.map((e) => e.value);
      return allowed.includes(value as string)
        ? value
        : this.fail(path, `expected one of ${allowed.join(", ")}, got ${describe(value)}`);
    }
    return this.object(type.properties, type.required ?? [], value, path);
  }

  private resource(token: string, value: unknown, path: string): unknown {
    const cls = this.classes.get(token);
    const name = token.split(":").pop();
    const found = typeof value === "string" ? liveComponent(value) : value;
    if (cls && found instanceof cls) return found;
    return this.fail(path, `expected a ${name} of this package, got ${describe(value)}`);
  }
}

function isLeaf(spec: TypeSpec): boolean {
  return (
    spec.$ref === "pulumi.json#/Any" || (spec.type !== undefined && spec.type !== "array" && spec.type !== "object")
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !pulumi.Resource.isInstance(v);
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describe(v: unknown): string {
  if (pulumi.Resource.isInstance(v)) return "a resource of another type";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === "object" && v !== null) return "an object";
  return String(v);
}
