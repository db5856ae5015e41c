import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import { OpenIdConnectProvider } from "../../src/components/oidc-provider";
import { ValidationError } from "../../src/core/errors";
import { aliasOf, toCfnJson } from "../../src/core/value";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { errorInProgram, errorOf, expectCdkError, type OidcProps } from "./federation-harness";

const GITHUB = "https://token.actions.githubusercontent.com";
const THUMB = "6938fd4d98bab03faadb97b34396831e3780aea1";

describe("parity: OpenIdConnectProvider attributes and input checks", () => {
  describe("issuer attribute", () => {
    function cdkIssuer(make: (stack: cdk.Stack) => { openIdConnectProviderIssuer: string }): unknown {
      const stack = new cdk.Stack(new cdk.App(), "S");
      return stack.resolve(make(stack).openIdConnectProviderIssuer);
    }

    it("of a provider: Fn::Select over Fn::Split of the provider's Ref, as CDK's", async () => {
      let ours: unknown;
      await synthesizeRaw(() => {
        const p = new OpenIdConnectProvider("Oidc", { url: GITHUB, thumbprintFetch: false });
        ours = toCfnJson(aliasOf(p.openIdConnectProviderIssuer));
      });
      const theirs = cdkIssuer((stack) => new cdkIam.OidcProviderNative(stack, "Oidc", { url: GITHUB }));
      expect(theirs).to.deep.equal({
        "Fn::Select": [1, { "Fn::Split": [":oidc-provider/", { Ref: "Oidc70BFA75F" }] }],
      });
      expect(ours).to.deep.equal(theirs);
    });

    it("of an imported literal ARN: the resource name after oidc-provider/", async () => {
      const arn = "arn:aws:iam::123456789012:oidc-provider/oidc.example.com/sub";
      const theirs = cdkIssuer((stack) => cdkIam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(stack, "I", arn));
      const run = await synthesizeRaw(() => ({
        issuer: OpenIdConnectProvider.fromOpenIdConnectProviderArn("I", arn).openIdConnectProviderIssuer,
      }));
      expect(run.outputs.issuer).to.equal(theirs);
    });

    for (const arn of ["arn:aws:iam::123456789012:role/x", "nonsense"]) {
      it(`refuses ${JSON.stringify(arn)} with CDK's error`, () => {
        const theirs = errorOf(() =>
          cdkIssuer((stack) => cdkIam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(stack, "I", arn)),
        );
        const ours = errorOf<ValidationError>(() => OpenIdConnectProvider.fromOpenIdConnectProviderArn("I", arn));
        expectCdkError(ours, theirs);
      });
    }
  });

  describe("validation: OidcProviderNative's rules, codes and messages, in its order", () => {
    const cases: [string, OidcProps][] = [
      ["an http url", { url: "http://oidc.example.com" }],
      ["a url without scheme", { url: "oidc.example.com" }],
      ["a url of 256 characters", { url: "https://" + "a".repeat(248) }],
      ["101 client ids", { url: GITHUB, clientIds: Array.from({ length: 101 }, (_, i) => `c${i}`) }],
      ["a client id of 256 characters", { url: GITHUB, clientIds: ["c".repeat(256)] }],
      ["6 thumbprints", { url: GITHUB, thumbprints: Array.from({ length: 6 }, () => THUMB) }],
      ["a thumbprint of 39 characters", { url: GITHUB, thumbprints: [THUMB.slice(1)] }],
      ["a thumbprint that is not hex", { url: GITHUB, thumbprints: ["g".repeat(40)] }],
      ["both an http url and too many thumbprints (url first)", { url: "http://x", thumbprints: Array(6).fill(THUMB) }],
      [
        "a long client id and a short thumbprint (client id first)",
        { url: GITHUB, clientIds: ["c".repeat(256)], thumbprints: ["ab"] },
      ],
    ];
    for (const [title, props] of cases) {
      it(title, async () => {
        const theirs = errorOf(() => new cdkIam.OidcProviderNative(new cdk.Stack(new cdk.App(), "S"), "Oidc", props));
        const ours = await errorInProgram(() => new OpenIdConnectProvider("Oidc", props));
        expect(ours).to.be.instanceOf(ValidationError);
        expectCdkError(ours, theirs, "Oidc");
      });
    }

    it("limits at the edge are accepted by both", async () => {
      const props: OidcProps = {
        url: "https://" + "a".repeat(247),
        clientIds: Array.from({ length: 100 }, () => "c".repeat(255)),
        thumbprints: Array.from({ length: 5 }, () => "aB".repeat(20)),
      };
      expect(() => new cdkIam.OidcProviderNative(new cdk.Stack(new cdk.App(), "S"), "Oidc", props)).not.to.throw();
      const run = await synthesizeRaw(() => void new OpenIdConnectProvider("Oidc", props));
      expect(run.resources.some((r) => r.type === "aws:iam/openIdConnectProvider:OpenIdConnectProvider")).to.equal(
        true,
      );
    });
  });
});
