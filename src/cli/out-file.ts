/**
 * `--out` files. The path is checked before the program runs (a directory, or a folder that cannot
 * be created or written, is a usage error), and the file is written whole or not at all: the text
 * goes to a temporary file beside it, which is then renamed over the target.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CliError, ExitCode } from "./errors";

/** Throws a usage error when `out` cannot be written as a file. Creates nothing. */
export function checkOutFile(out: string): void {
  const abs = path.resolve(out);
  if (out.endsWith("/") || out.endsWith(path.sep) || isDirectory(abs)) {
    throw new CliError(
      ExitCode.Usage,
      `--out ${out} is a directory: give a file path, e.g. ${path.join(out, "template.json")}.`,
    );
  }
  if (fs.existsSync(abs)) {
    if (!writable(abs)) throw new CliError(ExitCode.Usage, `--out ${out} is not writable (permission denied).`);
  }
  // the nearest folder that exists must be a folder, and writable (the rest is created)
  let dir = path.dirname(abs);
  while (!fs.existsSync(dir)) dir = path.dirname(dir);
  if (!isDirectory(dir)) {
    throw new CliError(ExitCode.Usage, `--out ${out} cannot be created: ${dir} is a file, not a folder.`);
  }
  if (!writable(dir)) {
    throw new CliError(ExitCode.Usage, `--out ${out} cannot be written: the folder ${dir} is not writable.`);
  }
}

/**
 * Writes `text` to `out` (creating its folders): to a temporary file first, then renamed into
 * place. `text` may come in pieces (written as they are made: a large report is not held whole).
 */
export function writeOutFile(out: string, text: string | Iterable<string>): void {
  const abs = path.resolve(out);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.tmp`);
  try {
    if (typeof text === "string") fs.writeFileSync(tmp, text);
    else {
      const fd = fs.openSync(tmp, "w");
      try {
        for (const chunk of text) {
          const bytes = Buffer.from(chunk);
          for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done);
        }
      } finally {
        fs.closeSync(fd);
      }
    }
    fs.renameSync(tmp, abs);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new CliError(ExitCode.Usage, `Cannot write --out ${out}: ${(e as Error).message}`);
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function writable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
