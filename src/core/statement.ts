import { assertKnownActions } from "./actions";
import { checkedList, rememberCheckedList } from "./checked-lists";
import {
  assertConditions,
  conditionEntries,
  conditionsText,
  isWholeConditionsKey,
  mergeCondition,
  type Conditions,
} from "./conditions";
import { ValidationError } from "./errors";
import { OrderedObjects, OrderedValues } from "./ordered-values";
import { AccountPrincipal, AccountRootPrincipal, AnyPrincipal, ArnPrincipal } from "./principals/arn";
import { CanonicalUserPrincipal } from "./principals/canonical-user";
import { FederatedPrincipal } from "./principals/federated";
import { LITERAL_STRING_KEY, mergePrincipal } from "./principals/fragment";
import { ServicePrincipal, type ServicePrincipalOpts } from "./principals/service";
import type { IPrincipal } from "./principals/types";
import { settings } from "./settings";
import { SourceCapture, type SourceLocation } from "./source-location";
import { estimateStatementSize, type EstimateSizeOptions } from "./size";
import {
  checkEffect,
  checkSid,
  listProp,
  principalListProp,
  validateActions,
  validatePrincipal,
} from "./statement-checks";
import { statementPropsFromJson } from "./statement-from-json";
import { normList, normPrincipal } from "./statement-render";
import { Effect, type PolicyStatementProps, type StatementParts, type ValidationOptions } from "./statement-types";
import { showJson, toValue, toValues, type Value, type ValueInput } from "./value";

export { Effect, type PolicyStatementProps, type StatementParts, type ValidationOptions } from "./statement-types";

/** The shared empty parts of statements (see the fields of PolicyStatement); never changed. */
const NO_VALUES = Object.freeze(new OrderedValues());
const NO_PRINCIPALS = Object.freeze(new OrderedObjects<IPrincipal>());
const NO_PRINCIPAL_JSON: Record<string, Value[]> = Object.freeze({});
const NO_CONDITIONS: Conditions = Object.freeze({});
const VALIDATED: ValidationOptions = Object.freeze({});

// Set while the library makes a statement that takes its call site from another (a merge, a copy).
let inheritingSource = false;

/** The `Condition` element: omitted when empty; a whole-conditions Output renders as itself. */
function renderConditions(conditions: Conditions): unknown {
  const keys = Object.keys(conditions);
  if (keys.length === 0) return undefined;
  if (keys.length === 1 && isWholeConditionsKey(keys[0])) return conditions[keys[0]];
  return { ...conditions };
}

/**
 * One IAM policy statement, with CDK's behaviour: ordered de-duplicated lists, mutual exclusion of
 * X and NotX, principal conditions flowing into the statement, freezing, and CDK's rendering.
 */
export class PolicyStatement {
  /** Reads a statement from IAM policy JSON (the shape `toStatementJson()` renders). */
  public static fromJson(json: unknown): PolicyStatement {
    const s = new PolicyStatement(statementPropsFromJson(json));
    const errors = s.validateForAnyPolicy();
    if (errors.length > 0) {
      throw new ValidationError("IncorrectPolicyStatement", "Incorrect Policy Statement: " + errors.join("\n"));
    }
    return s;
  }

  private _sid?: string;
  private _effect: string;
  // A large program holds tens of thousands of statements, most of which never get Not-lists,
  // principals or conditions: those parts start as shared empty (frozen) ones, and a statement
  // gets its own on the first addition (see `own`).
  private readonly _action = new OrderedValues();
  private _notAction = NO_VALUES;
  private readonly _resource = new OrderedValues();
  private _notResource = NO_VALUES;
  private _principals = NO_PRINCIPALS;
  private _notPrincipals = NO_PRINCIPALS;
  private _principal: Record<string, Value[]> = NO_PRINCIPAL_JSON;
  private _notPrincipal: Record<string, Value[]> = NO_PRINCIPAL_JSON;
  private _condition: Conditions = NO_CONDITIONS;
  private principalConditionsJson?: string;
  private _frozen = false;
  private _allowUnknownActions = false;
  private _validation: ValidationOptions = VALIDATED;
  private _source?: SourceCapture;

