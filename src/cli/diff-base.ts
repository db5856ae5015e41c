/**
 * `iamx diff --base <ref>`: the program as it was at a git ref, from a temporary `git worktree`
 * of that ref (in the system temp folder), removed afterwards even when the run fails.
 *
 * The worktree has no node_modules (they are not in git): every node_modules folder of the
 * current checkout between the program's folder and the repository root is symlinked into the
 * same place in the worktree, so the old program loads the same installed packages (pulumi-iamx,
 * @pulumi/pulumi and @pulumi/aws are the CLI's own copies in any case, see program.ts).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { CliError, ExitCode } from "./errors";
import { packageRoot } from "./program";

type Resolver = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
// the real `module` object (an import namespace is a copy), whose resolver is patched while the old program loads
const Module = createRequire(__filename)("node:module") as { _resolveFilename: Resolver };

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

function gitError(e: unknown): string {
  const err = e as { stderr?: string | Buffer; message?: string; code?: string };
  if (err.code === "ENOENT") return "git is not installed (or not on PATH)";
  return (err.stderr?.toString().trim() || err.message || String(e)).split("\n")[0];
}

/**
 * Runs `fn` with the path `target` (a program file or folder in a git checkout) has in a
 * temporary worktree of `ref`; the worktree is removed when `fn` settles.
 */
export async function withBaseCheckout<T>(
  target: string,
  ref: string,
  fn: (baseTarget: string) => Promise<T>,
): Promise<T> {
  const abs = path.resolve(target);
  if (!fs.existsSync(abs)) throw new CliError(ExitCode.Usage, `No program at ${target}: the path does not exist.`);
  const dir = fs.statSync(abs).isDirectory() ? abs : path.dirname(abs);
  let root: string;
  try {
    root = fs.realpathSync(git(dir, ["rev-parse", "--show-toplevel"]));
  } catch (e) {
    throw new CliError(ExitCode.Usage, `--base ${ref} needs the program in a git checkout: ${gitError(e)}.`);
  }
  let commit: string;
  try {
    commit = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    throw new CliError(ExitCode.Usage, `--base ${ref}: no such commit, branch or tag in ${root}.`);
  }
  const rel = path.relative(root, fs.realpathSync(abs));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-diff-base-"));
  const worktree = path.join(tmp, "checkout");
  const links: string[] = [];
  try {
    try {
      git(root, ["worktree", "add", "--detach", "--quiet", worktree, commit]);
    } catch (e) {
      throw new CliError(ExitCode.Usage, `--base ${ref}: cannot check it out (git worktree add): ${gitError(e)}.`);
    }
    const baseTarget = path.join(worktree, rel);
    if (!fs.existsSync(baseTarget)) {
      throw new CliError(ExitCode.Usage, `--base ${ref}: ${rel || "."} does not exist at that commit.`);
    }
    linkNodeModules(root, worktree, path.relative(root, fs.realpathSync(dir)), links);
    return await withOwnLibrary(root, worktree, () => fn(baseTarget));
  } finally {
    // the links first, so that nothing below can reach the real node_modules
    for (const l of links) unlinkQuietly(l);
    removeWorktree(root, worktree, tmp);
  }
}

/**
 * When the checkout is of pulumi-iamx itself (its examples import `../../src`), files of the
 * worktree's copy of the library resolve to the CLI's own copy while `fn` runs: one library, one
 * model — as `pulumi-iamx` imports resolve to the CLI's copy. Otherwise the old program would
 * build its components in a second copy the export never sees, and look empty.
 */
async function withOwnLibrary<T>(root: string, worktree: string, fn: () => Promise<T>): Promise<T> {
  const own = packageRoot();
  const rel = path.relative(root, fs.realpathSync(own));
  if (rel.startsWith("..") || path.isAbsolute(rel)) return fn();
  // module paths are real paths (the temp folder may be behind a symlink)
  const theirs = path.join(fs.realpathSync(worktree), rel);
  const prefixes = ["src", "dist"].map((d) => [path.join(theirs, d) + path.sep, path.join(own, d) + path.sep] as const);
  const original = Module._resolveFilename;
  Module._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    const file = original.call(this, request, parent, isMain, options);
    for (const [from, to] of prefixes) {
      if (file.startsWith(from)) {
        const mapped = to + file.slice(from.length);
        if (fs.existsSync(mapped)) return mapped;
      }
    }
    return file;
  };
  try {
    return await fn();
  } finally {
    Module._resolveFilename = original;
  }
}

/** Symlinks each node_modules folder from the program's folder up to the root into the worktree. */
function linkNodeModules(root: string, worktree: string, relDir: string, links: string[]): void {
  let rel = relDir;
  for (;;) {
    const source = path.join(root, rel, "node_modules");
    const target = path.join(worktree, rel, "node_modules");
    if (fs.existsSync(source) && fs.existsSync(path.dirname(target)) && !fs.existsSync(target)) {
      fs.symlinkSync(source, target, "junction");
      links.push(target);
    }
    if (rel === "" || rel === ".") break;
    rel = path.dirname(rel) === "." ? "" : path.dirname(rel);
  }
}

function removeWorktree(root: string, worktree: string, tmp: string): void {
  try {
    git(root, ["worktree", "remove", "--force", worktree]);
  } catch {
    // removed below by hand; prune forgets it in git's list
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    git(root, ["worktree", "prune"]);
  } catch {
    // nothing left to prune
  }
}

function unlinkQuietly(link: string): void {
  try {
    fs.unlinkSync(link);
  } catch {
    // already gone
  }
}
