/**
 * Skips the stack traces Pulumi captures for its own bookkeeping while a program runs offline.
 * Pulumi formats a stack trace for every resource (its source position, sent to the engine) and
 * for every promise it tracks for its leak check at exit (which an offline run, awaited to the
 * end, has no use for: tracking is skipped too). Under ts-node or
 * source-map-support, formatting a trace maps every frame through source maps: about half the
 * cost of a mocked run. Neither trace reaches what a run returns; errors the program throws keep
 * their full stack traces.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the runtime module objects themselves must be patched */
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debuggablePromise<T>(p: Promise<T>, ctx: unknown): Promise<T>;
};
const resourceModule = require("@pulumi/pulumi/resource") as { Resource: { stackTrace(skip?: number): unknown[] } };
/* eslint-enable @typescript-eslint/no-require-imports */

/** Installs the cheap versions; the returned function restores Pulumi's own. */
export function skipPulumiStackTraces(): () => void {
  const originalPromise = debuggable.debuggablePromise;
  const originalStackTrace = resourceModule.Resource.stackTrace;
  // Offline, a tracked promise is only ever reported by the leak check at process exit, which
  // cannot apply to a run that has finished; the promise itself is what callers need.
  debuggable.debuggablePromise = <T>(p: Promise<T>): Promise<T> => p;
  resourceModule.Resource.stackTrace = () => [];
  return () => {
    debuggable.debuggablePromise = originalPromise;
    resourceModule.Resource.stackTrace = originalStackTrace;
  };
}
