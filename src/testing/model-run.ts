/**
 * The fast way to run a program for the CloudFormation export: the program runs as usual, but iamx
 * components and their @pulumi/aws children are not registered with Pulumi at all (the model is
 * all the export needs), and documents are not rendered for Pulumi. Registering resources under
 * mocks costs ~1.5 ms per resource, which would make the export as slow as CDK (DESIGN.md §8).
 *
 * How: while the program runs, Pulumi's `registerResource` / `registerResourceOutputs` are
 * replaced by versions that, for a resource of an iamx component (type `iamx:*` or anywhere below
 * one), only record it and give it lazily created output properties whose values are unknown (as
 * in a preview). Every other resource (a raw bucket, a provider) is registered with the mocks as in
 * {@link synthesizeRaw}. Source-position stack traces, which Pulumi captures for every resource,
 * are skipped. Results equal the mocked run's for programs that do not create iamx components
 * inside `apply()` of iamx outputs (those callbacks do not run here, as in a preview).
 */
import * as pulumi from "@pulumi/pulumi";
import { finalize } from "../render/pulumi/lifecycle";
import { setModelOnly } from "../render/pulumi/mode";
import { programModel } from "../render/cloudformation/model";
import { mockCall, mockResourceId, mockResourceState } from "./mock-cloud";
import type { RawSynthesis, SynthesizedResource, SynthesizeOptions } from "./synthesize";
import { beginRun, serialized } from "./synthesize";
import {
  assertNoTransformFailures,
  engineInputs,
  noteRegistration,
  noteStackTransform,
  trackRegistrations,
  transformUnregistered,
  type Registration,
} from "../render/pulumi/transforms";

/* eslint-disable @typescript-eslint/no-require-imports -- the runtime module object itself must be patched */
const runtimeResource = require("@pulumi/pulumi/runtime/resource") as Record<string, (...args: any[]) => unknown>;
const resourceModule = require("@pulumi/pulumi/resource") as { Resource: { stackTrace(skip?: number): unknown[] } };
/* eslint-enable @typescript-eslint/no-require-imports */

interface PulumiResource {
  __name?: string;
  __pulumiType?: string;
  __parentResource?: PulumiResource;
  [key: string]: unknown;
}

const IAMX = /^iamx:/;

/** Pulumi's Output class: (resources, value promise, isKnown, isSecret, all resources). Its type declares no constructor. */
const OutputImpl = pulumi.Output as unknown as new (
  resources: Set<pulumi.Resource>,
  value: Promise<unknown>,
  isKnown: Promise<boolean>,
  isSecret: Promise<boolean>,
  allResources: Promise<Set<pulumi.Resource>>,
) => pulumi.Output<unknown>;

function iamxOwned(res: PulumiResource): boolean {
  for (let r: PulumiResource | undefined = res; r; r = r.__parentResource) {
    if (r.__pulumiType && IAMX.test(r.__pulumiType)) return true;
  }
  return false;
}

/** The outputs made so far for a resource's lazy properties (see {@link lazyOutput}). */
const MADE = Symbol("iamx.lazyOutputs");

/** One accessor per property name, shared by every resource (see {@link lazyOutput}). */
const accessors = new Map<string, PropertyDescriptor>();

function accessorFor(key: string): PropertyDescriptor {
  let d = accessors.get(key);
  if (!d) {
    d = {
      configurable: true,
      enumerable: true,
      get(this: PulumiResource) {
        const made = ((this as Record<symbol, Record<string, unknown>>)[MADE] ??= Object.create(null));
        return (made[key] ??= unknownOutput(this));
      },
      set(this: PulumiResource, value: unknown) {
        ((this as Record<symbol, Record<string, unknown>>)[MADE] ??= Object.create(null))[key] = value;
      },
    };
    accessors.set(key, d);
  }
  return d;
}

/** An Output with an unknown value that depends on `res`, as in a preview. */
function unknownOutput(res: PulumiResource): pulumi.Output<unknown> {
  return new OutputImpl(
    new Set([res as unknown as pulumi.Resource]),
    Promise.resolve(undefined),
    Promise.resolve(false),
    Promise.resolve(false),
    Promise.resolve(new Set([res as unknown as pulumi.Resource])),
  );
}

/**
 * Defines `key` on `res` as an Output made on first read (unknown value, depends on `res`). The
 * accessor is the same function for every resource: accessors of their own would put every
 * resource object in V8's slow dictionary mode, which costs ~1.5 KB each.
 */
