/**
 * Root hooks (loaded by .mocharc.json): every CloudFormation template the suite renders — by the
 * exporter, the testing kit's `synthesize().template`, or the `iamx` binary (its tests register
 * their output files) — is checked against the CloudFormation resource schemas with AWS's
 * cfn-lint, in ONE call after all tests (cfn-lint takes ~4 s to start). Both the JSON and the YAML
 * form of each template are checked. Any Error-level finding fails the run, naming the test that
 * rendered the template. Templates without resources are skipped (nothing to deploy), and so are
 * templates past CloudFormation's quotas (the export refuses them).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { onTemplateRendered, type CfnTemplate } from "../../../src/render/cloudformation/template";
import { toCfnYaml } from "../../../src/render/cloudformation/yaml";
import { exceededLimits } from "../../../src/render/cloudformation/limits";

interface Collected {
  readonly title: string;
  readonly template: CfnTemplate;
}

const collected: Collected[] = [];
const seen = new Set<string>();
let currentTitle = "(outside a test)";

/** Queues a template for the end-of-run cfn-lint check (for templates rendered in another process). */
export function lintLater(template: CfnTemplate, title = currentTitle): void {
  if (!template || typeof template !== "object" || Object.keys(template.Resources ?? {}).length === 0) return;
  // rendered past CloudFormation's quotas: the export refuses these (tests/render/cloudformation/limits.test.ts)
  if (exceededLimits(template).length > 0) return;
  const key = JSON.stringify(template);
  if (seen.has(key)) return;
  seen.add(key);
  collected.push({ title, template });
}

onTemplateRendered((t) => lintLater(JSON.parse(JSON.stringify(t)) as CfnTemplate));

interface Finding {
  readonly Filename: string;
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path: readonly (string | number)[] };
}

function cfnLintAvailable(): boolean {
  return spawnSync("cfn-lint", ["--version"], { stdio: "ignore" }).status === 0;
}

export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    currentTitle = this.currentTest?.fullTitle() ?? currentTitle;
  },
  afterAll(this: Mocha.Context): void {
    if (collected.length === 0) return;
    // A check that cannot run is a failure, never a silent pass (cfn-lint is installed wherever tests run).
    if (!cfnLintAvailable()) {
      throw new Error(`cfn-lint is not installed: ${collected.length} exported templates could not be schema-checked`);
    }
    // One cfn-lint process over every template: minutes when the machine is busy, so no tight limit.
    this.timeout(600_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-cfn-lint-"));
    const titles = new Map<string, string>();
    const files: string[] = [];
    collected.forEach(({ title, template }, i) => {
      for (const [ext, text] of [
        ["json", JSON.stringify(template, null, 2)],
        ["yaml", toCfnYaml(template)],
      ] as const) {
        const file = path.join(dir, `t${i}.${ext}`);
        fs.writeFileSync(file, text);
        titles.set(file, title);
        files.push(file);
      }
    });
    let out: string;
    try {
      out = execFileSync("cfn-lint", ["--format", "json", "--", ...files], { encoding: "utf8", maxBuffer: 1 << 28 });
    } catch (e) {
      // cfn-lint exits non-zero when it finds anything (2 errors, 4 warnings, 8 informational)
      out = (e as { stdout?: string }).stdout ?? "";
      if (!out) throw e;
    }
    const errors = (JSON.parse(out) as Finding[]).filter((f) => f.Level === "Error");
    fs.rmSync(dir, { recursive: true, force: true });
    if (errors.length > 0) {
      const lines = errors.map(
        (f) =>
          `  [${titles.get(f.Filename) ?? f.Filename}] ${path.extname(f.Filename).slice(1)} ${f.Rule.Id} ` +
          `at ${f.Location.Path.join("/")}: ${f.Message}`,
      );
      throw new Error(`cfn-lint found ${errors.length} error(s) in exported templates:\n${lines.join("\n")}`);
    }
  },
};
