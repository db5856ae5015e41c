/**
 * Parity of `iamx.grants` with aws-cdk-lib's own L2 grants. The same scenario is built twice: with
 * CDK constructs (`new s3.Bucket(stack, "Data")`, `bucket.grantRead(role)`) in an
 * environment-agnostic stack, and with plain @pulumi/aws resources of the same names plus iamx
 * components and grants, run under mocks. The policy resources (identity policies and resource
 * policies) are compared at the same logical ids.
 *
 * Only the resource's own values differ in form (CDK: `Fn::GetAtt`/`Ref` of its resource; ours: an
 * External that becomes a template Parameter), so both are mapped to `<Name>` (`<Name.StreamArn>`
 * for a table's stream) before comparing; everything else must be equal, key order included.
 * With minimizePolicies on, CDK (and we) order a statement's resources by their CloudFormation
 * JSON, which differs between a GetAtt and a Parameter Ref: there, and only there, resource lists
 * are compared as sorted lists. With minimizePolicies off, order is exact.
 */
import * as cdk from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { expect } from "chai";
import { configure } from "../../src/core/settings";
import { External, mapTokens, type Token } from "../../src/core/value";
import { run, type Run } from "../components/iamx-helpers";

/**
 * The context of a new CDK project for the behaviours grants depend on (CDK v2 always behaves as
 * with `@aws-cdk/aws-s3:grantWriteWithoutAcl` and `@aws-cdk/aws-kms:defaultKeyPolicies` on).
 */
export const CDK_CONTEXT = {
  "@aws-cdk/aws-kms:reduceCrossAccountRegionPolicyScope": true,
  "@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName": true,
};

/** Resource types whose properties are compared. */
const COMPARED = new Set([
  "AWS::IAM::Policy",
  "AWS::S3::BucketPolicy",
  "AWS::SQS::QueuePolicy",
  "AWS::SNS::TopicPolicy",
  "AWS::SecretsManager::ResourcePolicy",
  "AWS::Lambda::Permission",
]);

export type CdkTemplate = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** CDK's template of a scenario, its non-IAM references normalised. */
export function cdkTemplate(
  build: (stack: cdk.Stack, app: cdk.App) => void,
  minimize: boolean,
  stackOf?: (app: cdk.App) => cdk.Stack,
): CdkTemplate {
  const app = new cdk.App({ context: { "@aws-cdk/aws-iam:minimizePolicies": minimize, ...CDK_CONTEXT } });
  const stack = stackOf ? stackOf(app) : new cdk.Stack(app, "stack");
  build(stack, app);
  const raw = Template.fromStack(stack).toJSON().Resources as CdkTemplate;
  return normaliseCdk(raw);
}

/** Our CloudFormation model of a scenario (run under mocks), normalised. */
export async function ourTemplate(program: () => unknown, minimize: boolean): Promise<{ run: Run; cfn: CdkTemplate }> {
  const r = await run(() => {
    configure({ minimizePolicies: minimize });
    return program();
  });
  const cfn: CdkTemplate = {};
  for (const res of r.model.resources) {
    if (!res.included) continue;
    const props = r.model.withSettings(() => res.renderProperties());
    const json = JSON.parse(JSON.stringify(mapTokens(props, normaliseToken))) as Record<string, unknown>;
    cfn[res.logicalId] = { Type: res.type, ...(props === undefined ? {} : { Properties: json }) };
  }
  return { run: r, cfn };
}

function normaliseToken(t: Token): unknown {
  if (t instanceof External) {
    const name = t.hint.resourceName ?? "?";
    return t.hint.property === "StreamArn" ? `<${name}.StreamArn>` : `<${name}>`;
  }
  return mapTokens(t.toJSON(), normaliseToken);
}

