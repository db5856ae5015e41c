/**
 * Skips the stack traces Pulumi captures for its own bookkeeping while a program runs offline.
 * Pulumi formats a stack trace for every resource (its source position, sent to the engine) and
 * for every promise it tracks (shown only if the promise leaks). Under ts-node or
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
  debuggable.debuggablePromise = function <T>(p: Promise<T>, ctx: unknown): Promise<T> {
    // the promise's debug trace becomes a bare "Error": no frames to capture nor to format
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return originalPromise(p, ctx);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  resourceModule.Resource.stackTrace = () => [];
  return () => {
    debuggable.debuggablePromise = originalPromise;
    resourceModule.Resource.stackTrace = originalStackTrace;
  };
}
