/**
 * Running a user's program offline: one {@link run} for the testing kit, export, preview, lint and
 * report. Every run is a new {@link Program} under Pulumi mocks (no engine, no cloud), in one of
 * two modes:
 *
 * - `mocks`: every resource is registered with the mocks, with resolved inputs and outputs.
 * - `model`: iamx components and their children are not registered at all (the CloudFormation
 *   model is all the export, lint and report need); they get lazily made output properties whose
 *   values are unknown, as in a preview. Registering under mocks costs ~1.5 ms a resource.
 *
 * `auto` (the default) runs model-only and, when the program waits for something a model-only run
 * cannot give (an iamx Output's value), runs it again under mocks: a user never has to choose.
 *
 * `plan` (`iamx preview`) runs as `mocks` but registers iamx resources without Pulumi's
 * registration machinery (plan.ts): the same inputs and outputs, several times cheaper. Its
 * resources are listed in creation order.
 *
 * A run fails closed: it resolves only when the program's function settled, every registration
 * succeeded and every policy rendered. Otherwise it rejects once, with the program's own error or a
 * {@link ProgramRunError} saying what did not finish; rejections Pulumi drops while the program
 * runs become part of that error, never unhandled.
 */
import * as pulumi from "@pulumi/pulumi";
import { programModel } from "../render/cloudformation/model";
import { scanSecrets } from "../render/cloudformation/template";
import { setSecretConfigKeys, trackConfigSecrets } from "../render/pulumi/config-origin";
import { ProgramRunError } from "./errors";
import { mockCall, mockResourceId, mockResourceState, type MockCloudOptions } from "./mock-cloud";
import { lazyTransferProperties } from "./lazy-properties";
import { appliedOutputs, lazyOutput, type PulumiResource } from "./model-outputs";
import {
  plainSerializeProperties,
  plainSerializeProperty,
  plainSerializeResourceProperties,
  type SerializeProperty,
} from "./plain-serialization";
import { planRegister } from "./plan";
import { startProgram, type Program } from "./program";
import { collectRejections } from "./rejections";
import { activeResources, watch, type ActiveResources, type Watched } from "./stall";
import {
  assertNoTransformFailures,
  beginTransformRun,
  endTransformRun,
  engineRegistration,
  noteRegistration,
  noteStackTransform,
  transformUnregistered,
  type EngineRegistration,
  type Registration as TransformRegistration,
} from "./transforms";
import { takeRenderFailures } from "../render/pulumi/values";
import { materializePlanInputs, startPlanInputs } from "../render/pulumi/plan-inputs";
import type { RawSynthesis, SynthesizedResource, SynthesizeOptions } from "./types";

