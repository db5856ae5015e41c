/**
 * When an OpenIdConnectProvider without `thumbprints` fetches one from its issuer. By default
 * ("auto") it does in a real Pulumi run (`pulumi preview` / `up`) and does not in an offline one
 * (the run's mode, from the runtime: unit tests, the offline CloudFormation export, `iamx lint` and
 * `iamx preview` synthesize without a network, and the export carries only given thumbprints
 * anyway). The provider then sends no thumbprint, which a real deployment would leave to IAM; no
 * value is made up.
 */
import { runsOffline } from "../runtime/offline";

type Mode = "on" | "off";
const modes: Mode[] = [];

async function withMode<T>(mode: Mode, fn: () => T | PromiseLike<T>): Promise<T> {
  modes.push(mode);
  try {
    return await fn();
  } finally {
    modes.splice(modes.lastIndexOf(mode), 1);
  }
}

/** Runs `fn` with thumbprint fetching off, even in a real Pulumi run. */
export function withoutThumbprintFetching<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return withMode("off", fn);
}

/** Runs `fn` with thumbprint fetching on, even under Pulumi mocks (to test against a local issuer). */
export function withThumbprintFetching<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return withMode("on", fn);
}

/** Whether a provider created now fetches a missing thumbprint. */
export function thumbprintFetchingEnabled(): boolean {
  const mode = modes[modes.length - 1];
  return mode ? mode === "on" : !runsOffline();
}
