/**
 * Who may do what, read from a template: one subject per identity (role, user, group) with every
 * statement that applies to it — its inline policies, the AWS::IAM::Policy and customer managed
 * policies attached to it, and for a user those of its groups (as IAM evaluates a user's access) —
 * plus the AWS managed policies it names and its permissions boundary;
 * one per role trust policy (who may assume the role); one per resource policy (bucket, queue,
 * topic, key, secret policy, Lambda permissions of a function). Each statement remembers the
 * policy it came from, so a statement that moved between policies can be told from a new one.
 *
 * Values are read as `cdk diff` shows them (`${Bucket.Arn}`); statements that cannot be read (an
 * intrinsic in place of a statement, an Effect other than Allow/Deny) are listed, never dropped.
 */
import { isObject, renderIntrinsics, type Json } from "./cfn-text";
import { PROPERTY_SCRUTINY, RESOURCE_SCRUTINY } from "./scrutiny";
import type { TemplateLike } from "./template-changes";

/** One statement as the access comparison reads it. */
export interface AccessStatement {
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  readonly notAction: boolean;
  readonly resources: readonly string[];
  readonly notResource: boolean;
  /** Principals (`AWS:arn`, `Service:name`, `*`) of a resource or trust policy; absent in identity policies. */
  readonly principals?: readonly string[];
  readonly notPrincipal?: boolean;
  /** The Condition block as canonical JSON (keys and value lists sorted); `""` when there is none. */
  readonly condition: string;
  /** The policy it came from, e.g. `WorkerDefaultPolicy1234` or `Worker.Policies[read]`. */
  readonly source: string;
}

/** What a subject is. */
export type SubjectKind = "identity" | "trust" | "resource-policy";

/** Everything that decides one subject's access in one version. */
export interface Subject {
  readonly key: string;
  readonly kind: SubjectKind;
  /** For people: `Role Worker1234`, `trust of Role Worker1234`, `AWS::S3::BucketPolicy P on ${Bucket}`. */
  readonly label: string;
  readonly statements: AccessStatement[];
  /** Managed policies named by ARN (AWS managed, or outside the template): their content is not known here. */
  readonly managedPolicies: string[];
  /** The permissions boundary as text. */
  boundary?: string;
  /** What could not be read, one line each. */
  readonly unreadable: string[];
}

const IDENTITY_TYPES: Record<string, string> = {
  "AWS::IAM::Role": "Role",
  "AWS::IAM::User": "User",
  "AWS::IAM::Group": "Group",
};
const NAME_PROPERTY: Record<string, string> = { Role: "RoleName", User: "UserName", Group: "GroupName" };
const HOLDER_KEYS: [string, string][] = [
  ["Roles", "Role"],
  ["Users", "User"],
  ["Groups", "Group"],
];

