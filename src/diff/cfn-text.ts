/**
 * CloudFormation values as the text `cdk diff` shows in its IAM tables: `Ref` → `${Name}`,
 * `Fn::GetAtt` → `${Name.Attr}`, `Fn::Join` of a literal list joined, `{ Ref: AWS::NoValue }`
 * dropped from lists and objects, any other intrinsic as its JSON text (readable, not
 * re-parseable). Plain values keep their shape, so a statement can still be read afterwards.
 */

/** A CloudFormation JSON value. */
export type Json = unknown;

/** A plain JSON object (not an array, not null). */
export function isObject(x: Json): x is Record<string, Json> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** The intrinsic `x` is (its one `Ref` / `Fn::*` key and argument), if it is one. */
function intrinsic(x: Json): { fn: string; arg: Json } | undefined {
  if (!isObject(x)) return undefined;
  const keys = Object.keys(x);
  if (keys.length !== 1 || !(keys[0] === "Ref" || keys[0].startsWith("Fn::"))) return undefined;
  return { fn: keys[0], arg: x[keys[0]] };
}

function isNoValue(x: Json): boolean {
  const i = intrinsic(x);
  return i?.fn === "Ref" && i.arg === "AWS::NoValue";
}

/** `x` with its intrinsics replaced by their display text (see the module header). */
export function renderIntrinsics(x: Json): Json {
  if (Array.isArray(x)) return x.filter((e) => !isNoValue(e)).map(renderIntrinsics);
  if (isNoValue(x)) return undefined;
  const i = intrinsic(x);
  if (i) {
    if (i.fn === "Ref") return "${" + String(i.arg) + "}";
    if (i.fn === "Fn::GetAtt") {
      const parts = Array.isArray(i.arg) ? i.arg : typeof i.arg === "string" ? i.arg.split(".") : [i.arg];
      return "${" + String(parts[0]) + "." + String(parts[1]) + "}";
    }
    if (i.fn === "Fn::Join" && Array.isArray(i.arg) && Array.isArray(i.arg[1])) {
      const sep = i.arg[0];
      return i.arg[1]
        .filter((e) => !isNoValue(e))
        .map(renderIntrinsics)
        .join(sep as string);
    }
    return JSON.stringify({ [i.fn]: renderIntrinsics(i.arg) });
  }
  if (isObject(x)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(x)) if (!isNoValue(v)) out[k] = renderIntrinsics(v);
    return out;
  }
  return x;
}
