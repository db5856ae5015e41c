/**
 * Symbolic values. A string inside a policy is either a literal or a {@link Token}: a reference to
 * an attribute of a component of this program, an external input the model cannot see into, a
 * pseudo parameter (partition, account), or a join of those. Tokens render as CloudFormation
 * intrinsics through `toJSON()`, which is also the text used for CDK's JSON-based sorting and
 * de-duplication, so both export targets make the same ordering decisions.
 */
import { ValidationError } from "./errors";

let nextTokenId = 1;

export abstract class Token {
  /** Identity used for de-duplication and merging: equal keys mean the same value. */
  public abstract readonly key: string;
  /** The CloudFormation form of this value. */
  public abstract toJSON(): unknown;

  public toString(): string {
    return "${" + this.key + "}";
  }

  /**
   * A string that stands for `value` inside other strings, as CDK's `Token.asString` does: use it
   * where only a string fits, such as a condition key (`${Token.asString(issuer)}:sub`). Every
   * string the model takes (actions, resources, principals, condition keys and values) turns it
   * back into the value; both targets render it. A literal string is returned as it is.
   */
  public static asString(value: ValueInput): string {
    const v = toValue(value, "the value of Token.asString");
    return typeof v === "string" ? v : tokenString(v);
  }
}

/** A literal string or a token. */
export type Value = string | Token;

/**
 * What users may pass where the model takes a string: a literal, a token, or a value the model
 * cannot see into (a `pulumi.Output<string>`, a promise), which becomes an {@link External}.
 */
export type ValueInput = Value | PromiseLike<string> | { apply(func: (value: any) => any): unknown };

export function isToken(x: unknown): x is Token {
  return x instanceof Token;
}

export function valueKey(v: Value): string {
  return typeof v === "string" ? v : "\u0000" + v.key;
}

/** The text CDK uses to order and de-duplicate resolved values. */
export function jsonKey(v: unknown): string {
  return JSON.stringify(v);
}

export const PSEUDO_NAMES = [
  "AWS::Partition",
  "AWS::AccountId",
  "AWS::Region",
  "AWS::URLSuffix",
  "AWS::NoValue",
] as const;
export type PseudoName = (typeof PSEUDO_NAMES)[number];

/** A CloudFormation pseudo parameter; Pulumi renders it from the provider's partition/identity. */
export class PseudoParameter extends Token {
  public readonly key: string;
  constructor(public readonly name: PseudoName) {
    super();
    this.key = `pseudo:${name}`;
  }
  public toJSON(): unknown {
    return { Ref: this.name };
  }
}

export const Aws = {
  PARTITION: new PseudoParameter("AWS::Partition"),
  ACCOUNT_ID: new PseudoParameter("AWS::AccountId"),
  REGION: new PseudoParameter("AWS::Region"),
  URL_SUFFIX: new PseudoParameter("AWS::URLSuffix"),
} as const;

/** Something that owns attributes a policy can reference (a component of this program). */
export interface ReferenceTarget {
  /** The CloudFormation logical id of the resource holding the attribute. */
  readonly logicalId: string;
  /** A readable path for messages and reports (`app/role`). */
  readonly displayPath: string;
  /** The target-specific value of an attribute (Pulumi renders an Output from it). */
  resolveAttribute(attribute: string): unknown;
}

const targetIds = new WeakMap<object, number>();
function identityOf(o: object): number {
  let id = targetIds.get(o);
  if (id === undefined) {
    id = nextTokenId++;
    targetIds.set(o, id);
  }
  return id;
}

/** An attribute of a component made in this program: `Ref` or `Fn::GetAtt`. */
export class Reference extends Token {
  public readonly key: string;
  constructor(
    public readonly target: ReferenceTarget,
    /** `Ref` for the resource's Ref value, otherwise a GetAtt attribute name. */
    public readonly attribute: string,
  ) {
    super();
    this.key = `ref:${identityOf(target)}:${attribute}`;
  }
  public toJSON(): unknown {
    return this.attribute === "Ref"
      ? { Ref: this.target.logicalId }
      : { "Fn::GetAtt": [this.target.logicalId, this.attribute] };
  }
  public toString(): string {
    return `\${${this.target.displayPath}.${this.attribute}}`;
  }
}

