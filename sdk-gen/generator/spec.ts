/**
 * The parts of Pulumi's package schema (PackageSpec) that iamx emits, as TypeScript types. Field
 * names and meanings follow Pulumi's package schema format; only what we use is declared.
 */

/** A reference to a type: primitive, array, map, or named (`$ref`). */
export interface TypeSpec {
  type?: "string" | "number" | "integer" | "boolean" | "array" | "object";
  items?: TypeSpec;
  additionalProperties?: TypeSpec;
  $ref?: string;
  /** When used as an input, the value must be known (no eventual values). */
  plain?: boolean;
}

/** A property of an object, a resource or a function's inputs/outputs. */
export interface PropertySpec extends TypeSpec {
  description?: string;
  /** The value is a Pulumi secret. */
  secret?: boolean;
}

/** An object type: a map of properties and the names of the required ones. */
export interface ObjectTypeSpec {
  type: "object";
  description?: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

/** A string enum type. */
export interface EnumTypeSpec {
  type: "string";
  description?: string;
  enum: { name: string; value: string; description?: string }[];
}

/** A component resource. */
export interface ResourceSpec {
  type: "object";
  description?: string;
  isComponent: true;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs: string[];
  properties: Record<string, PropertySpec>;
  required: string[];
  /** Method name → function token. */
  methods?: Record<string, string>;
}

/** A function; here always a component method (its inputs start with `__self__`). */
export interface FunctionSpec {
  description?: string;
  inputs: ObjectTypeSpec;
  outputs?: ObjectTypeSpec;
}

/** A package schema. */
export interface PackageSpec {
  name: string;
  displayName?: string;
  version: string;
  description?: string;
  keywords?: string[];
  license?: string;
  repository?: string;
  resources: Record<string, ResourceSpec>;
  types: Record<string, ObjectTypeSpec | EnumTypeSpec>;
  functions: Record<string, FunctionSpec>;
  language: Record<string, Record<string, unknown>>;
}
