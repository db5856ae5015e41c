/**
 * The program lifecycle behind lazy policies, for components: they register work for a named
 * finalize phase (see src/runtime/lifecycle.ts for the phases and their order) of the current
 * program run. `finalize()` runs once, from the process's `beforeExit` hook in a real `pulumi up`,
 * or from the runtime when it runs a program (testing kit, export, lint, report).
 */
import { currentProgram } from "../../runtime/program";
import type { FinalizeHook, FinalizePhase } from "../../runtime/lifecycle";

// Process-wide: one `beforeExit` listener finalizes whichever run is current when Node runs out of work.
let hooked = false;

function ensureExitHook(): void {
  if (hooked) return;
  hooked = true;
  process.on("beforeExit", () => {
    const lifecycle = currentProgram().lifecycle;
    if (!lifecycle.finalized && lifecycle.pending) lifecycle.finalize();
  });
}

/**
 * Registers work to run at finalize time, in `phase`. A `resolve` hook renders and returns its
 * hand-out (what lets a registration go on), which runs only when the whole finalize succeeded.
 */
export function onFinalize(phase: FinalizePhase, hook: FinalizeHook): void {
  ensureExitHook();
  currentProgram().lifecycle.on(phase, hook);
}

/** Records a validation problem; finalize() throws them all together, as CDK reports failed validations. */
export function reportProblem(scope: string, message: string): void {
  currentProgram().lifecycle.report(scope, message);
}

/** Whether the program's policies have been finalized (no statement can be added any more). */
export function isFinalized(): boolean {
  return currentProgram().lifecycle.finalized;
}

/** Whether the run ended without finalizing (its finalize failed): nothing it makes is handed out. */
export function isFinalizeFailed(): boolean {
  return currentProgram().lifecycle.failed;
}

/**
 * The finalize scope now open: what is built now is finalized with it. A program run has one
 * scope; the component provider's deployment has one per request (see runtime/lifecycle.ts).
 */
export function currentFinalizeScope(): number {
  return currentProgram().lifecycle.scope;
}

/** Whether what was built in finalize scope `scope` is final (no statement can be added to it). */
export function isScopeFinalized(scope: number): boolean {
  return currentProgram().lifecycle.isClosed(scope);
}

/**
 * Runs every pending hook: the model is complete, documents are rendered and handed to their
 * resources. Throws a ValidationErrors listing every problem found. Calling it again does nothing.
 */
export function finalize(): void {
  currentProgram().lifecycle.finalize();
}
