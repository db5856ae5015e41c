// Root hooks shared by every test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetSettings } from "../src/core/settings";
import { claimedByRun } from "../src/runtime/rejections";
import { reportUnexpected, startCapture, stopCapture } from "./output-capture";

// Everything the run puts in the temporary folder (aws-cdk-lib's synthesis folders, fixtures,
// exported templates, child processes' files) goes into one folder, removed when the process exits.
const runTmp = mkdtempSync(join(tmpdir(), "iamx-tests-"));
process.env.TMPDIR = runTmp;
process.on("exit", () => rmSync(runTmp, { recursive: true, force: true }));

// Any unhandled rejection anywhere in the suite fails the test during which it surfaced: a run of
// a program must never let one escape (it would kill a plain Node process).
const unhandled: unknown[] = [];
// (A run takes over the rejections Pulumi drops while a program runs: they are its error.)
process.on("unhandledRejection", (e) => {
  if (!claimedByRun(e)) unhandled.push(e);
});

function takeUnhandled(): string | undefined {
  if (unhandled.length === 0) return undefined;
  const found = unhandled.splice(0).map((e) => (e instanceof Error ? (e.stack ?? e.message) : String(e)));
  return `${found.length} unhandled rejection(s):\n${found.join("\n---\n")}`;
}

export const mochaHooks = {
  beforeEach(): void {
    startCapture();
  },
  afterEach(this: Mocha.Context): void {
    resetSettings();
    // Output a test expected is taken by the test (takeOutput); what is left was not expected.
    const unexpected = reportUnexpected(this.currentTest?.fullTitle() ?? "(unknown test)", stopCapture());
    if (unexpected) throw new Error(unexpected);
    const rejections = takeUnhandled();
    if (rejections) throw new Error(rejections);
  },
  afterAll(): void {
    const rejections = takeUnhandled();
    if (rejections) throw new Error(rejections);
  },
};
