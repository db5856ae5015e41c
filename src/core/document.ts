import { ValidationError } from "./errors";
import { showJson } from "./value";
import { mergeStatements } from "./merge";
import { postProcess, type RenderedDocument } from "./postprocess";
import { settings } from "./settings";
import { PolicyStatement } from "./statement";

/** Options of a policy document. */
export interface PolicyDocumentProps {
  /**
   * Initial statements.
   * @default none
   */
  readonly statements?: readonly PolicyStatement[];
  /**
   * Give every statement without a sid its index as sid.
   * @default false
   */
  readonly assignSids?: boolean;
  /**
   * Merge and sort statements; overrides the library setting `minimizePolicies`.
   * @default the setting (on)
   */
  readonly minimize?: boolean;
}

/**
 * A list of statements rendered as an IAM policy. Rendering follows CDK: optional statement
 * merging (minimize), removal of identical statements, optional sids, and sorting when minimizing.
 */
export class PolicyDocument {
  /** Reads a document from IAM policy JSON (`{ "Statement": [...] }`). */
  public static fromJson(json: unknown): PolicyDocument {
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      throw new ValidationError(
        "StatementMustBeArray",
        `A policy document must be a JSON object, got ${showJson(json)}`,
      );
    }
    const given = (json as Record<string, unknown>).Statement;
    // IAM also takes one statement object instead of a list (21 AWS managed policies are written so);
    // CDK rejects it. The document renders the canonical list either way.
    const statements = isJsonObject(given) ? [given] : given;
    if (!Array.isArray(statements)) {
      throw new ValidationError("StatementMustBeArray", "Statement must be an array");
    }
    return new PolicyDocument({ statements: statements.map((s) => PolicyStatement.fromJson(s)) });
  }

  private statements: PolicyStatement[] = [];
  private readonly autoAssignSids: boolean;
  private readonly minimize?: boolean;
  /** Bumped whenever the statement list changes; a cached rendering is only valid for one version. */
  private version = 0;
  /** The version whose statements are known to merge no further (see `_replaceStatements`). */
  private mergedVersion = -1;
  /** The last rendering of a list of frozen statements (see {@link rendered}). */
  private cache?: RenderCache;
  private renderedStatementsCache?: { readonly of: RenderCache; readonly statements: readonly PolicyStatement[] };

  constructor(props: PolicyDocumentProps = {}) {
    if (typeof props !== "object" || props === null) {
      throw new ValidationError(
        "InvalidDocumentProps",
        `PolicyDocument props must be an object, got ${showJson(props)}`,
      );
    }
    if (props.statements !== undefined && !Array.isArray(props.statements)) {
      throw new ValidationError(
        "InvalidDocumentProps",
        "PolicyDocument statements must be an array of PolicyStatement",
      );
    }
    this.autoAssignSids = !!props.assignSids;
    this.minimize = props.minimize;
    this.addStatements(...(props.statements ?? []));
  }

  /** Appends statements (no de-duplication until rendering). */
  public addStatements(...statements: PolicyStatement[]): void {
    for (const s of statements) {
      if (!(s instanceof PolicyStatement)) {
        throw new ValidationError("InvalidStatement", `Expected a PolicyStatement, got ${showJson(s)}`);
      }
    }
    this.statements.push(...statements);
    this.version++;
  }

  public get isEmpty(): boolean {
    return this.statements.length === 0;
  }

  public get statementCount(): number {
    return this.statements.length;
  }

  /** The statements as added (or as merged, once synthesized). */
  public get _statements(): readonly PolicyStatement[] {
    return this.statements;
  }

  /**
   * Replaces the statement list (used when an oversized document is split). `merged`: the
   * statements are the result of a full merge (or part of one), so rendering need not merge them
   * again.
   */
  public _replaceStatements(statements: readonly PolicyStatement[], merged = false): void {
    this.statements = [...statements];
    this.version++;
    if (merged) this.mergedVersion = this.version;
  }

  /** Whether this document merges statements: its own `minimize`, else the library setting. */
  public get shouldMerge(): boolean {
    return this.minimize ?? settings().minimizePolicies;
  }

  public get assignSids(): boolean {
    return this.autoAssignSids;
  }

  /** The own `minimize` prop (undefined when the library setting applies). */
  public get minimizeProp(): boolean | undefined {
    return this.minimize;
  }

  /**
   * The final document with tokens kept as token objects, or undefined when empty. Does not change
   * the document; see {@link _synthesize} for the freezing variant used at deployment.
   */
  public render(): RenderedDocument | undefined {
    return shallowCopy(this.rendered().document);
  }

  /**
   * Freezes the statements, merges them in place (as CDK does on synthesis) and renders. The
   * merged statements are frozen too: they belong to the document, which is now synthesized.
   */
  public _synthesize(): RenderedDocument | undefined {
    for (const s of this.statements) s.freeze();
    const { statements, document } = this.rendered();
    if (statements !== this.statements) {
      for (const s of statements) s.freeze();
      this.statements = statements;
      this.version++;
      this.cache = { version: this.version, merge: true, statements, document };
    }
    return shallowCopy(document);
  }

  /**
   * The statements the document renders (merged when minimizing) and their rendering. Computed
   * once for frozen statements: nothing can change them, and the list itself changes only
   * through this class, which bumps `version`. Merging is idempotent (its result merges no
   * further), so a rendering made before `_synthesize` merged in place is still the right one
   * after. The merge setting is part of the key, since a later rendering may run under other
   * settings (the exporter restores the program's).
   */
  private rendered(): RenderCache {
    const merge = this.shouldMerge;
    const c = this.cache;
    if (c !== undefined && c.version === this.version && c.merge === merge) return c;
    const statements =
      merge && this.mergedVersion !== this.version
        ? mergeStatements(this.statements, { mergeIfCombinable: true }).mergedStatements
        : this.statements;
    const result = {
      version: this.version,
      merge,
      statements,
      document: renderStatements(statements, this.autoAssignSids, merge),
    };
    // Merged copies are new and unfrozen; they cannot change before `_synthesize` takes them,
    // since nothing else holds them. The statements the caller gave must be frozen.
    if (this.statements.every((s) => s.frozen)) this.cache = result;
    return result;
  }

  /**
   * The statements behind each statement of {@link render}'s document, in its order (identical
   * statements are rendered once: the first stands for them), for naming a finding's statement.
   */
  public _renderedStatements(): readonly PolicyStatement[] {
    const rendered = this.rendered();
    // Lint asks once per finding; a cached rendering (frozen statements) cannot change.
    if (this.renderedStatementsCache?.of === rendered) return this.renderedStatementsCache.statements;
    const seen = new Set<string>();
    const out: PolicyStatement[] = [];
    for (const s of rendered.statements) {
      const json = JSON.stringify(s.toStatementJson());
      if (seen.has(json)) continue;
      seen.add(json);
      out.push(s);
    }
    if (rendered === this.cache) this.renderedStatementsCache = { of: rendered, statements: out };
    return out;
  }

  /** The final IAM JSON (tokens in their CloudFormation form), or undefined when empty. */
  public toJSON(): unknown {
    const r = this.rendered().document;
    return r === undefined ? undefined : { Statement: r.Statement.map(plainStatement), Version: r.Version };
  }

  public toString(): string {
    return JSON.stringify(this.toJSON());
  }

  public validateForAnyPolicy(): string[] {
    return this.statements.flatMap((s) => s.validateForAnyPolicy());
  }

  public validateForIdentityPolicy(): string[] {
    return this.statements.flatMap((s) => s.validateForIdentityPolicy());
  }

  public validateForResourcePolicy(options: { skipResourceValidation?: boolean } = {}): string[] {
    return this.statements.flatMap((s) => s.validateForResourcePolicy(options));
  }

  public validateForTrustPolicy(): string[] {
    return this.statements.flatMap((s) => s.validateForTrustPolicy());
  }
}

