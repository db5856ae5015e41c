/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` — no engine, no cloud — and returns every
 * resource it registered, with resolved inputs and outputs. Each call is isolated: it starts a new
 * program (settings, lifecycle, model), so tests can synthesize many programs in one process.
 */
import { startProgramRun } from "../components/program-run";
import * as pulumi from "@pulumi/pulumi";
import { finalize } from "../render/pulumi/lifecycle";
import { programModel, type ProgramModel } from "../render/cloudformation/model";
import { scanSecrets } from "../render/cloudformation/template";
import { setSecretConfigKeys, trackConfigSecrets } from "../render/pulumi/config-origin";
import { takeRenderFailures } from "../render/pulumi/values";
import { skipPulumiStackTraces } from "./cheap-traces";
import { mockCall, mockResourceId, mockResourceState, type MockCloudOptions } from "./mock-cloud";
import {
  assertNoTransformFailures,
  engineInputs,
  noteStackTransform,
  watchRegistrations,
} from "../render/pulumi/transforms";

/** One resource the program registered. */
export interface SynthesizedResource {
  /** Pulumi type token, e.g. `aws:iam/role:Role` or `iamx:index:Role`. */
  readonly type: string;
  readonly name: string;
  /** Name of the parent resource (undefined for the stack's direct children). */
  readonly parent?: string;
  /** Type of the parent resource. */
  readonly parentType?: string;
  /** Whether it is a real cloud resource (false for components). */
  readonly custom: boolean;
  /** Inputs as the engine would receive them (Outputs resolved; secrets unwrapped as the engine sees them). */
  readonly inputs: Record<string, any>;
  /** Outputs the mocked cloud returned. */
  readonly outputs: Record<string, any>;
}

export interface SynthesizeOptions extends MockCloudOptions {
  /**
   * Pulumi config for the run, e.g. `{ "iamx:minimizePolicies": "false" }`.
   * @default none
   */
  readonly config?: Record<string, string>;
  /**
   * Project name.
   * @default "project"
   */
  readonly project?: string;
  /**
   * Stack name.
   * @default "stack"
   */
  readonly stack?: string;
  /**
   * Config keys whose values are secrets (`config.requireSecret` gives secret outputs).
   * @default none
   */
  readonly secretKeys?: readonly string[];
}

export interface RawSynthesis {
  readonly resources: SynthesizedResource[];
  /** Stack outputs the program returned, resolved. */
  readonly outputs: Record<string, unknown>;
  /** The CloudFormation model of the run, for the exporter. */
  readonly model: ProgramModel;
  /** Stack outputs as the program returned them (Outputs unresolved), for the export's Outputs. */
  readonly programOutputs: Record<string, unknown>;
}

let running: Promise<unknown> = Promise.resolve();

/** Runs `program` under mocks and returns what it registered. Runs are serialized. */
export function synthesizeRaw(program: () => unknown, options: SynthesizeOptions = {}): Promise<RawSynthesis> {
  return serialized(() => runOnce(program, options));
}

/** Runs `fn` after every program run started before it (mocks and library state are process-wide). */
/**
 * Starts a program run for the testing kit and the exporter: fresh per-run state, the run's
 * config (secret keys marked), and the mocked cloud's answers.
 */
export function beginRun(options: SynthesizeOptions): Required<MockCloudOptions> {
  startProgramRun();
  trackConfigSecrets();
  setSecretConfigKeys(options.secretKeys ?? []);
  pulumi.runtime.setAllConfig(options.config ?? {}, [...(options.secretKeys ?? [])]);
  return {
    account: options.account ?? "123456789012",
    region: options.region ?? "us-east-1",
    partition: options.partition ?? "aws",
  };
}

export function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const run = running.then(fn);
  running = run.catch(() => undefined);
  return run;
}

async function runOnce(program: () => unknown, options: SynthesizeOptions): Promise<RawSynthesis> {
  const cloud = beginRun(options);

  const registered: { type: string; name: string; custom: boolean; inputs: any; outputs: any }[] = [];
  const parents = new Map<string, { name: string; type: string }>();
  await pulumi.runtime.setMocks(
    {
      newResource(given) {
        const record = (args: pulumi.runtime.MockResourceArgs) => {
          const state = mockResourceState(args, cloud);
          registered.push({
            type: args.type,
            name: args.name,
            custom: !!args.custom,
            inputs: args.inputs,
            outputs: state,
          });
          return { id: mockResourceId(args) as string, state };
        };
        // The engine applies transforms before the provider sees the inputs; so do we (transforms.ts).
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

  let programOutputs: Record<string, unknown> = {};
  const restoreTraces = skipPulumiStackTraces();
  const restoreRegistrations = watchRegistrations();
  try {
    const stackOutputs = await pulumi.runtime.runInPulumiStack(async () => {
      pulumi.runtime.registerStackTransformation((t) => {
        const parent = t.opts.parent as unknown as { __name?: string; __pulumiType?: string } | undefined;
        if (parent && parent.__name !== undefined && parent.__pulumiType !== "pulumi:pulumi:Stack") {
          parents.set(`${t.type}::${t.name}`, { name: parent.__name, type: parent.__pulumiType ?? "" });
        }
        return undefined;
      });
      const result = await program();
      if (result && typeof result === "object") programOutputs = { ...(result as Record<string, unknown>) };
      finalize();
      return (result ?? {}) as Record<string, unknown>;
    });
    const model = programModel();
    model.captureSettings();
    await settle(registered);
    assertNoTransformFailures();
    const failures = takeRenderFailures();
    if (failures.length > 0) throw failures[0];
    await scanSecrets(model);

    const resources = registered
      .filter((r) => r.type !== "pulumi:pulumi:Stack")
      .map((r) => {
        const p = parents.get(`${r.type}::${r.name}`);
        return { ...r, parent: p?.name, parentType: p?.type };
      });
    return { resources, outputs: (stackOutputs ?? {}) as Record<string, unknown>, model, programOutputs };
  } finally {
    restoreRegistrations();
    restoreTraces();
  }
}

/** Waits until no resource registration is pending, including ones started inside `apply`. */
async function settle(registered: unknown[]): Promise<void> {
  const rt = pulumi.runtime as unknown as { waitForRPCs(): Promise<void> };
  let n = -1;
  while (n !== registered.length) {
    n = registered.length;
    await rt.waitForRPCs();
    await new Promise((r) => setImmediate(r));
    await rt.waitForRPCs();
  }
}
