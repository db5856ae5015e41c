/**
 * What the Pulumi engine would store in plain text. Under mocks the engine is a MockMonitor; this
 * helper wraps its `registerResource` and `registerResourceOutputs` to record the requests exactly
 * as the SDK serialized them (secrets wrapped in the secret envelope the engine encrypts), and the
 * names of the outputs each resource asked the engine to treat as secret
 * (`additionalSecretOutputs`). A plaintext value is "unencrypted in state" when it appears:
 * - in a resource's inputs or a component's/stack's registered outputs outside a secret envelope;
 * - in the state the provider (the mock) returned, under an output not listed as secret.
 */
import * as pulumi from "@pulumi/pulumi";

/** The signature key and value Pulumi uses to mark a serialized secret. */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

interface Recorded {
  readonly what: string;
  readonly value: unknown;
}

export interface MonitorRecording {
  /** Serialized inputs of every registration, and every registered-outputs call. */
  readonly serialized: Recorded[];
  /** Per resource (`type::name`), the outputs it declared secret. */
  readonly secretOutputs: Map<string, string[]>;
}

/** Call first thing inside a program run by synthesizeRaw: records what the engine receives. */
export function recordMonitor(): MonitorRecording {
  const recording: MonitorRecording = { serialized: [], secretOutputs: new Map() };
  const monitor = (pulumi.runtime as unknown as { getMonitor(): any }).getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: unknown) => {
    const key = `${req.getType()}::${req.getName()}`;
    recording.serialized.push({ what: `inputs of ${key}`, value: req.getObject()?.toJavaScript() });
    recording.secretOutputs.set(key, req.getAdditionalsecretoutputsList());
    return register(req, callback);
  };
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req: any, callback: unknown) => {
    recording.serialized.push({ what: `outputs of ${req.getUrn()}`, value: req.getOutputs()?.toJavaScript() });
    return registerOutputs(req, callback);
  };
  return recording;
}

/** Every place `plaintext` appears outside a secret envelope in serialized data. */
export function leaksInSerialized(recording: MonitorRecording, plaintext: string): string[] {
  const out: string[] = [];
  for (const r of recording.serialized) walk(r.value, r.what, plaintext, out);
  return out;
}

/** Every provider-returned output holding `plaintext` that its resource did not declare secret. */
export function leaksInProviderState(
  recording: MonitorRecording,
  resources: readonly { type: string; name: string; outputs: Record<string, unknown> }[],
  plaintext: string,
): string[] {
  const out: string[] = [];
  for (const r of resources) {
    const secret = recording.secretOutputs.get(`${r.type}::${r.name}`) ?? [];
    for (const [k, v] of Object.entries(r.outputs ?? {})) {
      if (!secret.includes(k) && JSON.stringify(v ?? null).includes(plaintext)) out.push(`${r.type} ${r.name}.${k}`);
    }
  }
  return out;
}

function walk(x: unknown, where: string, plaintext: string, out: string[]): void {
  if (typeof x === "string") {
    if (x.includes(plaintext)) out.push(where);
    return;
  }
  if (Array.isArray(x)) {
    x.forEach((e, i) => walk(e, `${where}[${i}]`, plaintext, out));
    return;
  }
  if (x && typeof x === "object") {
    const o = x as Record<string, unknown>;
    if (o[SIG_KEY] === SECRET_SIG) return; // encrypted by the engine
    for (const [k, v] of Object.entries(o)) walk(v, `${where}.${k}`, plaintext, out);
  }
}

/** Whether serialized data holds at least one secret envelope (to prove the scan sees them). */
export function hasSecretEnvelope(recording: MonitorRecording): boolean {
  return recording.serialized.some((r) => JSON.stringify(r.value ?? null).includes(SECRET_SIG));
}