  constructor(props: PolicyStatementProps = {}) {
    if (typeof props !== "object" || props === null) {
      throw new ValidationError(
        "InvalidStatementProps",
        `PolicyStatement props must be an object, got ${showJson(props)}`,
      );
    }
    this._sid = checkSid(props.sid);
    this._effect = checkEffect(props.effect) || Effect.ALLOW;
    if (props.allowUnknownActions !== undefined && typeof props.allowUnknownActions !== "boolean") {
      throw new ValidationError(
        "InvalidStatementProps",
        `PolicyStatement allowUnknownActions must be a boolean, got ${showJson(props.allowUnknownActions)}`,
      );
    }
    this._allowUnknownActions = props.allowUnknownActions === true;
    if (props.validation !== undefined) this._validation = checkValidationOptions(props.validation);
    if (!inheritingSource && settings().statementSourceLocations) this._source = new SourceCapture(PolicyStatement);
    // The lists are read in place (no copy, no spread into arguments): a program builds tens of
    // thousands of statements, most with one or two of each and none of the others. Each prop is
    // read once.
    const actions = props.actions;
    if (actions !== undefined) this.addActionList(listProp(actions, "actions"), true);
    const notActions = props.notActions;
    if (notActions !== undefined) this.addNotActionList(listProp(notActions, "notActions"));
    const principals = props.principals;
    if (principals !== undefined) this.addPrincipals(...principalListProp(principals, "principals"));
    const notPrincipals = props.notPrincipals;
    if (notPrincipals !== undefined) this.addNotPrincipals(...principalListProp(notPrincipals, "notPrincipals"));
    const resources = props.resources;
    if (resources !== undefined) this.addResourceList(listProp(resources, "resources"));
    const notResources = props.notResources;
    if (notResources !== undefined) this.addNotResourceList(listProp(notResources, "notResources"));
    const conditions = props.conditions;
    if (conditions !== undefined) this.addConditions(conditions);
  }

  /** Statement id. */
  public get sid(): string | undefined {
    return this._sid;
  }
  public set sid(sid: string | undefined) {
    this.assertNotFrozen("sid");
    this._sid = checkSid(sid);
  }

  /** Allow or Deny. */
  public get effect(): Effect {
    return this._effect as Effect;
  }
  public set effect(effect: Effect) {
    this.assertNotFrozen("effect");
    this._effect = checkEffect(effect) as Effect;
  }

  public addActions(...actions: ValueInput[]): void {
    this.addActionList(actions);
  }

  /** `fromProps`: the list is the `actions` prop of a new statement (see checked-lists.ts). */
  private addActionList(actions: readonly ValueInput[], fromProps = false): void {
    this.assertNotFrozen("addActions");
    if (actions.length === 0) return;
    if (this._notAction.length > 0) {
      throw new ValidationError(
        "CannotAddActionsPolicyStatement",
        "Cannot add 'Actions' to policy statement if 'NotActions' have been added",
      );
    }
    // One action is checked as fast as it is looked up; lists are what grants repeat.
    const shareable = fromProps && actions.length > 1;
    const known = shareable ? checkedList(actions) : undefined;
    if (known !== undefined) {
      if (!known.catalogueChecked && this.needsCatalogueCheck()) {
        assertKnownActions(known.items);
        known.catalogueChecked = true;
      }
      this._action.adoptShared(known.items);
      return;
    }
    const values = toValues(actions, "an action");
    validateActions(values);
    const catalogueChecked = this.needsCatalogueCheck();
    if (catalogueChecked) assertKnownActions(values);
    this._action.pushAll(values);
    // Only a list of distinct literal strings (its items are then its own strings) is remembered.
    if (shareable && values === actions && this._action.length === actions.length) {
      rememberCheckedList(actions, this._action.shareItems(), catalogueChecked);
    }
  }

  public addNotActions(...notActions: ValueInput[]): void {
    this.addNotActionList(notActions);
  }

  private addNotActionList(notActions: readonly ValueInput[]): void {
    this.assertNotFrozen("addNotActions");
    if (notActions.length === 0) return;
    if (this._action.length > 0) {
      throw new ValidationError(
        "CannotAddActionsPolicyStatement",
        "Cannot add 'NotActions' to policy statement if 'Actions' have been added",
      );
    }
    const values = toValues(notActions, "an action");
    validateActions(values);
    this.checkCatalogue(values);
    if (this._notAction === NO_VALUES) this._notAction = new OrderedValues();
    this._notAction.pushAll(values);
  }

  /** Whether this statement skips the AWS action catalogue check (`allowUnknownActions`). */
  public get allowUnknownActions(): boolean {
    return this._allowUnknownActions;
  }

