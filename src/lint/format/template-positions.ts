/**
 * Where things are in a template file's text, for SARIF regions: the line and column of the node
 * at a path (`["Resources", "P", "Properties", "PolicyDocument", "Statement", 1]`). JSON is YAML,
 * so one parser serves both; CloudFormation's short-form tags (`!Sub`) are kept as unknown tags.
 * The text is parsed once, on first use.
 */
import { LineCounter, parseDocument, type Document } from "yaml";

/** A 1-based line and column. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** The position of the node at a path of a template text (see the file header). */
export function templatePositions(text: string): (path: readonly (string | number)[]) => TextPosition | undefined {
  let parsed: { doc: Document; lines: LineCounter } | undefined;
  return (path) => {
    if (!parsed) {
      const lines = new LineCounter();
      parsed = { doc: parseDocument(text, { lineCounter: lines, strict: false, uniqueKeys: false }), lines };
    }
    // The deepest node the text has: a document given as a JSON string or Fn::Sub has no
    // statements of its own, so the finding points at the document.
    for (let n = path.length; n > 0; n--) {
      const node = parsed.doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (!node || typeof node !== "object" || !node.range) continue;
      const { line, col } = parsed.lines.linePos(node.range[0]);
      return { line, column: col };
    }
    return undefined;
  };
}

/** `Policies[0].PolicyDocument.Statement[2]` → `["Policies", 0, "PolicyDocument", "Statement", 2]`. */
export function locationPath(location: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of location.split(".")) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [];
    if (m[1]) out.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

/**
 * The path in a template of what a finding points at: its statement (or document, or property)
 * when it has a location, else its resource.
 */
export function findingPath(logicalId: string, location: string | undefined): (string | number)[] {
  const rest = location ? locationPath(location) : [];
  if (rest.length === 0) return ["Resources", logicalId];
  return ["Resources", logicalId, ...(rest[0] === "Metadata" ? rest : ["Properties", ...rest])];
}

/** A path as a JSON pointer (RFC 6901): `/Resources/P/Properties/PolicyDocument/Statement/1`. */
export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}
