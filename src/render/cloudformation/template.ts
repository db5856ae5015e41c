/**
 * The program model → a CloudFormation template, as aws-cdk-lib would synthesize it for the same
 * construct tree: resources in construct-tree order with CDK's logical ids, `Ref`/`Fn::GetAtt`
 * between them, `AWS::Partition`/`AWS::AccountId` pseudo parameters, `DependsOn` sorted by
 * construct path, deletion policies; external Pulumi inputs become Parameters (see parameters.ts),
 * and stack outputs that stand for model values become Outputs.
 *
 * Call after finalize(): properties are read from the frozen model. Cost: one rendering of every
 * resource's properties, linear in the template size.
 */
import { ValidationError } from "../../core/errors";
import { External, Reference, aliasOf, hasTokenString, type Value } from "../../core/value";
import { CfnJsonResources } from "./cfn-json";
import { CfnResource, programModel, type ProgramModel } from "./model";
import {
  describeExternal,
  dynamicReferenceOf,
  isSecretExternal,
  markSecret,
  setDynamicReference,
  templateJson,
  templateJsonText,
  type CfnParameterDefinition,
} from "./parameters";
import { visitTokens } from "./tokens";

/** One resource of the template, keys in CDK's order. */
export interface CfnResourceDefinition {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string[];
  UpdateReplacePolicy?: string;
  DeletionPolicy?: string;
}

/** A stack output. */
export interface CfnOutputDefinition {
  Description?: string;
  Value: unknown;
}

/** A CloudFormation template (plain JSON). */
export interface CfnTemplate {
  Description?: string;
  Parameters?: Record<string, CfnParameterDefinition>;
  Resources: Record<string, CfnResourceDefinition>;
  Outputs?: Record<string, CfnOutputDefinition>;
}

/** Options of {@link renderTemplate}. */
export interface RenderTemplateOptions {
  /**
   * Template `Description`.
   * @default none
   */
  readonly description?: string;
  /**
   * The program's stack outputs (as the program returned them, before resolution). Outputs that
   * stand for a model value (a component attribute such as `role.roleArn`) or are plain strings
   * become template Outputs; others are listed in `skippedOutputs`.
   * @default no Outputs
   */
  readonly outputs?: Record<string, unknown>;
}

/** What the model holds, gathered once and shared by the sync and async renderers. */
interface Collected {
  readonly resources: { resource: CfnResource; properties: Record<string, unknown> | undefined }[];
  /** Externals in order of first use, with the display path of the first resource using each. */
  readonly externals: Map<External, string>;
  readonly outputs: { key: string; value: Value }[];
  readonly skippedOutputs: string[];
  readonly notes: string[];
}

/** A rendered template plus what could not be rendered. */
export interface RenderedTemplate {
  readonly template: CfnTemplate;
  /** Stack outputs with no CloudFormation equivalent (not a model value nor a string). */
  readonly skippedOutputs: readonly string[];
  /**
   * What the Pulumi deployment has that the template leaves out, one line each naming the
   * resource (tags on a managed policy, which CloudFormation cannot tag).
   */
  readonly notes: readonly string[];
}

/**
 * Renders the model as a CloudFormation template. Secret externals get `NoEcho` when their hint
 * says so or when {@link scanSecrets} (or {@link renderTemplateAsync}) found them secret.
 */
export function renderTemplate(model: ProgramModel = programModel(), options: RenderTemplateOptions = {}): CfnTemplate {
  return renderTemplateReport(model, options).template;
}

/** Like {@link renderTemplate}, also saying which stack outputs had no CloudFormation equivalent. */
export function renderTemplateReport(
  model: ProgramModel = programModel(),
  options: RenderTemplateOptions = {},
): RenderedTemplate {
  return assemble(collect(model, options), options);
}

/**
 * Like {@link renderTemplate}, but first asks every external Pulumi output whether it is a secret
 * (an async question), so secret outputs become `NoEcho` parameters even without a hint.
 */
export async function renderTemplateAsync(
  model: ProgramModel = programModel(),
  options: RenderTemplateOptions = {},
): Promise<RenderedTemplate> {
  const collected = collect(model, options);
  await markSecretOutputs([...collected.externals.keys()]);
  return assemble(collected, options);
}