  private checkCatalogue(values: readonly Value[]): void {
    if (this.needsCatalogueCheck()) assertKnownActions(values);
  }

  private needsCatalogueCheck(): boolean {
    return !this._allowUnknownActions && settings().checkActions;
  }

  /** How policy validation treats this statement (the `validation` prop). */
  public get validation(): ValidationOptions {
    return this._validation;
  }

  /** Where the user's code made this statement (a merged or copied statement: its first original's). */
  public get sourceLocation(): SourceLocation | undefined {
    return this._source?.location;
  }

  /** Whether the statement names any principal or notPrincipal. */
  public get hasPrincipal(): boolean {
    return this._principals.length + this._notPrincipals.length > 0;
  }

  public addPrincipals(...principals: IPrincipal[]): void {
    this.assertNotFrozen("addPrincipals");
    if (principals.length === 0) return;
    if (principals.length > 0 && this._notPrincipals.length > 0) {
      throw new ValidationError(
        "CannotAddPrincipalsPolicyStatement",
        "Cannot add 'Principals' to policy statement if 'NotPrincipals' have been added",
      );
    }
    this.addPrincipalsTo(principals, false);
  }

  public addNotPrincipals(...notPrincipals: IPrincipal[]): void {
    this.assertNotFrozen("addNotPrincipals");
    if (notPrincipals.length === 0) return;
    if (notPrincipals.length > 0 && this._principals.length > 0) {
      throw new ValidationError(
        "CannotAddPrincipalsPolicyStatement",
        "Cannot add 'NotPrincipals' to policy statement if 'Principals' have been added",
      );
    }
    this.addPrincipalsTo(notPrincipals, true);
  }

  /** Adds to the principals, or with `not` to the notPrincipals. */
  private addPrincipalsTo(principals: IPrincipal[], not: boolean): void {
    const list = not ? this._notPrincipals : this._principals;
    const json = not ? this._notPrincipal : this._principal;
    for (const p of principals) validatePrincipal(p);
    // CDK takes the principals not yet present one by one: merge the principal JSON (literal
    // clash), check the conditions against the first principal's, add the conditions. Do all of
    // that on trial copies first, so a failing call leaves the statement as it was.
    const fresh = [...new Set(principals)].filter((p) => !list.has(p));
    const fragments = fresh.map((p) => p.policyFragment);
    const trialJson: Record<string, Value[]> = { ...json };
    const trialConditions: Conditions = { ...this._condition };
    let reference = this.principalConditionsJson;
    for (const f of fragments) {
      mergePrincipal(trialJson, f.principalJson);
      const conditions = f.conditions ?? {};
      assertConditions(conditions);
      const j = conditionsText(conditions);
      if (reference !== undefined && reference !== j) {
        throw new ValidationError(
          "PrincipalsPolicystatementSameConditions",
          `All principals in a PolicyStatement must have the same Conditions (got '${reference}' and '${j}'). Use multiple statements instead.`,
        );
      }
      reference = j;
      for (const [k, v] of conditionEntries(conditions)) mergeCondition(trialConditions, k, v);
    }

    if (fresh.length === 0) {
      this.principalConditionsJson = reference;
      return;
    }
    const ownList = list === NO_PRINCIPALS ? new OrderedObjects<IPrincipal>() : list;
    const ownJson = json === NO_PRINCIPAL_JSON ? {} : json;
    if (not) {
      this._notPrincipals = ownList;
      this._notPrincipal = ownJson;
    } else {
      this._principals = ownList;
      this._principal = ownJson;
    }
    ownList.push(...fresh);
    for (const f of fragments) {
      mergePrincipal(ownJson, f.principalJson);
      for (const [k, v] of conditionEntries(f.conditions ?? {})) mergeCondition(this.ownConditions(), k, v);
    }
    this.principalConditionsJson = reference;
  }

