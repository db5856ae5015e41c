import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import type { IOpenIdConnectProvider } from "../core/principals/federated";
import { SelectSplit, aliasValue, toValue, type Value } from "../core/value";
import type { CfnResource } from "../render/cloudformation/model";
import { toOutput } from "../render/pulumi/values";
import { IamxComponent } from "./base";
import { checkRemovalPolicy, type RemovalPolicy } from "./removal-policy";
import { checkOidcProviderArgs, importedOidcIssuer } from "./oidc-provider-checks";
import { thumbprintFetchingEnabled } from "./oidc-fetch-mode";
import { fetchOidcThumbprint, type ThumbprintFetchOptions } from "./oidc-thumbprint";
import { checkTags, type TagMap } from "./tag-checks";
import { TagSet } from "./tag-set";

/** How an {@link OpenIdConnectProvider} fetches its issuer's thumbprint (`onWarning` goes to the Pulumi log). */
export type OidcThumbprintFetch = Omit<ThumbprintFetchOptions, "onWarning">;

/** Arguments of an {@link OpenIdConnectProvider} (CDK's `OpenIdConnectProviderProps`). */
export interface OpenIdConnectProviderArgs {
  /**
   * The issuer URL of the identity provider: `https://` only, at most 255 characters (checked
   * when it is a literal string), e.g. `https://token.actions.githubusercontent.com`.
   */
  readonly url: pulumi.Input<string>;
  /**
   * The client ids (audiences) that may ask for tokens: at most 100, each at most 255 characters.
   * @default none (`[]`)
   */
  readonly clientIds?: pulumi.Input<string>[];
  /**
   * SHA-1 thumbprints (40 hex digits, at most 5) of the top certificate of the issuer's chain.
   * @default fetched from the issuer when the program runs (see {@link thumbprintFetch})
   */
  readonly thumbprints?: pulumi.Input<string>[];
  /**
   * When `thumbprints` is not given: how the thumbprint is fetched, or `false` to send none and
   * let IAM obtain it when the provider is created.
   * @default fetch over verified TLS with Node's CA list and a 10-second limit
   */
  readonly thumbprintFetch?: false | OidcThumbprintFetch;
  /**
   * Tags of the provider, key → value (values may be Pulumi outputs; secret ones stay secret).
   * They count as given at priority 50: `Tags.of(...)` (priority 100 by default) overrides them.
   * Rendered in both targets (`tags` in Pulumi, `Tags` of `AWS::IAM::OIDCProvider`).
   * @default none
   */
  readonly tags?: TagMap;
  /**
   * What happens to the provider when the program stops managing it or replaces it (CDK's
   * `removalPolicy` of `OidcProviderNative`): `RETAIN` gives Pulumi's `retainOnDelete` and the
   * export's `DeletionPolicy`/`UpdateReplacePolicy` `Retain`.
   * @default `RemovalPolicy.DESTROY` (no DeletionPolicy written)
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An IAM OpenID Connect identity provider (CDK's `iam.OpenIdConnectProvider`), to federate
 * GitHub Actions, EKS service accounts, Google and other OIDC issuers. Use it with
 * `new OpenIdConnectPrincipal(provider, conditions)` as a role's `assumedBy`.
 *
 * Pulumi: one `aws.iam.OpenIdConnectProvider`. CloudFormation: `AWS::IAM::OIDCProvider` at
 * `<name>/Resource` (CDK's `OidcProviderNative` shape; CDK's own `OpenIdConnectProvider` is a
 * Lambda-backed custom resource at the same logical id, which a CloudFormation template does not
 * need).
 *
 * Thumbprints: when none are given, the component opens a TLS connection to the issuer while
 * the program runs (`pulumi preview`/`up`), verifies the chain, and uses the SHA-1 of the top
 * certificate of the chain, as CDK's custom resource does at deploy time. Any TLS or network
 * failure fails the program with the reason; no value is ever made up. Under Pulumi mocks (unit
 * tests, the offline export, `iamx lint`) nothing is fetched and no thumbprint is sent (see
 * `withThumbprintFetching` / `withoutThumbprintFetching`). The CloudFormation export carries only
 * the thumbprints given in `thumbprints` (its `ThumbprintList` is optional, and IAM then obtains
 * the thumbprint itself), so a template never depends on the network.
 */
export class OpenIdConnectProvider extends IamxComponent implements IOpenIdConnectProvider {
  /** The provider's ARN (`Ref` in CloudFormation). */
  public readonly openIdConnectProviderArn: pulumi.Output<string>;
  /** The issuer: the URL without `https://` (taken from the ARN, as CDK does). */
  public readonly openIdConnectProviderIssuer: pulumi.Output<string>;
  /** The thumbprints the provider has: those given, fetched, or obtained by IAM. */
  public readonly openIdConnectProviderThumbprints: pulumi.Output<string[]>;
  /** The underlying @pulumi/aws resource. */
  public readonly resource: iam.OpenIdConnectProvider;
  /** The CloudFormation resource this provider exports as. */
  public readonly cfn: CfnResource;