/** Every subject of a template, by key. */
export function readSubjects(template: TemplateLike): Map<string, Subject> {
  const resources = isObject(template?.Resources) ? (template.Resources as Record<string, Json>) : {};
  const subjects = new Map<string, Subject>();
  const identityByName = new Map<string, string>();
  const managedPolicyIds = new Set<string>();
  const get = (key: string, kind: SubjectKind, label: string): Subject => {
    let s = subjects.get(key);
    if (!s) {
      s = { key, kind, label, statements: [], managedPolicies: [], unreadable: [] };
      subjects.set(key, s);
    }
    return s;
  };

  for (const [id, r] of Object.entries(resources)) {
    if (!isObject(r) || typeof r.Type !== "string") continue;
    const kind = IDENTITY_TYPES[r.Type];
    const props = isObject(r.Properties) ? r.Properties : {};
    if (kind) {
      get(`identity:${id}`, "identity", `${kind} ${id}`);
      const name = props[NAME_PROPERTY[kind]];
      if (typeof name === "string") identityByName.set(`${kind}:${name}`, id);
    }
    if (r.Type === "AWS::IAM::ManagedPolicy") managedPolicyIds.add(id);
  }
  const holderKey = (kind: string, ref: Json): { key: string; label: string } => {
    const text = String(renderIntrinsics(ref));
    const m = /^\$\{([^.}]+)\}$/.exec(text);
    if (m && subjects.has(`identity:${m[1]}`)) return { key: `identity:${m[1]}`, label: `${kind} ${m[1]}` };
    const byName = identityByName.get(`${kind}:${text}`);
    if (byName) return { key: `identity:${byName}`, label: `${kind} ${byName}` };
    return { key: `identity:${kind}:${text}`, label: `${kind} named ${text} (not in the template)` };
  };

  // (user key, group) pairs: a user's Groups, and AWS::IAM::UserToGroupAddition
  const memberships: { user: { key: string; label: string }; group: Json }[] = [];

  for (const [id, r] of Object.entries(resources)) {
    if (!isObject(r) || typeof r.Type !== "string") continue;
    const props = isObject(r.Properties) ? r.Properties : {};
    if (r.Type === "AWS::IAM::UserToGroupAddition") {
      for (const u of listOf(props.Users)) memberships.push({ user: holderKey("User", u), group: props.GroupName });
      continue;
    }
    const kind = IDENTITY_TYPES[r.Type];
    if (kind) {
      const s = subjects.get(`identity:${id}`)!;
      if (kind === "User") {
        for (const g of listOf(props.Groups)) memberships.push({ user: { key: s.key, label: s.label }, group: g });
      }
      const policies = props.Policies;
      if (Array.isArray(policies)) {
        policies.forEach((p, i) => {
          const name = isObject(p) && typeof p.PolicyName === "string" ? p.PolicyName : String(i);
          readDocument(isObject(p) ? p.PolicyDocument : p, `${id}.Policies[${name}]`, s, false);
        });
      } else if (policies !== undefined) s.unreadable.push(`${id}.Policies is not a list`);
      for (const arn of listOf(props.ManagedPolicyArns)) {
        const ref = isObject(arn) && typeof arn.Ref === "string" ? arn.Ref : undefined;
        // a customer managed policy of this template: its statements are read where it is defined
        if (ref && managedPolicyIds.has(ref)) addAttachment(resources[ref], ref, s);
        else s.managedPolicies.push(String(renderIntrinsics(arn)));
      }
      if (props.PermissionsBoundary !== undefined) s.boundary = String(renderIntrinsics(props.PermissionsBoundary));
      if (r.Type === "AWS::IAM::Role") {
        const trust = get(`trust:${id}`, "trust", `trust of Role ${id}`);
        readDocument(props.AssumeRolePolicyDocument, `${id}.AssumeRolePolicyDocument`, trust, true);
      }
      continue;
    }
    if (r.Type === "AWS::IAM::Policy" || r.Type === "AWS::IAM::ManagedPolicy") {
      for (const [key, holderKind] of HOLDER_KEYS) {
        for (const h of listOf(props[key])) {
          const { key: k, label } = holderKey(holderKind, h);
          const s = get(k, "identity", label);
          readDocument(props.PolicyDocument, id, s, false);
        }
      }
      continue;
    }
    if (r.Type === "AWS::Lambda::Permission") {
      const fn = String(renderIntrinsics(props.FunctionName));
      const s = get(`resource-policy:lambda:${fn}`, "resource-policy", `Lambda function ${fn}`);
      s.statements.push(lambdaStatement(props, fn, id));
      continue;
    }
    if (RESOURCE_SCRUTINY.get(r.Type) === "ResourcePolicyResource") {
      const policyKey = Object.keys(props).find((k) => k.includes("Policy"));
      const target = Object.keys(props).filter((k) => k !== policyKey && !k.endsWith("Name"));
      const on = target.length === 1 ? renderIntrinsics(props[target[0]]) : undefined;
      const s = get(
        `resource-policy:${id}`,
        "resource-policy",
        `${r.Type} ${id}${on ? ` on ${JSON.stringify(on)}` : ""}`,
      );
      readDocument(policyKey ? props[policyKey] : undefined, id, s, true);
      continue;
    }
    for (const [property, scrutiny] of PROPERTY_SCRUTINY[r.Type] ?? []) {
      if (scrutiny !== "InlineResourcePolicy" || props[property] === undefined) continue;
      const s = get(`resource-policy:${id}.${property}`, "resource-policy", `${r.Type} ${id} (${property})`);
      readDocument(props[property], `${id}.${property}`, s, true);
    }
  }
  for (const { user, group } of memberships) addGroupAccess(get(user.key, "identity", user.label), group);
  return subjects;

  /** A user gets its group's statements (marked as coming through the group) and managed policies. */
  function addGroupAccess(user: Subject, groupRef: Json): void {
    const { key, label } = holderKey("Group", groupRef);
    const group = subjects.get(key);
    if (!group) {
      // the group's policies are not in the template: its membership is what can be compared
      user.managedPolicies.push(`policies of ${label}`);
      return;
    }
    for (const st of group.statements) user.statements.push({ ...st, source: `${st.source} (through ${label})` });
    user.managedPolicies.push(...group.managedPolicies);
    user.unreadable.push(...group.unreadable.map((u) => `${u} (through ${label})`));
  }

  function addAttachment(mp: Json, mpId: string, s: Subject): void {
    const props = isObject(mp) && isObject(mp.Properties) ? mp.Properties : {};
    readDocument(props.PolicyDocument, mpId, s, false);
  }
}

