/**
 * Progress on stderr for long commands: once a command has run for `delayMs` (2 s), one line
 * says what it is doing and for how long, rewritten in place each second, and erased when the
 * command ends. Only when the stream is a terminal: piped output (tests, CI logs) stays clean.
 * The line updates when the event loop is free, so during a long synchronous stretch (a program's
 * top-level code) it shows the time at which that stretch began.
 */

/** Where progress is written: stderr, or a stand-in in tests. */
export interface ProgressStream {
  write(s: string): unknown;
  /** True when the stream is a terminal. */
  readonly isTTY?: boolean;
}

/** Options of {@link withProgress}. */
export interface ProgressOptions {
  /** How long the command runs before the line appears, in ms. Default: 2000. */
  readonly delayMs?: number;
  /** How often the line is rewritten, in ms. Default: 1000. */
  readonly intervalMs?: number;
}

const CLEAR_LINE = "\r\x1b[K";

/** Runs `fn`, showing `label` with the elapsed time on `stream` while it runs past the delay. */
export async function withProgress<T>(
  stream: ProgressStream,
  label: string,
  fn: () => Promise<T>,
  options: ProgressOptions = {},
): Promise<T> {
  if (stream.isTTY !== true) return fn();
  const start = Date.now();
  let shown = false;
  let interval: NodeJS.Timeout | undefined;
  const draw = (): void => {
    shown = true;
    stream.write(`${CLEAR_LINE}${label}… ${((Date.now() - start) / 1000).toFixed(0)} s`);
  };
  const delay = setTimeout(() => {
    draw();
    interval = setInterval(draw, options.intervalMs ?? 1000);
    interval.unref();
  }, options.delayMs ?? 2000);
  delay.unref();
  try {
    return await fn();
  } finally {
    clearTimeout(delay);
    if (interval) clearInterval(interval);
    if (shown) stream.write(CLEAR_LINE);
  }
}