  public addAwsAccountPrincipal(accountId: ValueInput): void {
    this.addPrincipals(new AccountPrincipal(toValue(accountId)));
  }
  public addArnPrincipal(arn: ValueInput): void {
    this.addPrincipals(new ArnPrincipal(toValue(arn)));
  }
  public addServicePrincipal(service: string, opts?: ServicePrincipalOpts): void {
    this.addPrincipals(new ServicePrincipal(service, opts));
  }
  public addFederatedPrincipal(federated: ValueInput, conditions: Conditions): void {
    this.addPrincipals(new FederatedPrincipal(toValue(federated), conditions));
  }
  public addAccountRootPrincipal(): void {
    this.addPrincipals(new AccountRootPrincipal());
  }
  public addCanonicalUserPrincipal(canonicalUserId: ValueInput): void {
    this.addPrincipals(new CanonicalUserPrincipal(toValue(canonicalUserId)));
  }
  public addAnyPrincipal(): void {
    this.addPrincipals(new AnyPrincipal());
  }

  public addResources(...arns: ValueInput[]): void {
    this.addResourceList(arns);
  }

  private addResourceList(arns: readonly ValueInput[]): void {
    this.assertNotFrozen("addResources");
    if (arns.length === 0) return;
    if (this._notResource.length > 0) {
      throw new ValidationError(
        "CannotAddResourcesPolicyStatement",
        "Cannot add 'Resources' to policy statement if 'NotResources' have been added",
      );
    }
    this._resource.pushAll(toValues(arns, "a resource"));
  }

  public addNotResources(...arns: ValueInput[]): void {
    this.addNotResourceList(arns);
  }

  private addNotResourceList(arns: readonly ValueInput[]): void {
    this.assertNotFrozen("addNotResources");
    if (arns.length === 0) return;
    if (this._resource.length > 0) {
      throw new ValidationError(
        "CannotAddResourcesPolicyStatement",
        "Cannot add 'NotResources' to policy statement if 'Resources' have been added",
      );
    }
    const values = toValues(arns, "a resource");
    if (this._notResource === NO_VALUES) this._notResource = new OrderedValues();
    this._notResource.pushAll(values);
  }

  /** Adds `*` as the resource. */
  public addAllResources(): void {
    this.addResources("*");
  }

  /** Whether the statement names any resource. */
  public get hasResource(): boolean {
    return this._resource.length > 0;
  }

  /** Adds one condition operator; an existing operator is merged key by key (later keys win). */
  public addCondition(key: string, value: unknown): void {
    this.assertNotFrozen("addCondition");
    mergeCondition(this.ownConditions(), key, value);
  }

  /** Adds several condition operators, in order. */
  public addConditions(conditions: Conditions | ValueInput): void {
    if (typeof conditions !== "object" || conditions === null || Array.isArray(conditions)) {
      this.assertNotFrozen("addCondition");
      throw new ValidationError(
        "ShouldBeConditionShouldRepresented",
        "A Condition should be represented as a map of operator to value",
      );
    }
    // Check every operator first, so a failing call adds none of them.
    const entries = conditionEntries(conditions);
    if (entries.length > 0) this.assertNotFrozen("addCondition");
    assertConditions(conditions);
    for (const [k, v] of entries) this.addCondition(k, v);
  }

  /** Requires `sts:ExternalId` to equal the account id. */
  public addAccountCondition(accountId: ValueInput): void {
    this.addCondition("StringEquals", { "sts:ExternalId": toValue(accountId) });
  }
  /** Requires `aws:SourceAccount` to equal the account id. */
  public addSourceAccountCondition(accountId: ValueInput): void {
    this.addCondition("StringEquals", { "aws:SourceAccount": toValue(accountId) });
  }
  /** Requires `aws:SourceArn` to equal the ARN. */
  public addSourceArnCondition(arn: ValueInput): void {
    this.addCondition("ArnEquals", { "aws:SourceArn": toValue(arn) });
  }

  public get actions(): Value[] {
    return this._action.copy();
  }
  public get notActions(): Value[] {
    return this._notAction.copy();
  }
  public get principals(): IPrincipal[] {
    return this._principals.copy();
  }
  public get notPrincipals(): IPrincipal[] {
    return this._notPrincipals.copy();
  }
  public get resources(): Value[] {
    return this._resource.copy();
  }
  public get notResources(): Value[] {
    return this._notResource.copy();
  }
  public get conditions(): Conditions {
    return { ...this._condition };
  }

