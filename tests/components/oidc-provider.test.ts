import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { OpenIdConnectProvider } from "../../src/components/oidc-provider";
import {
  thumbprintFetchingEnabled,
  withThumbprintFetching,
  withoutThumbprintFetching,
} from "../../src/components/oidc-fetch-mode";
import { Role } from "../../src/components/role";
import { ValidationError } from "../../src/core/errors";
import { OpenIdConnectPrincipal } from "../../src/core/principals/federated";
import { PolicyStatement } from "../../src/core/statement";
import { toCfnJson } from "../../src/core/value";
import { startProgram } from "../../src/runtime/program";
import { run } from "../../src/runtime/run";
import { synthesizeRaw, type RawSynthesis } from "../../src/testing/synthesize";
import { closedPort, sha1OfPem, startTlsServer, testChain, type RunningServer, type TestChain } from "./tls-fixtures";

// pulumi.runtime's own functions, to stub one
const pulumiSettings = pulumi.runtime as unknown as { hasMonitor(): boolean };

const GITHUB = "https://token.actions.githubusercontent.com";
const THUMB = "6938fd4d98bab03faadb97b34396831e3780aea1";
const OIDC_TYPE = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";

/** Runs a program and also collects the errors that would fail `pulumi up` (unhandled rejections). */
async function runCollectingFailures(program: () => unknown): Promise<{ run: RawSynthesis; failures: string[] }> {
  const failures: string[] = [];
  const listener = (e: unknown) => failures.push(String((e as Error)?.message ?? e));
  process.on("unhandledRejection", listener);
  try {
    const run = await synthesizeRaw(program);
    await new Promise((r) => setTimeout(r, 20));
    return { run, failures };
  } finally {
    process.off("unhandledRejection", listener);
  }
}

function cfnProps(run: RawSynthesis, type: string): unknown {
  const r = run.model.resources.find((x) => x.type === type);
  if (!r) throw new Error(`no ${type} in the model`);
  return toCfnJson(r.renderProperties());
}

