/**
 * Captures what a test prints, so that `mocha` prints only its own report. Installed around every
 * test by the root hooks in `tests/setup.ts`: `console.log/info/debug/warn/error`,
 * `process.emitWarning` and direct `process.stderr.write` calls (Pulumi's runtime logs through
 * `console.*` when no engine is attached, as under mocks) are recorded instead of printed.
 * `process.stdout.write` is left alone: mocha's reporter writes through it while a test's
 * afterEach hooks are still to run.
 *
 * A test that expects output takes it with {@link takeOutput} and asserts on it. Output left
 * untaken at the end of a test is unexpected: it fails the test, the output listed under its
 * title. `IAMX_STRICT_TEST_OUTPUT=0` turns that into a printed notice (while hunting a leak across
 * many tests, say); the suite must pass without it.
 */

/** One thing a test printed. */
export interface CapturedLine {
  /** Where it went: `log` (console.log/info/debug), `warn`, `error`, `warning` (process.emitWarning), `stderr`. */
  readonly stream: "log" | "warn" | "error" | "warning" | "stderr";
  readonly text: string;
}

const captured: CapturedLine[] = [];
let restore: (() => void) | undefined;

// Unexpected output is reported through the real stream, saved here before any capture.
const realStderrWrite = process.stderr.write.bind(process.stderr);

function text(args: unknown[]): string {
  return args
    .map((a) => (typeof a === "string" ? a : a instanceof Error ? (a.stack ?? a.message) : safeJson(a)))
    .join(" ");
}

function safeJson(a: unknown): string {
  try {
    return typeof a === "object" ? JSON.stringify(a) : String(a);
  } catch {
    return String(a);
  }
}

/** Starts capturing (idempotent). */
export function startCapture(): void {
  if (restore) return;
  const c = console;
  const saved = { log: c.log, info: c.info, debug: c.debug, warn: c.warn, error: c.error };
  const savedEmit = process.emitWarning;
  const savedErr = process.stderr.write;
  c.log = c.info = c.debug = (...a: unknown[]) => void captured.push({ stream: "log", text: text(a) });
  c.warn = (...a: unknown[]) => void captured.push({ stream: "warn", text: text(a) });
  c.error = (...a: unknown[]) => void captured.push({ stream: "error", text: text(a) });
  process.emitWarning = ((w: string | Error, ...rest: unknown[]) => {
    const type = typeof rest[0] === "string" ? `${rest[0]}: ` : "";
    captured.push({ stream: "warning", text: `${type}${typeof w === "string" ? w : w.message}` });
  }) as typeof process.emitWarning;
  process.stderr.write = ((chunk: unknown) => {
    captured.push({ stream: "stderr", text: String(chunk) });
    return true;
  }) as typeof process.stderr.write;
  restore = () => {
    Object.assign(c, saved);
    process.emitWarning = savedEmit;
    process.stderr.write = savedErr;
    restore = undefined;
  };
}

/** Stops capturing and returns what was captured and not taken. */
export function stopCapture(): CapturedLine[] {
  restore?.();
  return captured.splice(0);
}

/**
 * Takes (removes and returns) the captured output matching `pattern`, for a test to assert on:
 * `expect(takeOutput(/Policy large/)).to.have.length(1)`. Without a pattern, takes everything.
 */
export function takeOutput(pattern?: RegExp | string): CapturedLine[] {
  const taken: CapturedLine[] = [];
  for (let i = 0; i < captured.length;) {
    const line = captured[i];
    const hit =
      pattern === undefined || (typeof pattern === "string" ? line.text.includes(pattern) : pattern.test(line.text));
    if (hit) taken.push(...captured.splice(i, 1));
    else i++;
  }
  return taken;
}

/** The texts of {@link takeOutput}. */
export function takeOutputText(pattern?: RegExp | string): string[] {
  return takeOutput(pattern).map((l) => l.text);
}

/** Whether untaken output fails the test: yes, unless `IAMX_STRICT_TEST_OUTPUT=0`. */
export function strictTestOutput(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.IAMX_STRICT_TEST_OUTPUT !== "0";
}

/** Returns the failure message for unexpected output; with strictness off, prints it (to the real stderr) instead. */
export function reportUnexpected(title: string, lines: readonly CapturedLine[]): string | undefined {
  if (lines.length === 0) return undefined;
  const body = lines.map((l) => `    [${l.stream}] ${l.text.trimEnd()}`).join("\n");
  const message = `Unexpected output in "${title}" (take it with takeOutput in the test):\n${body}\n`;
  if (strictTestOutput()) return message;
  realStderrWrite(`\n  ${message}`);
  return undefined;
}