/** Where an external value came from, used to name its CloudFormation parameter. */
export interface ExternalHint {
  readonly resourceName?: string;
  readonly property?: string;
  readonly description?: string;
  /**
   * A secret (a password): the CloudFormation export makes its parameter `NoEcho`.
   * @default false
   */
  readonly secret?: boolean;
  /**
   * The value comes from a Pulumi lookup (a provider call), which CloudFormation has no form of:
   * the export fails with this text as the fix, unless {@link exportValue} is given.
   * @default not a lookup
   */
  readonly lookup?: string;
  /**
   * The literal the export writes for this value instead of a parameter (the ARN a program gives
   * for a looked-up role).
   * @default a template parameter
   */
  readonly exportValue?: string;
}

const externals = new WeakMap<object, External>();

/**
 * A value the model cannot see into (a `pulumi.Output`, a promise, config). The same object always
 * maps to the same External, so it de-duplicates with itself and with nothing else.
 */
export class External extends Token {
  public readonly key: string;
  /**
   * A readable name made from the hint and a number unique in the process (`UserPassword12`): what
   * messages and reports show, and the name the token's JSON refers to. A renderer that gives the
   * value a name of its own (the CloudFormation export's parameters) keeps that name itself.
   */
  public readonly label: string;
  private constructor(
    public readonly value: unknown,
    public readonly hint: ExternalHint,
    id: number,
  ) {
    super();
    this.key = `ext:${id}`;
    this.label = externalLabel(hint, id);
  }

  public static of(value: object, hint: ExternalHint = {}): External {
    let e = externals.get(value);
    if (!e) {
      e = new External(value, hint, nextTokenId++);
      externals.set(value, e);
    }
    return e;
  }

  public toJSON(): unknown {
    return { Ref: this.label };
  }
}

function externalLabel(hint: ExternalHint, id: number): string {
  const words = [hint.resourceName, hint.property].filter((w): w is string => !!w);
  const base = words.map((w) => w.replace(/[^A-Za-z0-9]/g, "")).join("");
  return `${base ? base.charAt(0).toUpperCase() + base.slice(1) : "External"}${id}`;
}

/** Options of a {@link Join}. */
export interface JoinOptions {
  /**
   * Give this join an identity of its own, so it equals no other join even with the same parts
   * (CDK's per-object tokens, e.g. an account principal's ARN).
   * @default equal parts, equal join
   */
  readonly unique?: boolean;
}

/**
 * `Fn::Join` of literals and tokens, in the minimal form CDK renders: a nested join with the same
 * separator is spliced in and adjacent literals are folded. Two joins of the same parts are the
 * same value, as two CDK strings with the same text are.
 */
export class Join extends Token {
  public readonly key: string;
  public readonly parts: readonly Value[];
  constructor(
    parts: readonly Value[],
    public readonly separator = "",
    options: JoinOptions = {},
  ) {
    super();
    this.parts = foldLiterals(parts, separator);
    this.key = options.unique
      ? `join#${nextTokenId++}`
      : `join:${JSON.stringify([separator, ...this.parts.map(valueKey)])}`;
  }
  public toJSON(): unknown {
    return { "Fn::Join": [this.separator, this.parts] };
  }
}

function foldLiterals(parts: readonly Value[], sep: string): Value[] {
  const out: Value[] = [];
  const add = (p: Value) => {
    if (p instanceof Join && p.separator === sep) {
      for (const inner of p.parts) add(inner);
      return;
    }
    // An empty literal only vanishes without a separator; with one it still stands for a field.
    if (p === "" && sep === "") return;
    const last = out[out.length - 1];
    if (typeof p === "string" && typeof last === "string") out[out.length - 1] = last + sep + p;
    else out.push(p);
  };
  for (const p of parts) add(p);
  return out;
}

/** Joins parts into a literal when all are literal, otherwise into a {@link Join} token. */
export function concat(...parts: Value[]): Value {
  return parts.every((p) => typeof p === "string") ? parts.join("") : new Join(parts);
}

