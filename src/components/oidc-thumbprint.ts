/**
 * The TLS thumbprint of an OpenID Connect issuer, fetched the way CDK's OIDC custom resource does:
 * open a TLS connection to the issuer's host, walk the certificate chain Node builds for it to
 * its top certificate, and take the SHA-1 of that certificate's DER bytes.
 *
 * Unlike CDK's handler (which by default accepts any chain), the connection is always verified:
 * the chain must be trusted by Node's CA bundle (plus `NODE_EXTRA_CA_CERTS`) or by the `ca` given,
 * and the certificate must match the host. Any TLS or network failure rejects with a
 * {@link ThumbprintFetchError}; no value is ever guessed. Cost: one TCP connection and one TLS
 * handshake per call, bounded by `timeoutMs`.
 */
import { createHash } from "node:crypto";
import { isIP } from "node:net";
import * as tls from "node:tls";
import { ValidationError } from "../core/errors";
import { describe } from "../core/value";

/** How the thumbprint of an OIDC issuer is fetched. */
export interface ThumbprintFetchOptions {
  /**
   * Milliseconds allowed for DNS, connecting and the TLS handshake together, from 1 to
   * 2,147,483,647 (Node's timer limit, about 24.8 days; anything else is refused).
   * @default 10,000 (10 seconds)
   */
  readonly timeoutMs?: number;
  /**
   * Certificates (PEM) trusted for this connection instead of Node's bundled CA list, for an
   * issuer behind a private CA.
   * @default Node's CA list (plus `NODE_EXTRA_CA_CERTS`)
   */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /**
   * Further `node:tls` connection options (a client certificate, `minVersion`...). Certificate
   * verification cannot be turned off: `rejectUnauthorized` is always true.
   * @default none
   */
  readonly tls?: Omit<tls.ConnectionOptions, "rejectUnauthorized" | "host" | "port" | "socket" | "path">;
  /**
   * Receives warnings (the top certificate expires within 180 days).
   * @default ignored
   */
  readonly onWarning?: (message: string) => void;
}

/** The default limit for the whole fetch (DNS, connect and handshake). */
export const DEFAULT_THUMBPRINT_TIMEOUT_MS = 10_000;

/** Days before expiry of the top certificate below which a warning is given (as CDK's handler). */
const EXPIRY_WARNING_DAYS = 180;

/** A thumbprint could not be fetched; `reason` says why (no value was produced). */
export class ThumbprintFetchError extends ValidationError {
  constructor(
    public readonly issuerUrl: string,
    public readonly reason: string,
  ) {
    super(
      "OidcThumbprintFetchFailed",
      `Could not fetch the TLS certificate thumbprint of the OIDC issuer ${issuerUrl}: ${reason}. ` +
        "Check the URL and that this machine can reach it, give `thumbprints` explicitly, " +
        "or set `thumbprintFetch: false` to let IAM obtain the thumbprint.",
    );
    this.name = "ThumbprintFetchError";
  }
}

/**
 * Fetches the SHA-1 thumbprint (40 lowercase hex digits) of the top certificate of the chain the
 * issuer's server presents. IAM stores thumbprints in lowercase, so lowercase avoids a diff on
 * every update.
 */
export function fetchOidcThumbprint(issuerUrl: string, options: ThumbprintFetchOptions = {}): Promise<string> {
  let target: { host: string; port: number };
  let timeoutMs: number;
  try {
    target = parseIssuerUrl(issuerUrl);
    timeoutMs = checkTimeout(options.timeoutMs);
  } catch (e) {
    return Promise.reject(e);
  }
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const fail = (reason: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(new ThumbprintFetchError(issuerUrl, reason));
    };
    const connectOptions: tls.ConnectionOptions = {
      ...options.tls,
      host: target.host,
      port: target.port,
      // SNI carries DNS names only (RFC 6066); IP literals are verified against IP SANs.
      servername: isIP(target.host) ? undefined : target.host,
      rejectUnauthorized: true,
    };
    if (options.ca !== undefined) connectOptions.ca = options.ca as tls.ConnectionOptions["ca"];
    let socket: tls.TLSSocket;
    try {
      socket = tls.connect(connectOptions);
    } catch (e) {
      settled = true;
      return reject(new ThumbprintFetchError(issuerUrl, `the TLS options are invalid (${(e as Error).message})`));
    }
    const timer = setTimeout(
      () => fail(`no TLS handshake with ${target.host}:${target.port} within ${timeoutMs} ms (timed out)`),
      timeoutMs,
    );
    socket.once("error", (err) => fail(describeSocketError(err, target)));
    socket.once("secureConnect", () => {
      if (settled) return;
      try {
        const top = topCertificate(socket.getPeerCertificate(true));
        const expiry = checkExpiry(top, options.onWarning);
        if (expiry) return fail(expiry);
        const thumbprint = createHash("sha1").update(top.raw).digest("hex");
        settled = true;
        clearTimeout(timer);
        socket.end();
        resolve(thumbprint);
      } catch (e) {
        fail(`could not read the server's certificate chain (${(e as Error).message})`);
      }
    });
  });
}

