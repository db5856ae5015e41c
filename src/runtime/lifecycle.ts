/**
 * The finalize lifecycle of one program run, as named phases in a fixed order. Components
 * register work for a phase while the program runs; `finalize()` runs the phases in
 * {@link FINALIZE_PHASES} order, then hands every deferred document its final JSON ("resolve").
 *
 * Work a phase makes can register hooks for a phase that already ran (a role's overflow policy,
 * made while splitting, has checks of its own): finalize then goes back to the earliest phase
 * with pending hooks, so every hook runs, each phase's in registration order.
 *
 * A lifecycle that serves several requests (the component provider: one deployment, many
 * `construct`/`call` requests) is made `perRequest`: each `finalize()` finalizes what was built or
 * changed since the previous one (a finalize *scope*), then opens the next scope. What an earlier
 * scope finalized stays final ({@link Lifecycle.isClosed}); later work adds to the next scope.
 *
 * A finalize that fails hands nothing out: when a phase throws or problems were reported, no
 * `resolve` hook runs, so no deferred document resolves and no registration gate opens (nothing
 * iamx made reaches the engine with inputs of the failed finalize); the error is finalize's.
 * `resolve` itself is all or nothing: every hook renders first, and what they return (the
 * hand-outs: resolving a document's Output, opening a gate) runs only once all of them rendered.
 */
import { ValidationErrors } from "../core/errors";

/**
 * The phases before the model is complete, in the order they run:
 * - `aspects`: scope-wide changes to identities (permissions boundaries);
 * - `checks`: per-component validations (tags, names, resource policies);
 * - `split`: roles move statements that overflow their default policy into managed policies;
 * - `validate`: documents are merged and validated, as CDK does at synthesis;
 * - `emit`: resources that exist only if needed (a policy's attachments) are made.
 */
export const FINALIZE_PHASES = ["aspects", "checks", "split", "validate", "emit"] as const;

/** A phase to register work for: one of {@link FINALIZE_PHASES}, or `resolve` (documents get their JSON). */
export type FinalizePhase = (typeof FINALIZE_PHASES)[number] | "resolve";

/**
 * Work for a phase. A `resolve` hook may return a function, its hand-out: what lets a registration
 * go on (resolving a deferred Output, opening a gate), run only once every `resolve` hook
 * succeeded. Any other value a hook returns is ignored.
 */
export type FinalizeHook = () => unknown;

/** A validation problem found at finalize, against a component path. */
export interface FinalizeProblem {
  readonly scope: string;
  readonly message: string;
}

/** Options of a {@link Lifecycle}. */
export interface LifecycleOptions {
  /**
   * Finalize once per request instead of once per run: `finalize()` closes the current scope and
   * opens the next one, so the run goes on (see the file header).
   * @default false
   */
  readonly perRequest?: boolean;
}

/** The lifecycle state of one program run. */
export class Lifecycle {
  private readonly hooks = new Map<FinalizePhase, FinalizeHook[]>();
  private readonly problems: FinalizeProblem[] = [];
  private readonly perRequest: boolean;
  private done = false;
  private abandoned = false;
  private scopeIndex = 0;

  constructor(options: LifecycleOptions = {}) {
    this.perRequest = options.perRequest === true;
  }

  /** Registers work for `phase` (a `resolve` hook may return its hand-out: see {@link FinalizeHook}). */
  public on(phase: FinalizePhase, hook: FinalizeHook): void {
    let list = this.hooks.get(phase);
    if (!list) this.hooks.set(phase, (list = []));
    list.push(hook);
  }

  /** Records a validation problem; {@link finalize} throws them all together. */
  public report(scope: string, message: string): void {
    this.problems.push({ scope, message });
  }

  /**
   * Whether the policies are final (no statement can be added any more). A per-request lifecycle
   * is finalized only while its `finalize()` resolves documents; then the next scope is open.
   */
  public get finalized(): boolean {
    return this.done;
  }

  /**
   * Whether the run ended without finalizing: its finalize failed, or the run did. Nothing is
   * handed out any more; work registered now never runs.
   */
  public get failed(): boolean {
    return this.abandoned;
  }

  /** The finalize scope now open (0 for the first; a per-request lifecycle adds one per finalize). */
  public get scope(): number {
    return this.scopeIndex;
  }

  /** Whether what was built in `scope` is final: that scope was finalized, or the whole run was. */
  public isClosed(scope: number): boolean {
    return this.done || scope < this.scopeIndex;
  }

  /** Whether any work is registered and not yet run. */
  public get pending(): boolean {
    for (const list of this.hooks.values()) if (list.length > 0) return true;
    return false;
  }

  /**
   * Runs every phase, then `resolve`. Throws a ValidationErrors listing every problem found, before
   * `resolve`: a failed finalize hands nothing out (see the file header), and a run's lifecycle
   * is then abandoned. Calling it again does nothing, except on a per-request lifecycle, where it
   * finalizes what the next scope registered.
   */
  public finalize(): void {
    if (this.done) return;
    try {
      this.runPhases();
    } catch (e) {
      // What the failed finalize left must never run (`pulumi up` calls finalize again when Node
      // runs out of work): its documents would resolve and its children register.
      if (!this.perRequest) this.abandon();
      throw e;
    } finally {
      // A per-request lifecycle goes on with the next scope, also after a request that failed:
      // what that request left pending is dropped, so it cannot run in a later request's finalize.
      if (this.perRequest && !this.abandoned) {
        this.hooks.clear();
        this.problems.length = 0;
        this.done = false;
        this.scopeIndex++;
      }
    }
  }

  private runPhases(): void {
    let i = 0;
    while (i < FINALIZE_PHASES.length) {
      const earlier = FINALIZE_PHASES.findIndex((p, j) => j < i && this.count(p) > 0);
      if (earlier >= 0) {
        i = earlier;
        continue;
      }
      const list = this.hooks.get(FINALIZE_PHASES[i])?.splice(0) ?? [];
      for (const h of list) h();
      if (this.count(FINALIZE_PHASES[i]) === 0) i++;
    }
    this.done = true;
    const problems = this.problems.splice(0);
    const resolve = this.hooks.get("resolve")?.splice(0) ?? [];
    if (problems.length > 0) throw new ValidationErrors(problems);
    // All or nothing: every document renders before any is handed out.
    const handOuts: (() => void)[] = [];
    for (const h of resolve) {
      const handOut = h();
      if (typeof handOut === "function") handOuts.push(handOut as () => void);
    }
    for (const h of handOuts) h();
  }

  /**
   * Ends the open scope of a per-request lifecycle without finalizing it (its request failed): its
   * hooks are dropped and the next scope opens. On a lifecycle of one run, the same as {@link abandon}.
   */
  public dropScope(): void {
    if (!this.perRequest) return this.abandon();
    this.hooks.clear();
    this.problems.length = 0;
    this.scopeIndex++;
  }

  /** Ends the run without finalizing (it failed): no hook runs any more. */
  public abandon(): void {
    this.done = true;
    this.abandoned = true;
    this.hooks.clear();
  }

  private count(phase: FinalizePhase): number {
    return this.hooks.get(phase)?.length ?? 0;
  }
}
