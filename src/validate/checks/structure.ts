/** Checks of the policy grammar: elements, their types, and what each policy type needs. */
import type { Issue, PolicyView, StatementView } from "../model";
import { isObject, NO_ISSUES } from "../model";
import { closest } from "../../core/actions";

const TOP_LEVEL = new Set(["Version", "Id", "Statement"]);
const STATEMENT_ELEMENTS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);
const VERSIONS = new Set(["2012-10-17", "2008-10-17"]);

/** The document has a Statement, a known Version, and only known top-level elements. */
export function checkDocumentElements(p: PolicyView): readonly Issue[] {
  const out: Issue[] = [];
  const d = p.raw;
  if (d.Statement === undefined)
    out.push({ code: "MISSING_STATEMENT", path: "Statement", message: "The policy has no Statement element." });
  else if (!Array.isArray(d.Statement) && !isObject(d.Statement)) {
    out.push({
      code: "DATA_TYPE_MISMATCH",
      path: "Statement",
      message: "Statement must be an object or a list of objects.",
    });
  }
  if (d.Version === undefined)
    out.push({ code: "MISSING_VERSION", path: "Version", message: "The policy has no Version element." });
  else if (typeof d.Version !== "string" || !VERSIONS.has(d.Version)) {
    out.push({
      code: "INVALID_VERSION",
      path: "Version",
      message: `Version ${JSON.stringify(d.Version)} is not a policy language version.`,
    });
  }
  for (const k of Object.keys(d)) {
    if (!TOP_LEVEL.has(k))
      out.push({
        code: "INVALID_POLICY_ELEMENT",
        path: k,
        message: `The policy element ${JSON.stringify(k)} is not part of the policy grammar.`,
      });
  }
  if (Array.isArray(d.Statement)) {
    d.Statement.forEach((s, i) => {
      if (!isObject(s))
        out.push({ code: "DATA_TYPE_MISMATCH", path: `Statement[${i}]`, message: "A statement must be an object." });
    });
  }
  return out;
}

const LIST_ELEMENTS = ["Action", "NotAction", "Resource", "NotResource"];

/** Every statement element is one the grammar has, with the JSON type it needs. */
export function checkStatementElements(s: StatementView): readonly Issue[] {
  let out: Issue[] | undefined;
  const keys = Object.keys(s.raw);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (!STATEMENT_ELEMENTS.has(k)) {
      const close = closest(k, [...STATEMENT_ELEMENTS]);
      (out ??= []).push({
        code: "INVALID_POLICY_ELEMENT",
        path: `${s.path}.${k}`,
        message: `The statement element ${JSON.stringify(k)} is not part of the policy grammar${close ? ` — did you mean ${close}?` : "."}`,
      });
    }
  }
  for (let i = 0; i < LIST_ELEMENTS.length; i++) {
    const k = LIST_ELEMENTS[i];
    const v = s.raw[k];
    if (v !== undefined && !isTextOrList(v)) {
      (out ??= []).push({
        code: "DATA_TYPE_MISMATCH",
        path: `${s.path}.${k}`,
        message: `${k} must be a string or a list of strings.`,
      });
    }
  }
  if (s.raw.Sid !== undefined && typeof s.raw.Sid !== "string") {
    (out ??= []).push({ code: "DATA_TYPE_MISMATCH", path: `${s.path}.Sid`, message: "Sid must be a string." });
  }
  if (s.raw.Condition !== undefined && !isObject(s.raw.Condition)) {
    (out ??= []).push({
      code: "DATA_TYPE_MISMATCH",
      path: `${s.path}.Condition`,
      message: "Condition must be an object of operators.",
    });
  }
  return out ?? NO_ISSUES;
}

