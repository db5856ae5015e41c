/**
 * CloudFormation YAML with the short intrinsic forms (`!Ref X`, `!GetAtt X.Arn`, `!Join [...]`),
 * written as YAML 1.1 so that strings a YAML 1.1 reader (CloudFormation, cfn-lint) would take for
 * dates, booleans or numbers (`2012-10-17`, `yes`, `on`) come out quoted.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq, parse, type Node, type Tags } from "yaml";

/** Long form → short tag name. */
const SHORT: Record<string, string> = { Ref: "Ref", Condition: "Condition" };
for (const n of [
  "Base64",
  "Cidr",
  "FindInMap",
  "GetAZs",
  "ImportValue",
  "Join",
  "Select",
  "Split",
  "Sub",
  "Transform",
  "And",
  "Equals",
  "If",
  "Not",
  "Or",
  "GetAtt",
  "ToJsonString",
  "Length",
]) {
  SHORT[`Fn::${n}`] = n;
}

/** A template (plain JSON) as CloudFormation YAML with short-form intrinsics. */
export function toCfnYaml(template: unknown): string {
  const doc = new Document(undefined, { version: "1.1" });
  doc.contents = build(template) as Node;
  return doc.toString({ lineWidth: 0 });
}

function build(v: unknown): unknown {
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    for (const x of v) seq.items.push(build(x));
    return seq;
  }
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    const inner = (v as Record<string, unknown>)[keys[0]];
    if (keys.length === 1 && SHORT[keys[0]] && !(keys[0] === "Condition" && typeof inner !== "string")) {
      const name = SHORT[keys[0]];
      const isDotted =
        name === "GetAtt" && Array.isArray(inner) && inner.length === 2 && inner.every((s) => typeof s === "string");
      const node = (isDotted ? new Scalar((inner as string[]).join(".")) : build(inner)) as Scalar | YAMLMap | YAMLSeq;
      node.tag = `!${name}`;
      return node;
    }
    const map = new YAMLMap();
    for (const k of keys) map.items.push(new Pair(new Scalar(k), build((v as Record<string, unknown>)[k])));
    return map;
  }
  return new Scalar(v);
}

const customTags: Tags = Object.entries(SHORT).flatMap(([long, name]) => [
  {
    tag: `!${name}`,
    resolve: (str: string) =>
      name === "GetAtt"
        ? { [long]: [str.slice(0, str.indexOf(".")), str.slice(str.indexOf(".") + 1)] }
        : { [long]: str },
  },
  { tag: `!${name}`, collection: "seq" as const, resolve: (seq: { toJSON(): unknown }) => ({ [long]: seq.toJSON() }) },
  { tag: `!${name}`, collection: "map" as const, resolve: (map: { toJSON(): unknown }) => ({ [long]: map.toJSON() }) },
]);

/** Parses CloudFormation YAML (short or long intrinsic forms) back to plain JSON. */
export function fromCfnYaml(text: string): unknown {
  return parse(text, { customTags, version: "1.1" });
}
