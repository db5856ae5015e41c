import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { SamlMetadataDocument, checkSamlMetadata } from "../../src/components/saml-metadata";
import { validationError } from "./iamx-helpers";

export const IDP_METADATA_FILE = join(__dirname, "fixtures", "idp-metadata.xml");
export const IDP_METADATA = readFileSync(IDP_METADATA_FILE, "utf-8");

/** Pads a document past IAM's 1,000-character minimum with a trailing comment inside the root. */
function long(xml: string): string {
  return xml.replace(/(<\/[^>]+>|\/>)\s*$/, (end) => `<!--${"x".repeat(1000)}-->${end}`);
}

const errorOf = validationError;

describe("SamlMetadataDocument", () => {
  it("accepts real-shaped IdP metadata (EntityDescriptor with a signing certificate)", () => {
    expect(IDP_METADATA).to.contain('<md:KeyDescriptor use="signing">');
    expect(SamlMetadataDocument.fromXml(IDP_METADATA).xml).to.equal(IDP_METADATA);
    expect(SamlMetadataDocument.fromFile(IDP_METADATA_FILE).xml).to.equal(IDP_METADATA);
  });

  it("accepts the metadata namespace as the default namespace", () => {
    const xml = long('<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"></EntityDescriptor>');
    expect(() => checkSamlMetadata(xml)).not.to.throw();
  });

  it("drops a leading byte-order mark (as Windows tools write it)", () => {
    const dir = mkdtempSync(join(tmpdir(), "iamx-saml-"));
    const file = join(dir, "bom.xml");
    try {
      writeFileSync(file, "\ufeff" + IDP_METADATA, "utf-8");
      expect(SamlMetadataDocument.fromFile(file).xml).to.equal(IDP_METADATA);
      expect(SamlMetadataDocument.fromXml("\ufeff" + IDP_METADATA).xml).to.equal(IDP_METADATA);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const malformed: [string, string, string][] = [
    ["mismatched tags", "<a><b></a>", 'Opening and ending tag mismatch: "b" != "a"'],
    ["an empty string", "", "missing root element"],
    ["plain text", "hello", "missing root element"],
    ["two root elements", "<E/><E/>", "Only one element can be added"],
    ["an unbound prefix", "<md:EntityDescriptor/>", "prefix is non-null and namespace is null"],
    ["a duplicate attribute", '<a x="1" x="2"/>', "Attribute x redefined"],
    ["an unquoted attribute", "<a attr=unquoted/>", "unquoted"],
    ["an undeclared entity", "<a>&nbsp;</a>", "entity not found:&nbsp;"],
    ["an external entity", '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', "entity not found:&e;"],
    ["truncated metadata", IDP_METADATA.slice(0, 1500), "The SAML metadata document is not well-formed XML"],
  ];
  for (const [title, xml, detail] of malformed) {
    it(`refuses malformed XML: ${title}`, () => {
      const e = errorOf(() => SamlMetadataDocument.fromXml(xml));
      expect(e.code).to.equal("SamlMetadataNotWellFormed");
      expect(e.message).to.match(/^The SAML metadata document is not well-formed XML: /);
      expect(e.message).to.contain(detail);
    });
  }

  it("refuses a root element other than a SAML EntityDescriptor", () => {
    const cases: [string, string][] = [
      [
        long('<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"></md:EntitiesDescriptor>'),
        "md:EntitiesDescriptor (namespace urn:oasis:names:tc:SAML:2.0:metadata)",
      ],
      [long("<EntityDescriptor></EntityDescriptor>"), "EntityDescriptor (no namespace)"],
      [
        long('<x:EntityDescriptor xmlns:x="urn:other"></x:EntityDescriptor>'),
        "x:EntityDescriptor (namespace urn:other)",
      ],
      [long("<html><body/></html>"), "html (no namespace)"],
    ];
    for (const [xml, found] of cases) {
      const e = errorOf(() => SamlMetadataDocument.fromXml(xml));
      expect(e.code).to.equal("SamlMetadataWrongRoot");
      expect(e.message).to.equal(
        "The SAML metadata document's root element must be an EntityDescriptor in the namespace " +
          `urn:oasis:names:tc:SAML:2.0:metadata, found ${found}`,
      );
    }
  });

  it("refuses documents outside IAM's length limits", () => {
    const short = '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>';
    const e = errorOf(() => SamlMetadataDocument.fromXml(short));
    expect(e.code).to.equal("SamlMetadataLength");
    expect(e.message).to.equal(
      `The SAML metadata document must be between 1000 and 10000000 characters long (IAM's limits), got ${short.length}`,
    );
  });

  describe("large documents", () => {
    /** The fixture with `filler` as one comment inside its root, `size` characters in all. */
    function withComment(size: number): string {
      const end = IDP_METADATA.lastIndexOf("</");
      const rest = IDP_METADATA.length + "<!---->".length;
      return `${IDP_METADATA.slice(0, end)}<!--${"x".repeat(size - rest)}-->${IDP_METADATA.slice(end)}`;
    }

    it("accepts a valid 9 MB document holding one large comment (the parser's stack is not involved)", () => {
      const xml = withComment(9_000_000);
      expect(xml).to.have.length(9_000_000);
      expect(SamlMetadataDocument.fromXml(xml).xml).to.equal(xml);
    });

    it("accepts a document of exactly 10,000,000 characters, refuses one more", () => {
      expect(() => checkSamlMetadata(withComment(10_000_000))).not.to.throw();
      expect(errorOf(() => checkSamlMetadata(withComment(10_000_001))).code).to.equal("SamlMetadataLength");
    });

    it("refuses a 12 MB document by its length, before parsing it", () => {
      for (const xml of [withComment(12_000_000), "<".repeat(12_000_000)]) {
        const e = errorOf(() => SamlMetadataDocument.fromXml(xml));
        expect(e.code).to.equal("SamlMetadataLength");
        expect(e.message).to.equal(
          `The SAML metadata document must be between 1000 and 10000000 characters long (IAM's limits), got ${xml.length}`,
        );
      }
    });

    const badComments: [string, string, string][] = [
      ["an unclosed large comment", `<!--${"x".repeat(5_000_000)}`, "is not closed with -->"],
      ["a large comment holding --", `<!--${"x".repeat(5_000_000)}--x-->`, "is not well-formed"],
      ["a comment ending in -", "<!--x--->", "is not well-formed"],
      ["a comment holding a NUL", "<!--\u0000-->", "is not well-formed"],
    ];
    for (const [title, comment, detail] of badComments) {
      it(`refuses ${title} as not well-formed XML`, () => {
        const end = IDP_METADATA.lastIndexOf("</");
        const e = errorOf(() => checkSamlMetadata(IDP_METADATA.slice(0, end) + comment + IDP_METADATA.slice(end)));
        expect(e.code).to.equal("SamlMetadataNotWellFormed");
        expect(e.message).to.contain(detail);
      });
    }

    it("leaves comment-like text inside CDATA and processing instructions alone", () => {
      const end = IDP_METADATA.lastIndexOf("</");
      const extra = "<md:Extensions><![CDATA[<!-- not a comment ]]><?pi <!-- ?></md:Extensions>";
      expect(() => checkSamlMetadata(IDP_METADATA.slice(0, end) + extra + IDP_METADATA.slice(end))).not.to.throw();
    });
  });

  it("refuses non-string input and unreadable files with clear errors", () => {
    expect(errorOf(() => SamlMetadataDocument.fromXml(42 as never)).message).to.equal(
      "SamlMetadataDocument.fromXml needs the metadata XML as a string or a Pulumi input, got number 42",
    );
    expect(errorOf(() => SamlMetadataDocument.fromXml(null as never)).code).to.equal("InvalidSamlMetadata");
    expect(errorOf(() => SamlMetadataDocument.fromFile("/nonexistent/metadata.xml")).message).to.match(
      /^Cannot read the SAML metadata file '\/nonexistent\/metadata.xml': ENOENT/,
    );
    expect(errorOf(() => SamlMetadataDocument.fromFile("" as never)).code).to.equal("InvalidSamlMetadataFile");
    expect(errorOf(() => checkSamlMetadata(undefined)).message).to.equal(
      "The SAML metadata document must be XML text, got undefined",
    );
  });

  it("names the file when a file's content is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "iamx-saml-"));
    const file = join(dir, "broken.xml");
    try {
      writeFileSync(file, "<a><b></a>");
      const e = errorOf(() => SamlMetadataDocument.fromFile(file));
      expect(e.code).to.equal("SamlMetadataNotWellFormed");
      expect(e.message).to.contain(`(in file '${file}')`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