interface RenderCache {
  readonly version: number;
  readonly merge: boolean;
  readonly statements: PolicyStatement[];
  readonly document: RenderedDocument | undefined;
}

/** A copy of a cached rendering a caller may change without changing the cache (statements included). */
function shallowCopy(r: RenderedDocument | undefined): RenderedDocument | undefined {
  return r === undefined ? undefined : { ...r, Statement: r.Statement.map((s) => ({ ...s })) };
}

function renderStatements(
  statements: readonly PolicyStatement[],
  assignSids: boolean,
  sort: boolean,
): RenderedDocument | undefined {
  if (statements.length === 0) return undefined;
  return postProcess(
    { Statement: statements.map((s) => s.toStatementJson()), Version: "2012-10-17" },
    assignSids,
    sort,
  );
}

/** A document that changes every statement added to it before passing it on (trust-policy wrappers). */
export class MutatingPolicyDocumentAdapter extends PolicyDocument {
  constructor(
    private readonly wrapped: PolicyDocument,
    private readonly mutator: (s: PolicyStatement) => PolicyStatement,
  ) {
    super();
  }

  public addStatements(...statements: PolicyStatement[]): void {
    for (const s of statements) this.wrapped.addStatements(this.mutator(s));
  }
}

/**
 * A rendered statement as plain JSON, exactly what `JSON.parse(JSON.stringify(s))` gives: strings
 * and lists of strings (most of a large policy) are copied as they are; anything else (tokens,
 * principal maps, conditions) goes through JSON.
 */
function plainStatement(s: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(s)) {
    const v = s[key];
    let plain: unknown;
    if (typeof v === "string") plain = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === "string")) plain = [...v];
    else {
      const text = JSON.stringify(v);
      if (text === undefined) continue;
      plain = JSON.parse(text);
    }
    // A statement's keys are IAM's element names; defining a property (what a `__proto__` key
    // would need) costs far more than assigning one.
    if (key === "__proto__")
      Object.defineProperty(out, key, { value: plain, enumerable: true, writable: true, configurable: true });
    else out[key] = plain;
  }
  return out;
}

function isJsonObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
