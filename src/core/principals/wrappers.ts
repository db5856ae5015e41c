import {
  assertConditionObject,
  conditionBlock,
  conditionEntries,
  conditionTokenMergeError,
  type Conditions,
} from "../conditions";
import { MutatingPolicyDocumentAdapter, type PolicyDocument } from "../document";
import { ValidationError } from "../errors";
import type { PolicyStatement } from "../statement";
import { isToken, type Value } from "../value";
import { PrincipalBase } from "./base";
import { PrincipalPolicyFragment } from "./fragment";
import { addPrincipalToAssumeRolePolicy } from "./trust";
import { dedupeStringFor, type AddToPrincipalPolicyResult, type IPrincipal } from "./types";

/** Base of principals that wrap another one and change how it is used. */
abstract class PrincipalAdapter extends PrincipalBase {
  public readonly assumeRoleAction: string;
  public readonly principalAccount?: Value;

  constructor(protected readonly wrapped: IPrincipal) {
    super();
    this.assumeRoleAction = wrapped.assumeRoleAction;
    this.principalAccount = wrapped.principalAccount;
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return this.wrapped.policyFragment;
  }

  public addToPolicy(statement: PolicyStatement): boolean {
    return this.wrapped.addToPolicy(statement);
  }

  public addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    return this.wrapped.addToPrincipalPolicy(statement);
  }

  protected appendDedupe(kind: string, append: string): string | undefined {
    const inner = dedupeStringFor(this.wrapped);
    return inner !== undefined ? `${kind}:${inner}:${append}` : undefined;
  }
}

/** A principal with extra conditions, merged per operator over the wrapped principal's own. */
export class PrincipalWithConditions extends PrincipalAdapter {
  private readonly additionalConditions: Conditions;

  constructor(principal: IPrincipal, conditions: Conditions) {
    super(principal);
    if (typeof conditions !== "object" || conditions === null || Array.isArray(conditions)) {
      throw new ValidationError(
        "ShouldBeConditionShouldRepresented",
        "A Condition should be represented as a map of operator to value",
      );
    }
    this.additionalConditions = {};
    for (const [k, v] of conditionEntries(conditions)) {
      setOwn(this.additionalConditions, k, isConditionMap(v) ? conditionBlock(k, v) : v);
    }
    // Fail now, not at render time, on conditions that cannot merge; CDK reports an operator
    // holding a token only when the principal is used (its fragment), and so does this.
    try {
      void this.conditions;
    } catch (e) {
      if (!(e instanceof ValidationError && e.code === TOKEN_MERGE_CODE)) throw e;
    }
  }

  public addToAssumeRolePolicy(document: PolicyDocument): void {
    addPrincipalToAssumeRolePolicy(
      this.wrapped,
      new MutatingPolicyDocumentAdapter(document, (s) => {
        s.addActions(this.assumeRoleAction);
        s.addConditions(this.conditions);
        return s;
      }),
    );
  }

  public addCondition(key: string, value: unknown): void {
    const block = conditionBlock(key, value);
    const existing = ownValue(this.additionalConditions, key);
    if (!existing) {
      setOwn(this.additionalConditions, key, block);
      return;
    }
    if (isToken(existing) || isToken(block)) throw conditionTokenMergeError(key);
    assertConditionObject(existing);
    setOwn(this.additionalConditions, key, { ...existing, ...(block as object) });
  }

  /** Adds several operators; every one is checked before any is added. */
  public addConditions(conditions: Conditions): void {
    const entries = conditionEntries(conditions).map(([k, v]) => [k, conditionBlock(k, v)] as const);
    for (const [k, v] of entries) this.addCondition(k, v);
  }

  /** The wrapped principal's conditions with the added ones merged in. */
  public get conditions(): Conditions {
    const merged: Conditions = {};
    for (const [operator, c] of conditionEntries(this.wrapped.policyFragment.conditions)) {
      setOwn(merged, operator, isConditionMap(c) ? conditionBlock(operator, c) : c);
    }
    for (const [operator, condition] of Object.entries(this.additionalConditions)) {
      const existing = ownValue(merged, operator);
      if (!existing) {
        setOwn(merged, operator, condition);
        continue;
      }
      if (isToken(condition) || isToken(existing)) throw conditionTokenMergeError(operator);
      assertConditionObject(existing);
      assertConditionObject(condition);
      setOwn(merged, operator, { ...existing, ...condition });
    }
    return merged;
  }

  public get policyFragment(): PrincipalPolicyFragment {
    return new PrincipalPolicyFragment(this.wrapped.policyFragment.principalJson, this.conditions);
  }

  public dedupeString(): string | undefined {
    return this.appendDedupe("PrincipalWithConditions", JSON.stringify(this.conditions));
  }

  public toString(): string {
    return this.wrapped.toString();
  }
}

// Operators are data: `__proto__` or `constructor` must neither reach the prototype nor be read from it.
function ownValue(o: Conditions, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

function setOwn(o: Conditions, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

const TOKEN_MERGE_CODE = "MultipleConditionsCannotMerged";

/** Whether a value is checked as one operator's block (a map, a token or a Pulumi input), not kept as given. */
function isConditionMap(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A principal allowed to pass session tags: trust statements also allow `sts:TagSession`. */
export class SessionTagsPrincipal extends PrincipalAdapter {
  public addToAssumeRolePolicy(document: PolicyDocument): void {
    addPrincipalToAssumeRolePolicy(
      this.wrapped,
      new MutatingPolicyDocumentAdapter(document, (s) => {
        s.addActions("sts:TagSession");
        return s;
      }),
    );
  }

  public dedupeString(): string | undefined {
    return this.appendDedupe("SessionTagsPrincipal", "");
  }

  public toString(): string {
    return JSON.stringify(this.policyFragment.principalJson);
  }
}
