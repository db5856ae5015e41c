/**
 * A policy document the lint could not read (an intrinsic it cannot evaluate, text that is not
 * JSON, a statement that is not an object) is an error: the other rules never saw it, so a pass
 * would be a guess. It runs whatever packs are chosen.
 */
import { unreadablePoliciesOf } from "../policies";
import type { LintRule } from "./rule";

export const UNREADABLE_POLICY: LintRule = {
  id: "IAMX-UnreadablePolicy",
  pack: "IAMX",
  level: "error",
  granular: false,
  description: "A policy document or statement could not be read, so no rule checked it.",
  help:
    "Write the policy document as a JSON object, a JSON string, or Fn::Sub / Fn::Join text that is JSON once " +
    "references are substituted. Other intrinsics (Fn::If, Ref to a parameter) cannot be checked: review the " +
    "policy by hand and suppress with a reason.",
  check(resource) {
    return unreadablePoliciesOf(resource).map((u) => ({
      location: u.location,
      message: `${u.location} of ${resource.logicalId} (${resource.type}) cannot be read: ${u.reason}.`,
      fix: "Give the policy as JSON (object, string, or Fn::Sub/Fn::Join text that parses), or review it by hand and suppress with a reason.",
    }));
  },
};