/**
 * Finds the externals of the model that are secret Pulumi outputs and marks them (see
 * renderTemplate). Best effort: a resource whose properties cannot render is skipped here (the
 * rendering itself reports it).
 */
export async function scanSecrets(model: ProgramModel = programModel()): Promise<void> {
  const externals = new Set<External>();
  model.withSettings(() => {
    for (const r of model.resources) {
      try {
        if (!r.included) continue;
        visitTokens(r.renderProperties(), (t) => {
          if (t instanceof External) externals.add(t);
        });
      } catch {
        // reported by renderTemplate
      }
    }
  });
  await markSecretOutputs([...externals]);
}

/**
 * Marks the externals that are secret Pulumi outputs. A secret whose value is a CloudFormation
 * dynamic reference (`{{resolve:secretsmanager:...}}`, `{{resolve:ssm-secure:...}}`) is kept as
 * that reference, which CloudFormation resolves at deployment; no other secret value is read.
 */
async function markSecretOutputs(externals: External[]): Promise<void> {
  await Promise.all(
    externals.map(async (e) => {
      const output = e.value as { isSecret?: unknown; promise?: () => Promise<unknown> };
      const isSecret = output.isSecret;
      if (isSecret && typeof (isSecret as PromiseLike<boolean>).then === "function") {
        if (!(await (isSecret as PromiseLike<boolean>))) return;
        markSecret(e);
        const value = typeof output.promise === "function" ? await output.promise() : undefined;
        if (typeof value === "string" && DYNAMIC_REFERENCE.test(value)) setDynamicReference(e, value);
      }
    }),
  );
}

const DYNAMIC_REFERENCE = /^\{\{resolve:(secretsmanager|ssm-secure|ssm):[^{}]+\}\}$/;

const listeners = new Set<(template: CfnTemplate) => void>();

/**
 * Calls `listener` with every template rendered from now on (the test suite checks each one
 * against the CloudFormation schemas this way). Returns a function that removes the listener.
 */
