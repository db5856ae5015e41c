import { assertConditions, type Conditions } from "../conditions";
import { toValue, valueKey, type Value, type ValueInput } from "../value";
import { PrincipalBase } from "./base";
import { PrincipalPolicyFragment } from "./fragment";
import { partitionOfRegion, programEnvironment } from "../environment";
import { ValidationError } from "../errors";

/** An identity provider trusted to federate users (Cognito, an OIDC or SAML provider). */
export class FederatedPrincipal extends PrincipalBase {
  public readonly assumeRoleAction: string;
  public readonly federated: Value;

  constructor(
    federated: ValueInput,
    public readonly conditions: Conditions = {},
    assumeRoleAction = "sts:AssumeRole",
  ) {
    super();
    this.federated = toValue(federated, "the federated identity provider");
    this.conditions = conditions ?? {};
    assertConditions(this.conditions);
    this.assumeRoleAction = assumeRoleAction;
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment({ Federated: [this.federated] }, this.conditions);
  }

  public dedupeString(): string {
    return `FederatedPrincipal:${valueKey(this.federated)}:${this.assumeRoleAction}:${JSON.stringify(this.conditions)}`;
  }

  public toString(): string {
    return `FederatedPrincipal(${String(this.federated)})`;
  }
}

/** A web identity provider (`accounts.google.com`, `cognito-identity.amazonaws.com`). */
export class WebIdentityPrincipal extends FederatedPrincipal {
  constructor(identityProvider: ValueInput, conditions: Conditions = {}) {
    super(identityProvider, conditions ?? {}, "sts:AssumeRoleWithWebIdentity");
  }

  public toString(): string {
    return `WebIdentityPrincipal(${String(this.federated)})`;
  }
}

/**
 * An OpenID Connect provider of this program or imported; anything with its ARN (a literal, a
 * token, or a component's Output registered with `aliasValue`, which renders as its reference).
 */
export interface IOpenIdConnectProvider {
  readonly openIdConnectProviderArn: ValueInput;
}

/** Users federated through an OpenID Connect provider (GitHub Actions, EKS service accounts). */
export class OpenIdConnectPrincipal extends WebIdentityPrincipal {
  constructor(openIdConnectProvider: IOpenIdConnectProvider, conditions: Conditions = {}) {
    super(openIdConnectProvider.openIdConnectProviderArn, conditions ?? {});
  }

  public toString(): string {
    return `OpenIdConnectPrincipal(${String(this.federated)})`;
  }
}

/** A SAML provider of this program or imported; anything with its ARN (as for OIDC providers). */
export interface ISamlProvider {
  readonly samlProviderArn: ValueInput;
}

/** Users federated through a SAML 2.0 provider. */
export class SamlPrincipal extends FederatedPrincipal {
  constructor(samlProvider: ISamlProvider, conditions: Conditions) {
    super(samlProvider.samlProviderArn, conditions ?? {}, "sts:AssumeRoleWithSAML");
  }

  public toString(): string {
    return `SamlPrincipal(${String(this.federated)})`;
  }
}

/** The AWS sign-in endpoint SAML console users are sent to when the program's region is unknown. */
export const SAML_SIGN_IN_URL = "https://signin.aws.amazon.com/saml";

const SIGN_IN_URLS: Record<string, string> = {
  aws: SAML_SIGN_IN_URL,
  "aws-cn": "https://signin.amazonaws.cn/saml",
  "aws-us-gov": "https://signin.amazonaws-us-gov.com/saml",
  "aws-iso": "https://signin.c2shome.ic.gov/saml",
  "aws-iso-b": "https://signin.sc2shome.sgov.gov/saml",
};

/** CDK: the sign-in URL of the program's region's partition (the commercial one when unknown). */
function samlSignInUrl(): string {
  const region = programEnvironment().region;
  if (region === undefined) return SAML_SIGN_IN_URL;
  const url = SIGN_IN_URLS[partitionOfRegion(region)];
  if (url === undefined) {
    // CDK writes an empty SAML:aud here, a trust policy no console sign-in can satisfy.
    throw new ValidationError(
      "UnknownSamlSignInUrl",
      `No SAML console sign-in URL is known for region ${region}; use a SamlPrincipal with your ` +
        'partition\'s sign-in URL as its "SAML:aud" condition.',
    );
  }
  return url;
}

/** Users federated through SAML into the AWS Management Console (`SAML:aud` is the sign-in URL). */
export class SamlConsolePrincipal extends SamlPrincipal {
  constructor(samlProvider: ISamlProvider, conditions: Conditions = {}) {
    super(samlProvider, { ...conditions, StringEquals: { "SAML:aud": samlSignInUrl() } });
  }

  public toString(): string {
    return `SamlConsolePrincipal(${String(this.federated)})`;
  }
}
