/**
 * SAML 2.0 metadata documents for {@link SamlProvider}: where the XML comes from (CDK's
 * `SamlMetadataDocument.fromXml` / `fromFile`) and the check every document passes before it is
 * used: well-formed XML (parsed with @xmldom/xmldom, whose warnings count as errors too), a root
 * `EntityDescriptor` in the SAML 2.0 metadata namespace, and IAM's length limits (the maximum checked
 * before parsing). Cost: one parse, linear in the document's size; comments are emptied first
 * (see `saml-comments.ts`) so a large one cannot overflow the parser's stack.
 */
import { readFileSync } from "node:fs";
import type * as pulumi from "@pulumi/pulumi";
import { DOMParser } from "@xmldom/xmldom";
import { ValidationError } from "../core/errors";
import { describe } from "../core/value";
import { withEmptyComments } from "./saml-comments";

/** The namespace of SAML 2.0 metadata elements. */
export const SAML_METADATA_NAMESPACE = "urn:oasis:names:tc:SAML:2.0:metadata";
/** IAM's limits on a SAML metadata document, in characters. */
export const SAML_METADATA_MIN_LENGTH = 1000;
export const SAML_METADATA_MAX_LENGTH = 10_000_000;

/** The SAML 2.0 metadata an identity provider publishes (an `EntityDescriptor` XML document). */
export abstract class SamlMetadataDocument {
  /**
   * A document given as XML text. A literal string is checked now; a Pulumi Output is checked
   * when it resolves (a bad document then fails the program). A leading byte-order mark is dropped.
   */
  public static fromXml(xml: pulumi.Input<string>): SamlMetadataDocument {
    if (typeof xml === "string") {
      const text = stripBom(xml);
      checkSamlMetadata(text);
      return new XmlDocument(text);
    }
    if (typeof xml !== "object" || xml === null) {
      throw new ValidationError(
        "InvalidSamlMetadata",
        `SamlMetadataDocument.fromXml needs the metadata XML as a string or a Pulumi input, got ${describe(xml)}`,
      );
    }
    return new XmlDocument(xml);
  }

  /** A document read now (synchronously, as UTF-8) from a file; a leading byte-order mark is dropped. */
  public static fromFile(path: string): SamlMetadataDocument {
    if (typeof path !== "string" || path.length === 0) {
      throw new ValidationError(
        "InvalidSamlMetadataFile",
        `SamlMetadataDocument.fromFile needs a file path, got ${describe(path)}`,
      );
    }
    let text: string;
    try {
      text = readFileSync(path, "utf-8");
    } catch (e) {
      throw new ValidationError(
        "InvalidSamlMetadataFile",
        `Cannot read the SAML metadata file '${path}': ${(e as Error).message}`,
      );
    }
    text = stripBom(text);
    try {
      checkSamlMetadata(text);
    } catch (e) {
      const err = e as ValidationError;
      throw new ValidationError(err.code, `${err.message} (in file '${path}')`);
    }
    return new XmlDocument(text);
  }

  /** The metadata XML. */
  public abstract readonly xml: pulumi.Input<string>;
}

class XmlDocument extends SamlMetadataDocument {
  constructor(public readonly xml: pulumi.Input<string>) {
    super();
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Throws a ValidationError unless `xml` is well-formed XML whose root element is a SAML 2.0
 * `EntityDescriptor` and whose length is within IAM's limits (1,000 to 10,000,000 characters).
 */
export function checkSamlMetadata(xml: unknown): asserts xml is string {
  if (typeof xml !== "string") {
    throw new ValidationError(
      "InvalidSamlMetadata",
      `The SAML metadata document must be XML text, got ${describe(xml)}`,
    );
  }
  // Too long is refused before parsing (the costly part, and no use on a document IAM refuses);
  // too short after it, where a parse error says more about a fragment than its length does.
  if (xml.length > SAML_METADATA_MAX_LENGTH) throw lengthError(xml);
  let problem: string | undefined;
  let root: { localName: string | null; namespaceURI: string | null; tagName: string } | null = null;
  try {
    const parser = new DOMParser({
      onError: (_level: string, message: string) => {
        problem ??= message;
        throw new Error(message);
      },
    });
    root = parser.parseFromString(withEmptyComments(xml), "text/xml").documentElement;
  } catch (e) {
    problem ??= (e as Error).message;
  }
  if (problem !== undefined || !root) {
    throw new ValidationError(
      "SamlMetadataNotWellFormed",
      `The SAML metadata document is not well-formed XML: ${problem ?? "no root element"}`,
    );
  }
  if (root.localName !== "EntityDescriptor" || root.namespaceURI !== SAML_METADATA_NAMESPACE) {
    const found = root.namespaceURI
      ? `${root.tagName} (namespace ${root.namespaceURI})`
      : `${root.tagName} (no namespace)`;
    throw new ValidationError(
      "SamlMetadataWrongRoot",
      `The SAML metadata document's root element must be an EntityDescriptor in the namespace ` +
        `${SAML_METADATA_NAMESPACE}, found ${found}`,
    );
  }
  if (xml.length < SAML_METADATA_MIN_LENGTH) throw lengthError(xml);
}

function lengthError(xml: string): ValidationError {
  return new ValidationError(
    "SamlMetadataLength",
    `The SAML metadata document must be between ${SAML_METADATA_MIN_LENGTH} and ${SAML_METADATA_MAX_LENGTH} ` +
      `characters long (IAM's limits), got ${xml.length}`,
  );
}
