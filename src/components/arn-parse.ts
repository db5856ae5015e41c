/**
 * Picking ARNs apart the way CDK's `Arn.split` / `Arn.extractResourceName` do, for imported
 * identities (`User.fromUserArn`, `Group.fromGroupArn`, `InstanceProfile.fromInstanceProfileArn`).
 *
 * Rule: a literal ARN is split on `:` and its 6th field on the first `/`. A join whose text starts
 * with a literal `arn:` (what `fromXName` builds from the partition and account) is split the same
 * way, its tokens kept whole as CDK keeps the tokens inside a formatted string. Any other token (a
 * Pulumi Output) is split with `Fn::Select`/`Fn::Split`, as CDK does for an unresolved ARN.
 * Cost: linear in the ARN's length.
 */
import { ValidationError } from "../core/errors";
import { Join, SelectSplit, concat, isToken, type Token, type Value } from "../core/value";

/** The fields of an ARN with a `resource/resourceName` part. */
export interface ArnParts {
  readonly account: Value;
  readonly resource: Value;
  /** Everything after the first `/` of the resource field (paths included), if any. */
  readonly resourceName?: Value;
}

// Tokens are swapped for placeholders without `:` or `/` while the text is split.
const MARK = "\u0000";

/** Splits an ARN in CDK's `ArnFormat.SLASH_RESOURCE_NAME` form. */
export function splitSlashArn(arn: Value): ArnParts {
  const text = textOf(arn);
  if (text === undefined) {
    const fields = (i: number) => new SelectSplit(arn, ":", i);
    return {
      account: fields(4),
      resource: new SelectSplit(fields(5), "/", 0),
      resourceName: new SelectSplit(fields(5), "/", 1),
    };
  }
  const { template, tokens } = text;
  const original = typeof arn === "string" ? arn : String(arn);
  if (!template.startsWith("arn:")) {
    throw new ValidationError(
      "ArnsMustStartWithArn",
      `ARNs must start with "arn:" and have at least 6 components: ${original}`,
    );
  }
  const [, partition, service, , account, typeOrName, ...rest] = template.split(":");
  if (!partition) {
    throw new ValidationError(
      "ArnPartitionRequired",
      "The `partition` component (2nd component) of an ARN is required: " + original,
    );
  }
  if (!service) {
    throw new ValidationError(
      "ArnServiceRequired",
      "The `service` component (3rd component) of an ARN is required: " + original,
    );
  }
  if (!typeOrName) {
    throw new ValidationError(
      "ArnResourceRequired",
      "The `resource` component (6th component) of an ARN is required: " + original,
    );
  }
  const slash = typeOrName.indexOf("/");
  const resource = slash === -1 ? typeOrName : typeOrName.slice(0, slash);
  let resourceName = slash === -1 ? undefined : typeOrName.slice(slash + 1);
  if (rest.length > 0) resourceName = (resourceName === undefined ? "" : resourceName + ":") + rest.join(":");
  const back = (s: string) => restore(s, tokens);
  return {
    account: back(account ?? ""),
    resource: back(resource),
    resourceName: resourceName === undefined ? undefined : back(resourceName),
  };
}

/**
 * The name after `<resourceType>/` in an ARN (paths included), checking the resource type of a
 * literal ARN. A token ARN gives `Fn::Select [1, Fn::Split [":<type>/", arn]]`.
 */
export function extractResourceName(arn: Value, resourceType: string): Value {
  if (textOf(arn) === undefined) return new SelectSplit(arn, `:${resourceType}/`, 1);
  const parts = splitSlashArn(arn);
  if (typeof parts.resource === "string" && parts.resource !== resourceType) {
    throw new ValidationError(
      "ExpectedResourceType",
      `Expected resource type '${resourceType}' in ARN, got '${parts.resource}' in '${String(arn)}'`,
    );
  }
  if (parts.resourceName === undefined || parts.resourceName === "") {
    throw new ValidationError(
      "ExpectedResourceName",
      `Expected resource name in ARN, didn't find one: '${String(arn)}'`,
    );
  }
  return parts.resourceName;
}

/** The last `/`-separated segment of a literal (the name without its path); tokens are kept whole. */
export function lastSegment(v: Value): Value {
  if (typeof v === "string") return v.split("/").pop() ?? v;
  if (v instanceof Join && v.separator === "") {
    const last = v.parts[v.parts.length - 1];
    if (typeof last === "string" && last.includes("/")) return last.split("/").pop() ?? last;
  }
  return v;
}

/** The text of an ARN with tokens as placeholders, or undefined when it is an opaque token. */
function textOf(arn: Value): { template: string; tokens: Token[] } | undefined {
  if (typeof arn === "string") return { template: arn, tokens: [] };
  if (!(arn instanceof Join) || arn.separator !== "" || typeof arn.parts[0] !== "string") return undefined;
  if (!arn.parts[0].startsWith("arn:")) return undefined;
  const tokens: Token[] = [];
  const template = arn.parts
    .map((p) => {
      if (typeof p === "string") return p.split(MARK).join("");
      tokens.push(p);
      return `${MARK}${tokens.length - 1}${MARK}`;
    })
    .join("");
  return { template, tokens };
}

function restore(s: string, tokens: readonly Token[]): Value {
  if (tokens.length === 0 || !s.includes(MARK)) return s;
  const pieces = s.split(MARK);
  // Odd positions hold token indexes.
  const parts: Value[] = pieces.map((p, i) => (i % 2 === 1 ? tokens[Number(p)] : p));
  return parts.length === 3 && parts[0] === "" && parts[2] === "" && isToken(parts[1]) ? parts[1] : concat(...parts);
}
