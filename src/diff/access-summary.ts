/**
 * The access summary: per subject (identity, role trust, resource policy), which (action,
 * resource) pairs — and, for trust and resource policies, for which principal — are newly
 * allowed, no longer allowed, or allowed under other conditions, with wildcards expanded against
 * the action catalogue; statements that moved between policies without changing access; AWS
 * managed policies attached or detached; boundary changes.
 *
 * How a pair is decided: the resources looked at are every Resource/NotResource pattern of either
 * version (each stands for a generic member, one that another pattern matches only if it covers
 * the whole first one) plus `*` for "any other resource"; the actions are every catalogue action
 * the patterns stand for plus `*` for "any other action"; likewise principals. For each
 * (principal, action, resource) the two versions' states are compared: the Conditions under which
 * an Allow applies and those under which a Deny applies (a Deny without Condition wins outright).
 * Equal states decide every request alike, so only pairs whose state differs are reported, and a
 * pair reported with unconditional states is decided differently for every request.
 */
import { describeActions } from "./action-display";
import { actionMatches, actionUniverse, OTHER_ACTION } from "./action-universe";
import { readSubjects, type AccessStatement, type Subject, type SubjectKind } from "./access-model";
import { genericMember, matches } from "./patterns";
import type { TemplateLike } from "./template-changes";

/** When a (principal, action, resource) is allowed: Conditions (canonical JSON, `""` = always). */
export interface AccessState {
  /** Allowed when one of these holds… (empty: never allowed). */
  readonly allowedWhen: readonly string[];
  /** …and none of these does. */
  readonly deniedWhen: readonly string[];
}

/** How a pair changed. */
export type AccessChangeKind = "gained" | "lost" | "conditions";

/** Actions on one resource (for one principal) whose state changed the same way. */
export interface AccessChange {
  readonly kind: AccessChangeKind;
  /** Resource pattern (`*` stands for any resource no listed pattern names). */
  readonly resource: string;
  /** For trust and resource policies: the principal (`*` stands for anyone not listed). */
  readonly principal?: string;
  /** Catalogue actions, names not in the catalogue, and `*` for any other action. */
  readonly actions: readonly string[];
  /** The actions for people: "43 actions: s3:Delete*, …" (wildcards of the policies stand for the actions they cover). */
  readonly actionSummary: string;
  readonly before: AccessState;
  readonly after: AccessState;
  /** Whether some request may be allowed after that was not before. */
  readonly broadening: boolean;
}

/** Statements present in both versions that now come from other policies. */
export interface MovedStatements {
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** How many (action pattern, resource) parts moved. */
  readonly count: number;
  /** A few of them, `s3:GetObject on arn:aws:s3:::data/*`. */
  readonly examples: readonly string[];
}

/** The access summary of one subject. */
export interface SubjectSummary {
  readonly key: string;
  readonly kind: SubjectKind;
  readonly label: string;
  /** Present only in the new version / only in the old one. */
  readonly added: boolean;
  readonly removed: boolean;
  readonly changes: readonly AccessChange[];
  readonly moved: readonly MovedStatements[];
  /** The statements changed (merged, split, reworded) but every pair is decided as before. */
  readonly reshaped: boolean;
  readonly managedPoliciesAttached: readonly string[];
  readonly managedPoliciesDetached: readonly string[];
  readonly boundary?: { readonly before?: string; readonly after?: string };
  /** Policy parts that could not be read in either version and changed: access cannot be told (counted as broadening). */
  readonly unreadable: readonly string[];
  readonly broadening: boolean;
}

/** The access summary of a change. */
export interface AccessSummary {
  /** Subjects with a change, in template order. */
  readonly subjects: readonly SubjectSummary[];
  readonly broadening: boolean;
}

const NEVER: AccessState = { allowedWhen: [], deniedWhen: [] };

/** The access summary of the change from `oldTemplate` to `newTemplate`. */
export function accessSummary(oldTemplate: TemplateLike, newTemplate: TemplateLike): AccessSummary {
  const before = readSubjects(oldTemplate);
  const after = readSubjects(newTemplate);
  const keys = [...new Set([...before.keys(), ...after.keys()])];
  const subjects: SubjectSummary[] = [];
  for (const key of keys) {
    const s = compareSubject(before.get(key), after.get(key));
    if (s) subjects.push(s);
  }
  return { subjects, broadening: subjects.some((s) => s.broadening) };
}

