// The CloudFormation export: model → template, YAML, and whole-program export.
export * from "./model";
export { logicalIdFromPath } from "./logical-id";
export * from "./template";
export { toCfnYaml, fromCfnYaml } from "./yaml";
export { type CfnParameterDefinition, markSecret } from "./parameters";
export * from "./export";
export * from "./unsupported";
export * from "./limits";
