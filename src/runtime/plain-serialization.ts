/**
 * Pulumi's serialization of a resource's inputs, without the work plain values do not need. An SDK
 * class passes every property it declares to the registration, most of them `undefined` (an
 * `aws.iam.Role`'s ARN, creation date, unique id...), and Pulumi serializes each one: an async call,
 * a label and a dependency set apiece, twice per resource (inputs, then the outputs the engine did
 * not return), and the mock monitor serializes each mocked state the same way. An offline run hands
 * Pulumi these versions instead. Values that are `undefined`,
 * primitives or functions are serialized here, as Pulumi would, in the same number of microtask
 * turns (so registrations still complete in the same order); every other value goes to Pulumi's
 * own `serializeProperty`.
 */

/** Pulumi's `serializeProperty(ctx, prop, dependentResources, opts)`. */
export type SerializeProperty = (ctx: string, prop: unknown, deps: Set<unknown>, opts?: unknown) => Promise<unknown>;

type SerializeOptions = { pendingRegistration?: { inputProperty?: string } } | undefined;

/** What Pulumi's `serializeProperty` gives a value it needs no work for, or NOT_PLAIN. */
const NOT_PLAIN = Symbol("not plain");

function plainValue(prop: unknown): unknown {
  if (typeof prop === "function") return undefined;
  if (prop === undefined || prop === null) return prop;
  const t = typeof prop;
  return t === "boolean" || t === "number" || t === "string" ? prop : NOT_PLAIN;
}

/**
 * Pulumi's `serializeProperty` with plain values answered at once (see the file header); the
 * returned promise is already settled, as an async function returning at once gives.
 */
export function plainSerializeProperty(original: SerializeProperty): SerializeProperty {
  return function (ctx, prop, deps, opts) {
    const plain = plainValue(prop);
    return plain === NOT_PLAIN ? original(ctx, prop, deps, opts) : Promise.resolve(plain);
  };
}

/**
 * Pulumi's `serializeResourceProperties(label, props, opts)`: every property but `id` and `urn`,
 * with the resources each depends on. Same results and microtask turns as Pulumi's (an async
 * function returning another's promise; one `await` per property).
 */
export function plainSerializeResourceProperties(
  original: SerializeProperty,
): (label: string, props: Record<string, unknown>, opts?: SerializeOptions) => Promise<unknown> {
  const filtered = plainFiltered(original, (k) => k !== "id" && k !== "urn");
  return async function (label, props, opts) {
    return filtered(label, props, opts);
  };
}

/**
 * Pulumi's `serializeProperties(label, props, opts)`: every property, without the dependencies
 * (the mock monitor's answers, a plan run's inputs, transforms' views). Same results and microtask
 * turns as Pulumi's (an async function awaiting another's promise; one `await` per property).
 */
export function plainSerializeProperties(
  original: SerializeProperty,
): (label: string, props: Record<string, unknown>, opts?: SerializeOptions) => Promise<Record<string, unknown>> {
  const filtered = plainFiltered(original, () => true);
  return async function (label, props, opts) {
    const [result] = await filtered(label, props, opts);
    return result;
  };
}

/** Pulumi's `serializeFilteredProperties`, with plain values answered here (see the file header). */
function plainFiltered(
  original: SerializeProperty,
  acceptKey: (key: string) => boolean,
): (
  label: string,
  props: Record<string, unknown>,
  opts: SerializeOptions,
) => Promise<[Record<string, unknown>, Map<string, Set<unknown>>]> {
  return async function filtered(label, props, opts) {
    const dependencies = new Map<string, Set<unknown>>();
    const result: Record<string, unknown> = {};
    for (const k of Object.keys(props)) {
      if (!acceptKey(k)) continue;
      if (opts?.pendingRegistration !== undefined) opts.pendingRegistration.inputProperty = k;
      const plain = plainValue(props[k]);
      if (plain !== NOT_PLAIN) {
        await plain; // the turn Pulumi's own await takes
        if (plain !== undefined) {
          result[k] = plain;
          dependencies.set(k, new Set());
        }
        continue;
      }
      const dependentResources = new Set<unknown>();
      let v: unknown;
      try {
        v = await original(`${label}.${k}`, props[k], dependentResources, opts);
      } catch (err) {
        // as Pulumi's: the same error, its message naming the property
        if (err instanceof Error) {
          err.message = `error serializing property "${k}": ${err.message}`;
          throw err;
        }
        throw new Error(`error serializing property "${k}": ${String(err)}`, { cause: err });
      }
      if (v !== undefined) {
        result[k] = v;
        dependencies.set(k, dependentResources);
      }
    }
    return [result, dependencies];
  };
}
