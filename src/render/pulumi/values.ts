/**
 * Model values → Pulumi Outputs. Literals stay strings, references become the referenced
 * resource's Output, externals are used as given, pseudo parameters come from the AWS provider.
 */
import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity";
import { getPartitionOutput } from "@pulumi/aws/getPartition";
import { getRegionOutput } from "@pulumi/aws/getRegion";
import { isConditionBlockToken } from "../../core/conditions";
import { ValidationError } from "../../core/errors";
import {
  External,
  Join,
  PseudoParameter,
  Reference,
  SelectSplit,
  collectTokens,
  describe,
  hasTokenString,
  keyToken,
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

// Documents that could not render in this run (see resolveStructure).
const RENDER_FAILURES = new ProgramSlot("documents that could not render", () => ({ errors: [] as Error[] }));

/**
 * The errors of documents that could not render (see {@link resolveStructure}) since the run
 * started. The resource waiting for such a document fails to register with the error; the
 * runtime also raises it, since mocks would only drop the resource.
 */
export function takeRenderFailures(): Error[] {
  const failures = currentProgram().get(RENDER_FAILURES);
  const out = failures.errors;
  failures.errors = [];
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

/**
 * A JSON-like structure holding tokens → an Output of the same structure with every token
 * resolved. A value of the wrong kind (an Output of an object where a string must be, of a string
 * where a condition block must be) is an error naming `what` and where in the structure it is.
 */
export function resolveStructure<T>(x: T, what = "a policy"): pulumi.Output<T> {
  const tokens = collectTokens(x);
  if (tokens.length === 0) return pulumi.output(x) as pulumi.Output<T>;
  return pulumi.all(tokens.map(tokenOutput)).apply((values) => {
    values.forEach((v, i) => checkResolved(tokens[i], v, x, what));
    let i = 0;
    return mapTokens(x, () => values[i++]) as T;
  }) as pulumi.Output<T>;
}

/** A JSON-like structure holding tokens → an Output of its JSON text. */
export function jsonOutput(x: unknown, what = "a policy"): pulumi.Output<string> {
  // Plain JSON (no token, no object of a class): its text now, as Pulumi's copy of it would give,
  // without that deep copy (a set of seen objects per object in it).
  if (isPlainJson(x, 0)) {
    const text = JSON.stringify(x) as string | undefined;
    return pulumi.output(text).apply((t) => checkedJsonText(t, what));
  }
  return resolveStructure(x, what).apply((v) => checkedJsonText(JSON.stringify(v) as string | undefined, what));
}

/** Whether `x` is made of plain objects, arrays and primitives only (and not too deep to walk). */
function isPlainJson(x: unknown, depth: number): boolean {
  if (x === null || x === undefined) return true;
  const t = typeof x;
  if (t === "string" || t === "number" || t === "boolean") return true;
  if (t !== "object" || depth > 64) return false;
  if (Array.isArray(x)) {
    for (const e of x) if (!isPlainJson(e, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(x) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k of Object.keys(x)) {
    if (keyToken(k) || !isPlainJson((x as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

/** The JSON text of a rendered document; a token string left in it is an error. */
function checkedJsonText(text: string | undefined, what: string): string {
  // (undefined: a document that never rendered because the run already failed)
  if (text !== undefined && hasTokenString(text)) {
    const error = unrenderableToken(what);
    currentProgram().get(RENDER_FAILURES).errors.push(error);
    throw error;
  }
  return text as string;
}

/** A value as a plan run resolves it (plan-inputs.ts): the value, and whether it is secret. */
interface Resolved {
  readonly value: unknown;
  readonly secret: boolean;
}

/** Pulumi's Output internals a plan run reads (its value without an apply). */
interface OutputInternals {
  promise(): Promise<unknown>;
  readonly isSecret: Promise<boolean>;
}

async function inputValue(x: unknown): Promise<Resolved> {
  if (pulumi.Output.isInstance(x)) {
    const o = x as unknown as OutputInternals;
    const [value, secret] = await Promise.all([o.promise(), o.isSecret]);
    return { value, secret };
  }
  const value = await x;
  return pulumi.Output.isInstance(value) ? inputValue(value) : { value, secret: false };
}

async function tokenValue(t: Token): Promise<Resolved> {
  if (t instanceof PseudoParameter) return inputValue(pseudoOutput(t));
  if (t instanceof Reference) return inputValue(t.target.resolveAttribute(t.attribute));
  if (t instanceof External) return inputValue(t.value);
  if (t instanceof Join) {
    const parts = await Promise.all(t.parts.map(valueOf));
    return { value: parts.map((p) => p.value).join(t.separator), secret: parts.some((p) => p.secret) };
  }
  if (t instanceof SelectSplit) {
    const source = await valueOf(t.source);
    return { value: (source.value as string).split(t.separator)[t.index] ?? "", secret: source.secret };
  }
  throw new TypeError(`Cannot render token ${String(t)} for Pulumi`);
}

function valueOf(v: Value): Promise<Resolved> {
  return typeof v === "string" ? Promise.resolve({ value: v, secret: false }) : tokenValue(v);
}

/**
 * {@link jsonOutput} without Outputs, for plan runs: the JSON text of a structure holding tokens,
 * and whether a value in it is secret. The same checks and errors.
 */
export async function jsonValue(x: unknown, what = "a policy"): Promise<{ text: string; secret: boolean }> {
  const tokens = collectTokens(x);
  const values = await Promise.all(tokens.map(tokenValue));
  values.forEach((v, i) => checkResolved(tokens[i], v.value, x, what));
  let i = 0;
  const text = JSON.stringify(tokens.length === 0 ? x : mapTokens(x, () => values[i++].value));
  if (hasTokenString(text)) {
    const error = unrenderableToken(what);
    currentProgram().get(RENDER_FAILURES).errors.push(error);
    throw error;
  }
  return { text, secret: values.some((v) => v.secret) };
}

function unrenderableToken(what: string): ValidationError {
  return new ValidationError(
    "UnrenderableToken",
    `${what}: a value given with Token.asString sits where only literal text can be (only actions, ` +
      "resources, principals and condition keys and values can hold them)",
  );
}

function checkResolved(t: Token, v: unknown, x: unknown, what: string): void {
  const block = isConditionBlockToken(t);
  const ok = block
    ? typeof v === "object" && v !== null && !Array.isArray(v)
    : typeof v === "string" || typeof v === "number" || typeof v === "boolean";
  if (ok) return;
  const expected = block ? "a map (a condition block)" : "a string";
  const error = new ValidationError(
    "UnrenderableOutput",
    `${what}: the Pulumi Output at ${pathOf(x, t) ?? "a value"} resolved to ${describe(v)}, where ${expected} must be; ` +
      "it cannot be written into the policy. Give an Output of the right kind (apply can convert it)",
  );
  currentProgram().get(RENDER_FAILURES).errors.push(error);
  throw error;
}

/** Where a token first sits in a structure, e.g. `Statement[1].Condition.StringEquals`. */
function pathOf(x: unknown, t: Token, at = ""): string | undefined {
  if (x === t) return at || "the top";
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const p = pathOf(x[i], t, `${at}[${i}]`);
      if (p) return p;
    }
  } else if (x && typeof x === "object" && !(x instanceof External) && !(x instanceof Join)) {
    for (const [k, v] of Object.entries(x)) {
      const here = `${at}${at ? "." : ""}${keyToken(k) ? "(a condition key)" : k}`;
      if (keyToken(k) === t) return here;
      const p = pathOf(v, t, here);
      if (p) return p;
    }
  }
  return undefined;
}