function compareSubject(o: Subject | undefined, n: Subject | undefined): SubjectSummary | undefined {
  const any = (n ?? o)!;
  const oldStatements = o?.statements ?? [];
  const newStatements = n?.statements ?? [];
  const sameContent = sameMultiset(oldStatements.map(contentKey), newStatements.map(contentKey));
  const changes = sameContent ? [] : compareAccess(oldStatements, newStatements, any.kind !== "identity");
  const moved = movedStatements(oldStatements, newStatements);
  const oldMp = o?.managedPolicies ?? [];
  const newMp = n?.managedPolicies ?? [];
  const attached = newMp.filter((a) => !oldMp.includes(a));
  const detached = oldMp.filter((a) => !newMp.includes(a));
  const boundary = o?.boundary !== n?.boundary ? { before: o?.boundary, after: n?.boundary } : undefined;
  const oldUnreadable = o?.unreadable ?? [];
  const newUnreadable = n?.unreadable ?? [];
  const unreadable = sameMultiset(oldUnreadable, newUnreadable)
    ? []
    : [...new Set([...oldUnreadable, ...newUnreadable])];
  const added = !o && !!n;
  const removed = !!o && !n;
  const reshaped = !sameContent && changes.length === 0;
  const hasChange =
    reshaped ||
    changes.length > 0 ||
    moved.length > 0 ||
    attached.length > 0 ||
    detached.length > 0 ||
    boundary !== undefined ||
    unreadable.length > 0;
  if (!hasChange) return undefined;
  const broadening =
    changes.some((c) => c.broadening) ||
    attached.length > 0 ||
    unreadable.length > 0 ||
    // a boundary removed or replaced may allow more; one added only limits
    (boundary !== undefined && boundary.before !== undefined);
  return {
    key: any.key,
    kind: any.kind,
    label: any.label,
    added,
    removed,
    changes,
    moved,
    reshaped,
    managedPoliciesAttached: attached,
    managedPoliciesDetached: detached,
    boundary,
    unreadable,
    broadening,
  };
}

function contentKey(s: AccessStatement): string {
  return JSON.stringify([
    s.effect,
    [...s.actions].sort(),
    s.notAction,
    [...s.resources].sort(),
    s.notResource,
    s.principals ? [...s.principals].sort() : null,
    s.notPrincipal ?? false,
    s.condition,
  ]);
}

function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}

/** The pairs whose state differs, grouped by resource, principal and (before, after) state. */
function compareAccess(
  oldStatements: readonly AccessStatement[],
  newStatements: readonly AccessStatement[],
  withPrincipals: boolean,
): AccessChange[] {
  const all = [...oldStatements, ...newStatements];
  const actions = actionUniverse(all.flatMap((s) => s.actions));
  const resources = [...new Set(all.flatMap((s) => s.resources).filter((r) => r !== "*")), "*"];
  const principals = withPrincipals
    ? [...new Set(all.flatMap((s) => s.principals ?? []).filter((p) => p !== "*")), "*"]
    : [undefined];
  const groups = new Map<string, { change: Omit<AccessChange, "actions" | "actionSummary">; actions: string[] }>();
  for (const principal of principals) {
    for (const resource of resources) {
      const member = resource === "*" ? genericMember("*") : genericMember(resource);
      const oldApplicable = oldStatements.filter((s) => appliesTo(s, principal, member));
      const newApplicable = newStatements.filter((s) => appliesTo(s, principal, member));
      if (oldApplicable.length === 0 && newApplicable.length === 0) continue;
      for (const action of actions) {
        const b = stateOf(oldApplicable, action);
        const a = stateOf(newApplicable, action);
        if (sameState(a, b)) continue;
        const key = JSON.stringify([principal ?? null, resource, b, a]);
        let g = groups.get(key);
        if (!g) {
          g = { change: describe(resource, principal, b, a), actions: [] };
          groups.set(key, g);
        }
        g.actions.push(action);
      }
    }
  }
  const patterns = all.flatMap((s) => s.actions);
  return [...groups.values()].map((g) => ({
    ...g.change,
    actions: g.actions,
    actionSummary: describeActions(g.actions, patterns),
  }));
}

