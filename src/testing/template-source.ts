import { renderTemplate } from "../render/cloudformation/template";
import type { RawSynthesis } from "./synthesize";

/** The CloudFormation template of a synthesized run (the export of that run). */
export function templateOf(raw: RawSynthesis): Record<string, any> {
  return renderTemplate(raw.model, { outputs: raw.programOutputs });
}
