/**
 * Holds a resource's registration back until the program's policies are finalized. A component's
 * options that Pulumi reads when a registration reaches the engine (a removal policy, through a
 * resource transform) may change until then, as CDK lets them change until synthesis; a child
 * whose inputs are all plain would otherwise reach the engine while the program still runs.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isFinalized, isFinalizeFailed, onFinalize } from "./lifecycle";
import { isModelOnly } from "./mode";

type DependsOn = pulumi.CustomResourceOptions["dependsOn"];

/**
 * `dependsOn` for a child: the same dependencies, given as a promise that resolves at finalize
 * (Pulumi waits for every `dependsOn` input before it sends the registration). Unchanged once the
 * policies are final, and in model-only runs (they register no iamx resource). A child made after
 * a failed finalize never registers (its gate never opens).
 */
export function untilFinalized(dependsOn: DependsOn): DependsOn {
  if ((isFinalized() && !isFinalizeFailed()) || isModelOnly()) return dependsOn;
  // opened by finalize's hand-out: never when finalize fails
  const gate = new Promise<void>((resolve) => onFinalize("resolve", () => resolve));
  // Pulumi flattens nested inputs in `dependsOn` (runtime/dependsOn.ts gatherExplicitDependencies).
  // The promise goes in a list: the SDK classes merge their options with Pulumi's mergeOptions,
  // which makes an Output of a promise given as `dependsOn` itself (several promises and an apply
  // for each child) but keeps a list's elements as they are.
  const settled = gate.then(() => (dependsOn === undefined ? [] : [dependsOn]));
  return [settled] as unknown as pulumi.Input<pulumi.Resource>[];
}