function appliesTo(s: AccessStatement, principal: string | undefined, member: string): boolean {
  const resourceHit = s.resources.some((r) => matches(r, member));
  if (resourceHit === s.notResource) return false;
  if (principal === undefined) return true;
  const list = s.principals ?? ["*"];
  const principalHit = list.includes("*") || list.includes(principal);
  return principalHit !== (s.notPrincipal ?? false);
}

/** The state of one action given the statements that apply to its resource and principal. */
function stateOf(statements: readonly AccessStatement[], action: string): AccessState {
  const allow = new Set<string>();
  const deny = new Set<string>();
  for (const s of statements) {
    const hit = s.actions.some((p) => actionMatches(p, action));
    if (hit === s.notAction) continue;
    (s.effect === "Allow" ? allow : deny).add(s.condition);
  }
  if (deny.has("") || allow.size === 0) return NEVER;
  return {
    allowedWhen: allow.has("") ? [""] : [...allow].sort(),
    deniedWhen: [...deny].sort(),
  };
}

function sameState(a: AccessState, b: AccessState): boolean {
  return sameList(a.allowedWhen, b.allowedWhen) && sameList(a.deniedWhen, b.deniedWhen);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function describe(
  resource: string,
  principal: string | undefined,
  before: AccessState,
  after: AccessState,
): Omit<AccessChange, "actions" | "actionSummary"> {
  const kind: AccessChangeKind =
    before.allowedWhen.length === 0 ? "gained" : after.allowedWhen.length === 0 ? "lost" : "conditions";
  // narrowing only when every Allow condition after was there before and every Deny before still is
  const narrowing =
    kind === "lost" ||
    (kind === "conditions" &&
      (before.allowedWhen.includes("") || after.allowedWhen.every((c) => before.allowedWhen.includes(c))) &&
      before.deniedWhen.every((c) => after.deniedWhen.includes(c)) &&
      !(after.allowedWhen.includes("") && !before.allowedWhen.includes("")));
  return { kind, resource, ...(principal !== undefined ? { principal } : {}), before, after, broadening: !narrowing };
}

/** Statement parts (one action pattern on one resource) found in both versions but in other policies. */
function movedStatements(
  oldStatements: readonly AccessStatement[],
  newStatements: readonly AccessStatement[],
): MovedStatements[] {
  const sourcesOf = (list: readonly AccessStatement[]) => {
    const m = new Map<string, Set<string>>();
    for (const s of list) {
      for (const part of parts(s)) {
        let set = m.get(part);
        if (!set) m.set(part, (set = new Set()));
        set.add(s.source);
      }
    }
    return m;
  };
  const before = sourcesOf(oldStatements);
  const after = sourcesOf(newStatements);
  const groups = new Map<string, { from: string[]; to: string[]; parts: string[] }>();
  for (const [part, from] of before) {
    const to = after.get(part);
    if (!to) continue;
    const f = [...from].sort();
    const t = [...to].sort();
    if (sameList(f, t)) continue;
    const key = JSON.stringify([f, t]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { from: f, to: t, parts: [] }));
    g.parts.push(part);
  }
  return [...groups.values()].map((g) => ({
    from: g.from,
    to: g.to,
    count: g.parts.length,
    examples: g.parts.slice(0, 3).map(partText),
  }));
}

/** A statement as parts: one per (action pattern, resource) with the rest of the statement. */
function parts(s: AccessStatement): string[] {
  const rest = [s.effect, s.notAction, s.notResource, s.principals ? [...s.principals].sort() : null, s.condition];
  const actions = s.notAction ? [JSON.stringify([...s.actions].sort())] : s.actions;
  const resources = s.notResource ? [JSON.stringify([...s.resources].sort())] : s.resources;
  return actions.flatMap((a) => resources.map((r) => JSON.stringify([a, r, ...rest])));
}

function partText(part: string): string {
  const [action, resource, effect, notAction, notResource] = JSON.parse(part) as [
    string,
    string,
    string,
    boolean,
    boolean,
  ];
  return `${effect === "Deny" ? "Deny " : ""}${notAction ? "NOT " : ""}${action} on ${notResource ? "NOT " : ""}${resource}`;
}

export { OTHER_ACTION };
