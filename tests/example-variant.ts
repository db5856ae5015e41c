// A copy of an example's folder with its index.ts (and Pulumi.yaml) edited, in a temporary folder,
// for tests that show what a line of the example does by running the program without it. The copy
// imports the same modules as the example (the checkout's sources, one @pulumi/pulumi).
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/** The example's file `file` (index.ts, Pulumi.yaml, ...) as text. */
export function exampleFile(name: string, file: string): string {
  return fs.readFileSync(path.join(ROOT, "examples", name, file), "utf8");
}

/** `text` without its one line holding `line` (fails the test if it has none, or several). */
export function withoutLine(text: string, line: string): string {
  const lines = text.split("\n");
  const at = lines.flatMap((l, i) => (l.includes(line) ? [i] : []));
  expect(at, `lines holding ${line}`).to.have.length(1);
  return [...lines.slice(0, at[0]), ...lines.slice(at[0] + 1)].join("\n");
}

/** `text` with its one occurrence of `from` replaced (fails the test if it has none, or several). */
export function replacedOnce(text: string, from: string, to: string): string {
  expect(text.split(from), `occurrences of ${from}`).to.have.length(2);
  return text.replace(from, to);
}

/** The 1-based line of the last `marker` before the first `anchor` in `source`. */
export function lineBefore(source: string, anchor: string, marker: string): number {
  const at = source.indexOf(anchor);
  expect(at, anchor).to.be.greaterThan(-1);
  const before = source.slice(0, at);
  return before.slice(0, before.lastIndexOf(marker)).split("\n").length;
}

// Module specifiers as the example writes them → absolute paths, so the copy loads the same modules.
function absoluteImports(source: string): string {
  return source
    .replace(/from "\.\.\/\.\.\/src"/g, `from ${JSON.stringify(path.join(ROOT, "src"))}`)
    .replace(/from "(@pulumi\/[^"]+)"/g, (_, spec: string) => `from ${JSON.stringify(require.resolve(spec))}`);
}

const made: string[] = [];

/** Writes a program folder (index.ts and Pulumi.yaml as given) to a temporary folder; returns its path. */
export function exampleVariant(files: { index: string; project: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-example-variant-"));
  made.push(dir);
  fs.writeFileSync(path.join(dir, "index.ts"), absoluteImports(files.index));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), files.project);
  return dir;
}

/** Removes the folders exampleVariant made (call in an `after` hook). */
export function removeExampleVariants(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
