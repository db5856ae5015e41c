/**
 * The program as CloudFormation sees it: every component registers the CloudFormation resources
 * it stands for, with properties computed lazily (after finalize) from the same model objects the
 * Pulumi renderer uses. The exporter walks this model; it never looks at Pulumi resources.
 */
import type { PolicyDocument } from "../../core/document";
import type { PolicyStatement } from "../../core/statement";
import { configure, settings, type IamxSettings } from "../../core/settings";
import type { SourceLocation } from "../../core/source-location";
import { Reference, type ReferenceTarget } from "../../core/value";
import { currentProgram, ProgramSlot } from "../../runtime/program";
import { logicalIdFromPath } from "./logical-id";

export interface CfnResourceProps {
  /** CloudFormation type, e.g. `AWS::IAM::Role`. */
  readonly type: string;
  /** Construct path below the stack, e.g. `["MyRole", "Resource"]`; gives the logical id. */
  readonly path: readonly string[];
  /** Properties (may hold tokens); called after finalize. Undefined means no Properties key. */
  readonly properties: () => Record<string, unknown> | undefined;
  /**
   * Pulumi-side value of each attribute (`Ref`, `Arn`, ...), used when a reference renders for Pulumi.
   * @default none
   */
  readonly attributes?: Record<string, () => unknown>;
  /**
   * Whether the resource is emitted (CDK drops some, e.g. an unattached Policy).
   * @default always
   */
  readonly included?: () => boolean;
  /**
   * What the Pulumi side of this resource has that the template cannot carry (tags on a type
   * without `Tags`), one sentence each; the exporter reports them. Called after finalize.
   * @default nothing
   */
  readonly exportNotes?: () => string[];
  /**
   * Attributes whose value is a secret (an access key's `SecretAccessKey`): a reference to one may
   * stand in a resource's properties, but a stack output of it is left out of the export.
   * @default none
   */
  readonly secretAttributes?: readonly string[];
  /**
   * Where the user's code made the component (for findings' source locations).
   * @default unknown
   */
  readonly source?: () => SourceLocation | undefined;
  /**
   * The policy documents in the properties, by their path (`PolicyDocument`,
   * `Policies[0].PolicyDocument`), so a finding on a statement can name where it was made.
   * @default none
   */
  readonly documents?: () => Readonly<Record<string, PolicyDocument>>;
}

export class CfnResource implements ReferenceTarget {
  public readonly type: string;
  public readonly path: readonly string[];
  public readonly dependsOn = new Set<CfnResource>();
  public deletionPolicy?: string;
  public updateReplacePolicy?: string;
  private readonly props: CfnResourceProps;
  private overriddenLogicalId?: string;
  private readonly extraNotes: string[] = [];
  private computedLogicalId?: string;
  /** Properties a Pulumi transform set (see transformed.ts); undefined removes one. */
  private overrides?: Map<string, unknown>;

  constructor(props: CfnResourceProps) {
    this.props = props;
    this.type = props.type;
    this.path = [...props.path];
  }

  public get logicalId(): string {
    // computed once: every Ref/GetAtt to this resource asks for it
    return this.overriddenLogicalId ?? (this.computedLogicalId ??= logicalIdFromPath(this.path));
  }

  public overrideLogicalId(id: string): void {
    this.overriddenLogicalId = id;
  }

  public get displayPath(): string {
    return this.path.filter((c) => c !== "Resource").join("/");
  }

  /** Whether the attribute holds a secret (see {@link CfnResourceProps.secretAttributes}). */
  public isSecretAttribute(attribute: string): boolean {
    return this.props.secretAttributes?.includes(attribute) ?? false;
  }

  public resolveAttribute(attribute: string): unknown {
    const get = this.props.attributes?.[attribute];
    if (!get) throw new Error(`${this.displayPath} (${this.type}) has no attribute ${attribute} on the Pulumi side`);
    return get();
  }

  /** `{ Ref: <logical id> }`. */
  public get ref(): Reference {
    return new Reference(this, "Ref");
  }

  /** `{ Fn::GetAtt: [<logical id>, attribute] }`. */
  public getAtt(attribute: string): Reference {
    return new Reference(this, attribute);
  }

  public get included(): boolean {
    return this.props.included ? this.props.included() : true;
  }

  public renderProperties(): Record<string, unknown> | undefined {
    const props = this.props.properties();
    if (!this.overrides) return props;
    const out: Record<string, unknown> = { ...props };
    for (const [key, value] of this.overrides) {
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
    // CloudFormation properties are rendered in name order (as CDK renders them)
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  }

  /** Sets a property to the value a Pulumi transform gave it (undefined removes it). */
  public overrideProperty(key: string, value: unknown): void {
    (this.overrides ??= new Map()).set(key, value);
  }

  /** What the template leaves out of this resource (see {@link CfnResourceProps.exportNotes}). */
  public exportNotes(): string[] {
    return [...(this.props.exportNotes?.() ?? []), ...this.extraNotes];
  }

  /**
   * Where the user's code made what `location` (a path in the properties, as lint findings give
   * it) points at: the statement's call site when it is in one of the resource's policy
   * documents, else the component's.
   */
  public sourceOf(location?: string): SourceLocation | undefined {
    return (location === undefined ? undefined : this.statementAt(location)?.sourceLocation) ?? this.props.source?.();
  }

  /**
   * The statement behind what `location` (a path in the properties, as lint findings give it)
   * points at, when it is in one of the resource's policy documents: a merged statement for a
   * merged document, the first of identical ones.
   */
  public statementAt(location: string): PolicyStatement | undefined {
    for (const [at, doc] of Object.entries(this.props.documents?.() ?? {})) {
      const m = location.startsWith(at) ? /^\.Statement\[(\d+)\]/.exec(location.slice(at.length)) : null;
      const statement = m ? doc._renderedStatements()[Number(m[1])] : undefined;
      if (statement) return statement;
    }
    return undefined;
  }

  /** Adds a note on what the template leaves out of this resource. */
  public addExportNote(note: string): void {
    this.extraNotes.push(note);
  }
}

/** Every CloudFormation resource the program stands for, in creation order. */
export class ProgramModel {
  public readonly resources: CfnResource[] = [];
  /** Changes Pulumi transforms made that the template cannot carry, one sentence each (see transformed.ts). */
  public readonly transformProblems: string[] = [];
  private capturedSettings?: IamxSettings;

  public add(resource: CfnResource): CfnResource {
    this.resources.push(resource);
    return resource;
  }

  /** Records the library settings the program ran with, so a later rendering uses them. */
  public captureSettings(): void {
    this.capturedSettings = { ...settings() };
  }

  /** Runs `fn` with the settings recorded by {@link captureSettings} (if any), then restores the current ones. */
  public withSettings<T>(fn: () => T): T {
    if (!this.capturedSettings) return fn();
    const saved = { ...settings() };
    configure(this.capturedSettings);
    try {
      return fn();
    } finally {
      configure(saved);
    }
  }
}

const MODEL = new ProgramSlot("the CloudFormation model", () => new ProgramModel());

/** The CloudFormation model of the current program run. */
export function programModel(): ProgramModel {
  return currentProgram().get(MODEL);
}
