/**
 * Plan runs: what `iamx preview` needs, several times cheaper than a mocked run. The program runs
 * as under mocks (documents render, every Output has a value, `apply()` callbacks run), but the
 * resources of iamx components are not handed to Pulumi's registration (its protobuf round trip
 * through the mock monitor is most of a mocked run's cost). Each one resolves its inputs as the
 * engine would see them (Outputs resolved, secrets wrapped, keys in the order the wire gives
 * them), gets the mocked cloud's state for them, and its output properties resolve from that
 * state, as a mocked registration's would. Other resources go to the mocks as in a mocked run.
 */
import * as pulumi from "@pulumi/pulumi";
import { mockResourceId, mockResourceState, type MockCloudOptions } from "./mock-cloud";
import type { PulumiResource } from "./model-outputs";
import { engineRegistration } from "./transforms";
import { planInputsRendered, resolvePlanInputs } from "../render/pulumi/plan-inputs";
import { OutputImpl } from "./output-class";
import { sharedAccessors } from "./shared-accessors";

/* eslint-disable @typescript-eslint/no-require-imports -- Pulumi's wire (de)serialization and settings, as the mock monitor uses them */
const rpc = require("@pulumi/pulumi/runtime/rpc") as {
  serializeProperties(label: string, props: Record<string, unknown>): Promise<Record<string, unknown>>;
  deserializeProperty(prop: unknown): unknown;
  specialSigKey: string;
  specialSecretSig: string;
};
const settings = require("@pulumi/pulumi/runtime/settings") as {
  getStack(): string;
  getProject(): string;
  awaitStackRegistrations(): Promise<void>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** One resource of a plan run, as the mocked registration would have given it. */
export interface Planned {
  /** The inputs as the engine received them (after transforms). */
  readonly inputs: Record<string, unknown>;
  /** The mocked cloud's state: the output properties. */
  readonly state: Record<string, unknown>;
  /** Pulumi's `retainOnDelete` as the engine applies it (after transforms). */
  readonly retainOnDelete: boolean;
  readonly urn: string;
  readonly id: string | undefined;
}

/** The registration of one resource in a plan run. */
export interface PlanRegistration {
  readonly res: PulumiResource;
  readonly parent: PulumiResource | undefined;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** The props given to Pulumi's `registerResource`. */
  readonly props: Record<string, unknown>;
  /** Its `dependsOn` option. */
  readonly dependsOn?: unknown;
}

const PLANNED = Symbol("iamx.planned");
const MADE = Symbol("iamx.planOutputs");

type WithPlan = PulumiResource & { [PLANNED]?: Promise<Planned>; [MADE]?: Record<string, pulumi.Output<unknown>> };

/**
 * Registers `reg` for a plan run: its output properties resolve once its inputs did (see the file
 * header). The promise gives what the mocks would have been told and answered; it rejects when an
 * input does (a failed registration).
 */
export function planRegister(reg: PlanRegistration, cloud: Required<MockCloudOptions>): Promise<Planned> {
  const res = reg.res as WithPlan;
  const planned = resolvePlanned(reg, cloud);
  // a failure is the run's to report (see run.ts), not an unhandled rejection of every output
  planned.catch(() => undefined);
  res[PLANNED] = planned;
  define(res, "urn");
  if (reg.custom) define(res, "id");
  for (const key of Object.keys(reg.props)) define(res, key);
  return planned;
}

async function resolvePlanned(reg: PlanRegistration, cloud: Required<MockCloudOptions>): Promise<Planned> {
  // as Pulumi's registration: sent once its `dependsOn` inputs resolved (iamx holds its children's
  // until finalize: the options their transforms read may change until then)
  await dependsOnResolved(reg.dependsOn);
  // as Pulumi's registration: stack transforms registered before this one apply to it
  await settings.awaitStackRegistrations();
  await planInputsRendered(reg.props);
  await nextBatch();
  const props = await resolvePlanInputs(reg.props);
  const wire = await rpc.serializeProperties(`resource:${reg.name}[${reg.type}]`, props);
  // The mock monitor receives the props as a protobuf Struct, which orders every object's keys.
  const given: Record<string, unknown> = {};
  for (const key of Object.keys(wire).sort()) {
    const v = rpc.deserializeProperty(sortKeys(wire[key]));
    if (v !== undefined) given[key] = v;
  }
  const { inputs, retainOnDelete } = await engineRegistration(reg.type, reg.name, given);
  const args = { type: reg.type, name: reg.name, inputs, custom: reg.custom, provider: "", id: "" };
  return {
    inputs,
    state: mockResourceState(args, cloud),
    retainOnDelete,
    urn: urnOf(reg),
    id: mockResourceId(args),
  };
}

/**
 * Settles when the promises and Outputs in `dependsOn` resolved, at any depth, as Pulumi waits for
 * them (runtime/dependsOn.ts); the resources in it are not waited for (they need no registration
 * here).
 */
async function dependsOnResolved(dependsOn: unknown): Promise<void> {
  if (Array.isArray(dependsOn)) {
    for (const d of dependsOn) await dependsOnResolved(d);
  } else if (dependsOn instanceof Promise) {
    await dependsOnResolved(await dependsOn);
  } else if (pulumi.Output.isInstance(dependsOn)) {
    await dependsOnResolved(await (dependsOn as unknown as { promise(): Promise<unknown> }).promise());
  }
}

/** How many registrations resolve together (see {@link nextBatch}). */
const BATCH = 64;
const waiting: (() => void)[] = [];
let batchScheduled = false;

/**
 * Waits for this registration's turn. A program's deferred documents all render at finalize, so
 * thousands of registrations would otherwise resolve at once, interleaved: each one's
 * intermediate values would outlive every young-generation collection of the burst and be
 * promoted, and the old generation grows by all of them before it is collected (most of a large
 * preview's peak memory). In batches of {@link BATCH} a turn of the event loop, each batch's
 * garbage dies young. A batch never waits for the one before it to finish (a registration may
 * wait for the outputs of a later one), only for it to have run as far as it could.
 */
function nextBatch(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (batchScheduled) return;
    batchScheduled = true;
    setImmediate(grantBatch);
  });
}

