/**
 * Policy validation inside a program: at finalize, after merging, each component's documents go
 * through the validation engine (src/validate, IAM Access Analyzer's checks, offline) and every
 * ERROR finding becomes a problem of the run, so the run fails naming the component, the
 * statement, the element, the code, the fix and where the statement was made. Warnings are left
 * to `iamx lint`. Opt-outs: a statement's `validation` prop, `configure({ validate })` and Pulumi
 * config `iamx:validate`; a statement that skips the action catalogue check (or a program that
 * turned it off) skips the validation's action-name errors too.
 */
import type { PolicyDocument } from "../core/document";
import { settings } from "../core/settings";
import { formatSourceLocation, type SourceLocation } from "../core/source-location";
import type { PolicyStatement, ValidationOptions } from "../core/statement";
import { reportProblem } from "../render/pulumi/lifecycle";
import { currentProgram, ProgramSlot } from "../runtime/program";
import { ISSUE_CODES, type FindingKind, type PolicyType, type ValidationFinding } from "../validate";
import { ACTION_CATALOGUE_CODES, closestCode } from "../validate/codes";
import { FindingsCache } from "../validate/findings-cache";
import { statementPlaceholders } from "./policy-placeholders";

/** A document of a component, what it is, and how messages name it (`the trust policy`). */
export interface ComponentDocument {
  readonly document: PolicyDocument;
  readonly type: PolicyType;
  readonly label: string;
}

/** ERROR codes the component already reports with CDK's own message (CDK's validateFor* checks). */
const REPORTED_BY_CDK_CHECKS = new Set([
  "MISSING_STATEMENT",
  "MISSING_ACTION",
  "MISSING_RESOURCE",
  "MISSING_PRINCIPAL",
  "UNSUPPORTED_PRINCIPAL",
  "UNSUPPORTED_SID",
]);

const CHECKED_SETTING = new ProgramSlot("whether the validate setting's codes were checked", () => ({
  done: false,
}));

const ERRORS_ONLY: readonly FindingKind[] = ["ERROR"];

// Programs repeat documents (one trust policy on many roles): each distinct text is validated once.
const FINDINGS = new ProgramSlot("validation findings per document text", () => new FindingsCache());

/** The program-wide setting as options (`true` → validated, nothing ignored). */
function programOptions(): ValidationOptions {
  const v = settings().validate;
  if (typeof v === "boolean") return v ? {} : { enabled: false };
  const checked = currentProgram().get(CHECKED_SETTING);
  if (!checked.done) {
    checked.done = true;
    for (const code of v.ignore ?? []) {
      if (!(code in ISSUE_CODES)) reportProblem("configure({ validate })", unknownCode(code));
    }
  }
  return v;
}

function unknownCode(code: string): string {
  const near = closestCode(code);
  return (
    `unknown issue code ${JSON.stringify(code)} in validation.ignore` +
    (near ? ` (did you mean ${near}?)` : "") +
    "; docs/validation.md lists every code."
  );
}

/**
 * Validates a component's documents (call at finalize, after merging: the statements are the
 * final ones) and reports each ERROR finding against `scope`.
 */
export function validateComponentDocuments(component: ValidatedScope, documents: readonly ComponentDocument[]): void {
  const scope = component.displayPath;
  if (!currentProgram().validationFailsRun) return;
  const program = programOptions();
  if (program.enabled === false) return;
  const programIgnore = new Set(program.ignore ?? []);
  const checkActions = settings().checkActions;
  const account = settings().env.account;
  const cache = currentProgram().get(FINDINGS);
  for (const { document, type, label } of documents) {
    if (document.isEmpty) continue;
    // Index loops, no `?? []`: this runs for every statement of a program, mostly unoptimized.
    const own = document._statements;
    for (let i = 0; i < own.length; i++) {
      const ignore = own[i].validation.ignore;
      if (ignore === undefined) continue;
      for (const code of ignore) {
        if (!(code in ISSUE_CODES))
          reportProblem(scope, `${describeStatement(own[i], own, label)}: ${unknownCode(code)}`);
      }
    }
    // The document as it renders (merged, de-duplicated: the rendering is cached for the export).
    const rendered = document.render();
    if (!rendered) continue;
    const findings = cache.validate(
      { Version: "2012-10-17", Statement: rendered.Statement.map(statementPlaceholders) },
      { policyType: type, kinds: ERRORS_ONLY, ...(account !== undefined ? { account } : {}) },
    );
    if (findings.length === 0) continue;
    const statements = document._renderedStatements();
    for (const f of findings) {
      if (REPORTED_BY_CDK_CHECKS.has(f.code) || programIgnore.has(f.code)) continue;
      const s = f.statementIndex === undefined ? undefined : statements[f.statementIndex];
      if (s && (s.validation.enabled === false || s.validation.ignore?.includes(f.code))) continue;
      if (ACTION_CATALOGUE_CODES.has(f.code) && (!checkActions || s?.allowUnknownActions)) continue;
      reportProblem(scope, problemMessage(f, s, statements, label, component.sourceLocation));
    }
  }
}

function describeStatement(s: PolicyStatement, statements: readonly PolicyStatement[], label: string): string {
  const sid = typeof s.sid === "string" ? ` (Sid "${s.sid}")` : "";
  return `statement ${statements.indexOf(s)}${sid} of ${label}`;
}

function problemMessage(
  f: ValidationFinding,
  s: PolicyStatement | undefined,
  statements: readonly PolicyStatement[],
  label: string,
  componentMade: SourceLocation | undefined,
): string {
  const where = s ? describeStatement(s, statements, label) : label;
  const made = s?.sourceLocation;
  return (
    `${f.code} in ${where}, at ${f.path || "the document"}: ${f.message} Fix: ${f.fix}` +
    (made ? ` The statement was made at ${formatSourceLocation(made)}.` : madeElsewhere(s, componentMade)) +
    ` To accept it, give the PolicyStatement validation: { ignore: ["${f.code}"] }, or the program` +
    ` configure({ validate: { ignore: ["${f.code}"] } }).`
  );
}

/** What a component's documents are validated for: its path, and where it was made. */
export interface ValidatedScope {
  readonly displayPath: string;
  readonly sourceLocation?: SourceLocation;
}

/**
 * Where to look when the statement's own call site was not recorded (statement source locations
 * are off by default: capturing them costs more than building the statement).
 */
function madeElsewhere(s: PolicyStatement | undefined, componentMade: SourceLocation | undefined): string {
  const component = componentMade ? ` The component was made at ${formatSourceLocation(componentMade)}.` : "";
  if (!s) return component;
  return (
    component +
    " For the statement's own line, run `iamx lint` or set configure({ statementSourceLocations: true })" +
    " (Pulumi config iamx:statementSourceLocations)."
  );
}
