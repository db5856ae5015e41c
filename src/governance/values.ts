/**
 * Values in the policy report, as CDK's report writes them: a reference to an attribute of a
 * resource of the program is `(<construct path>.<attribute>)` (`(Api/Handler/Resource.Arn)`), a
 * pseudo parameter is `(ACCOUNT)`, `(PARTITION)`, `(REGION)`, `(URL_SUFFIX)` or `(NOVALUE)`, a
 * join is the text of its parts, and a value from outside the model is the name of its
 * CloudFormation parameter in the export (`(DataArn)`), or its dynamic reference. Everything else
 * is kept as is.
 */
import { External, Join, PseudoParameter, Reference, SelectSplit, mapTokens, type Token } from "../core/value";
import { CfnResource } from "../render/cloudformation/model";

const PSEUDO_TEXT: Record<string, string> = {
  "AWS::AccountId": "(ACCOUNT)",
  "AWS::Partition": "(PARTITION)",
  "AWS::Region": "(REGION)",
  "AWS::URLSuffix": "(URL_SUFFIX)",
  "AWS::NoValue": "(NOVALUE)",
};

/** The export's name of each external value: a parameter name, or a dynamic reference (`{{resolve:...}}`). */
export type ExternalNames = ReadonlyMap<External, string>;

/** A JSON-like structure with every token replaced by its report text. */
export function reportJson(x: unknown, names: ExternalNames = new Map()): unknown {
  return x === undefined ? undefined : mapTokens(x, (t) => tokenText(t, names));
}

/** The report text of one token (`names`: the export's names of external values). */
export function tokenText(t: Token, names: ExternalNames = new Map()): string {
  const text = (p: Token) => tokenText(p, names);
  if (t instanceof Reference) {
    const path = t.target instanceof CfnResource ? t.target.path.join("/") : t.target.displayPath;
    return `(${path}.${t.attribute})`;
  }
  if (t instanceof PseudoParameter) return PSEUDO_TEXT[t.name] ?? `(${t.name})`;
  if (t instanceof Join) return t.parts.map((p) => (typeof p === "string" ? p : text(p))).join(t.separator);
  if (t instanceof SelectSplit) {
    const source = typeof t.source === "string" ? t.source : text(t.source);
    if (typeof t.source === "string") return source.split(t.separator)[t.index] ?? "";
    return `(item ${t.index} of ${source} split at "${t.separator}")`;
  }
  if (t instanceof External) {
    const name = names.get(t);
    if (name?.startsWith("{{")) return name;
    return `(${name ?? t.label})`;
  }
  return `(${t.key})`;
}
