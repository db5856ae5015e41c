/**
 * Parity of whole components with aws-cdk-lib: the same program written with CDK constructs (in
 * an environment-agnostic stack named like the Pulumi stack) and with iamx components. The
 * CloudFormation resources of our export must equal CDK's template at the same logical ids
 * (Type, Properties, DependsOn), and the documents our @pulumi/aws resources receive must equal
 * CDK's documents once its intrinsics are resolved to the values of our run.
 */
import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import { Template } from "aws-cdk-lib/assertions";
import { expect } from "chai";
import { configure } from "../../src/core/settings";
import { resolveIntrinsics, run, type Run } from "../components/iamx-helpers";

export const STACK = "stack";

export interface CdkResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string[];
}

/** How the CDK app and stack differ from a new CDK project's env-agnostic stack. */
export interface CdkStackOptions {
  /** Context values (feature flags) over a new project's. */
  readonly context?: Record<string, unknown>;
  /** The stack's `env` (account, region). */
  readonly env?: cdk.Environment;
}

/** CDK's template resources for a program built in stack `stack`. */
export function cdkResources(
  build: (stack: cdk.Stack, iam: typeof cdkIam) => void,
  minimize = true,
  options: CdkStackOptions = {},
): Record<string, CdkResource> {
  // The IAM flags of a new CDK project (see the README's table).
  const app = new cdk.App({
    context: {
      "@aws-cdk/aws-iam:minimizePolicies": minimize,
      "@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName": true,
      ...options.context,
    },
  });
  const stack = new cdk.Stack(app, STACK, options.env ? { env: options.env } : {});
  build(stack, cdkIam);
  const resources = (Template.fromStack(stack).toJSON().Resources ?? {}) as Record<string, CdkResource>;
  for (const r of Object.values(resources)) {
    if (r.DependsOn) r.DependsOn = [...r.DependsOn].sort();
  }
  return resources;
}

export interface Parity {
  readonly ours: Run;
  readonly theirs: Record<string, CdkResource>;
  /** Asserts the document our Pulumi resource received equals CDK's, intrinsics resolved. */
  expectPulumiJson(type: string, name: string, input: string, cdkLogicalId: string, cdkProperty: string): Promise<void>;
}

/**
 * Runs both programs and asserts that the IAM resources are the same (logical ids, types,
 * properties, DependsOn), key order included.
 */
export async function checkComponents(
  cdkBuild: (stack: cdk.Stack, iam: typeof cdkIam) => void,
  iamxProgram: () => unknown,
  minimize = true,
  options: CdkStackOptions = {},
): Promise<Parity> {
  const theirs = cdkResources(cdkBuild, minimize, options);
  const ours = await run(() => {
    configure({ minimizePolicies: minimize });
    return iamxProgram();
  });
  const iamOnly = (rs: Record<string, { Type: string }>) =>
    Object.keys(rs)
      .filter((k) => rs[k].Type.startsWith("AWS::IAM::"))
      .sort();
  expect(iamOnly(ours.cfn), "logical ids").to.deep.equal(iamOnly(theirs));
  for (const id of iamOnly(theirs)) {
    expect(ours.cfn[id], id).to.deep.equal(theirs[id]);
    expect(JSON.stringify(ours.cfn[id]), `${id} (key order)`).to.equal(JSON.stringify(theirs[id]));
  }
  return {
    ours,
    theirs,
    async expectPulumiJson(type, name, input, cdkLogicalId, cdkProperty) {
      const expected = await resolveIntrinsics(theirs[cdkLogicalId]?.Properties?.[cdkProperty], ours.model);
      const raw = ours.get(type, name).inputs[input] as string;
      expect(JSON.parse(raw), `${name}.${input}`).to.deep.equal(expected);
      expect(raw, `${name}.${input} (key order)`).to.equal(JSON.stringify(expected));
    },
  };
}

/** Registers a test running {@link checkComponents} with minimize on and off. */
export function componentParity(
  title: string,
  cdkBuild: (stack: cdk.Stack, iam: typeof cdkIam) => void,
  iamxProgram: () => unknown,
  check?: (p: Parity, minimize: boolean) => Promise<void> | void,
  options: CdkStackOptions = {},
): void {
  it(title, async () => {
    for (const minimize of [true, false]) {
      const p = await checkComponents(cdkBuild, iamxProgram, minimize, options);
      await check?.(p, minimize);
    }
  });
}
