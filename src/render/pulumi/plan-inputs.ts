/**
 * Deferred inputs in plan runs (`iamx preview`, src/runtime/plan.ts). A mocked run hands each
 * deferred document to its resource as a Pulumi Output, several Outputs a document (each a few
 * promises and a proxy): most of a large program's memory. In a plan run the runtime resolves the
 * inputs of iamx resources itself, so a deferred input is a small marker instead: it renders at
 * finalize as the Output would ("resolve" phase, in registration order, the same errors) and its
 * tokens resolve to their values without Outputs. A marker given to a resource the plan run hands
 * to Pulumi (one outside iamx components) becomes the usual Output there.
 */
import * as pulumi from "@pulumi/pulumi";
import { currentProgram, ProgramSlot } from "../../runtime/program";
import { onFinalize } from "./lifecycle";
import { modelOnlyPlaceholder } from "./mode";
import { jsonOutput, jsonValue } from "./values";

const PLAN = new ProgramSlot("whether deferred inputs are plan markers", () => ({ on: false }));

/** Makes the current run a plan run: deferred inputs are {@link planInput} markers. */
export function startPlanInputs(): void {
  currentProgram().get(PLAN).on = true;
}

/** Whether deferred inputs of the current run are plan markers. */
export function isPlanRun(): boolean {
  return currentProgram().get(PLAN).on;
}

const MARKER = Symbol("iamx.planInput");

/** What a marker stands for: a document (rendered to JSON text) or any value. */
interface PlanInput {
  readonly kind: "json" | "value";
  readonly render: () => unknown;
  readonly what?: string;
  /** What `render` gave, at finalize. */
  readonly rendered: Promise<unknown>;
}

type Marker = pulumi.Output<unknown> & { [MARKER]: PlanInput };

/**
 * A deferred input of a plan run. Typed as the Output a mocked run gives; to anything but the
 * plan run's resolution it is the unknown Output of a model-only run.
 */
export function planInput<T>(kind: "json" | "value", render: () => unknown, what?: string): pulumi.Output<T> {
  let resolve!: (v: unknown) => void;
  const rendered = new Promise<unknown>((r) => (resolve = r));
  onFinalize("resolve", () => {
    const value = render();
    return () => resolve(value);
  });
  const marker = Object.create(modelOnlyPlaceholder()) as Marker;
  marker[MARKER] = { kind, render, what, rendered };
  return marker as unknown as pulumi.Output<T>;
}

function markerOf(v: unknown): PlanInput | undefined {
  return v !== null && typeof v === "object" && Object.prototype.hasOwnProperty.call(v, MARKER)
    ? (v as Marker)[MARKER]
    : undefined;
}

/** Settles once every marker in `props` rendered (at finalize). */
export async function planInputsRendered(props: Record<string, unknown>): Promise<void> {
  for (const v of Object.values(props)) {
    const m = markerOf(v);
    if (m) await m.rendered;
  }
}

/**
 * `props` with each marker replaced by its value once it rendered: a document's JSON text (a
 * secret Output when a value in it is secret), or the rendered Input.
 */
export async function resolvePlanInputs(props: Record<string, unknown>): Promise<Record<string, unknown>> {
  let out: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(props)) {
    const m = markerOf(v);
    if (!m) continue;
    out ??= { ...props };
    const rendered = await m.rendered;
    if (m.kind === "value") out[key] = rendered;
    else {
      const { text, secret } = await jsonValue(rendered, m.what);
      out[key] = secret ? pulumi.secret(text) : text;
    }
  }
  return out ?? props;
}

/** `props` with each marker replaced by the Output a mocked run gives (for resources Pulumi registers). */
export function materializePlanInputs(props: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(props)) {
    const m = markerOf(v);
    if (!m) continue;
    out ??= { ...props };
    const [output, resolve] = pulumi.deferredOutput<unknown>();
    m.rendered.then((r) =>
      resolve(
        m.kind === "json"
          ? jsonOutput(r, m.what)
          : (pulumi.output(r as pulumi.Input<unknown>) as pulumi.Output<unknown>),
      ),
    );
    out[key] = output;
  }
  return out ?? props;
}