/* eslint-disable @typescript-eslint/no-require-imports -- the runtime module objects themselves must be patched */
const runtimeResource = require("@pulumi/pulumi/runtime/resource") as Record<string, (...args: any[]) => unknown>;
const resourceModule = require("@pulumi/pulumi/resource") as { Resource: { stackTrace(skip?: number): unknown[] } };
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
};
const rpc = require("@pulumi/pulumi/runtime/rpc") as {
  transferProperties: typeof lazyTransferProperties;
  serializeProperty: SerializeProperty;
  serializeResourceProperties: ReturnType<typeof plainSerializeResourceProperties>;
  serializeProperties: ReturnType<typeof plainSerializeProperties>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Options of {@link run}. */
export interface RunOptions extends SynthesizeOptions {
  /**
   * `model`, `mocks`, or `auto`: model-only, then under mocks if the program waits for an iamx
   * Output's value; or `plan`, a cheaper mocked run for previews whose resources are in creation
   * order and whose model is not scanned for secret outputs (see the file header).
   * @default "auto"
   */
  readonly mode?: "model" | "mocks" | "auto" | "plan";
  /**
   * Whether resources' `transforms` also go to Pulumi's SDK, as in a live run (the SDK registers
   * each with its callback server, a gRPC server per run). Offline runs apply transforms
   * themselves (transforms.ts) and Pulumi's mocks call none, so by default the SDK never sees
   * them; only a test of the request the engine would receive needs them.
   * @default false
   */
  readonly sdkTransforms?: boolean;
  /**
   * Whether policy validation's ERROR findings fail the run; `iamx lint` turns it off to report
   * them as findings.
   * @default true
   */
  readonly failOnPolicyErrors?: boolean;
  /**
   * Record where each PolicyStatement is made (the `statementSourceLocations` setting) for this
   * run; lint turns it on for its findings' source locations.
   * @default false
   */
  readonly statementSourceLocations?: boolean;
  /**
   * Whether the model's external values are asked whether they are secret Pulumi outputs (the
   * export's `NoEcho` parameters). Model-only runs cannot tell (their outputs have no value); a
   * plan run for the testing kit asks, `iamx preview` does not need to.
   * @default true in mocked runs, false otherwise
   */
  readonly secretOutputs?: boolean;
}

/** What a run gives. */
export interface RunResult extends RawSynthesis {
  /** The mode the program ran in (`auto` resolved). */
  readonly mode: "model" | "mocks" | "plan";
  /** Creation order of every registered resource (`type::name` → rank). */
  readonly order: ReadonlyMap<string, number>;
  /** In a model-only run: the iamx outputs the program called `apply()` on (their callbacks never ran). */
  readonly appliedOutputs: readonly string[];
}

// Process-wide: Pulumi's mocks and runtime settings are process globals, so runs take turns.
let running: Promise<unknown> = Promise.resolve();

/** Runs `program` offline (see the file header). Runs are serialized. */
export function run(program: () => unknown, options: RunOptions = {}): Promise<RunResult> {
  const next = running.then(() => runAuto(program, options));
  running = next.catch(() => undefined);
  return next;
}

async function runAuto(program: () => unknown, options: RunOptions): Promise<RunResult> {
  const mode = options.mode ?? "auto";
  if (mode !== "auto") return runOnce(program, options, mode);
  let model: RunResult;
  try {
    model = await runOnce(program, options, "model");
  } catch (e) {
    // The program waits for an Output's value: only a mocked run has one.
    if (e instanceof ProgramRunError && e.programPending) return runOnce(program, options, "mocks");
    throw e;
  }
  // The program used an iamx output's value (its apply() callback never ran): what it would have
  // made with it is missing from the model.
  return model.appliedOutputs.length > 0 ? runOnce(program, options, "mocks") : model;
}

type Registration = { type: string; name: string; custom: boolean; parent?: string; parentType?: string };
type Recorded = { -readonly [K in keyof SynthesizedResource]: SynthesizedResource[K] } & { inputs: any; outputs: any };

/** The bookkeeping of one run: what was registered, what is still pending, what failed. */
class RunRecord {
  /** Every registration, in creation order. */
  public readonly created: Recorded[] = [];
  /** Registrations the mocks answered, in the order they did. */
  public readonly mocked: Recorded[] = [];
  /** Sent to the mocks and not answered yet, by `type::name`. */
  public readonly pending = new Map<string, Recorded[]>();
  /** Registrations that failed: `name (type): message`. */
  public readonly failed: string[] = [];
  /** iamx resources a model-only run did not register: their transforms run once it settled. */
  public readonly unregistered: TransformRegistration[] = [];
  /** A plan run's own registrations (plan.ts), settled when each one was answered or failed. */
  public readonly planned: Promise<void>[] = [];

  public register(r: Registration, sentToMocks: boolean): Recorded {
    // one literal shape for every record: cheaper than a spread and Object.assign, on every registration
    const record: Recorded = {
      type: r.type,
      name: r.name,
      custom: r.custom,
      parent: r.parent,
      parentType: r.parentType,
      inputs: {},
      outputs: {},
    };
    if (r.type === "pulumi:pulumi:Stack") return record;
    this.created.push(record);
    if (sentToMocks) {
      const key = `${r.type}::${r.name}`;
      const list = this.pending.get(key);
      if (list) list.push(record);
      else this.pending.set(key, [record]);
    }
    return record;
  }

  public answered(
    args: pulumi.runtime.MockResourceArgs,
    state: Record<string, unknown>,
    retainOnDelete: boolean,
  ): void {
    const key = `${args.type}::${args.name}`;
    const list = this.pending.get(key);
    const record: Recorded = list?.shift() ?? {
      type: args.type,
      name: args.name,
      custom: !!args.custom,
      inputs: {},
      outputs: {},
    };
    if (list && list.length === 0) this.pending.delete(key);
    record.custom = !!args.custom;
    record.inputs = args.inputs;
    record.outputs = state;
    if (args.custom) record.retainOnDelete = retainOnDelete;
    if (args.type !== "pulumi:pulumi:Stack") this.mocked.push(record);
  }

  public registrationFailed(label: string, error: unknown): void {
    // Pulumi's label: resource:<name>[<type>]
    const m = /^resource:(.*)\[([^\]]*)\]$/.exec(label);
    const [name, type] = m ? [m[1], m[2]] : [label, "?"];
    const list = this.pending.get(`${type}::${name}`);
    list?.shift();
    if (list && list.length === 0) this.pending.delete(`${type}::${name}`);
    this.failed.push(`${name} (${type}): ${messageOf(error)}`);
  }

  public pendingNames(): string[] {
    return [...this.pending.values()].flat().map((r) => `${r.name} (${r.type})`);
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Whether a plan run registers `res` itself: iamx components and their children, and the stack
 * (its registration is Pulumi's protobuf round trip for a URN only; its outputs are the run's).
 */
function plannedInRun(res: PulumiResource): boolean {
  return res.__pulumiType === STACK_TYPE || iamxOwned(res);
}

const STACK_TYPE = "pulumi:pulumi:Stack";

function iamxOwned(res: PulumiResource): boolean {
  for (let r: PulumiResource | undefined = res; r; r = r.__parentResource) {
    if (r.__pulumiType && r.__pulumiType.startsWith("iamx:")) return true;
  }
  return false;
}

async function runOnce(
  program: () => unknown,
  options: RunOptions,
  mode: "model" | "mocks" | "plan",
): Promise<RunResult> {
  beginTransformRun({ awaitDependsOn: mode === "plan" });
  try {
    return await runProgram(program, options, mode);
  } finally {
    endTransformRun();
  }
}

async function runProgram(
  program: () => unknown,
  options: RunOptions,
  mode: "model" | "mocks" | "plan",
): Promise<RunResult> {
  // a plan run is a mocked run to the program and the renderers
  const prog = startProgram(mode === "plan" ? "mocks" : mode);
  if (mode === "plan") startPlanInputs();
  prog.validationFailsRun = options.failOnPolicyErrors ?? true;
  if (options.statementSourceLocations) prog.settings.statementSourceLocations = true;
  const cloud = startConfig(options);
  const record = new RunRecord();
  await pulumi.runtime.setMocks(
    {
      newResource(given) {
        const answer = (engine: EngineRegistration) => {
          const args = { ...given, inputs: engine.inputs };
          const state = mockResourceState(args, cloud);
          record.answered(args, state, engine.retainOnDelete);
          return { id: mockResourceId(args) as string, state };
        };
        // The engine applies transforms before the provider sees the inputs; so does the run (transforms.ts).
        const engine = engineRegistration(given.type, given.name, given.inputs);
        return engine instanceof Promise ? engine.then(answer) : answer(engine);
      },
      call: (args) => mockCall(args, cloud),
      registerTransform: noteStackTransform,
    },
    options.project ?? "project",
    options.stack ?? "stack",
    false,
  );
  const baseline = activeResources();
  const restore = patchPulumi(record, mode, cloud, options.sdkTransforms ?? false);
  const rejections = collectRejections();
  let outcome: Outcome;
  let dropped: unknown[];
  try {
    outcome = await execute(program, prog, record, baseline);
  } finally {
    restore();
    dropped = rejections();
  }
  if (outcome.failure !== undefined) {
    prog.lifecycle.abandon();
    throw outcome.failure;
  }
  // A document that could not render is the cause of the registration failure it leads to.
  const renderFailures = takeRenderFailures();
  if (renderFailures.length > 0) throw renderFailures[0];
  const failures = [...record.failed, ...unexplained(dropped, record)];
  if (failures.length > 0) {
    throw new ProgramRunError(
      "RegistrationFailed",
      `The program's resources did not all register:\n${bullets(failures)}`,
      failures,
    );
  }
  if (mode === "model") await transformUnregistered(record.unregistered);
  assertNoTransformFailures();
  const model = programModel();
  model.captureSettings();
  if (options.secretOutputs ?? mode === "mocks") await scanSecrets(model);
  const resources = mode === "mocks" ? record.mocked : record.created;
  const order = new Map(record.created.map((r, i) => [`${r.type}::${r.name}`, i]));
  return {
    resources,
    outputs: outcome.outputs,
    model,
    programOutputs: outcome.programOutputs,
    mode,
    order,
    appliedOutputs: [...appliedOutputs().applied],
  };
}

/** The run's config: fresh per-run state, the config values (secret keys marked), the mocked cloud's answers. */
function startConfig(options: SynthesizeOptions): Required<MockCloudOptions> {
  trackConfigSecrets();
  setSecretConfigKeys(options.secretKeys ?? []);
  pulumi.runtime.setAllConfig(options.config ?? {}, [...(options.secretKeys ?? [])]);
  return {
    account: options.account ?? "123456789012",
    region: options.region ?? "us-east-1",
    partition: options.partition ?? "aws",
  };
}

interface Outcome {
  readonly outputs: Record<string, unknown>;
  readonly programOutputs: Record<string, unknown>;
  /** Why the run failed, if it did: the program's own error, finalize's problems, or what did not finish. */
  readonly failure?: unknown;
}

/** Runs the program in the Pulumi stack, finalizes its policies and waits for every registration. */
async function execute(
  program: () => unknown,
  prog: Program,
  record: RunRecord,
  baseline: ActiveResources,
): Promise<Outcome> {
  let failure: unknown;
  let programOutputs: Record<string, unknown> = {};
  let stackOutputs: unknown;
  const stack = pulumi.runtime.runInPulumiStack(async () => {
    // This function never rejects: a failure is reported once, by the run.
    // apply() calls on iamx outputs count while the program's function runs (not the stack's own
    // handling of the outputs it returned)
    const notes = appliedOutputs();
    notes.programRunning = true;
    const result = Promise.resolve().then(program);
    let settled = await watch(result, baseline);
    notes.programRunning = false;
    if (settled.status === "stalled" && prog.mode === "mocks" && !prog.lifecycle.finalized) {
      // What `pulumi up` does when Node runs out of work: finalize (its beforeExit hook); a program
      // waiting for a resource made at finalize then goes on.
      try {
        prog.lifecycle.finalize();
      } catch (e) {
        failure = e;
        return {};
      }
      settled = await watch(result, baseline);
    }
    if (settled.status === "error") {
      failure = settled.error;
      return {};
    }
    if (settled.status === "stalled") {
      failure = didNotFinish(prog, record, true);
      return {};
    }
    const value = settled.value;
    if (value && typeof value === "object") programOutputs = { ...(value as Record<string, unknown>) };
    try {
      prog.lifecycle.finalize();
    } catch (e) {
      // A failed run has no stack outputs (Pulumi would only warn about the program's value).
      failure = e;
      return {};
    }
    return (value ?? {}) as Record<string, unknown>;
  });
  try {
    stackOutputs = await stack;
  } catch (e) {
    // A stack output failed (an apply() in it threw): the stack rejects with its error. The run
    // still settles its registrations, so that what that failure drops is part of this run.
    failure ??= e;
  }
  const settledRpcs = await settleRegistrations(record, baseline);
  if (failure === undefined && settledRpcs.status === "stalled") failure = didNotFinish(prog, record, false);
  return { outputs: (stackOutputs ?? {}) as Record<string, unknown>, programOutputs, failure };
}

/** Waits until no registration is pending, including ones started inside `apply`. */
async function settleRegistrations(record: RunRecord, baseline: ActiveResources): Promise<Watched<void>> {
  const rt = pulumi.runtime as unknown as { waitForRPCs(): Promise<void> };
  let n = -1;
  let last: Watched<void> = { status: "ok", value: undefined };
  while (n !== record.mocked.length + record.failed.length) {
    n = record.mocked.length + record.failed.length;
    last = await watch(
      Promise.all([rt.waitForRPCs(), ...record.planned]).then(() => undefined),
      baseline,
    );
    if (last.status !== "ok") return last;
    await new Promise((r) => setImmediate(r));
    last = await watch(
      Promise.all([rt.waitForRPCs(), ...record.planned]).then(() => undefined),
      baseline,
    );
    if (last.status !== "ok") return last;
  }
  return last;
}

function didNotFinish(prog: Program, record: RunRecord, programPending: boolean): ProgramRunError {
  const details: string[] = [];
  const lines: string[] = [];
  if (programPending) {
    lines.push(
      "The program did not finish: its function is still waiting, and nothing is left that could wake it " +
        "(no pending timer, I/O or resource registration).",
    );
  } else {
    lines.push("The program did not finish: resources never completed their registration (an input never resolved).");
  }
  const appliedSet = appliedOutputs().applied;
  if (prog.mode === "model" && appliedSet.size > 0) {
    const applied = [...appliedSet];
    details.push(...applied.map((a) => `waits for ${a}`));
    lines.push(
      "In a model-only run iamx outputs have no value; the program called apply() on:\n" +
        bullets(applied) +
        "\nRun it under mocks (--mode mocks, or the default auto mode) to use their values.",
    );
  }
  const pending = record.pendingNames();
  if (pending.length > 0) {
    details.push(...pending.map((p) => `pending registration: ${p}`));
    lines.push(`Resources still waiting to register:\n${bullets(pending)}`);
  }
  return new ProgramRunError("DidNotFinish", lines.join("\n"), details, programPending);
}

function bullets(items: readonly string[], max = 20): string {
  const shown = items.slice(0, max).map((i) => `  - ${i}`);
  if (items.length > max) shown.push(`  - ... and ${items.length - max} more`);
  return shown.join("\n");
}

/** Dropped rejections not already explained by a failed registration (Outputs depending on it reject too). */
function unexplained(dropped: unknown[], record: RunRecord): string[] {
  const known = new Set(record.failed.map((f) => f.slice(f.indexOf("): ") + 3)));
  const out = new Set<string>();
  for (const reason of dropped) {
    const m = messageOf(reason);
    if (![...known].some((k) => m.includes(k) || k.includes(m))) out.add(m);
  }
  return [...out];
}

/**
 * Replaces Pulumi's registration (see the file header for model-only runs), skips the stack
 * traces Pulumi captures for its own bookkeeping, and records failed registrations. Returns the
 * function that restores Pulumi's own.
 */
function patchPulumi(
  record: RunRecord,
  mode: "model" | "mocks" | "plan",
  cloud: Required<MockCloudOptions>,
  sdkTransforms: boolean,
): () => void {
  const originalRegister = runtimeResource.registerResource;
  const originalOutputs = runtimeResource.registerResourceOutputs;
  const originalStackTrace = resourceModule.Resource.stackTrace;
  const originalDebuggable = debuggable.debuggablePromise;
  const originalTransfer = rpc.transferProperties;
  const originalSerializeProperty = rpc.serializeProperty;
  const originalSerializeResource = rpc.serializeResourceProperties;
  const originalSerializeProperties = rpc.serializeProperties;
  runtimeResource.registerResource = function (
    res: PulumiResource,
    parent: PulumiResource | undefined,
    type: string,
    name: string,
    custom: boolean,
    ...rest: unknown[]
  ) {
    const parentInfo =
      parent && parent.__pulumiType !== "pulumi:pulumi:Stack"
        ? { parent: parent.__name, parentType: parent.__pulumiType }
        : { parent: undefined, parentType: undefined };
    const registration = { type, name, custom, ...parentInfo };
    const forTransforms: TransformRegistration = {
      res,
      type,
      name,
      custom,
      props: (rest[2] ?? {}) as TransformRegistration["props"],
      opts: (rest[3] ?? {}) as TransformRegistration["opts"],
    };
    noteRegistration(forTransforms);
    if (mode === "mocks" || (mode === "plan" ? !plannedInRun(res) : !iamxOwned(res))) {
      record.register(registration, true);
      // (a plan run's deferred inputs are Outputs for Pulumi: plan-inputs.ts)
      const props = mode === "plan" ? materializePlanInputs(forTransforms.props) : forTransforms.props;
      if (props !== forTransforms.props) rest[2] = props;
      // the run applies the transforms itself (engineRegistration): the SDK's callback server is waste
      if (!sdkTransforms && forTransforms.opts.transforms?.length) {
        rest[3] = { ...forTransforms.opts, transforms: undefined };
      }
      return originalRegister.call(this, res, parent, type, name, custom, ...rest);
    }
    if (mode === "plan") {
      record.register(registration, true);
      const props = forTransforms.props;
      const dependsOn = forTransforms.opts.dependsOn;
      const planned = planRegister({ res, parent, type, name, custom, props, dependsOn }, cloud).then(
        (p) =>
          record.answered({ type, name, custom, inputs: p.inputs, provider: "", id: "" }, p.state, p.retainOnDelete),
        (e: unknown) => record.registrationFailed(`resource:${name}[${type}]`, e),
      );
      record.planned.push(planned);
      return undefined;
    }
    record.register(registration, false);
    record.unregistered.push(forTransforms);
    const props = (rest[2] ?? {}) as Record<string, unknown>;
    lazyOutput(res, "urn");
    if (custom) lazyOutput(res, "id");
    for (const key of Object.keys(props)) lazyOutput(res, key);
    return undefined;
  };
  if (mode !== "mocks") {
    runtimeResource.registerResourceOutputs = function (res: PulumiResource, outputs: unknown) {
      if (mode === "plan" ? plannedInRun(res) : iamxOwned(res)) return undefined;
      return originalOutputs.call(this, res, outputs);
    };
  }
  // Source positions and promise-leak tracking serve the engine only; formatting a trace maps every
  // frame through source maps (about half the cost of a mocked run). Program errors keep theirs.
  resourceModule.Resource.stackTrace = () => [];
  // Output properties made on first read: most are never read (see lazy-properties.ts)
  rpc.transferProperties = lazyTransferProperties;
  // Plain inputs (most are undefined output properties) serialized without Pulumi's per-value work
  rpc.serializeProperty = plainSerializeProperty(originalSerializeProperty);
  rpc.serializeResourceProperties = plainSerializeResourceProperties(originalSerializeProperty);
  rpc.serializeProperties = plainSerializeProperties(originalSerializeProperty);
  debuggable.debuggablePromise = <T>(p: Promise<T>, ctx: unknown): Promise<T> => {
    // a registration's own promise, which Pulumi drops: its failure is the run's
    if (typeof ctx === "string" && ctx.startsWith("resource:")) {
      p.catch((e: unknown) => record.registrationFailed(ctx, e));
    }
    return p;
  };
  return () => {
    runtimeResource.registerResource = originalRegister;
    runtimeResource.registerResourceOutputs = originalOutputs;
    resourceModule.Resource.stackTrace = originalStackTrace;
    debuggable.debuggablePromise = originalDebuggable;
    rpc.transferProperties = originalTransfer;
    rpc.serializeProperty = originalSerializeProperty;
    rpc.serializeResourceProperties = originalSerializeResource;
    rpc.serializeProperties = originalSerializeProperties;
  };
}
