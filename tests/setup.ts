// Root hooks shared by every test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetSettings } from "../src/core/settings";

// aws-cdk-lib apps without an outdir make a new temporary folder each; give them one for the run.
const cdkOutdir = mkdtempSync(join(tmpdir(), "iamx-tests-cdk-"));
process.env.CDK_OUTDIR ??= cdkOutdir;

export const mochaHooks = {
  afterEach(): void {
    resetSettings();
  },
  afterAll(): void {
    rmSync(cdkOutdir, { recursive: true, force: true });
  },
};
