import * as pulumi from "@pulumi/pulumi";
import { jsonOutput } from "./values";
import { onFinalize } from "./lifecycle";
import { isModelOnly, modelOnlyPlaceholder } from "./mode";
import { isPlanRun, planInput } from "./plan-inputs";

/**
 * A JSON input whose content is known only at finalize time (a policy that can still grow).
 * The Output is passed to a resource now; `render` runs once, at finalize. `what` names the
 * document in errors (`the trust policy of app/role`).
 */
export function lazyJson(render: () => unknown, what?: string): pulumi.Output<string> {
  if (isModelOnly()) return modelOnlyPlaceholder();
  if (isPlanRun()) return planInput("json", render, what);
  const [out, resolve] = pulumi.deferredOutput<string>();
  onFinalize("resolve", () => {
    const document = render();
    return () => resolve(jsonOutput(document, what));
  });
  return out;
}

/**
 * Like {@link lazyJson} for any structure (lists of names, ARNs). `evenModelOnly`: resolve it in
 * model-only runs too (for cheap values transforms may read, such as tags).
 */
export function lazyValue<T>(render: () => pulumi.Input<T>, evenModelOnly = false): pulumi.Output<T> {
  if (isModelOnly() && !evenModelOnly) return modelOnlyPlaceholder();
  // (legacy transformations read it: they need the Output)
  if (isPlanRun() && !evenModelOnly) return planInput("value", render);
  const [out, resolve] = pulumi.deferredOutput<T>();
  onFinalize("resolve", () => {
    const value = render();
    return () => resolve(pulumi.output(value) as pulumi.Output<T>);
  });
  return out;
}
