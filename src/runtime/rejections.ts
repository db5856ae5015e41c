/**
 * Rejections nobody handled while a program ran. Pulumi drops the promises of failed
 * registrations (and of every Output depending on them); in `pulumi up` its language host fails
 * the deployment on the first one. A run collects them instead and fails with them, so none
 * escapes (an unhandled rejection kills a plain Node process).
 */

// Process-wide: the rejections some run took over, so other listeners (the CLI's, a test hook)
// can tell them from ones that escaped.
const claimed = new WeakSet<object>();

/** Whether a run took over this rejection reason (it is part of that run's error). */
export function claimedByRun(reason: unknown): boolean {
  return typeof reason === "object" && reason !== null && claimed.has(reason);
}

/** Collects unhandled rejections until the returned function is called; it gives them. */
export function collectRejections(): () => unknown[] {
  const reasons: unknown[] = [];
  const listener = (reason: unknown): void => {
    if (typeof reason === "object" && reason !== null) claimed.add(reason);
    reasons.push(reason);
  };
  process.prependListener("unhandledRejection", listener);
  return () => {
    process.off("unhandledRejection", listener);
    return reasons;
  };
}
