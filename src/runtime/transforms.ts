/**
 * Pulumi resource transforms (`transforms` option, `pulumi.runtime.registerResourceTransform`)
 * applied as the Pulumi engine applies them, for the runs that have no engine: the testing kit,
 * `iamx preview` and the CloudFormation export. Under `pulumi.runtime.setMocks` the Node SDK only
 * hands the transforms to the mocks (a resource's own ones in `newResource`, stack ones to
 * `registerTransform`) and applies none, so without this they would be silently ignored.
 *
 * The engine's order (pulumi/pulumi `pkg/resource/deploy/source_eval.go`, RegisterResource): the
 * resource's own transforms, then each parent's own ones walking up the tree (parent,
 * grandparent, ...), then the stack transforms registered before the registration reached the
 * engine, in registration order. Each gets the props as the engine sees them (outputs resolved,
 * secrets wrapped) and may return new props and options, or undefined for no change.
 *
 * Legacy `transformations` run in the SDK itself (before registration), so Pulumi sees them in
 * every run already; what is tracked here is the props they changed, for the export.
 *
 * Prop changes on resources of iamx components are handed to the CloudFormation model
 * (../render/cloudformation/transformed.ts), which maps them into the template or reports them.
 */
import * as pulumi from "@pulumi/pulumi";
import { modelTagsOf, recordTransformedProps, type PropChange } from "../render/cloudformation/transformed";
import { modelOnlyPlaceholder } from "../render/pulumi/mode";

/* eslint-disable @typescript-eslint/no-require-imports -- Pulumi's wire (de)serialization, as the engine's callbacks use it */
const rpc = require("@pulumi/pulumi/runtime/rpc") as {
  serializeProperties(label: string, props: Record<string, unknown>): Promise<Record<string, unknown>>;
  deserializeProperty(prop: unknown, keepUnknowns?: boolean): unknown;
};
const settings = require("@pulumi/pulumi/runtime/settings") as { awaitStackRegistrations(): Promise<void> };
/* eslint-enable @typescript-eslint/no-require-imports */

const OPTIONS_ONLY = Symbol("pulumi-iamx.optionsOnlyTransform");

/**
 * Marks a synchronous transform that reads and changes resource options only (iamx's removal
 * policy). The offline runs apply such transforms without the cost of the engine's view of the
 * props, and model-only runs skip them (the model has no resource options).
 */
export function optionsOnlyTransform(
  transform: (args: pulumi.ResourceTransformArgs) => pulumi.ResourceTransformResult | undefined,
): pulumi.ResourceTransform {
  (transform as { [OPTIONS_ONLY]?: boolean })[OPTIONS_ONLY] = true;
  return transform;
}

function isOptionsOnly(transform: pulumi.ResourceTransform): boolean {
  return (transform as { [OPTIONS_ONLY]?: boolean })[OPTIONS_ONLY] === true;
}

/** A registration as the engine goes on with it: the props the provider gets, the options it applies. */
export interface EngineRegistration {
  readonly inputs: Record<string, unknown>;
  /** `retainOnDelete` after the transforms (the request's, if none changed it). */
  readonly retainOnDelete: boolean;
}

/** What the SDK's `registerResource` was given for one resource. */
export interface Registration {
  /** The resource object. */
  readonly res: object;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** Props after legacy `transformations` (as registered). */
  readonly props: Record<string, unknown>;
  readonly opts: pulumi.CustomResourceOptions & pulumi.ComponentResourceOptions;
}

interface PulumiResource {
  __name?: string;
  __pulumiType?: string;
  __parentResource?: PulumiResource;
  __transformations?: pulumi.ResourceTransformation[];
}

