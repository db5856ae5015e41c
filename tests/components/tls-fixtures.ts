/**
 * Test fixtures for OIDC thumbprint fetching: a CA → intermediate → leaf certificate chain made
 * with `selfsigned` (EC P-256 keys, fast), and TLS/TCP servers on 127.0.0.1 with an ephemeral port.
 * The chain is generated once per process.
 */
import { createHash, X509Certificate } from "node:crypto";
import * as net from "node:net";
import * as tls from "node:tls";
import * as selfsigned from "selfsigned";

export interface TestChain {
  readonly rootPem: string;
  readonly intermediatePem: string;
  readonly leafPem: string;
  readonly leafKey: string;
  /** A leaf for another host name, signed by the intermediate. */
  readonly otherHostLeafPem: string;
  readonly otherHostLeafKey: string;
}

let chain: Promise<TestChain> | undefined;

/** The process-wide test chain (generated on first use, ~0.1 s). */
export function testChain(): Promise<TestChain> {
  chain ??= generateChain();
  return chain;
}

async function generateChain(): Promise<TestChain> {
  const notBeforeDate = new Date(Date.now() - 86_400_000);
  const notAfterDate = new Date(Date.now() + 5 * 365 * 86_400_000);
  const base = { keyType: "ec" as const, algorithm: "sha256", notBeforeDate, notAfterDate };
  const caExtensions = [
    { name: "basicConstraints" as const, cA: true, critical: true },
    { name: "keyUsage" as const, keyCertSign: true, cRLSign: true, critical: true },
  ];
  const root = await selfsigned.generate([{ name: "commonName", value: "iamx Test Root CA" }], {
    ...base,
    extensions: caExtensions,
  });
  const intermediate = await selfsigned.generate([{ name: "commonName", value: "iamx Test Intermediate CA" }], {
    ...base,
    extensions: caExtensions,
    ca: { key: root.private, cert: root.cert },
  });
  const leafFor = (altNames: { type: 2 | 7; value?: string; ip?: string }[], cn: string) =>
    selfsigned.generate([{ name: "commonName", value: cn }], {
      ...base,
      ca: { key: intermediate.private, cert: intermediate.cert },
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, critical: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames },
      ],
    });
  const leaf = await leafFor(
    [
      { type: 2, value: "localhost" },
      { type: 7, ip: "127.0.0.1" },
    ],
    "localhost",
  );
  const other = await leafFor([{ type: 2, value: "idp.example.com" }], "idp.example.com");
  return {
    rootPem: root.cert,
    intermediatePem: intermediate.cert,
    leafPem: leaf.cert,
    leafKey: leaf.private,
    otherHostLeafPem: other.cert,
    otherHostLeafKey: other.private,
  };
}

/**
 * A root whose validity ends `daysLeft` days from now (negative: already expired) and a localhost
 * leaf it signs directly (the leaf outlives nothing: it ends with the root).
 */
export async function rootExpiringIn(daysLeft: number): Promise<{ rootPem: string; leafPem: string; leafKey: string }> {
  const notAfterDate = new Date(Date.now() + daysLeft * 86_400_000 + 3_600_000);
  const notBeforeDate = new Date(notAfterDate.getTime() - 400 * 86_400_000);
  const base = { keyType: "ec" as const, algorithm: "sha256", notBeforeDate, notAfterDate };
  const root = await selfsigned.generate([{ name: "commonName", value: "iamx Short-lived Root" }], {
    ...base,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const leaf = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
    ...base,
    ca: { key: root.private, cert: root.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
    ],
  });
  return { rootPem: root.cert, leafPem: leaf.cert, leafKey: leaf.private };
}

/** SHA-1 of a PEM certificate's DER bytes, lowercase hex, computed without our code. */
export function sha1OfPem(pem: string): string {
  const der = Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, ""), "base64");
  return createHash("sha1").update(der).digest("hex");
}

/** OpenSSL's own SHA-1 fingerprint of a PEM certificate (via node:crypto), lowercase, no colons. */
export function opensslFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint.replace(/:/g, "").toLowerCase();
}

export interface RunningServer {
  readonly port: number;
  close(): Promise<void>;
}

/** A TLS server on 127.0.0.1 presenting `certs` (PEMs, leaf first) with `key`. */
export function startTlsServer(certs: string[], key: string): Promise<RunningServer> {
  const server = tls.createServer({ key, cert: certs.join("\n") }, (socket) => socket.end());
  server.on("tlsClientError", () => undefined);
  return listen(server);
}

/** A TCP server on 127.0.0.1 that accepts connections and never answers (a stalled handshake). */
export function startSilentServer(): Promise<RunningServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on("error", () => undefined);
    s.on("close", () => sockets.delete(s));
  });
  return listen(server, () => sockets.forEach((s) => s.destroy()));
}

/** A port on 127.0.0.1 nobody listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = await listen(net.createServer());
  await s.close();
  return s.port;
}

function listen(server: net.Server, beforeClose?: () => void): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            beforeClose?.();
            server.close(() => done());
          }),
      });
    });
  });
}
