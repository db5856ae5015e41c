/**
 * One provider request (construct or call) as one small program: the library's program-wide
 * state is started afresh, the facade builds or changes components, and `finalize()` hands every
 * policy document its final JSON before the request answers. The engine waits for every child
 * registration of a request before it answers, so nothing may stay open across requests.
 *
 * The work is synchronous, so requests cannot interleave inside a transaction even when the
 * engine sends several at once. Components built by earlier requests stay usable as references
 * (ARNs, names, parents) but their documents are final: a later request adds new resources
 * instead of changing them (see the README, "what lands when").
 */
import { finalize, startProgramRun } from "../../src";

/** Runs `work` as a complete program: fresh state before, `finalize()` after. */
export function transaction<T>(work: () => T): T {
  startProgramRun();
  const result = work();
  finalize();
  return result;
}
