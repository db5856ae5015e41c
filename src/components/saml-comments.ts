/**
 * XML comments emptied before @xmldom/xmldom parses SAML metadata: its comment grammar is a
 * regular expression that recurses once per character, so one comment of a few megabytes (a valid
 * 9 MB metadata file) overflows the stack. Here each comment is checked with linear scans (no
 * `--` inside, no `-` before the end, only XML characters) and its text dropped, which changes
 * neither well-formedness nor the root element. CDATA sections and processing instructions are
 * stepped over, so `<!--` inside them is left alone.
 */

/** Characters XML 1.0 forbids (surrogates are allowed here; the parser sees the rest of the text). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uFFFD]/;

/** `xml` with every comment's text removed; throws an Error naming the first malformed comment. */
export function withEmptyComments(xml: string): string {
  if (!xml.includes("<!--")) return xml;
  const out: string[] = [];
  let copied = 0;
  let at = xml.indexOf("<");
  while (at >= 0) {
    if (xml.startsWith("<![CDATA[", at)) at = skipPast(xml, at, "]]>");
    else if (xml.startsWith("<?", at)) at = skipPast(xml, at, "?>");
    else if (xml.startsWith("<!--", at)) {
      const end = xml.indexOf("-->", at + 4);
      if (end < 0) throw new Error(`the comment at position ${at} is not closed with -->`);
      const text = xml.slice(at + 4, end);
      if (text.includes("--") || text.endsWith("-") || NOT_XML_CHAR.test(text)) {
        throw new Error(`the comment at position ${at} is not well-formed (it holds "--" or a character XML forbids)`);
      }
      out.push(xml.slice(copied, at + 4));
      copied = end;
      at = end + 3;
    } else at++;
    at = at < 0 ? -1 : xml.indexOf("<", at);
  }
  out.push(xml.slice(copied));
  return out.join("");
}

/** The index after `end` following `from`, or -1 when absent (the parser then reports it). */
function skipPast(xml: string, from: number, end: string): number {
  const i = xml.indexOf(end, from);
  return i < 0 ? -1 : i + end.length;
}