interface RunState {
  /**
   * Whether {@link engineRegistration} waits for a registration's `dependsOn` first: in a plan run
   * nothing else holds an iamx registration back from the engine as Pulumi's does (see
   * {@link beginTransformRun}).
   */
  readonly awaitDependsOn: boolean;
  readonly registrations: Map<string, Registration>;
  readonly byResource: WeakMap<object, Registration>;
  readonly stack: pulumi.ResourceTransform[];
  /** Errors thrown by transforms, reported when the run ends (see {@link assertNoTransformFailures}). */
  readonly failures: string[];
}

// Per offline run (not per Program: a multi-language provider under test starts a program per
// request inside one run): what was registered, the stack transforms, the failures.
let active: RunState | undefined;

/**
 * Starts the bookkeeping of one offline run (src/runtime/run.ts); {@link endTransformRun} ends it.
 * `awaitDependsOn`: the run registers resources without Pulumi (a plan run), so the engine's side of
 * a registration waits for its `dependsOn` as Pulumi's registration does before the engine sees it
 * (an iamx child's gate until finalize: its removal policy transform reads the final policy).
 */
export function beginTransformRun(options: { readonly awaitDependsOn?: boolean } = {}): void {
  active = newRun(options.awaitDependsOn === true);
}

/** Ends the offline run's bookkeeping: registrations after it are the engine's business. */
export function endTransformRun(): void {
  active = undefined;
}

function newRun(awaitDependsOn = false): RunState {
  return { awaitDependsOn, registrations: new Map(), byResource: new WeakMap(), stack: [], failures: [] };
}

function runState(): RunState {
  return active ?? newRun();
}

/** Whether this run has no engine (the runtime's offline runs), so transforms are ours to apply. */
function offline(): boolean {
  return active !== undefined;
}

/** Records a registration (called from the offline runs' `registerResource` wrapper). */
export function noteRegistration(reg: Registration): void {
  if (!offline() || reg.type === "pulumi:pulumi:Stack") return;
  const run = runState();
  run.registrations.set(`${reg.type}::${reg.name}`, reg);
  run.byResource.set(reg.res, reg);
}

/** Records a stack transform (the mocks' `registerTransform` hook). */
export function noteStackTransform(transform: pulumi.ResourceTransform): void {
  if (offline()) runState().stack.push(transform);
}

/** Fails naming every transform that threw in this run (called once the run settled). */
export function assertNoTransformFailures(): void {
  const run = runState();
  if (run.failures.length === 0) return;
  throw new Error(`A resource transform failed:\n  ${run.failures.join("\n  ")}`);
}

/** The transforms that apply to a resource, in the engine's order (see the file header). */
export function transformsFor(reg: Registration): pulumi.ResourceTransform[] {
  const run = runState();
  const list: pulumi.ResourceTransform[] = [...(reg.opts.transforms ?? [])];
  for (let p = (reg.res as PulumiResource).__parentResource; p; p = p.__parentResource) {
    list.push(...(run.byResource.get(p)?.opts.transforms ?? []));
  }
  list.push(...run.stack);
  return list;
}

/**
 * The mocks' side of a registration (`newResource`): applies the transforms to `inputs` (the props
 * as the engine received them) and returns the props the provider gets and the options the engine
 * applies. Synchronous when nothing applies but options-only transforms. A transform that throws
 * is recorded (see {@link assertNoTransformFailures}) and the untransformed registration is
 * returned, so the run finishes and reports every failure.
 */
export function engineRegistration(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): EngineRegistration | Promise<EngineRegistration> {
  const run = runState();
  const reg = run.registrations.get(`${type}::${name}`);
  if (!reg) return { inputs, retainOnDelete: false };
  const waiting = run.awaitDependsOn ? dependsOnSettled(reg.opts.dependsOn) : undefined;
  if (waiting) return waiting.then(() => applyEngine(reg, type, name, inputs));
  return applyEngine(reg, type, name, inputs);
}

/**
 * Settles when every promise and Output in a `dependsOn` did, as Pulumi's registration waits for
 * them (runtime/dependsOn.ts gatherExplicitDependencies); undefined when it holds none.
 */