function normaliseCdk(resources: CdkTemplate): CdkTemplate {
  const isOther = (id: unknown) =>
    typeof id === "string" && resources[id] !== undefined && !resources[id].Type.startsWith("AWS::IAM::");
  const label = (id: string, attr?: string) =>
    `<${id.replace(/[0-9A-F]{8}$/, "")}${attr === "StreamArn" ? ".StreamArn" : ""}>`;
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x === null || typeof x !== "object") return x;
    const o = x as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "Ref" && isOther(o.Ref)) return label(o.Ref as string);
    if (keys.length === 1 && keys[0] === "Fn::GetAtt") {
      const [id, attr] = o["Fn::GetAtt"] as [string, string];
      if (isOther(id)) return label(id, attr);
    }
    if (keys.length === 1 && keys[0] === "Fn::Join") {
      const [sep, parts] = o["Fn::Join"] as [string, unknown[]];
      const walked = parts.map(walk);
      // A formatted ARN of a resource (SSM parameters): the resource itself.
      const refs = walked.filter((p) => typeof p === "string" && /^<.*>$/.test(p));
      if (sep === "" && typeof walked[0] === "string" && walked[0].startsWith("arn:") && refs.length === 1)
        return refs[0];
      return { "Fn::Join": [sep, walked] };
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = walk(o[k]);
    return out;
  };
  const out: CdkTemplate = {};
  for (const [id, r] of Object.entries(resources)) out[id] = walk(r) as CdkTemplate[string];
  return out;
}

/** Resource lists of statements sorted (see the module comment). */
function sortResources(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sortResources);
  if (x === null || typeof x !== "object") return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
    out[k] =
      (k === "Resource" || k === "NotResource") && Array.isArray(v)
        ? [...v].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
        : sortResources(v);
  }
  return out;
}

function unwrapSingleResources(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(unwrapSingleResources);
  if (x === null || typeof x !== "object") return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
    out[k] = k === "Resource" && Array.isArray(v) && v.length === 1 ? v[0] : unwrapSingleResources(v);
  }
  return out;
}

export interface GrantsParityOptions {
  /** Resource types compared. Default: every policy type (see COMPARED). */
  readonly types?: readonly string[];
  /** A stack other than the environment-agnostic `stack` (CDK side). */
  readonly stackOf?: (app: cdk.App) => cdk.Stack;
  /**
   * With minimizePolicies off, read a one-element `Resource` list as its element. CDK renders
   * `[arn]` for a DynamoDB table without indexes: its resource list holds the index ARN as a lazy
   * value that resolves to nothing, after the one-element-list shortening. Default: false.
   */
  readonly singleResourceAsScalar?: boolean;
  /** Extra checks on both sides. */
  readonly check?: (
    ours: { run: Run; cfn: CdkTemplate },
    theirs: CdkTemplate,
    minimize: boolean,
  ) => void | Promise<void>;
}

/** Builds both sides with minimizePolicies on and off and compares the policy resources. */
export async function expectGrantsParity(
  cdkBuild: (stack: cdk.Stack, app: cdk.App) => void,
  iamxProgram: () => unknown,
  options: GrantsParityOptions = {},
): Promise<void> {
  for (const minimize of [true, false]) {
    const theirs = cdkTemplate(cdkBuild, minimize, options.stackOf);
    const ours = await ourTemplate(iamxProgram, minimize);
    const types = new Set(options.types ?? COMPARED);
    const ids = Object.keys(theirs).filter((id) => types.has(theirs[id].Type));
    expect(ids.length, "nothing to compare").to.be.greaterThan(0);
    const ourIds = Object.keys(ours.cfn).filter((id) => types.has(ours.cfn[id].Type));
    expect(ourIds.sort(), `policy resources (minimize ${minimize})`).to.deep.equal([...ids].sort());
    for (const id of ids) {
      expect(theirs[id], `CDK has ${id}`).to.not.equal(undefined);
      expect(ours.cfn[id], `we have ${id}; we have ${Object.keys(ours.cfn).join(", ")}`).to.not.equal(undefined);
      const fix = (x: unknown) =>
        minimize ? sortResources(x) : options.singleResourceAsScalar ? unwrapSingleResources(x) : x;
      const a = fix(ours.cfn[id]);
      const b = fix(theirs[id]);
      expect(a, `${id} (minimize ${minimize})`).to.deep.equal(b);
      expect(JSON.stringify(a), `${id} key order (minimize ${minimize})`).to.equal(JSON.stringify(b));
    }
    await options.check?.(ours, theirs, minimize);
  }
}
