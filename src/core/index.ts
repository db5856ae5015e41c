// The policy model: pure TypeScript, no Pulumi or CloudFormation knowledge.
export * from "./errors";
export * from "./value";
export * from "./settings";
export {
  actionCatalogueVersion,
  actionExists,
  actionsOfService,
  checkAction,
  expandAction,
  isKnownService,
  knownServices,
  type ActionProblem,
  type ActionProblemKind,
} from "./actions";
export * from "./conditions";
export * from "./statement";
export * from "./document";
export * from "./merge";
export * from "./postprocess";
export * from "./principals";
