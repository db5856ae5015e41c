/**
 * Output properties of resources a model-only run does not register: made on first read, with an
 * unknown value that depends on the resource, as in a preview.
 */
import * as pulumi from "@pulumi/pulumi";
import { currentProgram, ProgramSlot } from "./program";
import { OutputImpl } from "./output-class";
import { sharedAccessors } from "./shared-accessors";

/** The Pulumi internals of a resource object the runtime reads. */
export interface PulumiResource {
  __name?: string;
  __pulumiType?: string;
  __parentResource?: PulumiResource;
  [key: string]: unknown;
}

/** The outputs made so far for a resource's lazy properties, and what to note `apply()` calls in. */
const MADE = Symbol("iamx.lazyOutputs");

/** The iamx outputs a model-only program called `apply()` on (their callbacks never run there). */
export interface AppliedOutputs {
  /** `name.property (type)` of each. */
  readonly applied: Set<string>;
  /** Whether the program's function is running: only its own `apply()` calls count. */
  programRunning: boolean;
}

const APPLIED = new ProgramSlot<AppliedOutputs>("iamx outputs a model-only program applied", () => ({
  applied: new Set(),
  programRunning: false,
}));

/** The current run's {@link AppliedOutputs}. */
export function appliedOutputs(): AppliedOutputs {
  return currentProgram().get(APPLIED);
}

/** The accessor of a lazy property (see {@link lazyOutput}). */
const accessorFor = sharedAccessors<PulumiResource>(MADE, (res, key) => unknownOutput(res, key));

/** An Output with an unknown value that depends on `res`; an `apply()` on it is noted (it never runs). */
function unknownOutput(res: PulumiResource, key: string): pulumi.Output<unknown> {
  const out = new OutputImpl(
    new Set([res as unknown as pulumi.Resource]),
    Promise.resolve(undefined),
    Promise.resolve(false),
    Promise.resolve(false),
    Promise.resolve(new Set([res as unknown as pulumi.Resource])),
  );
  const apply = out.apply;
  out.apply = function (this: pulumi.Output<unknown>, fn: (v: unknown) => unknown) {
    const notes = appliedOutputs();
    if (notes.programRunning) notes.applied.add(`${res.__name}.${key} (${res.__pulumiType})`);
    return apply.call(this, fn);
  } as typeof out.apply;
  return out;
}

/**
 * Defines `key` on `res` as an Output made on first read. The accessor is the same function for
 * every resource: accessors of their own would put every resource object in V8's slow dictionary
 * mode, which costs ~1.5 KB each.
 */
export function lazyOutput(res: PulumiResource, key: string): void {
  Object.defineProperty(res, key, accessorFor(key));
}