function parseIssuerUrl(issuerUrl: unknown): { host: string; port: number } {
  if (typeof issuerUrl !== "string") {
    throw new ThumbprintFetchError(String(issuerUrl), `the issuer URL must be a string, got ${typeof issuerUrl}`);
  }
  if (!issuerUrl.startsWith("https://")) {
    throw new ThumbprintFetchError(issuerUrl, "the URL of the identity provider must start with https://");
  }
  let url: URL;
  try {
    url = new URL(issuerUrl);
  } catch {
    throw new ThumbprintFetchError(issuerUrl, "it is not a valid URL");
  }
  // CDK's handler reports a URL without a host in these words.
  if (!url.hostname) throw new ThumbprintFetchError(issuerUrl, `unable to determine host from issuer url ${issuerUrl}`);
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  return { host, port: url.port ? Number(url.port) : 443 };
}

/** Node's timers hold a signed 32-bit delay; a longer one fires after 1 ms (with a warning). */
export const MAX_THUMBPRINT_TIMEOUT_MS = 2_147_483_647;

/** What is wrong with a `timeoutMs` (milliseconds, 1 to {@link MAX_THUMBPRINT_TIMEOUT_MS}), if anything. */
export function thumbprintTimeoutProblem(timeoutMs: unknown): string | undefined {
  if (typeof timeoutMs === "number" && timeoutMs >= 1 && timeoutMs <= MAX_THUMBPRINT_TIMEOUT_MS) return undefined;
  return (
    `thumbprintFetch.timeoutMs must be a number of milliseconds from 1 to ${MAX_THUMBPRINT_TIMEOUT_MS} ` +
    `(Node's timer limit, about 24.8 days), got ${describe(timeoutMs)}`
  );
}

function checkTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return DEFAULT_THUMBPRINT_TIMEOUT_MS;
  const problem = thumbprintTimeoutProblem(timeoutMs);
  if (problem) throw new ValidationError("InvalidThumbprintTimeout", problem);
  return timeoutMs as number;
}

/** The last certificate of the chain Node built (a root links to itself; cycles are guarded). */
function topCertificate(leaf: tls.DetailedPeerCertificate): tls.PeerCertificate {
  if (!leaf || !leaf.raw) throw new Error("the server presented no certificate");
  let cert = leaf;
  const seen = new Set<string>([cert.fingerprint256]);
  while (cert.issuerCertificate && !seen.has(cert.issuerCertificate.fingerprint256)) {
    cert = cert.issuerCertificate;
    seen.add(cert.fingerprint256);
  }
  return cert;
}

/** CDK's handler refuses an expired top certificate and warns when it expires within 180 days. */
function checkExpiry(cert: tls.PeerCertificate, onWarning?: (message: string) => void): string | undefined {
  const validTo = new Date(cert.valid_to);
  if (Number.isNaN(validTo.getTime())) return undefined;
  const days = Math.round((validTo.getTime() - Date.now()) / 86_400_000);
  if (days < 0) return `The certificate has already expired on: ${validTo.toUTCString()}`;
  if (days < EXPIRY_WARNING_DAYS) onWarning?.(`The root certificate obtained would expire in ${days} days!`);
  return undefined;
}

const UNTRUSTED_CODES = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
]);

function describeSocketError(err: Error & { code?: string }, target: { host: string; port: number }): string {
  const where = `${target.host}:${target.port}`;
  const code = err.code ?? "";
  if (code === "ECONNREFUSED") return `the connection to ${where} was refused (ECONNREFUSED)`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `the host ${target.host} could not be resolved (${code})`;
  if (code === "ECONNRESET") return `${where} closed the connection during the TLS handshake (ECONNRESET)`;
  if (UNTRUSTED_CODES.has(code)) {
    return (
      `the certificate chain presented by ${where} is not trusted (${code}: ${err.message}); ` +
      "if the issuer uses a private CA, pass it as `thumbprintFetch.ca`"
    );
  }
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return `the certificate presented by ${where} does not match the host (${err.message})`;
  }
  if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    return `a certificate in the chain presented by ${where} is not valid now (${code}: ${err.message})`;
  }
  return `the TLS connection to ${where} failed (${code ? `${code}: ` : ""}${err.message})`;
}
