import { expect } from "chai";
import { fetchOidcThumbprint, ThumbprintFetchError } from "../../src/components/oidc-thumbprint";
import { ValidationError } from "../../src/core/errors";
import {
  closedPort,
  opensslFingerprint,
  rootExpiringIn,
  sha1OfPem,
  startSilentServer,
  startTlsServer,
  testChain,
  type RunningServer,
  type TestChain,
} from "./tls-fixtures";

async function rejection(p: Promise<unknown>): Promise<ThumbprintFetchError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(ThumbprintFetchError);
    return e as ThumbprintFetchError;
  }
  throw new Error("expected the fetch to fail");
}

describe("fetchOidcThumbprint (real TLS on 127.0.0.1)", () => {
  let c: TestChain;
  let full: RunningServer;
  let partial: RunningServer;
  let otherHost: RunningServer;

  before(async () => {
    c = await testChain();
    full = await startTlsServer([c.leafPem, c.intermediatePem, c.rootPem], c.leafKey);
    partial = await startTlsServer([c.leafPem, c.intermediatePem], c.leafKey);
    otherHost = await startTlsServer([c.otherHostLeafPem, c.intermediatePem], c.otherHostLeafKey);
  });
  after(async () => {
    await Promise.all([full.close(), partial.close(), otherHost.close()]);
  });

  it("the fixture's independent SHA-1 computations agree", () => {
    expect(sha1OfPem(c.rootPem)).to.match(/^[0-9a-f]{40}$/);
    expect(sha1OfPem(c.rootPem)).to.equal(opensslFingerprint(c.rootPem));
    expect(sha1OfPem(c.rootPem)).not.to.equal(sha1OfPem(c.intermediatePem));
  });

  it("returns the SHA-1 of the root when the server sends the whole chain", async () => {
    const t = await fetchOidcThumbprint(`https://127.0.0.1:${full.port}/oidc`, { ca: c.rootPem });
    expect(t).to.equal(opensslFingerprint(c.rootPem));
    expect(t).to.equal(sha1OfPem(c.rootPem));
  });

  it("completes a chain without its root from the trusted CAs and takes the root", async () => {
    const t = await fetchOidcThumbprint(`https://127.0.0.1:${partial.port}`, { ca: [c.rootPem] });
    expect(t).to.equal(sha1OfPem(c.rootPem));
  });

  it("uses the host name for SNI and verification (localhost)", async () => {
    const t = await fetchOidcThumbprint(`https://localhost:${full.port}/a/b`, { ca: c.rootPem });
    expect(t).to.equal(sha1OfPem(c.rootPem));
  });

  it("fails closed on a chain nobody trusts", async () => {
    const e = await rejection(fetchOidcThumbprint(`https://127.0.0.1:${full.port}`));
    expect(e.code).to.equal("OidcThumbprintFetchFailed");
    expect(e.message).to.contain(`OIDC issuer https://127.0.0.1:${full.port}`);
    expect(e.message).to.contain("is not trusted (SELF_SIGNED_CERT_IN_CHAIN");
    expect(e.message).to.contain("thumbprintFetch.ca");
  });

  it("fails closed when only the intermediate is sent and the root is unknown", async () => {
    const e = await rejection(fetchOidcThumbprint(`https://127.0.0.1:${partial.port}`));
    expect(e.reason).to.match(/is not trusted \(UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
  });

  it("fails when the certificate does not match the host", async () => {
    const e = await rejection(fetchOidcThumbprint(`https://127.0.0.1:${otherHost.port}`, { ca: c.rootPem }));
    expect(e.reason).to.contain("does not match the host");
  });

  it("times out on a server that never completes the handshake", async () => {
    const silent = await startSilentServer();
    try {
      const e = await rejection(fetchOidcThumbprint(`https://127.0.0.1:${silent.port}`, { timeoutMs: 200 }));
      expect(e.reason).to.equal(`no TLS handshake with 127.0.0.1:${silent.port} within 200 ms (timed out)`);
    } finally {
      await silent.close();
    }
  });

  it("reports a refused connection", async () => {
    const port = await closedPort();
    const e = await rejection(fetchOidcThumbprint(`https://127.0.0.1:${port}/`));
    expect(e.message).to.equal(
      `Could not fetch the TLS certificate thumbprint of the OIDC issuer https://127.0.0.1:${port}/: ` +
        `the connection to 127.0.0.1:${port} was refused (ECONNREFUSED). Check the URL and that this machine ` +
        "can reach it, give `thumbprints` explicitly, or set `thumbprintFetch: false` to let IAM obtain the thumbprint.",
    );
  });

  it("refuses a URL that is not https, without connecting", async () => {
    const e = await rejection(fetchOidcThumbprint(`http://127.0.0.1:${full.port}`, { ca: c.rootPem }));
    expect(e.reason).to.equal("the URL of the identity provider must start with https://");
  });

  it("refuses malformed URLs and bad timeouts", async () => {
    expect((await rejection(fetchOidcThumbprint("https://"))).reason).to.equal("it is not a valid URL");
    expect((await rejection(fetchOidcThumbprint(42 as unknown as string))).reason).to.contain("must be a string");
    for (const timeoutMs of [-1, 0, 0.5, NaN, 2_147_483_648, 1e12, Infinity]) {
      let error: unknown;
      try {
        await fetchOidcThumbprint(`https://127.0.0.1:${full.port}`, { timeoutMs });
      } catch (e) {
        error = e;
      }
      expect(error, `timeoutMs ${timeoutMs}`).to.be.instanceOf(ValidationError);
      expect((error as ValidationError).code).to.equal("InvalidThumbprintTimeout");
      expect((error as Error).message).to.contain("timeoutMs must be a number of milliseconds from 1 to 2147483647");
    }
  });

  it("honours the largest timeout Node's timers hold (the handshake settles first)", async () => {
    const t = await fetchOidcThumbprint(`https://127.0.0.1:${full.port}`, { ca: c.rootPem, timeoutMs: 2_147_483_647 });
    expect(t).to.match(/^[0-9a-f]{40}$/);
  });

  it("warns through onWarning when the root expires within 180 days, and still returns it", async () => {
    const soon = await rootExpiringIn(30);
    const server = await startTlsServer([soon.leafPem, soon.rootPem], soon.leafKey);
    try {
      const warnings: string[] = [];
      const t = await fetchOidcThumbprint(`https://127.0.0.1:${server.port}`, {
        ca: soon.rootPem,
        onWarning: (w) => warnings.push(w),
      });
      expect(t).to.equal(sha1OfPem(soon.rootPem));
      expect(warnings).to.deep.equal(["The root certificate obtained would expire in 30 days!"]);
      // The long-lived test root gives no warning.
      warnings.length = 0;
      await fetchOidcThumbprint(`https://127.0.0.1:${full.port}`, {
        ca: c.rootPem,
        onWarning: (w) => warnings.push(w),
      });
      expect(warnings).to.deep.equal([]);
    } finally {
      await server.close();
    }
  });

  it("fails on an expired chain", async () => {
    const old = await rootExpiringIn(-2);
    const server = await startTlsServer([old.leafPem, old.rootPem], old.leafKey);
    try {
      const e = await rejection(fetchOidcThumbprint(`https://127.0.0.1:${server.port}`, { ca: old.rootPem }));
      expect(e.reason).to.contain("is not valid now (CERT_HAS_EXPIRED");
    } finally {
      await server.close();
    }
  });
});
