/**
 * Our own JSON Schema (draft-07) for Pulumi package schemas: the structural rules of the format
 * (token and name syntax, the five forms of a type reference, the keys each definition may have),
 * written for this project from Pulumi's package-schema documentation and checked with ajv.
 *
 * It is NOT Pulumi's metaschema (pkg/codegen/schema/pulumi.json in pulumi/pulumi): no npm package
 * ships a copy, and this project's machines reach only the npm and Debian registries. It is
 * stricter where that is cheap (a type reference must be exactly one form; unions are rejected
 * because iamx emits none) and covers the parts of the format iamx uses. `validatePackageSpec`
 * adds the cross-reference checks a JSON Schema cannot express. See sdk-gen/README.md.
 */

const TOKEN = "^[a-zA-Z][-a-zA-Z0-9_]*:([^0-9:][a-zA-Z0-9._/-]*)?:[^0-9:][a-zA-Z0-9._/-]*$";
const NAME = "^[a-zA-Z][-a-zA-Z0-9_]*$";
const SEMVER =
  "^v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)" +
  "(-((0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(\\.(0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?" +
  "(\\+[0-9a-zA-Z-]+(\\.[0-9a-zA-Z-]+)*)?$";
const PRIMITIVES = ["boolean", "integer", "number", "string"];

/** Keys a type reference may carry besides its form's own keys. */
const TYPE_KEYS = ["type", "items", "additionalProperties", "$ref", "oneOf", "discriminator", "plain"];
const PROPERTY_KEYS = [
  ...TYPE_KEYS,
  "description",
  "const",
  "default",
  "defaultInfo",
  "deprecationMessage",
  "language",
  "secret",
  "replaceOnChanges",
  "willReplaceOnChanges",
];

const has = (key: string) => ({ required: [key] });

/** A type reference is exactly one of: primitive, array, map, named (`$ref`). */
const typeShape = {
  type: "object",
  properties: {
    plain: { type: "boolean" },
    items: { $ref: "#/definitions/typeSpec" },
    additionalProperties: { $ref: "#/definitions/typeSpec" },
    $ref: { type: "string", minLength: 1 },
  },
  oneOf: [
    {
      properties: { type: { enum: PRIMITIVES } },
      required: ["type"],
      not: { anyOf: [has("items"), has("additionalProperties"), has("$ref"), has("oneOf")] },
    },
    {
      properties: { type: { const: "array" } },
      required: ["type", "items"],
      not: { anyOf: [has("additionalProperties"), has("$ref"), has("oneOf")] },
    },
    {
      properties: { type: { const: "object" } },
      required: ["type"],
      not: { anyOf: [has("items"), has("$ref"), has("oneOf")] },
    },
    {
      required: ["$ref"],
      not: { anyOf: [has("items"), has("additionalProperties"), has("oneOf")] },
    },
  ],
};

const objectTypeKeys = ["type", "description", "properties", "required", "language", "isOverlay"];

