/**
 * Model values → Pulumi Outputs. Literals stay strings, references become the referenced
 * resource's Output, externals are used as given, pseudo parameters come from the AWS provider.
 */
import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import {
  External,
  Join,
  PseudoParameter,
  Reference,
  SelectSplit,
  collectTokens,
  mapTokens,
  type Token,
  type Value,
} from "../../core/value";
import { currentProgram, ProgramSlot } from "../../runtime/program";

// A new program may run under other mocks: each run looks the provider values up once.
const PSEUDO = new ProgramSlot("provider lookups of pseudo parameters", () => new Map<string, pulumi.Output<string>>());

function pseudoOutput(p: PseudoParameter): pulumi.Output<string> {
  const pseudoCache = currentProgram().get(PSEUDO);
  let out = pseudoCache.get(p.name);
  if (!out) {
    switch (p.name) {
      case "AWS::Partition":
        out = getPartitionOutput().partition;
        break;
      case "AWS::AccountId":
        out = getCallerIdentityOutput().accountId;
        break;
      case "AWS::Region":
        out = getRegionOutput().region;
        break;
      case "AWS::URLSuffix":
        out = getPartitionOutput().dnsSuffix;
        break;
      default:
        out = pulumi.output("");
    }
    pseudoCache.set(p.name, out);
  }
  return out;
}

/** The Pulumi Output of a value. */
export function toOutput(v: Value): pulumi.Output<string> {
  if (typeof v === "string") return pulumi.output(v);
  return tokenOutput(v);
}

/** Like {@link toOutput} but keeps literals as plain strings (inputs read better in state). */
export function toInput(v: Value): pulumi.Input<string> {
  return typeof v === "string" ? v : tokenOutput(v);
}

function tokenOutput(t: Token): pulumi.Output<string> {
  if (t instanceof PseudoParameter) return pseudoOutput(t);
  if (t instanceof Reference) return pulumi.output(t.target.resolveAttribute(t.attribute) as pulumi.Input<string>);
  if (t instanceof External) return pulumi.output(t.value as pulumi.Input<string>);
  if (t instanceof Join) return pulumi.all(t.parts.map(toOutput)).apply((parts) => parts.join(t.separator));
  if (t instanceof SelectSplit) return toOutput(t.source).apply((s) => s.split(t.separator)[t.index] ?? "");
  throw new TypeError(`Cannot render token ${String(t)} for Pulumi`);
}

/** A JSON-like structure holding tokens → an Output of the same structure with every token resolved. */
export function resolveStructure<T>(x: T): pulumi.Output<T> {
  const tokens = collectTokens(x);
  if (tokens.length === 0) return pulumi.output(x) as pulumi.Output<T>;
  return pulumi.all(tokens.map(tokenOutput)).apply((values) => {
    let i = 0;
    return mapTokens(x, () => values[i++]) as T;
  }) as pulumi.Output<T>;
}

/** A JSON-like structure holding tokens → an Output of its JSON text. */
export function jsonOutput(x: unknown): pulumi.Output<string> {
  return resolveStructure(x).apply((v) => JSON.stringify(v));
}