  /**
   * An existing provider known by its ARN, as a plain object (no Pulumi resource is made).
   * Its issuer is the part of the ARN after `oidc-provider/`.
   */
  public static fromOpenIdConnectProviderArn(
    name: string,
    openIdConnectProviderArn: pulumi.Input<string>,
  ): ImportedOpenIdConnectProvider {
    return new ImportedOpenIdConnectProvider(name, openIdConnectProviderArn);
  }

  constructor(name: string, args: OpenIdConnectProviderArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before anything is registered, so bad input leaves no half-made component.
    const checked = checkOidcProviderArgs(name, args);
    const tags = checkTags(args.tags, name);
    if (args.removalPolicy !== undefined) checkRemovalPolicy(args.removalPolicy, name);
    super("OpenIdConnectProvider", name, opts);
    if (args.removalPolicy !== undefined) this.applyRemovalPolicy(args.removalPolicy);
    const tagSet = new TagSet(this, "AWS::IAM::OIDCProvider", tags);

    let thumbprintLists: pulumi.Input<pulumi.Input<string>[]> | undefined = checked.thumbprints;
    if (thumbprintLists === undefined && checked.fetch !== false && thumbprintFetchingEnabled()) {
      thumbprintLists = this.fetchThumbprints(args.url, checked.fetch);
    }
    this.resource = new iam.OpenIdConnectProvider(
      name,
      { url: args.url, clientIdLists: checked.clientIds ?? [], thumbprintLists, tags: tagSet.pulumiTags() },
      this.childOpts(),
    );
    tagSet.attach(this.resource);

    const hint = (property: string) => ({ resourceName: name, property });
    const url = toValue(args.url, "url", hint("Url"));
    const clientIds = checked.clientIds?.map((c) => toValue(c, "a client id", hint("ClientId")));
    const thumbprints = checked.thumbprints?.map((t) => toValue(t, "a thumbprint", hint("Thumbprint")));
    this.cfn = this.cfnResource(["Resource"], {
      type: "AWS::IAM::OIDCProvider",
      properties: () => ({
        ClientIdList: clientIds,
        Tags: tagSet.cfnTags(),
        ThumbprintList: thumbprints,
        Url: url,
      }),
      attributes: { Ref: () => this.resource.arn, Arn: () => this.resource.arn },
    });

    const arn = this.cfn.ref;
    const issuer = new SelectSplit(arn, ":oidc-provider/", 1);
    this.openIdConnectProviderArn = aliasValue(this.resource.arn, arn);
    this.openIdConnectProviderIssuer = aliasValue(toOutput(issuer), issuer);
    this.openIdConnectProviderThumbprints = this.resource.thumbprintLists;
    this.registerOutputs({
      openIdConnectProviderArn: this.openIdConnectProviderArn,
      openIdConnectProviderIssuer: this.openIdConnectProviderIssuer,
    });
  }

  /**
   * Starts the fetch now; the provider's `thumbprintLists` input waits for it. A failure rejects
   * the input, which fails the program with the reason, reported against this component.
   */
  private fetchThumbprints(url: pulumi.Input<string>, options: OidcThumbprintFetch): pulumi.Output<string[]> {
    const onWarning = (message: string) => void pulumi.log.warn(`${this.displayPath}: ${message}`, this);
    return pulumi.output(url).apply((issuerUrl) =>
      fetchOidcThumbprint(issuerUrl, { ...options, onWarning }).then(
        (thumbprint) => [thumbprint],
        (e: Error) => Promise.reject(new pulumi.ResourceError(`${this.displayPath}: ${e.message}`, this, true)),
      ),
    );
  }
}

/** An OpenID Connect provider that exists outside this program, known by its ARN. */
export class ImportedOpenIdConnectProvider implements IOpenIdConnectProvider {
  /** The provider's ARN. */
  public readonly openIdConnectProviderArn: pulumi.Output<string>;
  /** The issuer: the ARN's resource name after `oidc-provider/`. */
  public readonly openIdConnectProviderIssuer: pulumi.Output<string>;

  constructor(
    /** The name given to the import, used in messages. */
    public readonly name: string,
    arn: pulumi.Input<string>,
  ) {
    const arnValue: Value = toValue(arn, "the OIDC provider ARN", { resourceName: name, property: "Arn" });
    const issuer = importedOidcIssuer(arnValue);
    this.openIdConnectProviderArn = aliasValue(pulumi.output(arn), arnValue);
    this.openIdConnectProviderIssuer = aliasValue(toOutput(issuer), issuer);
  }

  public toString(): string {
    return this.name;
  }
}
