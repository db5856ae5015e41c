import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { ValidationError } from "../core/errors";
import type { ISamlProvider } from "../core/principals/federated";
import { aliasValue, describe, toValue } from "../core/value";
import type { CfnResource } from "../render/cloudformation/model";
import { IamxComponent } from "./base";
import { SamlMetadataDocument, checkSamlMetadata } from "./saml-metadata";
import { checkTags, type TagMap } from "./tag-checks";
import { TagSet } from "./tag-set";

/** Arguments of a {@link SamlProvider} (CDK's `SamlProviderProps`). */
export interface SamlProviderArgs {
  /** The identity provider's SAML 2.0 metadata (`SamlMetadataDocument.fromXml` / `fromFile`). */
  readonly metadataDocument: SamlMetadataDocument;
  /**
   * The provider's name: 1 to 128 of `A-Za-z0-9_+=,.@-`.
   * @default generated (by Pulumi from the component name; by CloudFormation in the export)
   */
  readonly name?: pulumi.Input<string>;
  /**
   * Tags of the provider, key → value (values may be Pulumi outputs; secret ones stay secret).
   * They count as given at priority 50: `Tags.of(...)` (priority 100 by default) overrides them.
   * Rendered in both targets (`tags` in Pulumi, `Tags` of `AWS::IAM::SAMLProvider`).
   * @default none
   */
  readonly tags?: TagMap;
}

const NAME_PATTERN = /^[\w+=,.@-]{1,128}$/;
const INVALID_NAME_MESSAGE =
  "Invalid SAML provider name. The name must be a string of characters consisting of upper and lowercase " +
  "alphanumeric characters with no spaces. You can also include any of the following characters: _+=,.@-. " +
  "Length must be between 1 and 128 characters.";

/**
 * An IAM SAML 2.0 identity provider (CDK's `iam.SamlProvider`), for federation from Active
 * Directory Federation Services, Okta, Shibboleth and other SAML IdPs. Use it with
 * `new SamlPrincipal(provider, conditions)` or `new SamlConsolePrincipal(provider)` as a role's
 * `assumedBy`.
 *
 * Pulumi: one `aws.iam.SamlProvider`. CloudFormation: `AWS::IAM::SAMLProvider` at
 * `<name>/Resource`. The metadata is checked first (well-formed XML, a SAML `EntityDescriptor`
 * root, IAM's length limits), so a bad document fails the program before anything is created.
 */
export class SamlProvider extends IamxComponent implements ISamlProvider {
  /** The provider's ARN (`Ref` in CloudFormation). */
  public readonly samlProviderArn: pulumi.Output<string>;
  /** The underlying @pulumi/aws resource. */
  public readonly resource: iam.SamlProvider;
  /** The CloudFormation resource this provider exports as. */
  public readonly cfn: CfnResource;

  /** An existing provider known by its ARN, as a plain object (no Pulumi resource is made). */
  public static fromSamlProviderArn(name: string, samlProviderArn: pulumi.Input<string>): ImportedSamlProvider {
    return new ImportedSamlProvider(name, samlProviderArn);
  }

  constructor(name: string, args: SamlProviderArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before anything is registered, so bad input leaves no half-made component.
    const xml = checkArgs(name, args);
    const tags = checkTags(args.tags, name);
    super("SamlProvider", name, opts);
    const tagSet = new TagSet(this, "AWS::IAM::SAMLProvider", tags);

    const metadata =
      typeof xml === "string"
        ? xml
        : pulumi.output(xml).apply((text) => {
            try {
              checkSamlMetadata(text);
            } catch (e) {
              throw new pulumi.ResourceError(`${this.displayPath}: ${(e as Error).message}`, this, true);
            }
            return text;
          });
    this.resource = new iam.SamlProvider(
      name,
      { name: args.name, samlMetadataDocument: metadata, tags: tagSet.pulumiTags() },
      this.childOpts(),
    );
    tagSet.attach(this.resource);

    const hint = (property: string) => ({ resourceName: name, property });
    const nameValue = args.name === undefined ? undefined : toValue(args.name, "name", hint("Name"));
    const xmlValue = toValue(xml, "metadata", hint("SamlMetadataDocument"));
    this.cfn = this.cfnResource(["Resource"], {
      type: "AWS::IAM::SAMLProvider",
      properties: () => ({ Name: nameValue, SamlMetadataDocument: xmlValue, Tags: tagSet.cfnTags() }),
      attributes: { Ref: () => this.resource.arn, Arn: () => this.resource.arn },
    });
    this.samlProviderArn = aliasValue(this.resource.arn, this.cfn.ref);
    this.registerOutputs({ samlProviderArn: this.samlProviderArn });
  }
}

/** A SAML provider that exists outside this program, known by its ARN. */
export class ImportedSamlProvider implements ISamlProvider {
  /** The provider's ARN. */
  public readonly samlProviderArn: pulumi.Output<string>;

  constructor(
    /** The name given to the import, used in messages. */
    public readonly name: string,
    arn: pulumi.Input<string>,
  ) {
    const value = toValue(arn, "the SAML provider ARN", { resourceName: name, property: "Arn" });
    this.samlProviderArn = aliasValue(pulumi.output(arn), value);
  }

  public toString(): string {
    return this.name;
  }
}

function checkArgs(name: string, args: SamlProviderArgs): pulumi.Input<string> {
  const scope = typeof name === "string" ? name : undefined;
  if (typeof args !== "object" || args === null) {
    throw new ValidationError(
      "InvalidSamlProviderArgs",
      `SamlProvider needs args with a \`metadataDocument\`, got ${describe(args)}`,
      scope,
    );
  }
  const doc = args.metadataDocument as SamlMetadataDocument | undefined;
  if (typeof doc !== "object" || doc === null || doc.xml === undefined || doc.xml === null) {
    throw new ValidationError(
      "InvalidSamlProviderArgs",
      "SamlProvider needs a `metadataDocument` (SamlMetadataDocument.fromXml(xml) or .fromFile(path)), " +
        `got ${typeof doc === "string" ? "a string (wrap it with SamlMetadataDocument.fromXml)" : describe(doc)}`,
      scope,
    );
  }
  const { name: providerName } = args;
  if (typeof providerName === "string") {
    // CDK lets an empty name through to an invalid template; it is refused here with CDK's message.
    if (!NAME_PATTERN.test(providerName))
      throw new ValidationError("InvalidSamlProviderName", INVALID_NAME_MESSAGE, scope);
  } else if (providerName !== undefined && (typeof providerName !== "object" || providerName === null)) {
    throw new ValidationError(
      "InvalidSamlProviderName",
      `The SAML provider name must be a string or a Pulumi input, got ${describe(providerName)}`,
      scope,
    );
  }
  // A document built by hand (not through fromXml/fromFile) is checked here too.
  if (typeof doc.xml === "string") checkSamlMetadata(doc.xml);
  else if (typeof doc.xml !== "object") checkSamlMetadata(doc.xml);
  return doc.xml;
}
