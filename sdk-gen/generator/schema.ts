/**
 * Facade model → Pulumi package schema. Tokens are `<package>:index:<Name>` (component providers
 * written in Node.js serve the `index` module only); a method is the function
 * `<package>:index:<Component>/<method>` whose first input is `__self__`, the component.
 *
 * Inputs are plain (known when the component is constructed) unless the facade wraps the type in
 * `pulumi.Input<T>`; outputs carry no plain flags. Object types reachable from no component are
 * left out; a type used both as input and output gets its input form.
 */
import { FacadeError, type FacadeModel, type ObjectDecl, type PropertyDecl, type TypeRef } from "./parse";
import type { FunctionSpec, ObjectTypeSpec, PackageSpec, PropertySpec, ResourceSpec, TypeSpec } from "./spec";

/** Package-level fields that do not come from the facade. */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly keywords?: string[];
  readonly license?: string;
  readonly repository?: string;
}

type Mode = "input" | "output";

/** Builds the package schema of the facade. Deterministic: same sources, same JSON. */
export function buildPackageSpec(model: FacadeModel, info: PackageInfo): PackageSpec {
  const token = (name: string) => `${info.name}:index:${name}`;
  const componentNames = new Set(model.components.map((c) => c.name));
  const typeUses = new Map<string, Mode>();

  const typeSpec = (t: TypeRef, mode: Mode): TypeSpec => {
    const plain = mode === "input" && !t.input ? { plain: true } : {};
    switch (t.kind) {
      case "primitive":
        return { type: t.type, ...plain };
      case "any":
        return { $ref: "pulumi.json#/Any", ...plain };
      case "array":
        return { type: "array", items: typeSpec(t.items, mode), ...plain };
      case "map":
        return { type: "object", additionalProperties: typeSpec(t.values, mode), ...plain };
      case "named": {
        if (componentNames.has(t.name)) return { $ref: `#/resources/${token(t.name)}`, ...plain };
        if (model.enums.has(t.name)) {
          typeUses.set(t.name, mode === "input" ? "input" : (typeUses.get(t.name) ?? "output"));
          return { $ref: `#/types/${token(t.name)}`, ...plain };
        }
        const obj = model.object(t.name);
        if (!obj) throw new FacadeError(t.where, `${t.name} is not a facade interface, enum or component`);
        const before = typeUses.get(t.name);
        if (before !== "input" && before !== mode) {
          typeUses.set(t.name, mode === "input" ? "input" : "output");
          for (const p of obj.properties) typeSpec(p.type, mode); // visit what it reaches
        }
        return { $ref: `#/types/${token(t.name)}`, ...plain };
      }
    }
  };

  const properties = (props: PropertyDecl[], mode: Mode): Record<string, PropertySpec> => {
    const out: Record<string, PropertySpec> = {};
    for (const p of props) {
      out[p.name] = {
        ...withDescription(typeSpec(p.type, mode), p.description),
        ...(p.secret ? { secret: true } : {}),
      };
    }
    return out;
  };
  const required = (props: PropertyDecl[]) => props.filter((p) => !p.optional).map((p) => p.name);
  const objectOf = (name: string, where: string): ObjectDecl => {
    const obj = model.object(name);
    if (!obj) throw new FacadeError(where, `${name} must be a facade interface`);
    return obj;
  };

  const resources: Record<string, ResourceSpec> = {};
  const functions: Record<string, FunctionSpec> = {};
  for (const c of [...model.components].sort((a, b) => a.name.localeCompare(b.name))) {
    const args = objectOf(c.args, c.where);
    const outputs = objectOf(c.outputs, c.where);
    const resource: ResourceSpec = {
      type: "object",
      ...(c.description ? { description: c.description } : {}),
      isComponent: true,
      inputProperties: properties(args.properties, "input"),
      requiredInputs: required(args.properties),
      properties: properties(outputs.properties, "output"),
      required: required(outputs.properties),
    };
    if (c.methods) {
      const methods = model.methods(c.methods);
      if (!methods) throw new FacadeError(c.where, `${c.methods} must be an interface of methods`);
      resource.methods = {};
      for (const m of methods) {
        const fnToken = `${token(c.name)}/${m.name}`;
        if (m.args.properties.some((p) => p.name === "__self__")) {
          throw new FacadeError(m.args.where, `${m.name}: __self__ is added by the generator`);
        }
        resource.methods[m.name] = fnToken;
        const fn: FunctionSpec = {
          ...(m.description ? { description: m.description } : {}),
          inputs: {
            type: "object",
            properties: {
              __self__: { $ref: `#/resources/${token(c.name)}` },
              ...properties(m.args.properties, "input"),
            },
            required: ["__self__", ...required(m.args.properties)],
          },
        };
        if (m.result) {
          fn.outputs = {
            type: "object",
            properties: properties(m.result.properties, "output"),
            required: required(m.result.properties),
          };
        }
        functions[fnToken] = fn;
      }
    }
    resources[token(c.name)] = resource;
  }

  const types: PackageSpec["types"] = {};
  for (const name of [...typeUses.keys()].sort()) {
    const en = model.enums.get(name);
    if (en) {
      types[token(name)] = {
        type: "string",
        ...(en.description ? { description: en.description } : {}),
        enum: en.members.map((m) => ({
          name: m.name,
          value: m.value,
          ...(m.description ? { description: m.description } : {}),
        })),
      };
      continue;
    }
    const obj = model.object(name)!;
    const spec: ObjectTypeSpec = {
      type: "object",
      ...(obj.description ? { description: obj.description } : {}),
      properties: properties(obj.properties, typeUses.get(name)!),
      required: required(obj.properties),
    };
    types[token(name)] = spec;
  }

  return {
    name: info.name,
    ...(info.displayName ? { displayName: info.displayName } : {}),
    version: info.version,
    ...(info.description ? { description: info.description } : {}),
    ...(info.keywords ? { keywords: info.keywords } : {}),
    ...(info.license ? { license: info.license } : {}),
    ...(info.repository ? { repository: info.repository } : {}),
    resources,
    types,
    functions,
    language: Object.fromEntries(
      ["csharp", "go", "java", "nodejs", "python"].map((l) => [l, { respectSchemaVersion: true }]),
    ),
  };
}

function withDescription(spec: TypeSpec, description: string | undefined): PropertySpec {
  return description ? { description, ...spec } : spec;
}