export function onTemplateRendered(listener: (template: CfnTemplate) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function collect(model: ProgramModel, options: RenderTemplateOptions): Collected {
  return model.withSettings(() => collectWithSettings(model, options));
}

function collectWithSettings(model: ProgramModel, options: RenderTemplateOptions): Collected {
  if (model.transformProblems.length > 0) {
    throw new ValidationError(
      "TransformNotExportable",
      `The template cannot carry what Pulumi transforms changed:\n  ${model.transformProblems.join("\n  ")}`,
    );
  }
  const modelled = model.resources.filter((r) => r.included);
  // Maps CloudFormation cannot write in place (token keys, Output blocks) move into CfnJson resources.
  const cfnJson = new CfnJsonResources();
  const rendered = new Map(modelled.map((r) => [r, cfnJson.extract(r.renderProperties(), r)]));
  const included = constructTreeOrder([...modelled, ...cfnJson.resources]);
  assertUniqueLogicalIds(included);
  const emitted = new Set(included);
  const externals = new Map<External, string>();
  const dangling: string[] = [];
  const resources = included.map((resource) => {
    const properties = rendered.has(resource) ? rendered.get(resource) : resource.renderProperties();
    visitTokens(properties, (t) => {
      if (t instanceof External && !externals.has(t)) externals.set(t, resource.displayPath);
      if (t instanceof Reference && t.target instanceof CfnResource && !emitted.has(t.target)) {
        dangling.push(`${resource.displayPath} refers to ${t.target.displayPath}, which is not part of the template`);
      }
    });
    return { resource, properties };
  });
  if (dangling.length > 0) {
    throw new ValidationError("DanglingReference", `The template is inconsistent:\n  ${dangling.join("\n  ")}`);
  }
  const outputs: { key: string; value: Value }[] = [];
  const skippedOutputs: string[] = [];
  for (const [key, raw] of Object.entries(options.outputs ?? {})) {
    const value = typeof raw === "string" ? raw : aliasOf(raw);
    if (value === undefined || holdsSecretAttribute(value)) skippedOutputs.push(key);
    else {
      outputs.push({ key, value });
      visitTokens([value], (t) => {
        if (t instanceof External && !externals.has(t)) externals.set(t, `output ${key}`);
      });
    }
  }
  const lookups = [...externals]
    .filter(([e]) => e.hint.lookup !== undefined && e.hint.exportValue === undefined)
    .map(([e, usedAt]) => `${usedAt} uses ${e.hint.lookup as string}`);
  if (lookups.length > 0) {
    throw new ValidationError(
      "LookupInExport",
      `CloudFormation has no lookups, so the template cannot hold a looked-up value:\n  ${lookups.join("\n  ")}`,
    );
  }
  const notes = included.flatMap((r) => r.exportNotes().map((n) => `${r.displayPath} (${r.type}): ${n}`));
  return { resources, externals, outputs, skippedOutputs, notes };
}

/** Whether a value refers to a secret attribute (an Output of it would print the secret). */
function holdsSecretAttribute(value: Value): boolean {
  let secret = false;
  visitTokens([value], (t) => {
    if (t instanceof Reference && t.target instanceof CfnResource && t.target.isSecretAttribute(t.attribute)) {
      secret = true;
    }
  });
  return secret;
}

function assemble(c: Collected, options: RenderTemplateOptions): RenderedTemplate {
  const taken = new Set([
    ...c.resources.map((r) => r.resource.logicalId),
    ...c.outputs.map((o) => outputLogicalId(o.key)),
  ]);
  const { parameters, forms } = nameParameters(c.externals, taken);

  const resources: Record<string, CfnResourceDefinition> = {};
  for (const { resource, properties } of c.resources) {
    const def: CfnResourceDefinition = { Type: resource.type };
    const props = properties === undefined ? undefined : plainProperties(resource, properties, forms);
    if (props && Object.keys(props).length > 0) def.Properties = props;
    const dependsOn = renderDependsOn(resource);
    if (dependsOn.length > 0) def.DependsOn = dependsOn;
    if (resource.updateReplacePolicy) def.UpdateReplacePolicy = resource.updateReplacePolicy;
    if (resource.deletionPolicy) def.DeletionPolicy = resource.deletionPolicy;
    resources[resource.logicalId] = def;
  }

  let outputs: Record<string, CfnOutputDefinition> | undefined;
  if (c.outputs.length > 0) {
    outputs = {};
    for (const { key, value } of c.outputs) outputs[outputLogicalId(key)] = { Value: templateJson(value, forms) };
  }
  const template: CfnTemplate = {
    ...(options.description ? { Description: options.description } : {}),
    ...(Object.keys(parameters).length > 0 ? { Parameters: parameters } : {}),
    Resources: resources,
    ...(outputs ? { Outputs: outputs } : {}),
  };
  for (const listener of listeners) listener(template);
  return { template, skippedOutputs: c.skippedOutputs, notes: c.notes };
}

/** How a report names an external by its form in the template: the parameter, or the form's JSON. */
function externalName(form: unknown): string {
  if (typeof form === "string") return form;
  const ref = (form as { Ref?: unknown }).Ref;
  return typeof ref === "string" ? ref : JSON.stringify(form);
}

/**
 * What each external becomes in a template: its parameter (named from what it is, numbered only
 * when a name is taken), its dynamic reference, or what the template writes for it itself (an
 * access key's secret: `Fn::GetAtt`, as CDK does). Adds the names it gives to `taken`.
 */
function nameParameters(
  externals: ReadonlyMap<External, string>,
  taken: Set<string>,
): { parameters: Record<string, CfnParameterDefinition>; forms: Map<External, unknown> } {
  const parameters: Record<string, CfnParameterDefinition> = {};
  const forms = new Map<External, unknown>();
  for (const [external, usedAt] of externals) {
    const reference = dynamicReferenceOf(external);
    if (reference !== undefined) {
      forms.set(external, reference);
      continue;
    }
    if (external.hint.exportValue !== undefined) {
      forms.set(external, external.hint.exportValue);
      continue;
    }
    const { base, description } = describeExternal(external, usedAt);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    forms.set(external, { Ref: name });
    parameters[name] = {
      Type: "String",
      Description: description,
      ...(isSecretExternal(external) ? { NoEcho: true } : {}),
    };
  }
  return { parameters, forms };
}

/**
 * The name each external value has in the model's export: its parameter's name, or its dynamic
 * reference (never a secret's value). Externals the template does not hold (used only by roles
 * customizeRoles keeps out, say) get a name the same way, after the template's. Stable: names
 * come from what the value is and the order of first use, never from process-wide counters.
 * When the model cannot be exported, every external is named as if it were not in the template.
 *
 * @param others externals used outside the template, in order of first use.
 */
export function externalNames(
  model: ProgramModel,
  others: readonly External[],
  options: RenderTemplateOptions = {},
): ReadonlyMap<External, string> {
  let c: Collected | undefined;
  try {
    c = collect(model, options);
  } catch {
    // The report still names what it can; the export reports the problem itself.
  }
  const taken = new Set([
    ...(c?.resources.map((r) => r.resource.logicalId) ?? []),
    ...(c?.outputs.map((o) => outputLogicalId(o.key)) ?? []),
  ]);
  const externals = new Map(c?.externals);
  for (const e of others) if (!externals.has(e)) externals.set(e, "");
  const { forms } = nameParameters(externals, taken);
  const names = new Map<External, string>();
  for (const [e, form] of forms) names.set(e, externalName(form));
  return names;
}

/**
 * The plain JSON of a resource's properties. A token string left in them (in a sid, say) has no
 * CloudFormation form: an error naming the resource, never the token's text in the template.
 */
function plainProperties(
  resource: CfnResource,
  properties: Record<string, unknown>,
  forms: ReadonlyMap<External, unknown>,
): Record<string, unknown> {
  const text = templateJsonText(properties, forms);
  if (hasTokenString(text)) {
    throw new ValidationError(
      "UnrenderableToken",
      `${resource.displayPath} (${resource.type}) holds a value given with Token.asString where CloudFormation ` +
        "cannot take one (only actions, resources, principals and condition keys and values can hold them)",
    );
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/** CDK: `DependsOn` lists the emitted resources depended on, sorted by construct path. */
function renderDependsOn(resource: CfnResource): string[] {
  return [...resource.dependsOn]
    .filter((d) => d !== resource && d.included)
    .sort((a, b) => a.path.join("/").localeCompare(b.path.join("/")))
    .map((d) => d.logicalId)
    .filter((id, i, all) => all.indexOf(id) === i);
}

/** A stack output's key as a CloudFormation logical id (CDK: a top-level construct id). */
function outputLogicalId(key: string): string {
  const id = key.replace(/[^A-Za-z0-9]/g, "");
  if (!id) throw new ValidationError("InvalidOutputName", `Stack output "${key}" has no alphanumeric character`);
  return id;
}

/**
 * CDK emits resources in a pre-order walk of the construct tree, children in creation order.
 * Rebuilds that tree from the construct paths (a node's position is that of the first resource
 * created under it) and walks it.
 */
function constructTreeOrder(resources: readonly CfnResource[]): CfnResource[] {
  interface Node {
    children: Map<string, Node>;
    resources: CfnResource[];
  }
  const root: Node = { children: new Map(), resources: [] };
  for (const r of resources) {
    let node = root;
    for (const part of r.path) {
      let child = node.children.get(part);
      if (!child) {
        child = { children: new Map(), resources: [] };
        node.children.set(part, child);
      }
      node = child;
    }
    node.resources.push(r);
  }
  const out: CfnResource[] = [];
  const walk = (node: Node): void => {
    out.push(...node.resources);
    for (const child of node.children.values()) walk(child);
  };
  walk(root);
  return out;
}

function assertUniqueLogicalIds(resources: readonly CfnResource[]): void {
  const seen = new Map<string, CfnResource>();
  const clashes: string[] = [];
  for (const r of resources) {
    const other = seen.get(r.logicalId);
    if (other) {
      clashes.push(
        `${other.displayPath} (${other.type}) and ${r.displayPath} (${r.type}) both get the logical id ${r.logicalId}`,
      );
    } else seen.set(r.logicalId, r);
  }
  if (clashes.length > 0) {
    throw new ValidationError(
      "DuplicateLogicalId",
      `Two resources would have the same CloudFormation logical id; give the components different names:\n  ${clashes.join("\n  ")}`,
    );
  }
}
