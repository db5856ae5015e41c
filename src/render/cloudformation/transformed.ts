/**
 * Props a Pulumi transform (`transforms`, or legacy `transformations`) changed on a resource of an
 * iamx component, carried into the CloudFormation model (see ../../runtime/transforms.ts for when and
 * how transforms run). A change is never dropped silently:
 *
 * - `tags` replace the resource's tags (unchanged keys keep their original value, so an output
 *   stays a Parameter); on a type without `Tags` in CloudFormation they become an export note;
 * - a prop with a CloudFormation property of its own (a role's `description`, `path`,
 *   `maxSessionDuration`, `permissionsBoundary`, `name`, ... see {@link MAPPED}) sets that property;
 * - a prop with no CloudFormation meaning at all ({@link PULUMI_ONLY}) becomes an export note;
 * - any other change is a problem the template rendering fails with, naming the resource, the
 *   prop and the fix.
 *
 * Option changes (aliases, protect, ignoreChanges, ...) are Pulumi's own and not looked at.
 */
import * as pulumi from "@pulumi/pulumi";
import { isPulumiInput, toValue } from "../../core/value";
import { programModel, type CfnResource } from "./model";

/** One prop a transform changed, as the engine sees values (outputs resolved, secrets wrapped). */
export interface PropChange {
  readonly key: string;
  /** The value before any transform (undefined when absent). */
  readonly before: unknown;
  /** The value after the last transform (undefined when removed). */
  readonly after: unknown;
  /** The value as the last transform returned it (may be an Output). */
  readonly raw: unknown;
  /** Which mechanism made the (last) change. */
  readonly via: "transforms" | "transformations";
}

/** The tags of a taggable resource, as the model keeps them (implemented by the components' TagSet). */
export interface TransformableTags {
  readonly cfnType: string;
  final(): ReadonlyMap<string, pulumi.Input<string>>;
  /** Replaces the tags; throws a ValidationError for a key or value AWS would refuse. */
  _setTransformed(tags: ReadonlyMap<string, pulumi.Input<string>>): void;
}

/** Pulumi prop → CloudFormation property, per CloudFormation type. */
const MAPPED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "AWS::IAM::Role": {
    description: "Description",
    maxSessionDuration: "MaxSessionDuration",
    name: "RoleName",
    path: "Path",
    permissionsBoundary: "PermissionsBoundary",
  },
  "AWS::IAM::User": { name: "UserName", path: "Path", permissionsBoundary: "PermissionsBoundary" },
  "AWS::IAM::Group": { name: "GroupName", path: "Path" },
  "AWS::IAM::ManagedPolicy": { description: "Description", name: "ManagedPolicyName", path: "Path" },
  "AWS::IAM::InstanceProfile": { name: "InstanceProfileName", path: "Path" },
};

/** Pulumi props that only steer the AWS provider (nothing in CloudFormation corresponds). */
const PULUMI_ONLY: Readonly<Record<string, readonly string[]>> = {
  "aws:iam/role:Role": ["forceDetachPolicies"],
  "aws:iam/user:User": ["forceDestroy"],
};

/** CloudFormation types that have `Tags`. */
const TAGGABLE = new Set(["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::OIDCProvider", "AWS::IAM::SAMLProvider"]);

const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const tagTargets = new WeakMap<object, TransformableTags>();

/** Registers the tags of a Pulumi resource an iamx component made (called by the TagSet). */
export function registerTransformableTags(resource: object, tags: TransformableTags): void {
  tagTargets.set(resource, tags);
}

/** The tags the model gives a Pulumi resource of an iamx component (undefined: none, or not taggable). */
export function modelTagsOf(resource: object): Record<string, pulumi.Input<string>> | undefined {
  const tags = tagTargets.get(resource)?.final();
  return tags && tags.size > 0 ? Object.fromEntries(tags) : undefined;
}

interface ResourceInternals {
  __pulumiType?: string;
  __parentResource?: ResourceInternals & { resource?: unknown; cfn?: CfnResource };
}

/**
 * Carries the changes a transform made to `resource` (a Pulumi resource) into the model: see the
 * file header. Resources outside iamx components are not in the template and are left alone.
 */
export function recordTransformedProps(resource: object, type: string, name: string, changes: readonly PropChange[]) {
  const r = resource as ResourceInternals;
  if (!iamxOwned(r)) return;
  const owner = r.__parentResource;
  const cfn = owner && owner.resource === resource ? owner.cfn : undefined;
  const model = programModel();
  for (const change of changes) {
    const problem = cfn ? carry(resource, type, cfn, change) : unmapped(type, name, change, undefined);
    if (problem) model.transformProblems.push(problem);
  }
}

