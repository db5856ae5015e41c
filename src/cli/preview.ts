/**
 * The offline plan: the tree of resources `pulumi up` would create (type, name, parent), each
 * with its inputs as the engine would receive them. Values the cloud computes (ARNs, generated
 * names) are shown as `${name.property}` rather than as the mocked stand-ins, and secrets as
 * `[secret]`. Siblings print in the order of the list given (a plan run's: creation order).
 */
import type { SynthesizedResource } from "../runtime/types";

/** Options of {@link formatPlan}. */
export interface PlanOptions {
  /** Print every input in full instead of one line of at most `width` characters. Default: false. */
  readonly full?: boolean;
  /** Line width for input values when not `full`. Default: 160. */
  readonly width?: number;
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const STACK_TYPE = "pulumi:pulumi:Stack";

interface Node {
  readonly resource?: SynthesizedResource;
  readonly children: Node[];
}

/** The plan as text, one resource a line (tree-drawn), inputs indented below each. */
export function formatPlan(
  resources: readonly SynthesizedResource[],
  stack: { project: string; stack: string },
  options: PlanOptions = {},
): string {
  return [...formatPlanChunks(resources, stack, options)].join("");
}

/** Lines a chunk of {@link formatPlanChunks} holds (a few hundred kB of text). */
const CHUNK_LINES = 2048;

/**
 * {@link formatPlan}'s text in pieces, each a run of whole lines, for writing as it is made: the
 * plan of a large program is megabytes, which need not be held at once.
 */
export function* formatPlanChunks(
  resources: readonly SynthesizedResource[],
  stack: { project: string; stack: string },
  options: PlanOptions = {},
): Generator<string> {
  const width = options.width ?? 160;
  const computed = computedValues(resources);
  const key = (type: string, name: string): string => `${type}::${name}`;
  const nodes = new Map<string, Node>();
  for (const r of resources) if (r.type !== STACK_TYPE) nodes.set(key(r.type, r.name), { resource: r, children: [] });
  const roots: Node[] = [];
  for (const r of resources) {
    const node = nodes.get(key(r.type, r.name));
    if (!node) continue;
    const parent = r.parent !== undefined && r.parentType ? nodes.get(key(r.parentType, r.parent)) : undefined;
    (parent && parent !== node ? parent.children : roots).push(node);
  }

  const count = resources.length;
  const custom = resources.filter((r) => r.custom).length;
  let lines: string[] = [
    `Offline plan (no engine, no cloud): pulumi up would create ${count} resources ` +
      `(${custom} cloud resources, ${count - custom} components).`,
    "",
    `${STACK_TYPE}  ${stack.project}-${stack.stack}`,
  ];
  const take = (): string => {
    const chunk = lines.join("\n") + "\n";
    lines = [];
    return chunk;
  };
  // depth first, as a recursive walk would print it, with an explicit stack (a pause per chunk)
  const todo: { node: Node; prefix: string; last: boolean }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) todo.push({ node: roots[i], prefix: "", last: i === roots.length - 1 });
  for (let item = todo.pop(); item; item = todo.pop()) {
    const { node, prefix, last } = item;
    const r = node.resource!;
    lines.push(`${prefix}${last ? "└─ " : "├─ "}${r.type}  ${r.name}`);
    const childPrefix = prefix + (last ? "   " : "│  ");
    const inputPrefix = childPrefix + (node.children.length > 0 ? "│ " : "  ");
    for (const [k, v] of Object.entries(r.inputs ?? {})) {
      if (k.startsWith("__") || v === undefined) continue;
      const text = renderValue(v, computed);
      const line = `${inputPrefix} ${k}: ${text}`;
      lines.push(options.full || line.length <= width ? line : line.slice(0, width - 1) + "…");
    }
    const n = node.children.length;
    for (let i = n - 1; i >= 0; i--) todo.push({ node: node.children[i], prefix: childPrefix, last: i === n - 1 });
    if (lines.length >= CHUNK_LINES) yield take();
  }
  if (lines.length > 0) yield take();
}