function grantBatch(): void {
  for (const resolve of waiting.splice(0, BATCH)) resolve();
  if (waiting.length > 0) setImmediate(grantBatch);
  else batchScheduled = false;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** The URN the mock monitor would give (the parent's type qualifies the type). */
function urnOf(reg: PlanRegistration): string {
  const parentType = reg.parent?.__pulumiType;
  const type = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${reg.type}` : reg.type;
  return `urn:pulumi:${settings.getStack()}::${settings.getProject()}::${type}::${reg.name}`;
}

/** The accessor of a planned resource's output property. */
const accessorFor = sharedAccessors<WithPlan>(MADE, (res, key) => lazyPlanOutput(res, key));

const SOURCE = Symbol("iamx.planOutputOf");
const KEY = Symbol("iamx.planOutputKey");
const REAL = Symbol("iamx.planOutput");

interface LazyPlanOutput {
  readonly [SOURCE]: WithPlan;
  readonly [KEY]: string;
  [REAL]: pulumi.Output<unknown> | undefined;
}

/**
 * The prototype of {@link lazyPlanOutput}s: to Pulumi's and iamx's checks an Output (what
 * `Output.isInstance` and `instanceof` read, and the members Pulumi's Output never lifts: symbols,
 * `then`, `__` names), and on any other member the real Output, made then ({@link planOutput}).
 */
const LAZY_OUTPUT: object = new Proxy(
  Object.create((OutputImpl as unknown as { prototype: object }).prototype) as object,
  {
    get(_target, prop, receiver: LazyPlanOutput) {
      if (prop === "__pulumiOutput") return true;
      if (typeof prop === "symbol" || prop === "then" || prop.startsWith("__")) return undefined;
      if (prop === "doNotCapture" || prop === "deploymentOnlyModule") return undefined;
      const real = (receiver[REAL] ??= planOutput(receiver[SOURCE], receiver[KEY]));
      return Reflect.get(real, prop) as unknown;
    },
  },
);

/**
 * A planned resource's output property, made into an Output on first use. Components read several
 * outputs of each resource they make (a role's ARN, name and id, for their own outputs) that most
 * programs never use; a pending Output is a dozen promises and closures, this is one small object.
 */
function lazyPlanOutput(res: WithPlan, key: string): pulumi.Output<unknown> {
  const lazy = Object.create(LAZY_OUTPUT) as LazyPlanOutput;
  (lazy as { [SOURCE]: WithPlan })[SOURCE] = res;
  (lazy as { [KEY]: string })[KEY] = key;
  lazy[REAL] = undefined;
  return lazy as unknown as pulumi.Output<unknown>;
}

function define(res: WithPlan, key: string): void {
  Object.defineProperty(res, key, accessorFor(key));
}

/** The Output of one property: its value in the mocked state (a secret wrapper makes it secret). */
function planOutput(res: WithPlan, key: string): pulumi.Output<unknown> {
  const planned = res[PLANNED]!;
  const raw = planned.then((p) => (key === "urn" ? p.urn : key === "id" ? p.id : p.state[key]));
  const secret = (v: unknown): boolean =>
    !!v && typeof v === "object" && (v as Record<string, unknown>)[rpc.specialSigKey] === rpc.specialSecretSig;
  const self = new Set([res as unknown as pulumi.Resource]);
  return new OutputImpl(
    self,
    raw.then((v) => (secret(v) ? (v as { value: unknown }).value : v)),
    raw.then(() => true),
    raw.then(secret),
    Promise.resolve(self),
  );
}
