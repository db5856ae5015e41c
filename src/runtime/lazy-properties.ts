/**
 * Output properties of registered resources, made on first read. Pulumi gives a custom resource
 * one Output per property its SDK class declares (an `aws.iam.Role` has about 16) when it is
 * registered, each a Proxy over eight promises, and resolves them all when the registration
 * returns; a program reads a few of them. An offline run hands Pulumi this version of its
 * `transferProperties` instead: a property's Output is made when the program first reads it, with
 * the registration's result if it is already known, so the ones never read cost nothing. The
 * Outputs are Pulumi's own, with the same value, knownness, secretness and dependencies.
 */
import * as pulumi from "@pulumi/pulumi";
import { OutputImpl } from "./output-class";

/* eslint-disable @typescript-eslint/no-require-imports -- Pulumi's own error test, as its transferProperties uses it */
const errors = require("@pulumi/pulumi/errors") as { isGrpcError(err: unknown): boolean };
/* eslint-enable @typescript-eslint/no-require-imports */

/** What Pulumi's registration calls with a property's result. */
export type PropertyResolver = (
  value: unknown,
  isKnown: boolean,
  isSecret: boolean,
  deps?: pulumi.Resource[],
  err?: unknown,
) => void;

interface Result {
  readonly value: unknown;
  readonly isKnown: boolean;
  readonly isSecret: boolean;
  readonly deps: pulumi.Resource[];
  readonly err: unknown;
}

/** One property of one resource: its Output once read, or the result waiting for the first read. */
interface Cell {
  out?: unknown;
  /** Settles the Output made before the result was known. */
  settle?: (r: Result) => void;
  result?: Result;
}

const CELLS = Symbol("iamx.lazyProperties");

type WithCells = { [CELLS]?: Record<string, Cell> };

/**
 * One accessor per property name, shared by every resource: accessors of their own would put every
 * resource object in V8's slow dictionary mode. An immutable cache.
 */
const accessors = new Map<string, PropertyDescriptor>();

function accessorFor(key: string): PropertyDescriptor {
  let d = accessors.get(key);
  if (!d) {
    d = {
      configurable: true,
      enumerable: true,
      get(this: WithCells) {
        const cell = this[CELLS]![key];
        return (cell.out ??= outputOf(this, cell));
      },
      set(this: WithCells, value: unknown) {
        this[CELLS]![key].out = value;
      },
    };
    accessors.set(key, d);
  }
  return d;
}

function outputOf(res: object, cell: Cell): unknown {
  const r = cell.result;
  if (r) {
    const settled = <T>(v: T): Promise<T> => (r.err ? Promise.reject(r.err as Error) : Promise.resolve(v));
    return new OutputImpl(res, settled(r.value), settled(r.isKnown), settled(r.isSecret), settled(r.deps));
  }
  let resolveValue!: (v: unknown) => void;
  let resolveKnown!: (v: boolean) => void;
  let resolveSecret!: (v: boolean) => void;
  let resolveDeps!: (v: pulumi.Resource[]) => void;
  let rejects: ((e: unknown) => void)[] = [];
  const pending = <T>(keep: (f: (v: T) => void) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      keep(resolve);
      rejects.push(reject);
    });
  const out = new OutputImpl(
    res,
    pending<unknown>((f) => (resolveValue = f)),
    pending<boolean>((f) => (resolveKnown = f)),
    pending<boolean>((f) => (resolveSecret = f)),
    pending<pulumi.Resource[]>((f) => (resolveDeps = f)),
  );
  cell.settle = (s) => {
    if (s.err) {
      for (const reject of rejects) reject(s.err);
    } else {
      resolveValue(s.value);
      resolveKnown(s.isKnown);
      resolveSecret(s.isSecret);
      resolveDeps(s.deps);
    }
    rejects = [];
  };
  return out;
}

/**
 * Pulumi's `transferProperties(onto, label, props)` with Outputs made on first read (see the file
 * header): defines each property of `props` but `id` and `urn` on the resource and returns the
 * resolvers the registration calls.
 */
export function lazyTransferProperties(
  onto: object,
  label: string,
  props: Record<string, unknown>,
): Record<string, PropertyResolver> {
  const resolvers: Record<string, PropertyResolver> = {};
  const cells: Record<string, Cell> = ((onto as WithCells)[CELLS] ??= Object.create(null) as Record<string, Cell>);
  for (const key of Object.keys(props)) {
    if (key === "id" || key === "urn") continue;
    if (Object.prototype.hasOwnProperty.call(onto, key)) {
      throw new Error(`Property '${key}' is already initialized on target '${label}`);
    }
    const cell: Cell = {};
    cells[key] = cell;
    Object.defineProperty(onto, key, accessorFor(key));
    resolvers[key] = (value, isKnown, isSecret, deps = [], err) => {
      // as Pulumi's: an engine shutting down leaves the outputs pending
      if (err && errors.isGrpcError(err)) return;
      if (cell.result) return; // settled once, as a promise is
      cell.result = { value, isKnown, isSecret, deps, err };
      cell.settle?.(cell.result);
    };
  }
  return resolvers;
}
