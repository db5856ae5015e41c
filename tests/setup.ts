// Root hooks shared by every test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetSettings } from "../src/core/settings";
import { reportUnexpected, startCapture, stopCapture } from "./output-capture";

// Everything the run puts in the temporary folder (aws-cdk-lib's synthesis folders, fixtures,
// exported templates, child processes' files) goes into one folder, removed when the process exits.
const runTmp = mkdtempSync(join(tmpdir(), "iamx-tests-"));
process.env.TMPDIR = runTmp;
process.on("exit", () => rmSync(runTmp, { recursive: true, force: true }));

export const mochaHooks = {
  beforeEach(): void {
    startCapture();
  },
  afterEach(this: Mocha.Context): void {
    resetSettings();
    // Output a test expected is taken by the test (takeOutput); what is left was not expected.
    const unexpected = reportUnexpected(this.currentTest?.fullTitle() ?? "(unknown test)", stopCapture());
    if (unexpected) throw new Error(unexpected);
  },
};
