/**
 * The components this provider process has built, by URN. The engine keeps one provider process
 * for a whole deployment, so a resource reference in a later request (`roles: [role]`, a method's
 * `__self__`) is resolved to the live TypeScript component built by an earlier construct.
 */
import * as pulumi from "@pulumi/pulumi";

const live = new Map<string, pulumi.ComponentResource>();
let moduleRegistered = false;

/** Records a component once its URN is known. */
export async function remember(component: pulumi.ComponentResource): Promise<string> {
  const urn = await (component.urn as unknown as { promise(): Promise<string> }).promise();
  live.set(urn, component);
  return urn;
}

/** The live component with this URN, if this process built it. */
export function liveComponent(urn: string): pulumi.ComponentResource | undefined {
  return live.get(urn);
}

/**
 * Makes the SDK deserialize references to this package's resources into the live components.
 * A reference to a component this process did not build (a stale URN) fails with a clear error.
 */
export function registerResourceModule(packageName: string, version: string): void {
  if (moduleRegistered) return;
  moduleRegistered = true;
  pulumi.runtime.registerResourceModule(packageName, "index", {
    version,
    construct(name: string, type: string, urn: string): pulumi.Resource {
      const found = live.get(urn);
      if (!found) {
        throw new Error(
          `${type} "${name}" (${urn}) was not built by this iamx provider process; ` +
            "pass components created in the same program",
        );
      }
      return found;
    },
  });
}