// A CloudFormation intrinsic (an object with one `Ref`/`Fn::` key) may stand for a string or a list.
function isIntrinsic(v: unknown): boolean {
  if (!isObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::"));
}

function isTextOrList(v: unknown): boolean {
  if (typeof v === "string" || isIntrinsic(v)) return true;
  return Array.isArray(v) && v.every((x) => typeof x === "string" || isIntrinsic(x));
}

/** Effect is present and is exactly `Allow` or `Deny`. */
export function checkEffect(s: StatementView): readonly Issue[] {
  if (s.effect === undefined)
    return [{ code: "MISSING_EFFECT", path: `${s.path}.Effect`, message: "The statement has no Effect." }];
  if (s.effect === "Allow" || s.effect === "Deny") return NO_ISSUES;
  return [
    {
      code: "INVALID_EFFECT",
      path: `${s.path}.Effect`,
      message: `Effect ${JSON.stringify(s.effect)} is neither "Allow" nor "Deny".`,
    },
  ];
}

/** Resource policies whose statements name no Resource: the policy applies to the resource that holds it. */
const RESOURCE_IMPLIED = new Set(["AWS::ECR::Repository", "AWS::ECR::PublicRepository"]);

/** The statement has Action/NotAction, Resource/NotResource and Principal as its policy type needs. */
export function checkRequiredElements(s: StatementView, p: PolicyView): readonly Issue[] {
  let out: Issue[] | undefined;
  if (!s.actionKey)
    (out ??= []).push({
      code: "MISSING_ACTION",
      path: `${s.path}.Action`,
      message: "The statement has neither Action nor NotAction.",
    });
  if (!s.resourceKey && p.type !== "trust" && !RESOURCE_IMPLIED.has(p.resourceType ?? "")) {
    (out ??= []).push({
      code: "MISSING_RESOURCE",
      path: `${s.path}.Resource`,
      message: "The statement has neither Resource nor NotResource.",
    });
  }
  if (p.type === "identity" && s.principalKey) {
    (out ??= []).push({
      code: "UNSUPPORTED_PRINCIPAL",
      path: `${s.path}.${s.principalKey}`,
      message: `${s.principalKey} is not allowed in an identity policy.`,
    });
  }
  if (p.type !== "identity" && !s.principalKey) {
    (out ??= []).push({
      code: "MISSING_PRINCIPAL",
      path: `${s.path}.Principal`,
      message: `A ${p.type} policy statement needs a Principal.`,
    });
  }
  return out ?? NO_ISSUES;
}

const EXCLUSIVE_PAIRS = [
  ["Action", "NotAction"],
  ["Resource", "NotResource"],
  ["Principal", "NotPrincipal"],
] as const;

/** At most one element of each pair Action/NotAction, Resource/NotResource, Principal/NotPrincipal. */
export function checkElementCombination(s: StatementView): readonly Issue[] {
  let out: Issue[] | undefined;
  for (let i = 0; i < EXCLUSIVE_PAIRS.length; i++) {
    const a = EXCLUSIVE_PAIRS[i][0];
    const b = EXCLUSIVE_PAIRS[i][1];
    if (a in s.raw && b in s.raw) {
      (out ??= []).push({
        code: "UNSUPPORTED_ELEMENT_COMBINATION",
        path: `${s.path}.${b}`,
        message: `The statement has both ${a} and ${b}.`,
      });
    }
  }
  return out ?? NO_ISSUES;
}

/** Sids are unique within the policy. */
export function checkUniqueSids(p: PolicyView): readonly Issue[] {
  let seen: Map<string, number> | undefined;
  let out: Issue[] | undefined;
  for (let i = 0; i < p.statements.length; i++) {
    const s = p.statements[i];
    if (s.sid === undefined || s.sid === "") continue;
    seen ??= new Map<string, number>();
    const first = seen.get(s.sid);
    if (first === undefined) seen.set(s.sid, s.index);
    else {
      (out ??= []).push({
        code: "UNIQUE_SIDS_REQUIRED",
        path: `${s.path}.Sid`,
        statementIndex: s.index,
        message: `Sid ${JSON.stringify(s.sid)} is already used by statement ${first}.`,
      });
    }
  }
  return out ?? NO_ISSUES;
}

/** Identity policy Sids are letters and digits only. */
export function checkSidCharacters(s: StatementView, p: PolicyView): readonly Issue[] {
  if (p.type !== "identity" || s.sid === undefined || /^[A-Za-z0-9]*$/.test(s.sid)) return NO_ISSUES;
  return [
    {
      code: "UNSUPPORTED_SID",
      path: `${s.path}.Sid`,
      message: `Sid ${JSON.stringify(s.sid)} has characters other than letters and digits.`,
    },
  ];
}
