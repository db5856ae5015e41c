/**
 * Reading a policy document property as CloudFormation allows it: a JSON object, a JSON string,
 * or the JSON text built by `Fn::Sub` / `Fn::Join`. Text is parsed after each `${X}` reference
 * (and each intrinsic part of a `Fn::Join`) becomes a placeholder `${X}`: kept as is inside a JSON
 * string (so rules flatten it to `<X>`, as for any other reference) and quoted where it stands for
 * a whole value. What cannot be read this way is reported, never skipped: a rule cannot pass a
 * document it did not see.
 */
import { intrinsicName, isJsonObject } from "./intrinsics";

/** A document read to its JSON object, or why it could not be. */
export type ResolvedDocument = { readonly doc: Record<string, unknown> } | { readonly unreadable: string };

/** Reads a policy document property (any CloudFormation value). */
export function resolveDocument(value: unknown): ResolvedDocument {
  if (typeof value === "string") return parseText(value, "a JSON string");
  const fn = intrinsicName(value);
  if (fn === undefined) {
    return isJsonObject(value) ? { doc: value } : { unreadable: `it is ${describe(value)}, not a policy document` };
  }
  const arg = (value as Record<string, unknown>)[fn];
  // AWS::LanguageExtensions: the object itself, written out as text at deploy time.
  if (fn === "Fn::ToJsonString" && isJsonObject(arg) && intrinsicName(arg) === undefined) return { doc: arg };
  const text = textOf(value);
  if (typeof text !== "string") return { unreadable: text.unreadable };
  return parseText(text, `the text built by ${fn}`);
}

/** JSON text of a string-valued intrinsic, with references as `${X}` placeholders. */
function textOf(value: unknown): string | { unreadable: string } {
  if (typeof value === "string") return value;
  const fn = intrinsicName(value);
  const arg = fn ? (value as Record<string, unknown>)[fn] : undefined;
  if (fn === "Fn::Sub") return subText(arg);
  if (fn === "Fn::Join") {
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== "string" || !Array.isArray(arg[1])) {
      return { unreadable: "its Fn::Join is not [delimiter, [parts]]" };
    }
    const parts: string[] = [];
    for (const part of arg[1]) {
      const t = partText(part);
      if (typeof t !== "string") return t;
      parts.push(t);
    }
    return parts.join(arg[0]);
  }
  return { unreadable: `${fn ?? describe(value)} cannot be read as policy text` };
}

/** A `Fn::Join` part: text, a nested Sub/Join, or a reference standing for one value. */
function partText(part: unknown): string | { unreadable: string } {
  const fn = intrinsicName(part);
  if (typeof part === "string" || fn === "Fn::Sub" || fn === "Fn::Join") return textOf(part);
  const arg = fn ? (part as Record<string, unknown>)[fn] : undefined;
  if (fn === "Ref" && typeof arg === "string") return `\${${arg}}`;
  if (fn === "Fn::GetAtt") {
    const path = Array.isArray(arg) ? arg.join(".") : arg;
    if (typeof path === "string") return `\${${path}}`;
  }
  if (fn === "Fn::ImportValue" && typeof arg === "string") return `\${${arg}}`;
  if (fn !== undefined) return `\${${fn}}`;
  return { unreadable: `its Fn::Join has a part that is ${describe(part)}` };
}

/** `Fn::Sub` text: string variables substituted, other references left as placeholders. */
function subText(arg: unknown): string | { unreadable: string } {
  const [template, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
  if (typeof template !== "string") return { unreadable: "its Fn::Sub template is not a string" };
  const map = isJsonObject(vars) ? vars : {};
  return template.replace(/\$\{([^}!][^}]*)\}/g, (whole, name: string) => {
    const v = map[name.trim()];
    return typeof v === "string" ? v : whole;
  });
}

/** Parses policy text, quoting placeholders that stand outside JSON strings. */
function parseText(text: string, what: string): ResolvedDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(quotePlaceholders(text));
  } catch (e) {
    return { unreadable: `${what} is not valid JSON (${(e as Error).message})` };
  }
  return isJsonObject(parsed) ? { doc: parsed } : { unreadable: `${what} is ${describe(parsed)}, not a JSON object` };
}

/** `{"Resource": ${Arn}}` → `{"Resource": "${Arn}"}`; placeholders inside strings stay. */
function quotePlaceholders(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === "$" && text[i + 1] === "{") {
      const end = text.indexOf("}", i);
      if (end < 0) return text;
      out += JSON.stringify(text.slice(i, end + 1));
      i = end;
    } else out += c;
  }
  return out;
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "a list";
  const fn = intrinsicName(x);
  if (fn) return `a ${fn}`;
  return typeof x === "object" ? "an object" : `a ${typeof x}`;
}
