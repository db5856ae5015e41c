import { renderTemplateAsync } from "../render/cloudformation/template";
import { run } from "../runtime/run";
import type { SynthesizeOptions } from "../runtime/types";
import { lintModelWith } from "./engine";
import { policyHoldingResources, pulumiLintResources } from "./pulumi-resources";
import type { LintOptions, LintReport } from "./types";

/**
 * Runs a Pulumi program offline (no engine, no credentials) and lints the IAM resources it builds.
 * The program runs model-only when it can, as `iamx export` does (the lint reads the
 * CloudFormation model, not the Pulumi registrations), which is several times faster than
 * registering every resource with mocks; a program that waits for an iamx output's value runs
 * under mocks, and so does one with `@pulumi/aws` resources holding policy documents (a bucket,
 * queue, topic or key policy, a role of its own): their documents may hold iamx outputs, which
 * have values only under mocks. Those resources are linted with the model's.
 *
 * @param program a function that creates the program's resources, e.g. `() => require("./index")`.
 */
export async function lintProgram(
  program: () => unknown,
  options: LintOptions & SynthesizeOptions = {},
): Promise<LintReport> {
  // The policy validation's errors are this lint's findings, not a failed run; findings say
  // where each statement was made.
  const runOptions = { failOnPolicyErrors: false, statementSourceLocations: true } as const;
  let raw = await run(program, { ...options, ...runOptions, mode: "auto" });
  if (raw.mode === "model" && policyHoldingResources(raw.resources).length > 0) {
    raw = await run(program, { ...options, ...runOptions, mode: "mocks" });
  }
  // secret Pulumi inputs must render as such in findings, as they do after a mocked run: asked
  // while the template renders (once: the model's properties are not rendered twice)
  const template = raw.mode === "model" ? (await renderTemplateAsync(raw.model)).template : undefined;
  return lintModelWith(raw.model, pulumiLintResources(raw.resources), options, template);
}
