/**
 * Resources of a program that the CloudFormation export cannot represent: cloud resources that no
 * pulumi-iamx component stands for (a raw `aws.s3.Bucket`, an `aws.iam.Role` made with
 * @pulumi/aws directly). They are listed, never silently dropped; values they produce that feed
 * into iamx policies are fine (they become template Parameters).
 */

/** A registered resource as the exporter sees it. */
export interface RegisteredResource {
  readonly type: string;
  readonly name: string;
  /** Whether it is a cloud resource (false for components). */
  readonly custom: boolean;
  readonly parent?: string;
  readonly parentType?: string;
}

/** A resource the export leaves out, with its ancestry for the message. */
export interface UnsupportedResource {
  readonly type: string;
  readonly name: string;
  /** `parentType "name"` chain from the resource's parent up, if it has parents. */
  readonly parents: readonly string[];
}

const IAMX_TYPE = /^iamx:/;
/** Provider resources configure Pulumi; they are not cloud resources. */
const PROVIDER_TYPE = /^pulumi:providers:/;

/**
 * The cloud resources of a program that are not children (at any depth) of an iamx component, in
 * the order the program created them when `constructionOrder` (`type::name` → rank) is given.
 */
export function findUnsupported(
  resources: readonly RegisteredResource[],
  constructionOrder?: ReadonlyMap<string, number>,
): UnsupportedResource[] {
  const byKey = new Map<string, RegisteredResource>();
  for (const r of resources) byKey.set(`${r.type}::${r.name}`, r);
  const out: UnsupportedResource[] = [];
  for (const r of resources) {
    if (!r.custom || PROVIDER_TYPE.test(r.type) || IAMX_TYPE.test(r.type)) continue;
    const parents: string[] = [];
    let underIamx = false;
    let p = r.parentType && r.parent !== undefined ? byKey.get(`${r.parentType}::${r.parent}`) : undefined;
    const seen = new Set<RegisteredResource>();
    while (p && !seen.has(p)) {
      seen.add(p);
      if (IAMX_TYPE.test(p.type)) {
        underIamx = true;
        break;
      }
      parents.push(`${p.type} "${p.name}"`);
      p = p.parentType && p.parent !== undefined ? byKey.get(`${p.parentType}::${p.parent}`) : undefined;
    }
    if (!underIamx) out.push({ type: r.type, name: r.name, parents });
  }
  if (!constructionOrder) return out;
  // The order resources reach the engine depends on when their inputs resolve; the order the
  // program created them in does not.
  const rank = (u: UnsupportedResource) => constructionOrder.get(`${u.type}::${u.name}`) ?? Number.MAX_SAFE_INTEGER;
  return out.sort((a, b) => rank(a) - rank(b));
}

/** One line per unsupported resource, for messages. */
export function describeUnsupported(list: readonly UnsupportedResource[]): string {
  return list
    .map((u) => `  - ${u.type} "${u.name}"${u.parents.length ? ` (in ${u.parents.join(" in ")})` : ""}`)
    .join("\n");
}

/** Thrown when a program holds resources the export cannot represent (unless allowed). */
export class UnsupportedResourcesError extends Error {
  public readonly code = "UnsupportedResources";
  constructor(public readonly resources: readonly UnsupportedResource[]) {
    super(
      `The program creates ${resources.length} resource(s) that have no CloudFormation mapping in pulumi-iamx ` +
        `(only iamx components export):\n${describeUnsupported(resources)}\n` +
        "Values they produce that feed into iamx policies still become template Parameters. " +
        "Allow the export to leave them out with --allow-unsupported (API: allowUnsupported: true).",
    );
    this.name = "UnsupportedResourcesError";
  }
}
