/** What Policy and ManagedPolicy share: their grant principal and their input checks (the component base is policy-base.ts). */
import { PolicyDocument } from "../core/document";
import { ValidationError } from "../core/errors";
import type { PrincipalPolicyFragment } from "../core/principals/fragment";
import type { AddToPrincipalPolicyResult, IPrincipal } from "../core/principals/types";
import { PolicyStatement } from "../core/statement";
import { describe, type Value } from "../core/value";
import { onFinalize, reportProblem } from "../render/pulumi/lifecycle";
import type { IdentityKind } from "./interfaces";
import { validateComponentDocuments, type ComponentDocument, type ValidatedScope } from "./policy-validation";
import { programAccount } from "../core/environment";

/** A policy component a grant principal adds its statements to. */
export interface StatementSink {
  readonly displayPath: string;
  addStatements(...statements: PolicyStatement[]): void;
}

/**
 * The `grantPrincipal` of a Policy or ManagedPolicy: grants add their statements to the policy.
 * It cannot be named in a policy, so a grant that needs a resource-policy statement fails, with
 * CDK's message (when the statement is built, where CDK fails at synthesis).
 */
export class PolicyGrantPrincipal implements IPrincipal {
  public readonly grantPrincipal: IPrincipal = this;
  /** The account of this program (unresolved). */
  public readonly principalAccount: Value = programAccount();

  constructor(
    private readonly policy: StatementSink,
    private readonly kind: "Policy" | "ManagedPolicy",
  ) {}

  public get assumeRoleAction(): string {
    return this.fail();
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return this.fail();
  }

  public addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy as object };
  }

  public addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
  }

  public toString(): string {
    return `${this.kind}(${this.policy.displayPath})`;
  }

  private fail(): never {
    throw new ValidationError(
      "GrantOperationNeedsAddResource",
      "This grant operation needs to add a resource policy so needs access to a principal. " +
        `Grant permissions to a Role or User, instead of a ${this.kind}.`,
      this.policy.displayPath,
    );
  }
}

/** Statements must be PolicyStatement objects. */
export function checkStatements(scope: string, statements: unknown, prop = "addStatements"): void {
  if (!Array.isArray(statements)) {
    throw new ValidationError(
      "InvalidStatement",
      `\`${prop}\` must be an array of PolicyStatement, got ${describe(statements)}`,
      scope,
    );
  }
  for (const s of statements) {
    if (!(s instanceof PolicyStatement)) {
      throw new ValidationError(
        "InvalidStatement",
        `Expected a PolicyStatement in \`${prop}\`, got ${describe(s)}`,
        scope,
      );
    }
  }
}

/** A `document` prop must be a PolicyDocument. */
export function checkDocument(scope: string, document: unknown): void {
  if (!(document instanceof PolicyDocument)) {
    throw new ValidationError(
      "InvalidPolicyDocument",
      `\`document\` must be a PolicyDocument, got ${describe(document)}`,
      scope,
    );
  }
}

const ARN_PROP: Record<IdentityKind, string> = { role: "roleArn", user: "userArn", group: "groupArn" };

/** An identity to attach to: an object with its ARN and `_identityRef` (Role, User, Group, imports). */
export function checkIdentity(scope: string, kind: IdentityKind, x: unknown): void {
  const o = x as Record<string, unknown> | null;
  if (
    typeof o !== "object" ||
    o === null ||
    o[ARN_PROP[kind]] == null ||
    typeof o._identityRef !== "function" ||
    typeof o.attachInlinePolicy !== "function"
  ) {
    throw new ValidationError(
      "InvalidIdentity",
      `Expected an IAM ${kind} (made with iamx or imported with its from* methods), got ${describe(x)}`,
      scope,
    );
  }
}

/** Args must be an object (`Invalid<kind>Args` otherwise). */
export function checkPolicyArgsObject(kind: "Policy" | "ManagedPolicy", name: string, args: unknown): void {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new ValidationError(`Invalid${kind}Args`, `${kind} args must be an object, got ${describe(args)}`, name);
  }
}

/** The props both policies take: `document`, `statements`, and the `roles`, `users` and `groups` to attach to. */
export function checkPolicyContentArgs(
  kind: "Policy" | "ManagedPolicy",
  name: string,
  args: {
    readonly document?: unknown;
    readonly statements?: unknown;
    readonly roles?: unknown;
    readonly users?: unknown;
    readonly groups?: unknown;
  },
): void {
  if (args.document !== undefined) checkDocument(name, args.document);
  if (args.statements !== undefined) checkStatements(name, args.statements, "statements");
  for (const [prop, identityKind] of [
    ["roles", "role"],
    ["users", "user"],
    ["groups", "group"],
  ] as const) {
    const list = args[prop];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      throw new ValidationError(
        `Invalid${kind}Args`,
        `${kind} \`${prop}\` must be an array, got ${describe(list)}`,
        name,
      );
    }
    for (const x of list) checkIdentity(name, identityKind, x);
  }
}

/**
 * Validates a component's documents once the program's policies are complete, as CDK does at
 * synthesis: after the other finalize work (default-policy splitting) and after merging (CDK
 * resolves, and so minimizes, every document before it validates; a statement missing a
 * resource or principal can be merged into one that has it). Then the policy validation
 * (policy-validation.ts) reports each ERROR finding of the documents.
 */
export function validateDocumentsLate(
  scope: ValidatedScope,
  documents: () => readonly ComponentDocument[],
  check: () => string[],
): void {
  onFinalize("validate", () => {
    const docs = documents();
    for (const { document } of docs) if (document.shouldMerge) document._synthesize();
    for (const message of check()) reportProblem(scope.displayPath, message);
    // Then the policy validation's errors (the engine's, beyond CDK's checks above).
    validateComponentDocuments(scope, docs);
  });
}
