/**
 * Deploy-safe Pulumi names for the children of iamx components (docs/naming.md). A child's name is
 * its identity in Pulumi's state, so it derives from what the child stands for (the attached
 * policy's ARN, the identity, the group, the statements it holds), never from list position or
 * creation order: removing one item must not rename, replace or detach the others.
 *
 * Scheme: `<owner>-<kind>-<label>-<hash>`, where `label` is a short readable tail of the identity
 * (a policy or role name) and `hash` the first 8 hex digits of the SHA-256 of the identity's full
 * stable text, so two ARNs with the same tail still get different names.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { External, Join, PseudoParameter, Reference, SelectSplit, isToken, mapTokens, type Value } from "../core/value";

/** What a child stands for: the stable text of its full identity and a short readable form of it. */
export interface ChildIdentity {
  /** Stable across runs and independent of creation order; hashed into the name. */
  readonly text: string;
  /** Readable tail (a policy, role or group name); may be empty. */
  readonly label: string;
}

const HASH_LENGTH = 8;
const MAX_LABEL_LENGTH = 40;

/** The Pulumi name of a child of `owner` standing for `identity`: `<owner>-<kind>-<label>-<hash>`. */
export function childName(owner: string, kind: string, identity: ChildIdentity): string {
  const label = cleanLabel(identity.label);
  return [owner, kind, ...(label ? [label] : []), shortHash(identity.text)].join("-");
}

/** The first 8 hex digits of the SHA-256 of `text`. */
export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, HASH_LENGTH);
}

/** A component making named children: its name and its path for messages. */
export interface ChildOwner {
  readonly componentName: string;
  readonly displayPath: string;
}

const claimed = new WeakMap<object, Set<string>>();

/**
 * The name of `owner`'s child of `kind` standing for `identity` (see {@link childName}). Two
 * children of one owner standing for the same thing would share a name (and deleting either
 * would undo both), so that fails, naming `what` made the second one.
 */
export function claimChildName(owner: ChildOwner, kind: string, identity: ChildIdentity, what: string): string {
  const name = childName(owner.componentName, kind, identity);
  const names = claimed.get(owner) ?? new Set<string>();
  claimed.set(owner, names);
  if (names.has(name)) {
    throw new ValidationError(
      "DuplicateChildName",
      `${what} makes a second child named "${name}": it stands for the same thing as one made before ` +
        "(two Pulumi values of one resource, or one name hint twice); attach it once",
      owner.displayPath,
    );
  }
  names.add(name);
  return name;
}

const hints = new WeakMap<object, ChildIdentity>();

/**
 * Names an opaque value (a Pulumi Output the model cannot see into) for child names, e.g. with the
 * name given to `ManagedPolicy.fromManagedPolicyArn(name, arn)`. The first hint wins.
 */
export function setNameHint(value: Value, name: string): void {
  if (isToken(value) && !hints.has(value)) hints.set(value, { text: `\${named ${name}}`, label: name });
}

/**
 * The stable identity of a model value: literals as they are, references by the path of the
 * component they point to, pseudo parameters by name, joins part by part; an opaque value by its
 * name hint, else by the Pulumi resources its Output comes from. Undefined when none is known.
 */
export function valueIdentity(value: Value): ChildIdentity | undefined {
  if (typeof value === "string") return { text: value, label: lastSegment(value) };
  const hint = hints.get(value);
  if (hint) return hint;
  if (value instanceof PseudoParameter) return { text: `\${${value.name}}`, label: "" };
  if (value instanceof Reference) {
    const path = value.target.displayPath;
    return { text: `\${${path}.${value.attribute}}`, label: lastSegment(path) };
  }
  if (value instanceof SelectSplit) {
    const source = valueIdentity(value.source);
    if (!source) return undefined;
    return { text: `\${select ${value.index} ${JSON.stringify(value.separator)} ${source.text}}`, label: source.label };
  }
  if (value instanceof Join) {
    const parts = value.parts.map(valueIdentity);
    if (parts.some((p) => p === undefined)) return undefined;
    const known = parts as ChildIdentity[];
    const label = [...known].reverse().find((p) => p.label !== "")?.label ?? "";
    return { text: known.map((p) => p.text).join(value.separator), label };
  }
  if (value instanceof External) return originIdentity(value.value);
  return undefined;
}

/** The stable text of a JSON-like structure holding tokens (a statement); opaque tokens by their key. */
export function structureText(x: unknown): string {
  return JSON.stringify(mapTokens(x, (t) => ({ token: valueIdentity(t)?.text ?? t.key })));
}

// The Pulumi resources an Output comes from (`Output.resources()`, known synchronously).
function originIdentity(value: unknown): ChildIdentity | undefined {
  const resourcesOf = (value as { resources?: unknown }).resources;
  if (typeof resourcesOf !== "function") return undefined;
  const resources = [...((resourcesOf.call(value) as Iterable<pulumi.Resource> | undefined) ?? [])];
  const names: string[] = [];
  for (const r of resources) {
    try {
      names.push(`${pulumi.resourceType(r)}::${pulumi.resourceName(r)}`);
    } catch {
      return undefined;
    }
  }
  if (names.length === 0) return undefined;
  names.sort();
  return { text: `\${output of ${names.join(" ")}}`, label: names[0].split("::").pop() ?? "" };
}

function lastSegment(text: string): string {
  const parts = text.split(/[/:]/).filter((p) => p !== "");
  return parts[parts.length - 1] ?? "";
}

function cleanLabel(label: string): string {
  const clean = label.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "");
  return clean.length > MAX_LABEL_LENGTH ? clean.slice(0, MAX_LABEL_LENGTH).replace(/[-.]+$/, "") : clean;
}

/**
 * The identity of an attached managed policy: its ARN. Fails for an ARN that is an Output with
 * no originating resource and no name hint (a config value, a promise), naming the fix.
 */
export function managedPolicyIdentity(arn: Value, scope: string): ChildIdentity {
  const identity = valueIdentity(arn);
  if (identity) return identity;
  throw new ValidationError(
    "UnnamedManagedPolicy",
    `The managed policy ARN ${String(arn)} is a Pulumi value with no originating resource, so its ` +
      'attachment cannot get a deploy-safe name; pass it as ManagedPolicy.fromManagedPolicyArn("<a name>", arn)',
    scope,
  );
}

/**
 * The identity of a role, user or group (a policy's target, a group to join): its ARN, else the
 * path of the component or import standing for it (an import by an opaque ARN).
 */
export function principalIdentity(arn: Value, principal: object, what: string, scope: string): ChildIdentity {
  const identity = valueIdentity(arn);
  if (identity) return identity;
  const path = (principal as { constructPath?: readonly string[] }).constructPath;
  if (path && path.length > 0) return { text: `\${import ${path.join("/")}}`, label: path[path.length - 1] };
  throw new ValidationError(
    "UnnamedIdentity",
    `The ${what} ARN ${String(arn)} is a Pulumi value with no originating resource, so a child standing ` +
      `for it cannot get a deploy-safe name; import the ${what} with its fromXxxArn(name, arn) method`,
    scope,
  );
}