function listOf(x: Json): Json[] {
  return x === undefined || x === null ? [] : Array.isArray(x) ? x : [x];
}

/** Reads a policy document's statements into the subject (documents given as JSON text are parsed). */
function readDocument(doc: Json, source: string, s: Subject, withPrincipals: boolean): void {
  if (doc === undefined) return;
  let d = doc;
  if (typeof d === "string") {
    try {
      d = JSON.parse(d);
    } catch {
      s.unreadable.push(`${source}: the policy document is text that is not JSON`);
      return;
    }
  }
  const rendered = renderIntrinsics(d);
  if (!isObject(rendered) || rendered.Statement === undefined) {
    s.unreadable.push(`${source}: not a policy document with a Statement (${short(rendered)})`);
    return;
  }
  for (const st of listOf(rendered.Statement)) {
    const read = readStatement(st, source, withPrincipals);
    if (typeof read === "string") s.unreadable.push(`${source}: ${read}`);
    else s.statements.push(read);
  }
}

function readStatement(st: Json, source: string, withPrincipals: boolean): AccessStatement | string {
  if (!isObject(st)) return `a statement is not an object (${short(st)})`;
  if (st.Effect !== "Allow" && st.Effect !== "Deny") return `a statement has Effect ${short(st.Effect)}`;
  const notAction = "NotAction" in st;
  const notResource = "NotResource" in st;
  const actions = strings(notAction ? st.NotAction : st.Action);
  const resourceValue = notResource ? st.NotResource : st.Resource;
  // a trust or resource policy statement may leave Resource out: the resource it is on
  const resources = resourceValue === undefined ? ["*"] : strings(resourceValue);
  if (actions.length === 0) return `a statement has no Action (${short(st)})`;
  const out: AccessStatement = {
    effect: st.Effect,
    actions,
    notAction,
    resources,
    notResource,
    condition: canonicalCondition(st.Condition),
    source,
  };
  if (!withPrincipals) return out;
  const notPrincipal = "NotPrincipal" in st;
  const principals = principalList(notPrincipal ? st.NotPrincipal : st.Principal);
  return { ...out, principals, notPrincipal };
}

function strings(x: Json): string[] {
  return listOf(x).map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
}

/** Principals as `Kind:value` texts; `*` and `AWS:*` are anyone. */
export function principalList(x: Json): string[] {
  if (x === undefined) return ["*"];
  if (typeof x === "string") return [x === "*" ? "*" : x];
  if (!isObject(x)) return strings(x);
  return Object.entries(x).flatMap(([kind, v]) =>
    strings(v).map((p) => (kind === "AWS" && p === "*" ? "*" : `${kind}:${p}`)),
  );
}

/** A Condition block as canonical JSON: operators, keys and value lists sorted; `""` for none. */
export function canonicalCondition(c: Json): string {
  if (!isObject(c) || Object.keys(c).length === 0) return "";
  return JSON.stringify(sortDeep(c));
}

function sortDeep(x: Json): Json {
  if (Array.isArray(x)) {
    const items = x.map(sortDeep);
    return items.length === 1
      ? items[0]
      : items
          .map((i) => JSON.stringify(i))
          .sort()
          .map((s) => JSON.parse(s));
  }
  if (!isObject(x)) return x;
  return Object.fromEntries(
    Object.keys(x)
      .sort()
      .map((k) => [k, sortDeep(x[k])]),
  );
}

/** The statement Lambda adds to a function's resource policy for an AWS::Lambda::Permission. */
function lambdaStatement(p: Record<string, Json>, fn: string, source: string): AccessStatement {
  const principal = String(renderIntrinsics(p.Principal));
  const principals =
    principal === "*"
      ? ["*"]
      : /^\d{12}$/.test(principal)
        ? [`AWS:arn:aws:iam::${principal}:root`]
        : [`Service:${principal}`];
  const condition: Record<string, Json> = {};
  if (p.SourceArn !== undefined) condition.ArnLike = { "AWS:SourceArn": renderIntrinsics(p.SourceArn) };
  const equals: Record<string, Json> = {};
  if (p.SourceAccount !== undefined) equals["AWS:SourceAccount"] = renderIntrinsics(p.SourceAccount);
  if (p.EventSourceToken !== undefined) equals["lambda:EventSourceToken"] = renderIntrinsics(p.EventSourceToken);
  if (Object.keys(equals).length > 0) condition.StringEquals = equals;
  return {
    effect: "Allow",
    actions: strings(renderIntrinsics(p.Action)),
    notAction: false,
    resources: [fn],
    notResource: false,
    principals,
    notPrincipal: false,
    condition: canonicalCondition(condition),
    source,
  };
}

function short(x: Json): string {
  const t = JSON.stringify(x) ?? String(x);
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}
