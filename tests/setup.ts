// Root hooks shared by every test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetSettings } from "../src/core/settings";

// Everything the run puts in the temporary folder (aws-cdk-lib's synthesis folders, fixtures,
// exported templates, child processes' files) goes into one folder, removed when the process exits.
const runTmp = mkdtempSync(join(tmpdir(), "iamx-tests-"));
process.env.TMPDIR = runTmp;
process.on("exit", () => rmSync(runTmp, { recursive: true, force: true }));

export const mochaHooks = {
  afterEach(): void {
    resetSettings();
  },
};
