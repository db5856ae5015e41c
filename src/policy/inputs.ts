/**
 * Resource inputs as `@pulumi/policy` passes them, read to plain data. At preview a value that
 * depends on another resource's output is unknown: the engine hands it over as a sentinel string,
 * and `@pulumi/policy` wraps the inputs in a proxy that throws `UnknownValueError` when one is read.
 * Here every such value becomes {@link UNKNOWN}, so a document holding one is skipped, never
 * guessed at and never a crash.
 */

/** Marks a value unknown at preview. */
export const UNKNOWN: unique symbol = Symbol("unknown at preview");

// The engine's sentinels for unknown values of each type (as @pulumi/policy's proxy knows them).
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // boolean
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9", // string (also Pulumi's wire value for any unknown)
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

function isUnknownValueError(e: unknown): boolean {
  return e instanceof Error && e.constructor.name === "UnknownValueError";
}

function readKey(from: object, key: string | number): unknown {
  try {
    return (from as Record<string | number, unknown>)[key];
  } catch (e) {
    if (isUnknownValueError(e)) return UNKNOWN;
    throw e;
  }
}

/** A value read to plain JSON-like data, unknowns as {@link UNKNOWN}. */
export function plain(value: unknown): unknown {
  if (typeof value === "string") return UNKNOWN_SENTINELS.has(value) ? UNKNOWN : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(plain(readKey(value, i)));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = plain(readKey(value, key));
  return out;
}

/** The named properties of the inputs, read to plain data. */
export function plainProperties(props: object, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = plain(readKey(props, key));
  return out;
}

/** Whether the value is, or holds, a value unknown at preview. */
export function holdsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(holdsUnknown);
  return false;
}