describe("OpenIdConnectProvider", () => {
  let chain: TestChain;
  let server: RunningServer;
  before(async () => {
    chain = await testChain();
    server = await startTlsServer([chain.leafPem, chain.intermediatePem], chain.leafKey);
  });
  after(() => server.close());

  it("registers aws.iam.OpenIdConnectProvider with the given thumbprints and exposes ARN and issuer", async () => {
    const run = await synthesizeRaw(() => {
      const p = new OpenIdConnectProvider("GitHub", {
        url: GITHUB,
        clientIds: ["sts.amazonaws.com"],
        thumbprints: [THUMB],
      });
      return { arn: p.openIdConnectProviderArn, issuer: p.openIdConnectProviderIssuer };
    });
    const component = run.resources.find((r) => r.type === "iamx:index:OpenIdConnectProvider")!;
    expect(component.name).to.equal("GitHub");
    const oidc = run.resources.find((r) => r.type === OIDC_TYPE)!;
    expect(oidc.name).to.equal("GitHub");
    expect(oidc.parent).to.equal("GitHub");
    expect(oidc.inputs).to.deep.equal({ url: GITHUB, clientIdLists: ["sts.amazonaws.com"], thumbprintLists: [THUMB] });
    expect(run.outputs).to.deep.equal({
      arn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
      issuer: "token.actions.githubusercontent.com",
    });
    expect(cfnProps(run, "AWS::IAM::OIDCProvider")).to.deep.equal({
      ClientIdList: ["sts.amazonaws.com"],
      ThumbprintList: [THUMB],
      Url: GITHUB,
    });
  });

  it("fetches the thumbprint from the issuer when none is given", async () => {
    const url = `https://127.0.0.1:${server.port}/oidc`;
    const run = await withThumbprintFetching(() =>
      synthesizeRaw(() => {
        const p = new OpenIdConnectProvider("Local", { url, thumbprintFetch: { ca: chain.rootPem, timeoutMs: 5000 } });
        return { thumbprints: p.openIdConnectProviderThumbprints };
      }),
    );
    const oidc = run.resources.find((r) => r.type === OIDC_TYPE)!;
    expect(oidc.inputs).to.deep.equal({ url, clientIdLists: [], thumbprintLists: [sha1OfPem(chain.rootPem)] });
    expect(run.outputs.thumbprints).to.deep.equal([sha1OfPem(chain.rootPem)]);
    // The export does not depend on the network: no ThumbprintList unless given.
    expect(cfnProps(run, "AWS::IAM::OIDCProvider")).to.deep.equal({ Url: url });
  });

  it("fetches for a url given as a Pulumi Output; the export makes the url a parameter", async () => {
    const url = `https://127.0.0.1:${server.port}`;
    const run = await withThumbprintFetching(() =>
      synthesizeRaw(() => {
        new OpenIdConnectProvider("FromOutput", {
          url: pulumi.output(url),
          thumbprintFetch: { ca: chain.rootPem },
        });
      }),
    );
    expect(run.resources.find((r) => r.type === OIDC_TYPE)!.inputs.thumbprintLists).to.deep.equal([
      sha1OfPem(chain.rootPem),
    ]);
    const props = cfnProps(run, "AWS::IAM::OIDCProvider") as { Url: { Ref: string } };
    expect(Object.keys(props)).to.deep.equal(["Url"]);
    expect(props.Url.Ref).to.match(/^FromOutputUrl\d+$/);
  });

  it("sends no thumbprint when fetching is turned off, leaving it to IAM", async () => {
    const run = await synthesizeRaw(() => {
      new OpenIdConnectProvider("NoFetch", { url: "https://unreachable.invalid", thumbprintFetch: false });
    });
    expect(run.resources.find((r) => r.type === OIDC_TYPE)!.inputs).to.deep.equal({
      url: "https://unreachable.invalid",
      clientIdLists: [],
    });
  });

  it("fails the run with a clear error when the fetch fails, registering nothing made up", async () => {
    const port = await closedPort();
    let error: Error | undefined;
    await withThumbprintFetching(() =>
      synthesizeRaw(() => {
        const p = new OpenIdConnectProvider("Broken", { url: `https://127.0.0.1:${port}/` });
        new Role("Deployer", { assumedBy: new OpenIdConnectPrincipal(p) });
      }),
    ).catch((e: Error) => (error = e));
    expect(error, "the run must fail, not resolve with resources missing").to.not.equal(undefined);
    expect(error!.message).to.contain("Broken (aws:iam/openIdConnectProvider:OpenIdConnectProvider)");
    expect(error!.message).to.contain(
      `error serializing property "thumbprintLists": Broken: Could not fetch the TLS certificate thumbprint of the OIDC issuer ` +
        `https://127.0.0.1:${port}/: the connection to 127.0.0.1:${port} was refused (ECONNREFUSED)`,
    );
  });

  it("does not connect under mocks (unit tests, offline export) unless asked to", async () => {
    const port = await closedPort();
    const url = `https://127.0.0.1:${port}`;
    const program = () => void new OpenIdConnectProvider("Offline", { url });
    for (const run of [
      () => runCollectingFailures(program),
      () => withThumbprintFetching(() => withoutThumbprintFetching(() => runCollectingFailures(program))),
    ]) {
      const { run: result, failures } = await run();
      expect(failures).to.deep.equal([]);
      expect(result.resources.find((r) => r.type === OIDC_TYPE)!.inputs).to.deep.equal({ url, clientIdLists: [] });
      expect(cfnProps(result, "AWS::IAM::OIDCProvider")).to.deep.equal({ Url: url });
    }
    // Outside any run there is no mock monitor: a real program would fetch.
    expect(await withThumbprintFetching(() => thumbprintFetchingEnabled())).to.equal(true);
    expect(await withoutThumbprintFetching(() => thumbprintFetchingEnabled())).to.equal(false);
  });

  it("reads whether to fetch from the run's mode: off in model-only and mocks runs, on in a real run", async () => {
    const seen: Record<string, boolean> = {};
    for (const mode of ["model", "mocks"] as const) {
      await run(() => void (seen[mode] = thumbprintFetchingEnabled()), { mode });
    }
    expect(seen).to.deep.equal({ model: false, mocks: false });
    // Pulumi's monitor no longer decides inside a run; outside one (a live Program) a real
    // `pulumi up` fetches, and a test under mocks of its own does not, as before.
    const hasMonitor = pulumiSettings.hasMonitor;
    pulumiSettings.hasMonitor = () => false;
    try {
      startProgram("mocks");
      expect(thumbprintFetchingEnabled(), "an offline run without a monitor").to.equal(false);
      startProgram("live");
      expect(thumbprintFetchingEnabled(), "pulumi up").to.equal(true);
    } finally {
      pulumiSettings.hasMonitor = hasMonitor;
    }
    expect(thumbprintFetchingEnabled(), "a live program under pulumi.runtime.setMocks").to.equal(false);
  });

  it("is the federated principal of a role's trust policy (Pulumi and CloudFormation)", async () => {
    const run = await synthesizeRaw(() => {
      const p = new OpenIdConnectProvider("GitHub", {
        url: GITHUB,
        clientIds: ["sts.amazonaws.com"],
        thumbprints: [THUMB],
      });
      new Role("Deployer", {
        assumedBy: new OpenIdConnectPrincipal(p, {
          StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
          StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:*" },
        }),
      });
    });
    const statement = {
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
        StringLike: { "token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:*" },
      },
      Effect: "Allow",
      Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
    };
    const role = run.resources.find((r) => r.type === "aws:iam/role:Role")!;
    expect(JSON.parse(role.inputs.assumeRolePolicy)).to.deep.equal({ Statement: [statement], Version: "2012-10-17" });
    const oidcLogicalId = run.model.resources.find((r) => r.type === "AWS::IAM::OIDCProvider")!.logicalId;
    expect(oidcLogicalId).to.match(/^GitHub[0-9A-F]{8}$/);
    const trust = (cfnProps(run, "AWS::IAM::Role") as { AssumeRolePolicyDocument: unknown }).AssumeRolePolicyDocument;
    expect(trust).to.deep.equal({
      Statement: [{ ...statement, Principal: { Federated: { Ref: oidcLogicalId } } }],
      Version: "2012-10-17",
    });
  });

  it("can be the resource of a role's statement (a grant on the provider)", async () => {
    const run = await synthesizeRaw(() => {
      const p = new OpenIdConnectProvider("GitHub", { url: GITHUB, thumbprints: [THUMB] });
      const role = new Role("Admin", { assumedBy: new OpenIdConnectPrincipal(p) });
      role.addToPolicy(
        new PolicyStatement({
          actions: ["iam:GetOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint"],
          resources: [p.openIdConnectProviderArn],
        }),
      );
    });
    const policy = run.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy")!;
    expect(JSON.parse(policy.inputs.policy).Statement).to.deep.equal([
      {
        Action: ["iam:GetOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint"],
        Effect: "Allow",
        Resource: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
      },
    ]);
  });

  describe("imported with fromOpenIdConnectProviderArn", () => {
    it("takes the issuer from a literal ARN and renders the ARN literally", async () => {
      const arn = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123";
      const run = await synthesizeRaw(() => {
        const p = OpenIdConnectProvider.fromOpenIdConnectProviderArn("Eks", arn);
        new Role("Pod", { assumedBy: new OpenIdConnectPrincipal(p) });
        return { arn: p.openIdConnectProviderArn, issuer: p.openIdConnectProviderIssuer };
      });
      expect(run.outputs).to.deep.equal({ arn, issuer: "oidc.eks.us-east-1.amazonaws.com/id/ABC123" });
      expect(run.resources.filter((r) => r.type === OIDC_TYPE)).to.deep.equal([]);
      const trust = (cfnProps(run, "AWS::IAM::Role") as { AssumeRolePolicyDocument: { Statement: unknown[] } })
        .AssumeRolePolicyDocument.Statement[0];
      expect(trust).to.deep.equal({
        Action: "sts:AssumeRoleWithWebIdentity",
        Effect: "Allow",
        Principal: { Federated: arn },
      });
    });

    it("splits an Output ARN for the issuer", async () => {
      const arn = "arn:aws:iam::123456789012:oidc-provider/accounts.example.com";
      const run = await synthesizeRaw(() => {
        const p = OpenIdConnectProvider.fromOpenIdConnectProviderArn("Ext", pulumi.output(arn));
        return { issuer: p.openIdConnectProviderIssuer };
      });
      expect(run.outputs.issuer).to.equal("accounts.example.com");
    });

    it("refuses an ARN of another resource type or without an issuer", () => {
      expect(() =>
        OpenIdConnectProvider.fromOpenIdConnectProviderArn("X", "arn:aws:iam::123456789012:oidc-provider"),
      ).to.throw("has no issuer after 'oidc-provider/'");
    });
  });

  describe("bad input is refused before anything is registered", () => {
    const cases: [string, unknown, string][] = [
      ["null args", null, "OpenIdConnectProvider needs args with a `url`, got null"],
      ["a number url", { url: 443 }, "The url must be a string or a Pulumi input, got number 443"],
      ["a missing url", {}, "The url must be a string or a Pulumi input, got undefined"],
      ["clientIds not an array", { url: GITHUB, clientIds: "a" }, 'clientIds must be an array, got string "a"'],
      [
        "a null client id",
        { url: GITHUB, clientIds: ["a", null] },
        "clientIds[1] must be a client id string, got null",
      ],
      [
        "a number thumbprint",
        { url: GITHUB, thumbprints: [7] },
        "thumbprints[0] must be a thumbprint string, got number 7",
      ],
      ["thumbprintFetch true", { url: GITHUB, thumbprintFetch: true }, "thumbprintFetch must be false or an object"],
      [
        "a zero timeout",
        { url: GITHUB, thumbprintFetch: { timeoutMs: 0 } },
        "thumbprintFetch.timeoutMs must be a number of milliseconds from 1 to 2147483647 (Node's timer limit, about 24.8 days), got number 0",
      ],
      [
        "a timeout beyond Node's timer range (it would fire after 1 ms)",
        { url: GITHUB, thumbprintFetch: { timeoutMs: 2_147_483_648 } },
        "thumbprintFetch.timeoutMs must be a number of milliseconds from 1 to 2147483647 (Node's timer limit, about 24.8 days), got number 2147483648",
      ],
      [
        "an infinite timeout",
        { url: GITHUB, thumbprintFetch: { timeoutMs: Infinity } },
        "thumbprintFetch.timeoutMs must be a number of milliseconds from 1 to 2147483647",
      ],
      ["an http url", { url: "http://x" }, "The URL of the identity provider must start with https://"],
    ];
    for (const [title, args, message] of cases) {
      it(title, async () => {
        let thrown: unknown;
        const run = await synthesizeRaw(() => {
          try {
            new OpenIdConnectProvider("Bad", args as never);
          } catch (e) {
            thrown = e;
          }
        });
        expect(thrown).to.be.instanceOf(ValidationError);
        expect((thrown as Error).message).to.contain(message);
        expect((thrown as Error).message.startsWith("[Bad] ")).to.equal(true);
        expect(run.resources).to.deep.equal([]);
      });
    }
  });
});
