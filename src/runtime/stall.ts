/**
 * Waiting for a promise without hanging when it can never settle. A program's promise can wait
 * for something that never happens (an Output with no value in a model-only run, a promise
 * nobody resolves); Node would then run out of work and exit 0 in silence. Between two rounds of
 * the event loop every microtask has run, so a promise still pending while Node holds nothing
 * beyond what it held when the run started (no timer, socket, file or DNS request of the
 * program's) can never settle: it is stalled.
 */

/** How a watched promise ended. */
export type Watched<T> = { status: "ok"; value: T } | { status: "error"; error: unknown } | { status: "stalled" };

/** What Node holds now, by kind (timers, sockets, file requests...). */
export type ActiveResources = ReadonlyMap<string, number>;

/** The resources Node holds now; take it when a run starts, as the baseline of {@link watch}. */
export function activeResources(): ActiveResources {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

function busy(baseline: ActiveResources): boolean {
  for (const [kind, n] of activeResources()) if (n > (baseline.get(kind) ?? 0)) return true;
  return false;
}

/** Rounds of the event loop with nothing pending before a promise counts as stalled. */
const IDLE_ROUNDS = 2;

/** Waits for `promise`; reports it stalled when it is pending and nothing beyond `baseline` could settle it. */
export async function watch<T>(promise: PromiseLike<T>, baseline: ActiveResources): Promise<Watched<T>> {
  let result: Watched<T> | undefined;
  Promise.resolve(promise).then(
    (value) => (result = { status: "ok", value }),
    (error: unknown) => (result = { status: "error", error }),
  );
  await Promise.resolve();
  let idle = 0;
  while (!result) {
    await new Promise((r) => setImmediate(r));
    if (result) break;
    if (busy(baseline)) {
      idle = 0;
      // the program waits for a timer or I/O: check again a little later, not in a busy loop
      await new Promise((r) => setTimeout(r, 2));
    } else if (++idle >= IDLE_ROUNDS) return { status: "stalled" };
  }
  return result;
}
