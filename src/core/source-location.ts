/**
 * Where in the user's code a statement or component was made: the first stack frame outside this
 * package (its `src/` or `dist/src/`) and outside `@pulumi`'s modules. Captured at construction
 * without formatting (V8 formats a stack only when it is read, which is the costly part, and
 * source maps apply then), and read only for a finding or an error.
 */
import * as path from "node:path";

/** A position in a source file (1-based line and column). */
export interface SourceLocation {
  /** Absolute path of the file (or the URL a stack frame names). */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

// This file is <root>/src/core (ts-node) or <root>/dist/src/core (built): frames under the
// package's src are the library's own.
const LIBRARY_DIR = path.resolve(__dirname, "..") + path.sep;
const PULUMI_DIR = `${path.sep}node_modules${path.sep}@pulumi${path.sep}`;
const FRAME = /^(.+):(\d+):(\d+)$/;
const CAPTURED_FRAMES = 8;

/** The call site of a construction, formatted on first use. */
export class SourceCapture {
  /** Set by V8 (`Error.captureStackTrace`); formatted when first read. */
  declare public readonly stack?: string;
  private resolved?: SourceLocation | null;

  /** `skip`: the constructor or function whose frame and those above it are left out. */
  constructor(skip: abstract new (...args: never[]) => unknown) {
    // The user's call is a few frames up at most (a grant, a principal's trust statement): a
    // short trace is cheaper to capture and to keep.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = CAPTURED_FRAMES;
    Error.captureStackTrace(this, skip);
    Error.stackTraceLimit = limit;
  }

  /** The first frame in the user's code, if the stack reaches one. */
  public get location(): SourceLocation | undefined {
    if (this.resolved === undefined) this.resolved = this.firstUserSite() ?? null;
    return this.resolved ?? undefined;
  }

  /**
   * Reads the captured frames as V8's call sites (no text made for them) and picks the first in
   * the user's code. With a stack formatter in force (ts-node's or Pulumi's source-map-support,
   * which maps positions to the TypeScript source) that one frame alone is formatted through it;
   * with Node's own formatting and source maps off, its position is the call site's as it is.
   * Lint reads a location for each of tens of thousands of statements: formatting all eight
   * frames was most of that. Node's formatting with source maps on reads the whole stack, as
   * before.
   */
  private firstUserSite(): SourceLocation | undefined {
    const format = Error.prepareStackTrace;
    if (!format && process.sourceMapsEnabled !== false) return firstUserFrame(this.stack ?? "");
    let sites: NodeJS.CallSite[] = [];
    Error.prepareStackTrace = (_error, callSites) => {
      sites = callSites;
      return "";
    };
    try {
      void this.stack;
    } finally {
      Error.prepareStackTrace = format;
    }
    const site = sites.find((s) => isUserFile(s.getFileName() ?? ""));
    if (!site) return undefined;
    const file = fileOf(site.getFileName() ?? "");
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (line === null || column === null) return undefined;
    if (!format) return { file, line, column };
    // A loop makes many statements at one call site: each position is formatted once.
    const key = `${line}:${column}:${file}`;
    let formatted = formattedSites.get(format);
    if (!formatted) formattedSites.set(format, (formatted = new Map()));
    let found = formatted.get(key);
    if (found === undefined) {
      found = firstUserFrame(String(format(FORMAT_ERROR, [site]))) ?? null;
      if (formatted.size >= MAX_FORMATTED_SITES) formatted.clear();
      formatted.set(key, found);
    }
    return found ?? undefined;
  }
}

// Formatted user call sites, by formatter and position (a formatter maps a position the same way every time).
const formattedSites = new WeakMap<object, Map<string, SourceLocation | null>>();
const MAX_FORMATTED_SITES = 10_000;
// What the formatter is told it formats (it reads only the name and message); made once.
const FORMAT_ERROR = new Error();

function fileOf(name: string): string {
  return name.startsWith("file://") ? decodeURIComponent(name.slice("file://".length)) : name;
}

function isUserFile(name: string): boolean {
  const file = fileOf(name);
  if (file.startsWith("node:") || !path.isAbsolute(file)) return false;
  return !file.startsWith(LIBRARY_DIR) && !file.includes(PULUMI_DIR);
}

function firstUserFrame(stack: string): SourceLocation | undefined {
  for (const line of stack.split("\n")) {
    const text = line.trim();
    if (!text.startsWith("at ")) continue;
    // `at fn (file:line:column)`, `at new X (...)`, or `at file:line:column`
    let where = text.slice(3);
    const open = where.lastIndexOf("(");
    if (where.endsWith(")") && open >= 0) where = where.slice(open + 1, -1);
    const m = FRAME.exec(where);
    if (!m) continue;
    const file = fileOf(m[1]);
    if (!isUserFile(file)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/** `file:line:column`, with the file relative to `base` when it is under it. */
export function formatSourceLocation(loc: SourceLocation, base = process.cwd()): string {
  const rel = path.relative(base, loc.file);
  const file = rel.startsWith("..") || path.isAbsolute(rel) ? loc.file : rel;
  return `${file}:${loc.line}:${loc.column}`;
}
