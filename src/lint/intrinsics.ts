/**
 * Reading CloudFormation JSON values in rules: intrinsics flattened to text in cdk-nag's format
 * (so suppression `appliesTo` strings written for cdk-nag keep working), and list helpers.
 *
 * Flattening: a string stays itself with `${X}` written `<X>`; `Fn::Join` joins its flattened
 * parts; `Fn::Sub` flattens its template; `Ref` gives `<Name>`; `Fn::GetAtt` gives `<Name.Attr>`;
 * `Fn::ImportValue` flattens its argument; anything else is its JSON text.
 */

type Json = unknown;

function isObject(x: Json): x is Record<string, Json> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** The single `Fn::*`/`Ref` key of an intrinsic object, if it is one. */
export function intrinsicName(x: Json): string | undefined {
  if (!isObject(x)) return undefined;
  const keys = Object.keys(x);
  return keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::")) ? keys[0] : undefined;
}

/** A value as flat text, cdk-nag style: `arn:<AWS::Partition>:s3:::<Bucket.Arn>/*`. */
export function flatten(x: Json): string {
  if (x === undefined) return "";
  if (typeof x === "string") return x.replace(/\$\{/g, "<").replace(/\}/g, ">");
  const fn = intrinsicName(x);
  const arg = fn ? (x as Record<string, Json>)[fn] : undefined;
  if (fn === "Fn::Join" && Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) {
    return arg[1].map(flatten).join(typeof arg[0] === "string" ? arg[0] : "");
  }
  if (fn === "Fn::Sub") return flatten(Array.isArray(arg) ? arg[0] : arg);
  if (fn === "Fn::GetAtt") {
    const parts = Array.isArray(arg) ? arg : typeof arg === "string" ? arg.split(".") : [arg];
    return `<${flatten(parts[0])}.${flatten(parts[1])}>`;
  }
  if (fn === "Fn::ImportValue") return flatten(arg);
  if (fn === "Ref") return `<${flatten(arg)}>`;
  return JSON.stringify(x) ?? "";
}

/** A CloudFormation list value: an array as is, a single value as a one-element list, absent as empty. */
export function asList(x: Json): Json[] {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) ? x : [x];
}

/** The logical id a `Ref`/`Fn::GetAtt` points at, if `x` is one. */
export function referencedLogicalId(x: Json): string | undefined {
  const fn = intrinsicName(x);
  const arg = fn ? (x as Record<string, Json>)[fn] : undefined;
  if (fn === "Ref" && typeof arg === "string") return arg;
  if (fn === "Fn::GetAtt") {
    const first = Array.isArray(arg) ? arg[0] : typeof arg === "string" ? arg.split(".")[0] : undefined;
    return typeof first === "string" ? first : undefined;
  }
  return undefined;
}

/** Whether `x` is a plain JSON object (not an array, not null). */
export function isJsonObject(x: Json): x is Record<string, Json> {
  return isObject(x);
}
