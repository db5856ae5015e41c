/**
 * The resource policy of a plain @pulumi/aws resource (a bucket's BucketPolicy, a queue's
 * QueuePolicy...), written by grants for principals in other accounts, as CDK's Bucket, Queue,
 * Topic and Secret make their `Policy` child on first use.
 *
 * One policy per resource: the first statement makes the component (`<resource>-policy`, a child
 * of the resource, so it uses the resource's provider) with its @pulumi/aws policy resource
 * (same name), and registers the CloudFormation resource at CDK's path `<resource>/Policy/Resource`.
 * The document is rendered when the program's policies are finalized, so later statements land.
 *
 * A program that also writes the resource's policy itself (its own `aws.s3.BucketPolicy`...)
 * would have two resources fighting over one policy: give such resources to grants as
 * `{ arn }` attributes (statements then stay in identity policies) or put the statements in
 * your own policy.
 */
import type * as pulumi from "@pulumi/pulumi";
import { PolicyDocument, type PolicyDocumentProps } from "../core/document";
import type { PolicyStatement } from "../core/statement";
import { withConstructId, IamxComponent } from "../components/base";
import { ValidationError } from "../core/errors";
import { lazyJson } from "../render/pulumi/lazy-json";
import { isFinalized, onFinalize } from "../render/pulumi/lifecycle";
import { validateComponentDocuments } from "../components/policy-validation";
import type { AddToResourcePolicyResult } from "../components/grant";

/** How a kind of resource policy is made in both targets. */
export interface ResourcePolicyKind {
  /** CloudFormation type, e.g. `AWS::S3::BucketPolicy`. */
  readonly cfnType: string;
  /** CDK's properties of the CloudFormation resource, given the rendered document. */
  cfnProperties(document: unknown): Record<string, unknown>;
  /** Makes the @pulumi/aws policy resource. */
  create(name: string, policy: pulumi.Output<string>, opts: pulumi.CustomResourceOptions): pulumi.CustomResource;
  /** Options of the document (SNS topic policies assign sids). Default: none. */
  readonly documentProps?: PolicyDocumentProps;
}

/** The component holding a resource's policy (not exported from the package: made by grants). */
export class ResourcePolicy extends IamxComponent {
  /** The statements of the policy. */
  public readonly document: PolicyDocument;
  /** The @pulumi/aws policy resource. */
  public readonly resource: pulumi.CustomResource;

  constructor(target: pulumi.CustomResource, targetName: string, kind: ResourcePolicyKind) {
    super("ResourcePolicy", `${targetName}-policy`, withConstructId({ parent: target }, "Policy", [targetName]));
    const document = new PolicyDocument(kind.documentProps);
    this.document = document;
    this.resource = kind.create(
      `${targetName}-policy`,
      lazyJson(() => document._synthesize(), `the resource policy of ${targetName}`),
      this.childOpts(),
    );
    this.cfnResource(["Resource"], { type: kind.cfnType, properties: () => kind.cfnProperties(document.render()) });
    this.validateAtFinalize(() => document.validateForResourcePolicy());
    onFinalize("validate", () =>
      validateComponentDocuments(this, [{ document, type: "resource", label: "the resource policy" }]),
    );
    this.registerOutputs({});
  }

  /** Adds a statement; the component is what holds it. */
  public addStatement(statement: PolicyStatement): AddToResourcePolicyResult {
    this.assertNotFinalized("addToResourcePolicy");
    this.document.addStatements(statement);
    return { statementAdded: true, policyDependable: this };
  }
}

const policies = new WeakMap<object, ResourcePolicy>();

/** The policy of `target`, made on first use (one per resource, shared by every grants object). */
export function resourcePolicyOf(
  target: pulumi.CustomResource,
  targetName: string,
  kind: ResourcePolicyKind,
): ResourcePolicy {
  let policy = policies.get(target);
  if (!policy) {
    if (isFinalized()) {
      throw new ValidationError(
        "ModifiedAfterFinalize",
        `A grant on ${targetName} needs its resource policy after the program's policies were finalized; ` +
          "grant while the program runs (before it ends, or before finalize()).",
        targetName,
      );
    }
    policy = new ResourcePolicy(target, targetName, kind);
    policies.set(target, policy);
  }
  return policy;
}
