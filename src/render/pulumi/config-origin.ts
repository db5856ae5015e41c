/**
 * Names for secret config values. `config.requireSecret("apiKeyArn")` gives an Output with no
 * resource behind it, so the CloudFormation export could only call its parameter `Input`. While
 * programs run offline (export, preview, testing kit), the secret getters of `pulumi.Config`
 * register each Output they return as an External hinted with its config key: the parameter is
 * then `ApiKeyArn`, described as that config value, and `NoEcho`.
 *
 * A secret key read with a plain getter (`config.require("apiKey")`) fails instead, naming the key
 * and the secret getter to use: the plain getter returns a string, which cannot carry the secret
 * mark, so the value (or offline, a placeholder) would land in a policy as text.
 */
import * as pulumi from "@pulumi/pulumi";
import { External } from "../../core/value";
import { currentProgram, ProgramSlot } from "../../runtime/program";

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

/** Each plain getter and the secret getter that replaces it. */
const PLAIN_GETTERS: Record<string, string> = {
  get: "getSecret",
  require: "requireSecret",
  getBoolean: "getSecretBoolean",
  requireBoolean: "requireSecretBoolean",
  getNumber: "getSecretNumber",
  requireNumber: "requireSecretNumber",
  getObject: "getSecretObject",
  requireObject: "requireSecretObject",
};

// Process-wide: pulumi.Config's prototype is patched once.
let installed = false;
/** The current run's secret config keys (full keys, `project:key`). */
const SECRET_KEYS = new ProgramSlot("secret config keys", () => new Set<string>());

/** A secret config value read with a plain getter (`require` rather than `requireSecret`). */
export class SecretConfigReadError extends Error {
  public readonly code = "SecretConfigRead";
  constructor(
    public readonly key: string,
    getter: string,
    secretGetter: string,
    shortKey: string,
  ) {
    super(
      `Config "${key}" is a secret, read with config.${getter}("${shortKey}"), which would put its value in ` +
        `plain text into the template and preview. Read it with config.${secretGetter}("${shortKey}"): ` +
        `the export renders it as a NoEcho parameter.`,
    );
    this.name = "SecretConfigReadError";
  }
}

/** Sets the secret config keys of the run about to start (full keys, `project:key`). */
export function setSecretConfigKeys(keys: readonly string[]): void {
  const secretKeys = currentProgram().get(SECRET_KEYS);
  secretKeys.clear();
  for (const k of keys) secretKeys.add(k);
}

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
  for (const [method, secretMethod] of Object.entries(PLAIN_GETTERS)) {
    const original = proto[method];
    if (typeof original !== "function") continue;
    proto[method] = function (this: pulumi.Config, key: unknown, ...rest: unknown[]) {
      if (typeof key === "string" && currentProgram().get(SECRET_KEYS).has(`${this.name}:${key}`)) {
        throw new SecretConfigReadError(`${this.name}:${key}`, method, secretMethod, key);
      }
      return original.call(this, key, ...rest);
    };
  }
}