  /** A new, unfrozen statement with the given fields replaced (an `undefined` override keeps the original). */
  public copy(overrides: PolicyStatementProps = {}): PolicyStatement {
    const copy = new PolicyStatement({
      sid: overrides.sid ?? this.sid,
      effect: overrides.effect ?? this.effect,
      actions: overrides.actions ?? this.actions,
      notActions: overrides.notActions ?? this.notActions,
      principals: overrides.principals ?? this.principals,
      notPrincipals: overrides.notPrincipals ?? this.notPrincipals,
      resources: overrides.resources ?? this.resources,
      notResources: overrides.notResources ?? this.notResources,
      conditions: overrides.conditions ?? this.conditions,
      allowUnknownActions: overrides.allowUnknownActions ?? this._allowUnknownActions,
      validation: overrides.validation ?? this._validation,
    });
    return copy;
  }

  /** Makes the statement immutable; documents freeze their statements when rendered for deployment. */
  public freeze(): this {
    this._frozen = true;
    return this;
  }

  public get frozen(): boolean {
    return this._frozen;
  }

  /**
   * The statement as IAM JSON, in CDK's key order. Tokens stay as token objects (their JSON is
   * the CloudFormation form); {@link toJSON} gives plain JSON.
   */
  public toStatementJson(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const put = (key: string, v: unknown) => {
      if (v !== undefined) out[key] = v;
    };
    put("Action", normList(this._action.copy()));
    put("NotAction", normList(this._notAction.copy()));
    put("Condition", renderConditions(this._condition));
    put("Effect", this._effect);
    put("Principal", normPrincipal(this._principal));
    put("NotPrincipal", normPrincipal(this._notPrincipal));
    put("Resource", normList(this._resource.copy()));
    put("NotResource", normList(this._notResource.copy()));
    put("Sid", this._sid);
    return out;
  }

  public toJSON(): unknown {
    return JSON.parse(JSON.stringify(this.toStatementJson()));
  }

  public toString(): string {
    return JSON.stringify(this.toStatementJson());
  }

  public validateForAnyPolicy(): string[] {
    const errors: string[] = [];
    if (this._action.length === 0 && this._notAction.length === 0) {
      errors.push("A PolicyStatement must specify at least one 'action' or 'notAction'.");
    }
    return errors;
  }

  public validateForIdentityPolicy(): string[] {
    const errors = this.validateForAnyPolicy();
    if (this.hasPrincipal)
      errors.push("A PolicyStatement used in an identity-based policy cannot specify any IAM principals.");
    if (this._resource.length === 0 && this._notResource.length === 0) {
      errors.push("A PolicyStatement used in an identity-based policy must specify at least one resource.");
    }
    // A sid that is not known yet (a token or a Pulumi input) is not checked, as CDK skips tokens.
    const sidKnown = this._sid === null || typeof this._sid !== "object";
    if (this._sid !== undefined && sidKnown && !/^[0-9A-Za-z]*$/.test(String(this._sid))) {
      errors.push(
        `Statement ID (sid) '${this._sid}' must be alphanumeric (A-Z, a-z, 0-9) when used in an identity-based policy. See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html`,
      );
    }
    return errors;
  }

  public validateForResourcePolicy(options: { skipResourceValidation?: boolean } = {}): string[] {
    const errors = this.validateForAnyPolicy();
    if (!this.hasPrincipal)
      errors.push("A PolicyStatement used in a resource-based policy must specify at least one IAM principal.");
    if (!options.skipResourceValidation && this._resource.length === 0 && this._notResource.length === 0) {
      errors.push("A PolicyStatement used in a resource-based policy must specify at least one resource.");
    }
    return errors;
  }

  public validateForTrustPolicy(): string[] {
    const errors = this.validateForAnyPolicy();
    if (!this.hasPrincipal)
      errors.push("A PolicyStatement used in a trust policy must specify at least one IAM principal.");
    return errors;
  }

  /** CDK's size estimate, used to decide how oversized policies split. */
  public _estimateSize(
    options: EstimateSizeOptions = { actionEstimate: 20, arnEstimate: settings().arnSizeEstimate },
  ): number {
    return estimateStatementSize(
      {
        effect: this._effect,
        lists: [
          [this._action.view(), "Action", options.actionEstimate],
          [this._notAction.view(), "NotAction", options.actionEstimate],
          [this._resource.view(), "Resource", options.arnEstimate],
          [this._notResource.view(), "NotResource", options.arnEstimate],
        ],
        principalCount: this._principals.length + this._notPrincipals.length,
        conditions: this._condition,
      },
      options,
    );
  }