/** `Fn::Select [index, Fn::Split [separator, source]]`, used to pick names out of token ARNs. */
export class SelectSplit extends Token {
  public readonly key: string;
  constructor(
    public readonly source: Value,
    public readonly separator: string,
    public readonly index: number,
  ) {
    super();
    this.key = `select:${index}:${JSON.stringify(separator)}:${valueKey(source)}`;
  }
  public toJSON(): unknown {
    return { "Fn::Select": [this.index, { "Fn::Split": [this.separator, this.source] }] };
  }
}

const aliases = new WeakMap<object, Value>();

/**
 * Declares that an object (a component's `roleArn` Output, say) stands for a model value, so that
 * passing it back into a policy gives the reference, not an opaque external.
 */
export function aliasValue<T extends object>(obj: T, value: Value): T {
  aliases.set(obj, value);
  return obj;
}

/** The model value an object was declared to stand for, if any. */
export function aliasOf(obj: unknown): Value | undefined {
  return typeof obj === "object" && obj !== null ? aliases.get(obj) : undefined;
}

/**
 * Turns anything a user may pass where a string is expected into a Value: strings stay literal,
 * tokens stay tokens, any other object (a pulumi.Output, a promise) becomes an External.
 */
export function toValue(x: unknown, what = "value", hint?: ExternalHint): Value {
  if (typeof x === "string") return hasTokenString(x) ? fromTokenString(x) : checkNoOutputText(x, what);
  if (isToken(x)) return x;
  const alias = typeof x === "object" && x !== null ? aliases.get(x) : undefined;
  if (alias !== undefined) return alias;
  if (isPulumiInput(x)) return External.of(x, hint);
  return invalidValue(x, what);
}

/**
 * {@link toValue} of each item. A list of plain strings is returned as it is (no copy): the caller
 * only reads it.
 */
export function toValues(xs: readonly unknown[], what = "value"): readonly Value[] {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    // (a string holding token strings or an Output's text is converted or refused by toValue)
    if (typeof x !== "string" || hasTokenString(x) || (x.length > 40 && x.includes(OUTPUT_MARK))) {
      const out = new Array<Value>(xs.length);
      for (let k = 0; k < xs.length; k++) out[k] = toValue(xs[k], what);
      return out;
    }
  }
  return xs as readonly Value[];
}

/**
 * Whether `x` is a value the model cannot see into but Pulumi can resolve: an Output (it has
 * `apply`) or a promise (it has `then`). A plain object, a function or a symbol is neither.
 */
export function isPulumiInput(x: unknown): x is object {
  if (typeof x !== "object" || x === null || Array.isArray(x) || isToken(x)) return false;
  const o = x as { apply?: unknown; then?: unknown };
  return typeof o.apply === "function" || typeof o.then === "function";
}

function invalidValue(x: unknown, what: string): never {
  throw new ValidationError("InvalidValue", `Expected ${what} to be a string or a Pulumi input, got ${describe(x)}`);
}

export function describe(x: unknown): string {
  if (x === null) return "null";
  if (x === undefined) return "undefined";
  if (Array.isArray(x)) return "an array";
  if (typeof x === "object") return "an object";
  if (typeof x === "function") return "a function";
  // JSON.stringify throws on a BigInt and gives undefined for a symbol
  if (typeof x === "bigint" || typeof x === "symbol")
    return typeof x === "bigint" ? `bigint ${String(x)}n` : `symbol ${String(x)}`;
  return `${typeof x} ${JSON.stringify(x)}`;
}

/**
 * The JSON text of a value for an error message, never throwing: a value JSON cannot write (a
 * BigInt, a circular structure, one nested too deep) is described by its kind instead.
 */
export function showJson(x: unknown): string {
  try {
    const text = JSON.stringify(x);
    if (text !== undefined) return text;
  } catch {
    // fall through to the description
  }
  return describe(x);
}

/**
 * Replaces every token in a JSON-like structure, leaving everything else as is. A key holding
 * token strings (see {@link Token.asString}) counts as one token, visited before its value; it
 * becomes the text `fn` gives (a result that is not a string is written as JSON).
 */
