/**
 * Parity harness for the identity components (User, Group, AccessKey, InstanceProfile). A
 * scenario is written twice, once with aws-cdk-lib in stack `S` and once as a pulumi-iamx program
 * (the APIs differ by the scope argument only), and compared two ways:
 * - CloudFormation: every resource of our model (`CfnResource.renderProperties()`, JSON
 *   round-tripped) equals CDK's template resource at the same logical id, key order included,
 *   and both sides have the same logical ids;
 * - Pulumi: the policy document of every inline policy the program registered equals CDK's
 *   `PolicyDocument` of the policy with the same name, once CDK's intrinsics are replaced by the
 *   values the mocked deployment gave (the `Ref`/`Arn` of our resources, the mock account).
 */
import * as cdk from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import { expect } from "chai";
import type { CfnResource } from "../../src/render/cloudformation/model";
import { synthesizeRaw, type RawSynthesis, type SynthesizeOptions } from "../../src/testing/synthesize";
import { withoutCdkValidation } from "./oracle";

/** CloudFormation resources by logical id. */
export type Resources = Record<string, { Type: string; Properties?: Record<string, any> }>;

export interface IdentityScenario {
  /** Builds the scenario with aws-cdk-lib in `stack`. Runs after the iamx side (it may read `shared`). */
  cdk(stack: cdk.Stack, shared: Record<string, unknown>): void;
  /** Builds the scenario with pulumi-iamx (inside a mocked program); may leave values in `shared`. */
  iamx(shared: Record<string, unknown>): unknown;
}

export interface ParityResult {
  readonly ours: Resources;
  readonly theirs: Resources;
  readonly raw: RawSynthesis;
  /** CDK warnings (text without the ack suffix). */
  readonly cdkWarnings: string[];
  readonly shared: Record<string, unknown>;
  /** Number of Pulumi policy documents compared. */
  readonly documentsCompared: number;
}

const PSEUDO: Record<string, string> = {
  "AWS::Partition": "aws",
  "AWS::AccountId": "123456789012",
  "AWS::Region": "us-east-1",
  "AWS::URLSuffix": "amazonaws.com",
};

/** Runs both sides and asserts CloudFormation and Pulumi-document parity. */
export async function checkIdentityParity(
  scenario: IdentityScenario,
  options: SynthesizeOptions = {},
): Promise<ParityResult> {
  const shared: Record<string, unknown> = {};
  const raw = await synthesizeRaw(() => scenario.iamx(shared), options);
  const ours = ourResources(raw);

  const { template, annotations } = withoutCdkValidation(() => {
    const app = new cdk.App({ context: { "@aws-cdk/aws-iam:minimizePolicies": true } });
    const s = new cdk.Stack(app, "S");
    scenario.cdk(s, shared);
    // Annotations.fromStack synthesizes again: inside the wrapper as well.
    return { template: Template.fromStack(s), annotations: Annotations.fromStack(s) };
  });
  const theirs = (template.toJSON().Resources ?? {}) as Resources;
  const cdkWarnings = annotations
    .findWarning("*", Match.anyValue())
    .map((m) => String(m.entry.data).replace(/ \[ack: [^\]]+\]$/, ""));

  expect(Object.keys(ours).sort(), "logical ids").to.deep.equal(Object.keys(theirs).sort());
  for (const id of Object.keys(theirs)) {
    expect(ours[id], `resource ${id}`).to.deep.equal(theirs[id]);
    expect(JSON.stringify(ours[id]), `resource ${id} (key order)`).to.equal(JSON.stringify(theirs[id]));
  }
  const documentsCompared = await comparePulumiDocuments(raw, theirs);
  return { ours, theirs, raw, cdkWarnings, shared, documentsCompared };
}

function ourResources(raw: RawSynthesis): Resources {
  const out: Resources = {};
  raw.model.withSettings(() => {
    for (const r of raw.model.resources) {
      if (!r.included) continue;
      const props = r.renderProperties();
      out[r.logicalId] = props === undefined ? { Type: r.type } : { Type: r.type, Properties: roundTrip(props) };
    }
  });
  return out;
}

function roundTrip(x: unknown): Record<string, any> {
  return JSON.parse(JSON.stringify(x));
}

const POLICY_TYPES = [
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
  "aws:iam/rolePolicy:RolePolicy",
];

/** Compares each registered inline policy's JSON with CDK's document of the same policy name. */
async function comparePulumiDocuments(raw: RawSynthesis, theirs: Resources): Promise<number> {
  const values = await attributeValues(raw.model.resources);
  let compared = 0;
  for (const r of raw.resources.filter((x) => POLICY_TYPES.includes(x.type))) {
    const cdkPolicy = Object.values(theirs).find(
      (t) => t.Type === "AWS::IAM::Policy" && t.Properties?.PolicyName === r.inputs.name,
    );
    expect(cdkPolicy, `CDK policy named ${r.inputs.name}`).to.not.equal(undefined);
    const expected = resolveIntrinsics(cdkPolicy!.Properties!.PolicyDocument, values);
    // A document holding a secret (an access key's secret) arrives in Pulumi's secret envelope.
    const policy = r.inputs.policy as string | { value: string };
    const actual = JSON.parse(typeof policy === "string" ? policy : policy.value);
    expect(actual, `Pulumi document of ${r.name}`).to.deep.equal(expected);
    expect(JSON.stringify(actual), `Pulumi document of ${r.name} (key order)`).to.equal(JSON.stringify(expected));
    compared++;
  }
  return compared;
}

/** `logicalId/attribute` → the value the mocked deployment gave. */
async function attributeValues(resources: readonly CfnResource[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const r of resources) {
    for (const attr of ["Ref", "Arn", "SecretAccessKey"]) {
      let o: unknown;
      try {
        o = r.resolveAttribute(attr);
      } catch {
        continue;
      }
      const v = await new Promise((resolve) => {
        const output = o as { apply?: (f: (v: unknown) => unknown) => unknown };
        if (output && typeof output.apply === "function") output.apply(resolve);
        else resolve(o);
      });
      out.set(`${r.logicalId}/${attr}`, v);
    }
  }
  return out;
}

/** Replaces Ref, Fn::GetAtt and Fn::Join by their deployed values. */
export function resolveIntrinsics(x: unknown, values: Map<string, unknown>): unknown {
  if (Array.isArray(x)) return x.map((e) => resolveIntrinsics(e, values));
  if (!x || typeof x !== "object") return x;
  const o = x as Record<string, any>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === "Ref") {
    const name = o.Ref as string;
    if (name in PSEUDO) return PSEUDO[name];
    if (values.has(`${name}/Ref`)) return values.get(`${name}/Ref`);
    throw new Error(`no value for {"Ref": "${name}"}`);
  }
  if (keys.length === 1 && keys[0] === "Fn::GetAtt") {
    const [id, attr] = o["Fn::GetAtt"] as [string, string];
    if (values.has(`${id}/${attr}`)) return values.get(`${id}/${attr}`);
    throw new Error(`no value for GetAtt ${id}.${attr}`);
  }
  if (keys.length === 1 && keys[0] === "Fn::Join") {
    const [sep, parts] = o["Fn::Join"] as [string, unknown[]];
    return parts.map((p) => resolveIntrinsics(p, values)).join(sep);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = resolveIntrinsics(o[k], values);
  return out;
}
