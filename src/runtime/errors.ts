/** How a program run fails when the program itself did not throw. */

/**
 * A program run that did not complete: the program's function never settled, or resources never
 * finished registering, or registrations failed. The message says what did not finish.
 */
export class ProgramRunError extends Error {
  constructor(
    /** `DidNotFinish` (something never settled) or `RegistrationFailed`. */
    public readonly code: "DidNotFinish" | "RegistrationFailed",
    message: string,
    /** What was pending or failed, one line each. */
    public readonly details: readonly string[],
    /** Whether the program's own function never settled (a model-only run then hands it to mocks). */
    public readonly programPending = false,
  ) {
    super(message);
    this.name = "ProgramRunError";
  }
}
