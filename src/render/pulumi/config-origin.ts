/**
 * Names for secret config values. `config.requireSecret("apiKeyArn")` gives an Output with no
 * resource behind it, so the CloudFormation export could only call its parameter `Input`. While
 * programs run offline (export, preview, testing kit), the secret getters of `pulumi.Config`
 * register each Output they return as an External hinted with its config key: the parameter is
 * then `ApiKeyArn`, described as that config value, and `NoEcho`.
 */
import * as pulumi from "@pulumi/pulumi";
import { External } from "../../core/value";

const SECRET_GETTERS = [
  "getSecret",
  "requireSecret",
  "getSecretBoolean",
  "requireSecretBoolean",
  "getSecretNumber",
  "requireSecretNumber",
  "getSecretObject",
  "requireSecretObject",
];

let installed = false;

/** Installs the hints on `pulumi.Config` (once per process; values are otherwise unchanged). */
export function trackConfigSecrets(): void {
  if (installed) return;
  installed = true;
  const proto = pulumi.Config.prototype as unknown as Record<
    string,
    (this: pulumi.Config, ...args: unknown[]) => unknown
  >;
  for (const method of SECRET_GETTERS) {
    const original = proto[method];
    if (typeof original !== "function") continue;
    proto[method] = function (this: pulumi.Config, key: unknown, ...rest: unknown[]) {
      const out = original.call(this, key, ...rest);
      if (out && typeof out === "object" && typeof key === "string") {
        External.of(out, {
          property: key,
          description: `Pulumi config value "${this.name}:${key}" (secret)`,
          secret: true,
        });
      }
      return out;
    };
  }
}
