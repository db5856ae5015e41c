/**
 * Pulumi's Output class, for the offline runs that make a resource's output properties themselves
 * (model-outputs.ts, lazy-properties.ts, plan.ts): its type declares no constructor.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * `new OutputImpl(resources, value, isKnown, isSecret, allResources)`, as Pulumi's own code makes
 * Outputs; `resources` is a resource, a list or a set of them, `allResources` a promise of either.
 */
export const OutputImpl = pulumi.Output as unknown as new (
  resources: unknown,
  value: Promise<unknown>,
  isKnown: Promise<boolean>,
  isSecret: Promise<boolean>,
  allResources: Promise<unknown>,
) => pulumi.Output<unknown>;