function dependsOnSettled(dependsOn: unknown): Promise<void> | undefined {
  if (Array.isArray(dependsOn)) {
    const waits = dependsOn.map(dependsOnSettled).filter((w) => w !== undefined);
    return waits.length > 0 ? Promise.all(waits).then(() => undefined) : undefined;
  }
  if (dependsOn instanceof Promise) return dependsOn.then((v) => dependsOnSettled(v));
  if (pulumi.Output.isInstance(dependsOn)) {
    const value = (dependsOn as unknown as { promise(): Promise<unknown> }).promise();
    return value.then((v) => dependsOnSettled(v));
  }
  return undefined;
}

function applyEngine(
  reg: Registration,
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): EngineRegistration | Promise<EngineRegistration> {
  const transforms = transformsFor(reg);
  const legacy = changedByTransformations(reg);
  if (legacy.length === 0 && transforms.every(isOptionsOnly)) {
    let opts = withoutTransforms(reg.opts);
    for (const transform of transforms) {
      const result = transform({ custom: reg.custom, type, name, props: inputs, opts });
      opts = (result as pulumi.ResourceTransformResult | undefined)?.opts ?? opts;
    }
    return { inputs, retainOnDelete: opts.retainOnDelete === true };
  }
  return (async () => {
    const changes = await legacyChanges(reg, legacy, inputs, false);
    const out = await applyTransforms(reg, transforms, inputs, changes, false);
    report(reg, changes);
    return out;
  })();
}

/**
 * The model-only run's side: iamx resources never reach the mocks there, so once the program
 * ran and its policies were finalized (when an iamx resource's registration would reach the
 * engine: its inputs resolve at finalize), each one gets its transforms here. Only the model
 * needs the result.
 */
export async function transformUnregistered(regs: Iterable<Registration>): Promise<void> {
  await settings.awaitStackRegistrations();
  for (const reg of regs) {
    const transforms = transformsFor(reg).filter((t) => !isOptionsOnly(t));
    const legacy = changedByTransformations(reg);
    if (transforms.length === 0 && legacy.length === 0) continue;
    const inputs = await engineView(withModelTags(reg), true);
    const changes = await legacyChanges(reg, legacy, inputs, true);
    await applyTransforms(reg, transforms, inputs, changes, true);
    report(reg, changes);
  }
}

/** The props of a model-only registration, with the tags the model decided in place of the placeholder. */
function withModelTags(reg: Registration): Record<string, unknown> {
  if (reg.props.tags !== modelOnlyPlaceholder()) return reg.props;
  return { ...reg.props, tags: modelTagsOf(reg.res) };
}

async function applyTransforms(
  reg: Registration,
  transforms: pulumi.ResourceTransform[],
  inputs: Record<string, unknown>,
  changes: Map<string, PropChange>,
  keepUnknowns: boolean,
): Promise<EngineRegistration> {
  let props = inputs;
  let opts: pulumi.CustomResourceOptions = withoutTransforms(reg.opts);
  for (const transform of transforms) {
    let result: pulumi.ResourceTransformResult | undefined;
    try {
      result = await transform({ custom: reg.custom, type: reg.type, name: reg.name, props, opts });
    } catch (e) {
      runState().failures.push(`${reg.type} "${reg.name}": ${e instanceof Error ? e.message : String(e)}`);
      return { inputs, retainOnDelete: reg.opts.retainOnDelete === true };
    }
    if (result === undefined) continue;
    const next = await engineView(result.props ?? {}, keepUnknowns);
    for (const key of new Set([...Object.keys(props), ...Object.keys(next)])) {
      if (sameValue(props[key], next[key])) continue;
      const before = changes.get(key)?.before ?? inputs[key];
      changes.set(key, { key, before, after: next[key], raw: result.props?.[key], via: "transforms" });
    }
    props = next;
    opts = result.opts ?? opts;
  }
  for (const [key, change] of changes) if (sameValue(change.before, change.after)) changes.delete(key);
  return { inputs: props, retainOnDelete: opts.retainOnDelete === true };
}

