// Requests to the component provider as the engine sends them, in one deployment (one provider),
// for the provider tests: construct and call, with Outputs of other resources as arguments.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { synthesizeRaw, type SynthesizedResource } from "../../src/testing/synthesize";
import type { SynthesizeOptions } from "../../src/runtime/types";
import { IamxProvider } from "../../sdk-gen/provider/provider";

/** A construct, or a call on a component an earlier request built (`self`: its construct name). */
export type Request =
  | { construct: string; type: string; inputs: Record<string, unknown> }
  | { call: string; self: string; args: Record<string, unknown> };

/**
 * Runs `requests` against a new provider (one deployment), as the engine would send them. In
 * inputs and args, `"@x"` stands for the component built as `x`, or for the ARN of bucket `x`
 * (`"@x.id"`: its id), an Output with a dependency, as a program in another language passes it.
 */
export async function deploy(requests: Request[], buckets: string[] = [], options: SynthesizeOptions = {}) {
  const provider = new IamxProvider();
  const results: Record<string, unknown>[] = [];
  const run = await synthesizeRaw(async () => {
    const refs: Record<string, unknown> = {};
    for (const b of buckets) {
      const bucket = new aws.s3.Bucket(b);
      refs[b] = bucket.arn;
      refs[`${b}.id`] = bucket.id;
    }
    const resolve = (v: unknown): unknown =>
      typeof v === "string" && v.startsWith("@")
        ? refs[v.slice(1)]
        : Array.isArray(v)
          ? v.map(resolve)
          : typeof v === "object" && v !== null
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]))
            : v;
    for (const r of requests) {
      if ("construct" in r) {
        const res = await provider.construct(
          r.construct,
          `iamx:index:${r.type}`,
          resolve(r.inputs) as pulumi.Inputs,
          {},
        );
        refs[r.construct] = await new Promise<string>((ok) => pulumi.output(res.urn).apply(ok));
      } else {
        const res = await provider.call(r.call, { __self__: refs[r.self], ...(resolve(r.args) as object) });
        results.push(res.outputs ?? {});
      }
    }
  }, options);
  return { resources: run.resources, results };
}

/** The resources of one Pulumi type. */
export const ofType = (resources: SynthesizedResource[], type: string) => resources.filter((r) => r.type === type);

/** The statements of an inline or managed policy resource. */
export const statementsOf = (r: SynthesizedResource) => JSON.parse(r.inputs.policy).Statement;

/** The role `app` (Lambda), with statements for its DefaultPolicy. */
export const role = (statements: unknown[] = []): Request => ({
  construct: "app",
  type: "Role",
  inputs: { assumedBy: [{ service: "lambda.amazonaws.com" }], statements },
});

/** `addToPolicy` on the role `app`. */
export const addToPolicy = (actions: string[], resources: unknown[]): Request => ({
  call: "iamx:index:Role/addToPolicy",
  self: "app",
  args: { statement: { actions, resources } },
});