function carry(resource: object, type: string, cfn: CfnResource, change: PropChange): string | undefined {
  try {
    if (change.key === "tags") return carryTags(resource, cfn, change);
    const property = MAPPED[cfn.type]?.[change.key];
    if (property) return carryProperty(cfn, property, change);
    if (PULUMI_ONLY[type]?.includes(change.key)) {
      cfn.addExportNote(
        `${by(change)} changed \`${change.key}\` of ${cfn.displayPath}, which CloudFormation has no property ` +
          "for: it is deployed by Pulumi only",
      );
      return undefined;
    }
    return unmapped(type, cfn.displayPath, change, cfn);
  } catch (e) {
    return `${cfn.displayPath}: ${by(change)} set \`${change.key}\` to a value the export refuses: ${(e as Error).message}`;
  }
}

function carryProperty(cfn: CfnResource, property: string, change: PropChange): string | undefined {
  const result = exportValue(change, property, cfn);
  if ("problem" in result) return result.problem;
  cfn.overrideProperty(property, result.value);
  return undefined;
}

/** The template value of a changed prop, or why it has none. */
function exportValue(change: PropChange, property: string, cfn: CfnResource): { value: unknown } | { problem: string } {
  const { after } = change;
  const hint = { resourceName: cfn.displayPath, property };
  // An output the transform made stays a Pulumi value: a Parameter (NoEcho when secret), never its mocked value.
  if (isPulumiInput(change.raw)) return { value: toValue(change.raw, `the ${property}`, hint) };
  if (after === undefined || after === null) return { value: undefined };
  if (isUnknown(after)) return { problem: unknownProblem(cfn, change) };
  if (isSecretWrapped(after)) {
    if (typeof after.value !== "string") {
      return { problem: `${cfn.displayPath}: ${by(change)} set \`${change.key}\` to a secret that is not a string` };
    }
    return { value: toValue(pulumi.secret(after.value), `the ${property}`, hint) };
  }
  if (typeof after === "string" || typeof after === "number" || typeof after === "boolean") return { value: after };
  return {
    problem:
      `${cfn.displayPath}: ${by(change)} set \`${change.key}\` to ${JSON.stringify(after)}, ` +
      `which is not a value for ${property}`,
  };
}

function carryTags(resource: object, cfn: CfnResource, change: PropChange): string | undefined {
  const tags = tagTargets.get(resource);
  if (!tags) return unmapped("", cfn.displayPath, change, cfn);
  if (!TAGGABLE.has(cfn.type)) {
    cfn.addExportNote(
      `tags set by ${by(change)} on ${cfn.displayPath} are deployed by Pulumi only: ${cfn.type} has no Tags in CloudFormation`,
    );
    return undefined;
  }
  let after = change.after;
  let secret = false;
  if (isSecretWrapped(after)) [after, secret] = [after.value, true];
  if (after === undefined || after === null) {
    tags._setTransformed(new Map());
    return undefined;
  }
  if (isUnknown(after)) return unknownProblem(cfn, change);
  if (typeof after !== "object" || Array.isArray(after)) {
    const shown = secret ? "a secret" : JSON.stringify(after);
    return `${cfn.displayPath}: ${by(change)} set \`tags\` to ${shown}; tags must be a map of key to string`;
  }
  const original = tags.final();
  const before = (isSecretWrapped(change.before) ? change.before.value : change.before) as Record<string, unknown>;
  const result = new Map<string, pulumi.Input<string>>();
  for (const [key, v] of Object.entries(after as Record<string, unknown>)) {
    if (before && typeof before === "object" && original.has(key) && sameJson(before[key], v)) {
      result.set(key, original.get(key)!);
      continue;
    }
    let value = v;
    let isSecret = secret;
    if (isSecretWrapped(value)) [value, isSecret] = [value.value, true];
    if (isUnknown(value)) return unknownProblem(cfn, change);
    if (typeof value !== "string") {
      const shown = isSecret ? "a secret" : JSON.stringify(value);
      return `${cfn.displayPath}: ${by(change)} set tag ${JSON.stringify(key)} to ${shown}; a tag value must be a string`;
    }
    result.set(key, isSecret ? pulumi.secret(value) : value);
  }
  tags._setTransformed(result);
  return undefined;
}

function unmapped(type: string, where: string, change: PropChange, cfn: CfnResource | undefined): string {
  const what = cfn ? `${cfn.type} ${where}` : `${type} "${where}"`;
  return (
    `${by(change)} changed \`${change.key}\` of ${what}, a resource of an iamx component, and the ` +
    "CloudFormation export cannot carry that change. Fix: set it through the component's own arguments " +
    `or methods, or let the transform skip iamx resources (match args.type / args.name) when exporting.`
  );
}

function unknownProblem(cfn: CfnResource, change: PropChange): string {
  return (
    `${cfn.displayPath}: ${by(change)} set \`${change.key}\` from a value only known at deployment, which ` +
    "the export cannot render; compute it from known values (or config) in the transform."
  );
}

/** Who made the change, for messages. */
function by(change: PropChange): string {
  return change.via === "transforms" ? "a transform" : "a transformation";
}

function iamxOwned(r: ResourceInternals | undefined): boolean {
  for (let p = r; p; p = p.__parentResource) if (p.__pulumiType?.startsWith("iamx:")) return true;
  return false;
}

function isSecretWrapped(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

function isUnknown(v: unknown): boolean {
  return v === pulumi.unknown;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