  /**
   * The statement's parts as stored, without copies, for merging large documents cheaply. The
   * lists and the condition map must not be changed through this view.
   */
  public _parts(): StatementParts {
    return {
      sid: this._sid,
      effect: this._effect,
      actions: this._action.view(),
      notActions: this._notAction.view(),
      resources: this._resource.view(),
      notResources: this._notResource.view(),
      principals: this._principals.view(),
      notPrincipals: this._notPrincipals.view(),
      conditions: this._condition,
    };
  }

  /** The actions as stored (not a copy; for reading only), for merging. */
  public _actionView(): readonly Value[] {
    return this._action.view();
  }

  /**
   * Whether the actions are a list shared with other statements built from the same `actions`
   * array (see checked-lists.ts): the same array object then always holds the same actions.
   */
  public get _actionsShared(): boolean {
    return this._action.isShared;
  }

  /** The resources as stored (not a copy; for reading only), for merging. */
  public _resourceView(): readonly Value[] {
    return this._resource.view();
  }

  /** The principals as stored (not a copy; for reading only), for merging. */
  public _principalView(): readonly IPrincipal[] {
    return this._principals.view();
  }

  /** Whether the statement has conditions or any Not-list (what makes merging look further). */
  public get _hasConditionsOrNotLists(): boolean {
    if (this._notAction.length + this._notResource.length + this._notPrincipals.length > 0) return true;
    if (this._condition === NO_CONDITIONS) return false;
    for (const _ in this._condition) return true;
    return false;
  }

  /**
   * What `copy({ actions, resources, principals, allowUnknownActions })` makes, for a merge:
   * `actions` and `resources` hold distinct values (by value identity) that every merged
   * statement already accepted, so they are taken as they are (the arrays themselves) instead of
   * being checked for repeats one by one. Actions are still checked as `addActions` checks them.
   */
  public _mergedCopy(
    actions: Value[],
    resources: Value[],
    principals: IPrincipal[],
    allowUnknownActions: boolean,
    validation: ValidationOptions = this._validation,
  ): PolicyStatement {
    inheritingSource = true;
    let s: PolicyStatement;
    try {
      s = new PolicyStatement({
        sid: this.sid,
        effect: this.effect,
        notActions: this.notActions,
        principals,
        notPrincipals: this.notPrincipals,
        notResources: this.notResources,
        conditions: this.conditions,
        allowUnknownActions,
        validation,
      });
    } finally {
      inheritingSource = false;
    }
    s._source = this._source;
    if (actions.length > 0) {
      validateActions(actions);
      s.checkCatalogue(actions);
      s._action.adoptDistinct(actions);
    }
    s._resource.adoptDistinct(resources);
    return s;
  }

  /** Whether a literal principal string (`"*"` via StarPrincipal or JSON) is among the principals. */
  public get _hasLiteralPrincipal(): boolean {
    return this.principals.some((p) => LITERAL_STRING_KEY in p.policyFragment.principalJson);
  }

  /** @internal Makes `other`'s call site this statement's (a statement the library rebuilt from it). */
  public _takeSourceFrom(other: PolicyStatement): this {
    this._source = other._source;
    return this;
  }

  /** The statement's own condition map, made on first use (see the fields). */
  private ownConditions(): Conditions {
    if (this._condition === NO_CONDITIONS) this._condition = {};
    return this._condition;
  }

  private assertNotFrozen(method: string): void {
    if (this._frozen) {
      throw new ValidationError(
        "FreezeCalledPolicystatementPreviously",
        `${method}: freeze() has been called on this PolicyStatement previously, so it can no longer be modified`,
      );
    }
  }
}

/** The `validation` prop, checked: an object with a boolean `enabled` and a list of code strings `ignore`. */
function checkValidationOptions(v: unknown): ValidationOptions {
  const o = v as { enabled?: unknown; ignore?: unknown } | null;
  const bad = (what: string): never => {
    throw new ValidationError("InvalidStatementProps", `PolicyStatement validation ${what}, got ${showJson(v)}`);
  };
  if (typeof o !== "object" || o === null || Array.isArray(o)) return bad("must be an object");
  if (o.enabled !== undefined && typeof o.enabled !== "boolean") return bad("enabled must be a boolean");
  if (o.ignore !== undefined && (!Array.isArray(o.ignore) || o.ignore.some((c) => typeof c !== "string")))
    return bad("ignore must be an array of issue codes");
  return Object.freeze({
    ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
    ...(o.ignore !== undefined ? { ignore: Object.freeze([...(o.ignore as string[])]) } : {}),
  });
}