export function mapTokens(x: unknown, fn: (t: Token) => unknown): unknown {
  if (isToken(x)) return fn(x);
  if (Array.isArray(x)) return x.map((e) => mapTokens(e, fn));
  if (x && typeof x === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      const key = keyToken(k);
      let name = k;
      if (key) {
        const r = fn(key);
        name = typeof r === "string" ? r : JSON.stringify(r);
      }
      Object.defineProperty(out, name, {
        value: mapTokens(v, fn),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return x;
}

/** Every token in a JSON-like structure, in document order (a key with token strings counts as one, before its value). */
export function collectTokens(x: unknown, into: Token[] = []): Token[] {
  if (isToken(x)) into.push(x);
  else if (Array.isArray(x)) for (const e of x) collectTokens(e, into);
  else if (x && typeof x === "object") {
    for (const [k, v] of Object.entries(x)) {
      const key = keyToken(k);
      if (key) into.push(key);
      collectTokens(v, into);
    }
  }
  return into;
}

/** The token a key holding token strings stands for, if it holds any. */
export function keyToken(key: string): Token | undefined {
  if (!hasTokenString(key)) return undefined;
  const v = fromTokenString(key);
  return typeof v === "string" ? undefined : v;
}

// Token strings: `${Token[iamx.<n>]}`, one per token, registered for the life of the process so a
// string made in one place turns back into the same token anywhere (as CDK's token map does).
const TOKEN_STRING = /\$\{Token\[iamx\.(\d+)\]\}/g;
const TOKEN_STRING_PREFIX = "${Token[iamx.";
const tokenStrings = new WeakMap<Token, string>();
const tokensByNumber = new Map<number, Token>();

/** The string standing for a token (always the same string for the same token). */
export function tokenString(t: Token): string {
  let s = tokenStrings.get(t);
  if (s === undefined) {
    const n = nextTokenId++;
    s = `${TOKEN_STRING_PREFIX}${n}]}`;
    tokenStrings.set(t, s);
    tokensByNumber.set(n, t);
  }
  return s;
}

/** Whether a string holds token strings. */
export function hasTokenString(s: string): boolean {
  return s.includes(TOKEN_STRING_PREFIX);
}

/** A string holding token strings → the value it stands for (a join of its literal and token parts). */
export function fromTokenString(s: string): Value {
  const parts: Value[] = [];
  let last = 0;
  for (const m of s.matchAll(TOKEN_STRING)) {
    const t = tokensByNumber.get(Number(m[1]));
    if (!t) throw new ValidationError("UnknownTokenString", `${showJson(m[0])} is not a token string of this program`);
    const at = m.index ?? 0;
    parts.push(s.slice(last, at), t);
    last = at + m[0].length;
  }
  parts.push(s.slice(last));
  const literal = parts.filter((p) => p !== "");
  return literal.length === 1 ? literal[0] : concat(...parts);
}

const OUTPUT_MARK = "on an [Output<T>]";
const OUTPUT_TEXT = /Calling \[(toString|toJSON)\] on an \[Output<T>\] is not supported/;

/**
 * A string holding Pulumi's "Calling [toString] on an [Output<T>]" text came from an Output put
 * in a template literal (or JSON): it is refused, never written into a policy.
 */
export function checkNoOutputText(s: string, what: string): string {
  if (s.length > 40 && s.includes(OUTPUT_MARK) && OUTPUT_TEXT.test(s)) {
    throw new ValidationError(
      "OutputInString",
      `Expected ${what} to be a value, got the text Pulumi writes for an Output used as a string ` +
        `(${JSON.stringify(s.slice(0, 48) + "...")}). Pass the Output itself, build the string with ` +
        "pulumi.interpolate, or embed the Output in a string with iamx.Token.asString(output)",
    );
  }
  return s;
}

/** Whether a JSON-like structure holds any token. */
export function containsTokens(x: unknown): boolean {
  return collectTokens(x).length > 0;
}

/** The plain CloudFormation JSON of a structure that may hold tokens. */
export function toCfnJson(x: unknown): unknown {
  return x === undefined ? undefined : JSON.parse(JSON.stringify(x));
}
