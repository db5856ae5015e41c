/**
 * Output properties of resources a model-only run does not register: made on first read, with an
 * unknown value that depends on the resource, as in a preview.
 */
import * as pulumi from "@pulumi/pulumi";

/** The Pulumi internals of a resource object the runtime reads. */
export interface PulumiResource {
  __name?: string;
  __pulumiType?: string;
  __parentResource?: PulumiResource;
  [key: string]: unknown;
}

/** Pulumi's Output class: (resources, value promise, isKnown, isSecret, all resources). Its type declares no constructor. */
const OutputImpl = pulumi.Output as unknown as new (
  resources: Set<pulumi.Resource>,
  value: Promise<unknown>,
  isKnown: Promise<boolean>,
  isSecret: Promise<boolean>,
  allResources: Promise<Set<pulumi.Resource>>,
) => pulumi.Output<unknown>;

/** The outputs made so far for a resource's lazy properties, and what to note `apply()` calls in. */
const MADE = Symbol("iamx.lazyOutputs");
const NOTE = Symbol("iamx.lazyOutputNotes");

/** Where `apply()` calls are noted: while the program's function runs, in `applied`. */
export interface AppliedOutputs {
  readonly applied: Set<string>;
  readonly programRunning: boolean;
}

interface Notes {
  readonly label: string;
  readonly to: AppliedOutputs;
}

/** One accessor per property name, shared by every resource (see {@link lazyOutput}); an immutable cache. */
const accessors = new Map<string, PropertyDescriptor>();

function accessorFor(key: string): PropertyDescriptor {
  let d = accessors.get(key);
  if (!d) {
    d = {
      configurable: true,
      enumerable: true,
      get(this: PulumiResource) {
        const made = ((this as Record<symbol, Record<string, unknown>>)[MADE] ??= Object.create(null));
        return (made[key] ??= unknownOutput(this, key));
      },
      set(this: PulumiResource, value: unknown) {
        ((this as Record<symbol, Record<string, unknown>>)[MADE] ??= Object.create(null))[key] = value;
      },
    };
    accessors.set(key, d);
  }
  return d;
}

/** An Output with an unknown value that depends on `res`; an `apply()` on it is noted (it never runs). */
function unknownOutput(res: PulumiResource, key: string): pulumi.Output<unknown> {
  const out = new OutputImpl(
    new Set([res as unknown as pulumi.Resource]),
    Promise.resolve(undefined),
    Promise.resolve(false),
    Promise.resolve(false),
    Promise.resolve(new Set([res as unknown as pulumi.Resource])),
  );
  const notes = (res as Record<symbol, Notes | undefined>)[NOTE];
  if (notes) {
    const apply = out.apply.bind(out);
    out.apply = ((fn: (v: unknown) => unknown) => {
      if (notes.to.programRunning) notes.to.applied.add(notes.label.replace("%s", key));
      return apply(fn);
    }) as typeof out.apply;
  }
  return out;
}

/**
 * Defines `key` on `res` as an Output made on first read. The accessor is the same function for
 * every resource: accessors of their own would put every resource object in V8's slow dictionary
 * mode, which costs ~1.5 KB each. `label` (`name.%s (type)`) names the output when the program
 * calls `apply()` on it; the name is added to `to.applied`.
 */
export function lazyOutput(res: PulumiResource, key: string, label: string, to: AppliedOutputs): void {
  (res as Record<symbol, Notes>)[NOTE] ??= { label, to };
  Object.defineProperty(res, key, accessorFor(key));
}
