/** CDK's generated names for the inline policy of an imported role. */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { logicalIdFromPath } from "../render/cloudformation/logical-id";

const MAX_POLICY_NAME_LEN = 128;

/**
 * CDK's name for an imported role's policy with `@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName`
 * on (as in every new CDK project): `Policy` + the import's unique id from its stack down, so two
 * stacks importing one role do not overwrite each other's policy. The Pulumi stack plays the CDK
 * stack. Over 128 characters, CDK's shortened unique resource name is used.
 */
export function stackSafePolicyName(path: readonly string[]): string {
  const prefix = "Policy";
  const components = [pulumi.getStack(), ...path];
  const name = prefix + logicalIdFromPath(components);
  if (name.length <= MAX_POLICY_NAME_LEN) return name;
  return prefix + uniqueResourceName(components, MAX_POLICY_NAME_LEN - prefix.length);
}

/** CDK's `makeUniqueResourceName` (human part cut in the middle to fit, plus the path hash). */
function uniqueResourceName(path: readonly string[], maxLength: number): string {
  const components = path.filter((c) => c !== "Default");
  const strip = (c: string) => c.replace(/[^A-Za-z0-9]/g, "");
  if (components.length === 1 && strip(components[0]).length <= maxLength) return strip(components[0]);
  const hash = createHash("md5").update(components.join("/")).digest("hex").slice(0, 8).toUpperCase();
  const kept: string[] = [];
  for (const c of components) if (kept.length === 0 || !kept[kept.length - 1].endsWith(c)) kept.push(c);
  const human = kept
    .filter((c) => c !== "Resource")
    .map(strip)
    .join("");
  const maxHuman = maxLength - hash.length;
  const half = maxHuman / 2;
  return (human.length > maxHuman ? human.slice(0, half) + human.slice(-half) : human) + hash;
}