/** The rules, as a JSON Schema document. */
export const PACKAGE_RULES = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "pulumi-iamx/package-schema-rules.json",
  title: "Structural rules of a Pulumi package schema (pulumi-iamx's own, subset)",
  type: "object",
  required: ["name", "version"],
  additionalProperties: false,
  properties: {
    name: { type: "string", pattern: NAME },
    displayName: { type: "string" },
    version: { type: "string", pattern: SEMVER },
    description: { type: "string" },
    keywords: { type: "array", items: { type: "string" } },
    homepage: { type: "string" },
    license: { type: "string" },
    attribution: { type: "string" },
    repository: { type: "string" },
    logoUrl: { type: "string" },
    pluginDownloadURL: { type: "string" },
    publisher: { type: "string" },
    namespace: { type: "string", pattern: "^([a-z][a-z0-9]*)(-[a-z0-9]+)*$" },
    meta: { type: "object" },
    config: { type: "object" },
    dependencies: {
      type: "array",
      items: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string", pattern: NAME }, version: { type: "string", pattern: SEMVER } },
      },
    },
    provider: { $ref: "#/definitions/resourceSpec" },
    types: {
      type: "object",
      propertyNames: { pattern: TOKEN },
      additionalProperties: { $ref: "#/definitions/complexTypeSpec" },
    },
    resources: {
      type: "object",
      propertyNames: { pattern: TOKEN },
      additionalProperties: { $ref: "#/definitions/resourceSpec" },
    },
    functions: {
      type: "object",
      propertyNames: { pattern: TOKEN },
      additionalProperties: { $ref: "#/definitions/functionSpec" },
    },
    language: {
      type: "object",
      propertyNames: { enum: ["csharp", "go", "java", "nodejs", "python"] },
      additionalProperties: { type: "object" },
    },
    allowedPackageNames: { type: "array", items: { type: "string" } },
  },
  definitions: {
    typeSpec: {
      allOf: [typeShape],
      propertyNames: { enum: TYPE_KEYS },
    },
    propertySpec: {
      allOf: [typeShape],
      propertyNames: { enum: PROPERTY_KEYS },
      properties: {
        description: { type: "string" },
        const: { type: ["boolean", "number", "string"] },
        default: { type: ["boolean", "number", "string"] },
        deprecationMessage: { type: "string" },
        language: { type: "object" },
        secret: { type: "boolean" },
        replaceOnChanges: { type: "boolean" },
        willReplaceOnChanges: { type: "boolean" },
      },
    },
    properties: {
      type: "object",
      propertyNames: { pattern: "^[a-zA-Z_][a-zA-Z0-9_]*$" },
      additionalProperties: { $ref: "#/definitions/propertySpec" },
    },
    names: { type: "array", items: { type: "string" }, uniqueItems: true },
    objectTypeSpec: {
      type: "object",
      propertyNames: { enum: objectTypeKeys },
      properties: {
        type: { const: "object" },
        description: { type: "string" },
        properties: { $ref: "#/definitions/properties" },
        required: { $ref: "#/definitions/names" },
        language: { type: "object" },
        isOverlay: { type: "boolean" },
      },
    },
    enumTypeSpec: {
      type: "object",
      required: ["type", "enum"],
      propertyNames: { enum: ["type", "description", "enum", "language", "isOverlay"] },
      properties: {
        type: { enum: PRIMITIVES },
        description: { type: "string" },
        enum: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            required: ["value"],
            propertyNames: { enum: ["name", "value", "description", "deprecationMessage"] },
            properties: {
              name: { type: "string", pattern: "^[a-zA-Z_][a-zA-Z0-9_]*$" },
              value: { type: ["boolean", "integer", "number", "string"] },
              description: { type: "string" },
              deprecationMessage: { type: "string" },
            },
          },
        },
      },
    },
    complexTypeSpec: {
      oneOf: [
        { allOf: [{ $ref: "#/definitions/objectTypeSpec" }], required: ["type"] },
        { $ref: "#/definitions/enumTypeSpec" },
      ],
    },
    resourceSpec: {
      type: "object",
      propertyNames: {
        enum: [
          ...objectTypeKeys,
          "inputProperties",
          "requiredInputs",
          "stateInputs",
          "aliases",
          "deprecationMessage",
          "isComponent",
          "methods",
        ],
      },
      properties: {
        type: { const: "object" },
        description: { type: "string" },
        properties: { $ref: "#/definitions/properties" },
        required: { $ref: "#/definitions/names" },
        inputProperties: { $ref: "#/definitions/properties" },
        requiredInputs: { $ref: "#/definitions/names" },
        stateInputs: { $ref: "#/definitions/objectTypeSpec" },
        aliases: { type: "array" },
        deprecationMessage: { type: "string" },
        isComponent: { type: "boolean" },
        methods: {
          type: "object",
          propertyNames: { pattern: "^[a-zA-Z_][a-zA-Z0-9_]*$" },
          additionalProperties: { type: "string", pattern: TOKEN },
        },
      },
    },
    functionSpec: {
      type: "object",
      propertyNames: {
        enum: [
          "description",
          "inputs",
          "outputs",
          "multiArgumentInputs",
          "deprecationMessage",
          "language",
          "isOverlay",
        ],
      },
      properties: {
        description: { type: "string" },
        inputs: { $ref: "#/definitions/objectTypeSpec" },
        outputs: { $ref: "#/definitions/objectTypeSpec" },
        multiArgumentInputs: { $ref: "#/definitions/names" },
        deprecationMessage: { type: "string" },
      },
    },
  },
} as const;
