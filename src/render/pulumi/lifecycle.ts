/**
 * The program lifecycle behind lazy policies. Components register work for `finalize()`:
 * "prepare" hooks (aspects such as permissions boundaries and policy splitting, resources that
 * exist only if needed) run first, until no new ones appear; then "resolve" hooks hand every
 * deferred document its final JSON. `finalize()` runs once, from the process's `beforeExit` hook
 * in a real `pulumi up`, or explicitly from the testing kit and the exporter.
 */
import { ValidationErrors } from "../../core/errors";

type Hook = () => void;

interface LifecycleState {
  prepare: Hook[];
  resolve: Hook[];
  finalized: boolean;
  problems: { scope: string; message: string }[];
}

let state: LifecycleState = newState();
let hooked = false;

function newState(): LifecycleState {
  return { prepare: [], resolve: [], finalized: false, problems: [] };
}

function ensureExitHook(): void {
  if (hooked) return;
  hooked = true;
  process.on("beforeExit", () => {
    if (!state.finalized && (state.prepare.length > 0 || state.resolve.length > 0)) finalize();
  });
}

/** Registers work to run at finalize time. */
export function onFinalize(phase: "prepare" | "resolve", hook: Hook): void {
  ensureExitHook();
  state[phase].push(hook);
}

/** Records a validation problem; finalize() throws them all together, as CDK reports failed validations. */
export function reportProblem(scope: string, message: string): void {
  state.problems.push({ scope, message });
}

/** Whether the program's policies have been finalized (no statement can be added any more). */
export function isFinalized(): boolean {
  return state.finalized;
}

/**
 * Runs every pending hook: the model is complete, documents are rendered and handed to their
 * resources. Throws a ValidationErrors listing every problem found. Calling it again does nothing.
 */
export function finalize(): void {
  if (state.finalized) return;
  while (state.prepare.length > 0) {
    const hooks = state.prepare.splice(0);
    for (const h of hooks) h();
  }
  state.finalized = true;
  const problems = state.problems.splice(0);
  const hooks = state.resolve.splice(0);
  for (const h of hooks) h();
  if (problems.length > 0) throw new ValidationErrors(problems);
}

/** Starts a fresh program (the testing kit and exporter run several programs in one process). */
export function resetLifecycle(): void {
  state = newState();
}
