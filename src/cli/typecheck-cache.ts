/**
 * The cache of type-check passes. A type-check costs seconds; a program that has not changed
 * since it last passed need not be checked again. An entry is keyed by what decides the check
 * (TypeScript's version, the tsconfig's text, the compiler options, the root files) and records
 * every file the compilation read, by size, mtime and content hash, and every path it looked for
 * and did not find (a file created there could change module resolution). It holds while all of
 * them are as recorded; only passes are stored, never failures.
 *
 * Entries live in `node_modules/.cache/pulumi-iamx/typecheck/` of the nearest `node_modules` at or
 * above the program's folder, else in the system's temporary folder.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** What one compilation looked at. */
export interface CompilationRecord {
  /** Absolute paths of the files it read, each with the sha256 of the text it read ({@link textHash}). */
  readonly read: ReadonlyMap<string, string>;
  /** Absolute paths of files it looked for and did not find. */
  readonly missingFiles: readonly string[];
  /** Absolute paths of folders it looked for and did not find. */
  readonly missingDirs: readonly string[];
}

/** A file as it was when the check passed: path, size, mtime (ms) and sha256 of its content. */
type FileStamp = [string, number, number, string];

interface Entry {
  readonly format: number;
  readonly files: FileStamp[];
  readonly missingFiles: string[];
  readonly missingDirs: string[];
}

const FORMAT = 2;

/** The cache entry of one program's check. */
export class TypecheckCache {
  /** The entry's file (it may not exist yet). */
  readonly file: string;
  private readonly dirs: string[];
  private readonly name: string;

  /** `key` is everything that decides the check besides the files it reads. */
  constructor(programDir: string, key: unknown) {
    this.name = `${crypto
      .createHash("sha256")
      .update(JSON.stringify({ format: FORMAT, key }))
      .digest("hex")
      .slice(0, 40)}.json`;
    this.dirs = cacheDirs(programDir);
    this.file = path.join(this.dirs[0], this.name);
  }

  /** Whether a pass is recorded and every file it read and every path it missed is unchanged. */
  hit(): boolean {
    for (const dir of this.dirs) {
      const entry = readEntry(path.join(dir, this.name));
      if (entry) return unchanged(entry);
    }
    return false;
  }

  /** Records a pass; returns the entry's file, or undefined when no cache folder is writable. */
  store(record: CompilationRecord): string | undefined {
    const files: FileStamp[] = [];
    for (const [file, checked] of [...record.read].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const stamp = stampOf(file);
      // a file that changed or vanished since it was checked cannot be vouched for
      if (!stamp || stamp[3] !== checked) return undefined;
      files.push(stamp);
    }
    const entry: Entry = {
      format: FORMAT,
      files,
      missingFiles: [...record.missingFiles].sort(),
      missingDirs: [...record.missingDirs].sort(),
    };
    const text = JSON.stringify(entry);
    for (const dir of this.dirs) {
      const file = path.join(dir, this.name);
      try {
        fs.mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, text);
        fs.renameSync(tmp, file);
        return file;
      } catch {
        // not writable: the next folder
      }
    }
    return undefined;
  }
}

/** The program's node_modules cache folder, then the temporary folder's. */
function cacheDirs(programDir: string): string[] {
  const dirs: string[] = [];
  for (let dir = path.resolve(programDir); ; dir = path.dirname(dir)) {
    const nm = path.join(dir, "node_modules");
    if (fs.existsSync(nm)) {
      dirs.push(path.join(nm, ".cache", "pulumi-iamx", "typecheck"));
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  dirs.push(path.join(os.tmpdir(), "pulumi-iamx-cache", "typecheck"));
  return dirs;
}

function readEntry(file: string): Entry | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(file, "utf8")) as Entry;
    return entry.format === FORMAT &&
      Array.isArray(entry.files) &&
      Array.isArray(entry.missingFiles) &&
      Array.isArray(entry.missingDirs)
      ? entry
      : undefined;
  } catch {
    return undefined;
  }
}

function unchanged(entry: Entry): boolean {
  for (const [file, size, mtime, hash] of entry.files) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return false;
    }
    if (stat.size !== size) return false;
    // same size, another mtime: the content decides (a touched file has not changed)
    if (stat.mtimeMs !== mtime && hashOf(file) !== hash) return false;
  }
  return !entry.missingFiles.some((p) => isKind(p, "file")) && !entry.missingDirs.some((p) => isKind(p, "dir"));
}

function isKind(p: string, kind: "file" | "dir"): boolean {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  return !!stat && (kind === "file" ? stat.isFile() : stat.isDirectory());
}

function stampOf(file: string): FileStamp | undefined {
  try {
    const before = fs.statSync(file);
    const hash = hashOf(file);
    const after = fs.statSync(file);
    if (before.mtimeMs !== after.mtimeMs || before.size !== after.size) return undefined;
    return [file, after.size, after.mtimeMs, hash];
  } catch {
    return undefined;
  }
}

function hashOf(file: string): string {
  return textHash(fs.readFileSync(file, "utf8"));
}

/** The sha256 of a file's text, without a byte order mark (the compiler drops it). */
export function textHash(text: string): string {
  return crypto
    .createHash("sha256")
    .update(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
    .digest("hex");
}
