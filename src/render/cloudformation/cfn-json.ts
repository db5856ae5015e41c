/**
 * CDK's `CfnJson` for what a template cannot write in place: a condition key holding a token
 * (CloudFormation keys are plain text) and a condition block given as a Pulumi Output (its JSON
 * text is a template parameter). Each such map becomes a `Custom::AWSCDKCfnJson` resource whose
 * `Value` is the map's JSON text (an `Fn::Join` of literal text and intrinsics, as CDK's
 * `toJsonString` writes it), and the policy holds `Fn::GetAtt [<it>, Value]` — what CDK renders
 * for `new CfnJson(owner, "ConditionJson", { value })` made under the component whose policy
 * holds the map. Ids: `ConditionJson`, then `ConditionJson2`, ... for further different maps of
 * the same owner, in template order (equal maps share one); the resources are stateless, so a
 * renumbering only replaces them.
 *
 * The function behind them is CDK's `AWSCDKCfnUtilsProvider` (same logical ids, role and
 * settings) with one deliberate difference: its code is inline (`ZipFile`, the same handling of
 * `Custom::AWSCDKCfnJson`) instead of a CDK asset in the CDK bootstrap bucket, which a template
 * deployed without the CDK CLI would not have. Cost: linear in the size of the properties.
 */
import { isConditionBlockToken } from "../../core/conditions";
import { External, Join, isToken, keyToken, type Token, type Value } from "../../core/value";
import { CfnResource } from "./model";

/** The provider's construct id (a child of the stack), as CDK names it. */
export const CFN_UTILS_PROVIDER_ID = "AWSCDKCfnUtilsProviderCustomResourceProvider";

/** The resource type CDK gives CfnJson's custom resource. */
export const CFN_JSON_TYPE = "Custom::AWSCDKCfnJson";

/** The Lambda runtime CDK 2.276's custom resource providers use. */
const RUNTIME = "nodejs24.x";

/**
 * The handler, inline: answers CloudFormation with `Data.Value` = the parsed `Value` property, as
 * CDK's cfn-utils provider does for `Custom::AWSCDKCfnJson`.
 */
export const CFN_JSON_HANDLER_CODE = [
  'const https = require("https");',
  "exports.handler = async (event, context) => {",
  '  let status = "SUCCESS", reason = "", data = {};',
  "  try {",
  '    if (event.RequestType !== "Delete") data = { Value: JSON.parse(event.ResourceProperties.Value) };',
  "  } catch (e) {",
  '    status = "FAILED"; reason = String(e);',
  "  }",
  "  const body = JSON.stringify({",
  '    Status: status, Reason: reason || "See CloudWatch Logs: " + context.logStreamName,',
  "    PhysicalResourceId: event.PhysicalResourceId || event.RequestId, StackId: event.StackId,",
  "    RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId, Data: data,",
  "  });",
  "  const url = new URL(event.ResponseURL);",
  "  await new Promise((resolve, reject) => {",
  '    const req = https.request({ hostname: url.hostname, path: url.pathname + url.search, method: "PUT",',
  '      headers: { "content-type": "", "content-length": Buffer.byteLength(body) } }, (res) => {',
  '      res.resume(); res.on("end", resolve);',
  "    });",
  '    req.on("error", reject);',
  "    req.end(body);",
  "  });",
  "};",
].join("\n");

/** The CfnJson resources (and their provider) one template needs, made while its resources render. */
export class CfnJsonResources {
  /** The resources made, in creation order: each CfnJson, the provider after the first. */
  public readonly resources: CfnResource[] = [];
  private handler?: CfnResource;
  /** Per owner scope: the JSON-text key of each map → its resource. */
  private readonly byOwner = new Map<string, Map<string, CfnResource>>();

  /**
   * The properties of `owner` with every map CloudFormation cannot write in place replaced by a
   * `Fn::GetAtt` of its CfnJson resource. Returns the same object when there is none.
   */
  public extract(properties: Record<string, unknown> | undefined, owner: CfnResource): typeof properties {
    if (properties === undefined) return undefined;
    return this.walk(properties, owner) as Record<string, unknown>;
  }

