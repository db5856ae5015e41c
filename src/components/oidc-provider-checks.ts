/**
 * Input checks of {@link OpenIdConnectProvider}: CDK's `OidcProviderNative` rules with its exact
 * codes and messages, in its order (literal strings only; Pulumi Outputs are left to IAM), plus
 * shape checks for input CDK's type system would have refused. And the issuer of an imported
 * provider's ARN, as CDK's `Arn.extractResourceName(arn, "oidc-provider")`.
 */
import { ValidationError } from "../core/errors";
import { SelectSplit, describe, type Value } from "../core/value";
import type { OidcThumbprintFetch, OpenIdConnectProviderArgs } from "./oidc-provider";
import { thumbprintTimeoutProblem } from "./oidc-thumbprint";
import type * as pulumi from "@pulumi/pulumi";

/** The checked arguments. */
export interface CheckedOidcArgs {
  readonly clientIds?: pulumi.Input<string>[];
  readonly thumbprints?: pulumi.Input<string>[];
  readonly fetch: false | OidcThumbprintFetch;
}

const HEX = /^[0-9a-fA-F]+$/;

export function checkOidcProviderArgs(name: string, args: OpenIdConnectProviderArgs): CheckedOidcArgs {
  const fail = (code: string, message: string): never => {
    throw new ValidationError(code, message, typeof name === "string" ? name : undefined);
  };
  if (typeof args !== "object" || args === null) {
    fail("InvalidOpenIdConnectProviderArgs", `OpenIdConnectProvider needs args with a \`url\`, got ${describe(args)}`);
  }
  const { url } = args;
  if (!isInput(url)) fail("InvalidOidcUrl", `The url must be a string or a Pulumi input, got ${describe(url)}`);
  const clientIds = listOf(args.clientIds, "clientIds", "client id", fail);
  const thumbprints = listOf(args.thumbprints, "thumbprints", "thumbprint", fail);

  if (typeof url === "string") {
    if (!url.startsWith("https://")) {
      fail("UrlMustStartWithHttps", "The URL of the identity provider must start with https://");
    }
    if (url.length > 255)
      fail("MaximumLengthAllowedUrlCharacters", "The maximum length allowed for url is 255 characters");
  }
  if (clientIds && clientIds.length > 100) {
    fail("MaximumNumberClientsRegistered", "The maximum number of clients that can be registered is 100");
  }
  if (clientIds?.some((c) => typeof c === "string" && c.length > 255)) {
    fail("MaximumLengthClientCharacters", "The maximum length of a client ID is 255 characters");
  }
  if (thumbprints && thumbprints.length > 5) fail("MaximumNumberThumbprints", "The maximum number of thumbprints is 5");
  if (thumbprints?.some((t) => typeof t === "string" && t.length !== 40)) {
    fail("LengthThumbprintCharacters", "The length of a thumbprint must be 40 characters");
  }
  if (thumbprints?.some((t) => typeof t === "string" && !HEX.test(t))) {
    fail("ThumbprintsHexadecimalFormat", "All thumbprints must be in hexadecimal format");
  }
  return { clientIds, thumbprints, fetch: checkFetch(args.thumbprintFetch, fail) };
}

function checkFetch(
  fetch: OpenIdConnectProviderArgs["thumbprintFetch"],
  fail: (code: string, message: string) => never,
): false | OidcThumbprintFetch {
  if (fetch === undefined) return {};
  if (fetch === false) return false;
  if (typeof fetch !== "object" || fetch === null || Array.isArray(fetch)) {
    return fail(
      "InvalidThumbprintFetch",
      `thumbprintFetch must be false or an object ({ timeoutMs?, ca?, tls? }), got ${describe(fetch)}`,
    );
  }
  const problem = fetch.timeoutMs === undefined ? undefined : thumbprintTimeoutProblem(fetch.timeoutMs);
  if (problem) fail("InvalidThumbprintTimeout", problem);
  return fetch;
}

function isInput(x: unknown): boolean {
  if (typeof x === "string") return true;
  if (typeof x !== "object" || x === null) return false;
  return typeof (x as { apply?: unknown }).apply === "function" || typeof (x as { then?: unknown }).then === "function";
}

function listOf(
  list: unknown,
  prop: string,
  what: string,
  fail: (code: string, message: string) => never,
): pulumi.Input<string>[] | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return fail("InvalidOidcProviderArgs", `${prop} must be an array, got ${describe(list)}`);
  list.forEach((item: unknown, i) => {
    if (!isInput(item))
      fail("InvalidOidcProviderArgs", `${prop}[${i}] must be a ${what} string, got ${describe(item)}`);
  });
  return [...(list as pulumi.Input<string>[])];
}

/**
 * The issuer of a provider ARN: for a literal, the resource name after `oidc-provider/` (CDK's
 * errors for a malformed ARN or another resource type); otherwise `Fn::Select`/`Fn::Split`.
 */
export function importedOidcIssuer(arn: Value): Value {
  if (typeof arn !== "string") return new SelectSplit(arn, ":oidc-provider/", 1);
  const fields = arn.split(":");
  if (!arn.startsWith("arn:") || fields.length < 6) {
    throw new ValidationError(
      "ArnsMustStartWithArn",
      `ARNs must start with "arn:" and have at least 6 components: ${arn}`,
    );
  }
  const resource = fields.slice(5).join(":");
  const slash = resource.indexOf("/");
  const type = slash < 0 ? resource : resource.slice(0, slash);
  if (type !== "oidc-provider") {
    throw new ValidationError(
      "ExpectedResourceType",
      `Expected resource type 'oidc-provider' in ARN, got '${type}' in '${arn}'`,
    );
  }
  if (slash < 0 || slash === resource.length - 1) {
    throw new ValidationError(
      "OidcProviderArnWithoutIssuer",
      `The OIDC provider ARN '${arn}' has no issuer after 'oidc-provider/'`,
    );
  }
  return resource.slice(slash + 1);
}