function lazyOutput(res: PulumiResource, key: string): void {
  Object.defineProperty(res, key, accessorFor(key));
}

/**
 * Wraps a program so that it records the order it creates resources in (`type::name` → rank): a
 * mocked run lists resources in the order their inputs resolved, which can differ.
 */
export function recordingConstructionOrder(program: () => unknown): {
  program: () => unknown;
  order: Map<string, number>;
} {
  const order = new Map<string, number>();
  return {
    order,
    program: () => {
      pulumi.runtime.registerStackTransformation((t) => {
        const key = `${t.type}::${t.name}`;
        if (!order.has(key)) order.set(key, order.size);
        return undefined;
      });
      return program();
    },
  };
}

/** Runs `program` model-only (see the file header); resolves like {@link synthesizeRaw}, resources in creation order. */
export function runModelOnly(program: () => unknown, options: SynthesizeOptions = {}): Promise<RawSynthesis> {
  return serialized(() => runOnce(program, options));
}

async function runOnce(program: () => unknown, options: SynthesizeOptions): Promise<RawSynthesis> {
  const cloud = beginRun(options);

  const registered: (SynthesizedResource & { inputs: any; outputs: any })[] = [];
  const mocked = new Map<string, SynthesizedResource>();
  await pulumi.runtime.setMocks(
    {
      newResource(given) {
        const record = (args: pulumi.runtime.MockResourceArgs) => {
          const state = mockResourceState(args, cloud);
          const r = mocked.get(`${args.type}::${args.name}`);
          if (r) Object.assign(r, { inputs: args.inputs, outputs: state });
          return { id: mockResourceId(args) as string, state };
        };
        const inputs = engineInputs(given.type, given.name, given.inputs);
        return inputs instanceof Promise ? inputs.then((i) => record({ ...given, inputs: i })) : record(given);
      },
      call: (args) => mockCall(args, cloud),
      registerTransform: noteStackTransform,
    },
    options.project ?? "project",
    options.stack ?? "stack",
    false,
  );

  // iamx resources never reach the mocks: their transforms run once the program is done.
  const unregistered: Registration[] = [];
  const originalRegister = runtimeResource.registerResource;
  const originalOutputs = runtimeResource.registerResourceOutputs;
  const originalStackTrace = resourceModule.Resource.stackTrace;
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
    const record = { type, name, custom, ...parentInfo, inputs: {}, outputs: {} };
    if (type !== "pulumi:pulumi:Stack") registered.push(record);
    const registration: Registration = {
      res,
      type,
      name,
      custom,
      props: (rest[2] ?? {}) as Registration["props"],
      opts: (rest[3] ?? {}) as Registration["opts"],
    };
    noteRegistration(registration);
    if (!iamxOwned(res)) {
      mocked.set(`${type}::${name}`, record);
      return originalRegister.call(this, res, parent, type, name, custom, ...rest);
    }
    unregistered.push(registration);
    const props = (rest[2] ?? {}) as Record<string, unknown>;
    lazyOutput(res, "urn");
    if (custom) lazyOutput(res, "id");
    for (const key of Object.keys(props)) lazyOutput(res, key);
    return undefined;
  };
  runtimeResource.registerResourceOutputs = function (res: PulumiResource, outputs: unknown) {
    if (iamxOwned(res)) return undefined;
    return originalOutputs.call(this, res, outputs);
  };
  resourceModule.Resource.stackTrace = () => [];
  setModelOnly(true);
  trackRegistrations(true);

  let programOutputs: Record<string, unknown> = {};
  try {
    const stackOutputs = await pulumi.runtime.runInPulumiStack(async () => {
      const result = await program();
      if (result && typeof result === "object") programOutputs = { ...(result as Record<string, unknown>) };
      finalize();
      return (result ?? {}) as Record<string, unknown>;
    });
    const model = programModel();
    model.captureSettings();
    await settle();
    await transformUnregistered(unregistered);
    assertNoTransformFailures();
    return { resources: registered, outputs: (stackOutputs ?? {}) as Record<string, unknown>, model, programOutputs };
  } finally {
    trackRegistrations(false);
    setModelOnly(false);
    runtimeResource.registerResource = originalRegister;
    runtimeResource.registerResourceOutputs = originalOutputs;
    resourceModule.Resource.stackTrace = originalStackTrace;
  }
}

async function settle(): Promise<void> {
  const rt = pulumi.runtime as unknown as { waitForRPCs(): Promise<void> };
  await rt.waitForRPCs();
  await new Promise((r) => setImmediate(r));
  await rt.waitForRPCs();
}
