import * as pulumi from "@pulumi/pulumi";
import { jsonOutput } from "./values";
import { onFinalize } from "./lifecycle";

/**
 * A JSON input whose content is known only at finalize time (a policy that can still grow).
 * The Output is passed to a resource now; `render` runs once, at finalize.
 */
export function lazyJson(render: () => unknown): pulumi.Output<string> {
  const [out, resolve] = pulumi.deferredOutput<string>();
  onFinalize("resolve", () => resolve(jsonOutput(render())));
  return out;
}

/** Like {@link lazyJson} for any structure (lists of names, ARNs). */
export function lazyValue<T>(render: () => pulumi.Input<T>): pulumi.Output<T> {
  const [out, resolve] = pulumi.deferredOutput<T>();
  onFinalize("resolve", () => resolve(pulumi.output(render()) as pulumi.Output<T>));
  return out;
}