/** Generated output values (not given as inputs) → `${name.property}` (see {@link Computed}). */
function computedValues(resources: readonly SynthesizedResource[]): Computed {
  const map = new Map<string, string>();
  for (const r of resources) {
    if (!r.custom) continue;
    const given = new Set(Object.values(r.inputs ?? {}).filter((v): v is string => typeof v === "string"));
    for (const [prop, v] of Object.entries(r.outputs ?? {})) {
      if (typeof v !== "string" || v.length < MIN_COMPUTED || given.has(v) || map.has(v)) continue;
      map.set(v, `\${${r.name}.${prop}}`);
    }
  }
  return new Computed(map);
}

/** The shortest generated value that is replaced (shorter ones would match ordinary text). */
const MIN_COMPUTED = 8;

/**
 * Generated values and their labels. Each text gets every value it holds replaced, longest value
 * first. The values a text holds are found in one pass over it (by their last characters, which
 * differ between resources: generated names end in a hash, ARNs in the name), so a plan of
 * thousands of resources is not thousands of searches per input.
 */
class Computed {
  /** value → its rank, longest first (ties in the order they were found). */
  private readonly rank = new Map<string, number>();
  /** Values by the hash of their last {@link MIN_COMPUTED} characters (see {@link windowHash}). */
  private readonly bySuffix = new Map<number, string[]>();

  constructor(private readonly labels: ReadonlyMap<string, string>) {
    const sorted = [...labels.keys()].sort((a, b) => b.length - a.length);
    sorted.forEach((v, i) => {
      this.rank.set(v, i);
      const key = windowHash(v, v.length);
      const list = this.bySuffix.get(key);
      if (list) list.push(v);
      else this.bySuffix.set(key, [v]);
    });
  }

  /** `text` with each generated value in it replaced by its label. */
  public substitute(text: string): string {
    if (this.rank.size === 0) return text;
    const found = new Set<string>();
    if (text.length < MIN_COMPUTED) return text;
    // a rolling hash of each window: no substring per position (a plan's texts total megabytes)
    let h = windowHash(text, MIN_COMPUTED);
    for (let end = MIN_COMPUTED; ; end++) {
      const list = this.bySuffix.get(h);
      if (list) for (const v of list) if (text.endsWith(v, end)) found.add(v);
      if (end === text.length) break;
      h =
        (Math.imul(h - Math.imul(text.charCodeAt(end - MIN_COMPUTED), HASH_TOP), HASH_BASE) + text.charCodeAt(end)) >>>
        0;
    }
    if (found.size === 0) return text;
    let out = text;
    for (const v of [...found].sort((a, b) => this.rank.get(a)! - this.rank.get(b)!)) {
      if (out.includes(v)) out = out.split(v).join(this.labels.get(v)!);
    }
    return out;
  }
}

const HASH_BASE = 31;
/** HASH_BASE to the power MIN_COMPUTED - 1 (mod 2^32): the weight of a window's first character. */
const HASH_TOP = Array.from({ length: MIN_COMPUTED - 1 }).reduce<number>((p) => Math.imul(p, HASH_BASE), 1);

/** The hash of the {@link MIN_COMPUTED} characters of `s` before `end` (equal windows, equal hashes). */
function windowHash(s: string, end: number): number {
  let h = 0;
  for (let i = end - MIN_COMPUTED; i < end; i++) h = (Math.imul(h, HASH_BASE) + s.charCodeAt(i)) >>> 0;
  return h;
}

function renderValue(v: unknown, computed: Computed): string {
  const text = typeof v === "string" ? jsonText(v) : JSON.stringify(maskSecrets(v));
  return computed.substitute(text);
}

/** A JSON document input (policy) prints compact; other strings print as JSON strings. */
function jsonText(s: string): string {
  if (/^\s*[{[]/.test(s)) {
    try {
      return JSON.stringify(JSON.parse(s));
    } catch {
      // not JSON after all
    }
  }
  return JSON.stringify(s);
}

function maskSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskSecrets);
  if (v && typeof v === "object") {
    if (SECRET_SIG in v) return "[secret]";
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskSecrets(x)]));
  }
  return v;
}
