// Root hooks shared by every test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetSettings } from "../src/core/settings";
import { claimedByRun } from "../src/runtime/rejections";
import { reportUnexpected, startCapture, stopCapture, takeOutput } from "./output-capture";

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

const CHECKED = Symbol("iamx.checkedTest");

/**
 * Makes the test itself check, when its body is done, for output it left untaken and unhandled
 * rejections: a test fails then, where a failing afterEach hook would stop the whole run.
 */
function checkInsideTest(test: Mocha.Test | undefined): void {
  const fn = test?.fn as (Mocha.AsyncFunc & { [CHECKED]?: boolean }) | undefined;
  // (tests taking a `done` callback keep the afterEach check only)
  if (!test || !fn || fn[CHECKED] || fn.length > 0) return;
  const checked = async function (this: Mocha.Context): Promise<void> {
    await fn.call(this);
    const unexpected = reportUnexpected(test.fullTitle(), takeOutput());
    if (unexpected) throw new Error(unexpected);
    const rejections = takeUnhandled();
    if (rejections) throw new Error(rejections);
  };
  (checked as { [CHECKED]?: boolean })[CHECKED] = true;
  checked.toString = () => fn.toString();
  test.fn = checked;
}

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    startCapture();
    checkInsideTest(this.currentTest);
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