  private walk(x: unknown, owner: CfnResource): unknown {
    // An Output block is a parameter of JSON text; other tokens render as themselves, as in CDK.
    if (isToken(x))
      return x instanceof External && isConditionBlockToken(x) ? this.cfnJson(x, owner).getAtt("Value") : x;
    if (Array.isArray(x)) {
      const out = x.map((e) => this.walk(e, owner));
      return out.some((e, i) => e !== x[i]) ? out : x;
    }
    if (x && typeof x === "object") {
      const entries = Object.entries(x);
      if (entries.some(([k]) => keyToken(k) !== undefined)) return this.cfnJson(x, owner).getAtt("Value");
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [k, v] of entries) {
        const w = this.walk(v, owner);
        changed ||= w !== v;
        Object.defineProperty(out, k, { value: w, enumerable: true, writable: true, configurable: true });
      }
      return changed ? out : x;
    }
    return x;
  }

  private cfnJson(value: unknown, owner: CfnResource): CfnResource {
    const scope = owner.path[owner.path.length - 1] === "Resource" ? owner.path.slice(0, -1) : owner.path;
    const scopeKey = scope.join("/");
    let maps = this.byOwner.get(scopeKey);
    if (!maps) {
      maps = new Map();
      this.byOwner.set(scopeKey, maps);
    }
    const text = jsonText(value);
    const key = JSON.stringify(text);
    const existing = maps.get(key);
    if (existing) return existing;
    const id = maps.size === 0 ? "ConditionJson" : `ConditionJson${maps.size + 1}`;
    const resource = new CfnResource({
      type: CFN_JSON_TYPE,
      path: [...scope, id, "Resource"],
      properties: () => ({ ServiceToken: handler.getAtt("Arn"), Value: text }),
    });
    resource.updateReplacePolicy = "Delete";
    resource.deletionPolicy = "Delete";
    maps.set(key, resource);
    this.resources.push(resource);
    // CDK makes the provider (a child of the stack) when the first CfnJson is made.
    const handler = this.provider();
    return resource;
  }

  private provider(): CfnResource {
    if (this.handler) return this.handler;
    const role = new CfnResource({
      type: "AWS::IAM::Role",
      path: [CFN_UTILS_PROVIDER_ID, "Role"],
      properties: () => ({
        AssumeRolePolicyDocument: {
          Version: "2012-10-17",
          Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } }],
        },
        ManagedPolicyArns: [
          { "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" },
        ],
      }),
    });
    const handler = new CfnResource({
      type: "AWS::Lambda::Function",
      path: [CFN_UTILS_PROVIDER_ID, "Handler"],
      properties: () => ({
        Code: { ZipFile: CFN_JSON_HANDLER_CODE },
        Timeout: 900,
        MemorySize: 128,
        Handler: "index.handler",
        Role: role.getAtt("Arn"),
        Runtime: RUNTIME,
      }),
    });
    handler.dependsOn.add(role);
    this.resources.push(role, handler);
    this.handler = handler;
    return handler;
  }
}

/**
 * The JSON text of a map holding tokens, as CDK's `toJsonString` writes it: literal text
 * JSON-escaped, a token inside a string inserted as its intrinsic, a condition block given as an
 * Output inserted whole (its parameter holds JSON text). One value when it is one token.
 */
export function jsonText(value: unknown): Value {
  const parts: Value[] = [];
  write(value, parts);
  const folded = new Join(parts).parts;
  return folded.length === 1 ? folded[0] : new Join(folded);
}

function write(x: unknown, out: Value[]): void {
  if (isToken(x)) {
    if (x instanceof External && isConditionBlockToken(x)) out.push(x);
    else writeString(x, out);
    return;
  }
  if (typeof x === "string") return writeString(x, out);
  if (Array.isArray(x)) {
    out.push("[");
    x.forEach((e, i) => {
      if (i > 0) out.push(",");
      write(e, out);
    });
    out.push("]");
    return;
  }
  if (x && typeof x === "object") {
    out.push("{");
    Object.entries(x).forEach(([k, v], i) => {
      if (i > 0) out.push(",");
      writeString(keyToken(k) ?? k, out);
      out.push(":");
      write(v, out);
    });
    out.push("}");
    return;
  }
  out.push(JSON.stringify(x) ?? "null");
}

function writeString(s: string | Token, out: Value[]): void {
  out.push('"');
  const pieces = s instanceof Join && s.separator === "" ? s.parts : [s];
  for (const p of pieces) out.push(typeof p === "string" ? JSON.stringify(p).slice(1, -1) : p);
  out.push('"');
}