function report(reg: Registration, changes: Map<string, PropChange>): void {
  if (changes.size === 0 || !reg.custom) return;
  recordTransformedProps(reg.res, reg.type, reg.name, [...changes.values()]);
}

/** What the engine sees of `props`: outputs resolved, secrets wrapped, unknowns kept or dropped. */
async function engineView(props: Record<string, unknown>, keepUnknowns: boolean): Promise<Record<string, unknown>> {
  const wire = await rpc.serializeProperties("transform", props);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wire)) {
    const v = rpc.deserializeProperty(value, keepUnknowns);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function withoutTransforms(opts: Registration["opts"]): pulumi.CustomResourceOptions {
  const copy: Record<string, unknown> = { ...opts };
  delete copy.transforms;
  delete copy.transformations;
  return copy as pulumi.CustomResourceOptions;
}

// ---- legacy `transformations`: props as the component made them, before any transformation ----

const ORIGINAL = new WeakMap<object, Record<string, unknown>>();

/**
 * Installs, on an iamx component, the first transformation its children run: it keeps a copy of
 * each child's props as the component made them, so the props legacy `transformations` changed
 * can be found (and exported, or reported). Records only during offline runs.
 */
export function keepOriginalProps(component: pulumi.Resource): void {
  const r = component as unknown as PulumiResource;
  const keep: pulumi.ResourceTransformation = (args) => {
    // Only a transformation of someone else's can change the props: with none on the resource, no copy.
    if (offline() && !ORIGINAL.has(args.resource) && othersTransform(args.resource)) {
      ORIGINAL.set(args.resource, { ...args.props });
    }
    return undefined;
  };
  (keep as { [OURS]?: boolean })[OURS] = true;
  r.__transformations = [keep, ...(r.__transformations ?? [])];
}

const OURS = Symbol("pulumi-iamx.keepOriginalProps");

/** Whether a resource's legacy transformations (its own, its parents', the stack's) include one not ours. */
function othersTransform(resource: unknown): boolean {
  const list = (resource as PulumiResource).__transformations;
  // (a Pulumi that keeps the list elsewhere: copy, as if there were)
  return !Array.isArray(list) || list.some((t) => !(t as { [OURS]?: boolean })[OURS]);
}

/**
 * Whether resources made under `component` from now on go through legacy transformations other
 * than {@link keepOriginalProps} (the component's, its parents' or the stack's). Model-only runs
 * then render the inputs those transformations read (tags) instead of unknown placeholders.
 */
export function hasLegacyTransformations(component: pulumi.Resource): boolean {
  const list = (component as unknown as PulumiResource).__transformations ?? [];
  return list.some((t) => !(t as { [OURS]?: boolean })[OURS]);
}

/** The keys whose value legacy transformations replaced (compared by identity). */
function changedByTransformations(reg: Registration): string[] {
  const original = ORIGINAL.get(reg.res);
  if (!original) return [];
  const keys = new Set([...Object.keys(original), ...Object.keys(reg.props)]);
  return [...keys].filter((k) => original[k] !== reg.props[k]);
}

async function legacyChanges(
  reg: Registration,
  keys: string[],
  inputs: Record<string, unknown>,
  keepUnknowns: boolean,
): Promise<Map<string, PropChange>> {
  const changes = new Map<string, PropChange>();
  if (keys.length === 0) return changes;
  const original = ORIGINAL.get(reg.res)!;
  const before = await engineView(Object.fromEntries(keys.map((k) => [k, original[k]])), keepUnknowns);
  for (const key of keys) {
    if (sameValue(before[key], inputs[key])) continue;
    changes.set(key, { key, before: before[key], after: inputs[key], raw: reg.props[key], via: "transformations" });
  }
  return changes;
}

/** Deep equality of engine-view values (plain JSON, secret wrappers, the unknown sentinel). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
