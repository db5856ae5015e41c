/**
 * What a Role becomes when `Role.customizeRoles` prevents its synthesis (CDK's `PrecreatedRole`):
 * no resource, a name and ARN given by the security team, and a record of every policy the
 * program wanted on the role, for the policy report. Statements are kept as model objects and
 * rendered when the report is made, so statements added after a policy was attached still show.
 */
import * as pulumi from "@pulumi/pulumi";
import { PolicyDocument } from "../core/document";
import { ValidationError } from "../core/errors";
import type { AddToPrincipalPolicyResult } from "../core/principals/types";
import type { PolicyStatement } from "../core/statement";
import { Aws, aliasValue, concat, jsonKey, toValue, type Value } from "../core/value";
import { toOutput } from "../render/pulumi/values";
import { DependencyGroup } from "./dependable";
import type { IManagedPolicy, IPolicy, IRole } from "./interfaces";

/** A role that exists outside the program (customizeRoles with `preventSynthesis`). */
export class PrecreatedRole {
  /**
   * A role the program imports (`Role.fromRoleArn`) in a scope where customizeRoles prevents
   * synthesis: what the program adds to it is recorded for the report, not deployed (as CDK).
   */
  public static forImport(path: string, role: IRole): PrecreatedRole {
    return new PrecreatedRole(path, undefined, "", undefined, [], role);
  }

  /** The role's ARN in the model: `arn:<partition>:iam::<account>:role/<name>`. */
  public readonly arn: Value;
  /** The role's name in the model: the precreated name, or the construct id when none was given. */
  public readonly name: Value;
  /** The ARN as a Pulumi Output, standing for {@link arn} in policies. */
  public readonly roleArn: pulumi.Output<string>;
  /** The name as a Pulumi Output, standing for {@link name} in policies. */
  public readonly roleName: pulumi.Output<string>;
  /** Managed policies the program attached to the role, in order. */
  public readonly managedPolicies: IManagedPolicy[] = [];

  private readonly documents: PolicyDocument[];
  private defaults?: PolicyDocument;
  private readonly managedKeys = new Set<string>();

  constructor(
    /** The role's construct path as text. */
    public readonly path: string,
    /** The precreated name, or undefined when the program gave none (an error at finalize). */
    public readonly precreatedName: string | undefined,
    /** The role's construct id, its name in the model when no precreated name is given (as CDK). */
    constructId: string,
    /** The trust policy the program built (none for an imported role). */
    public readonly trust: PolicyDocument | undefined,
    inlinePolicies: readonly PolicyDocument[],
    /** The imported role this stands for, if it is one. */
    public readonly imported?: IRole,
  ) {
    this.documents = [...inlinePolicies];
    if (imported) {
      this.roleArn = imported.roleArn;
      this.roleName = imported.roleName;
      this.arn = toValue(imported.roleArn, "the role ARN");
      this.name = toValue(imported.roleName, "the role name");
      return;
    }
    this.name = precreatedName ?? constructId;
    // Without a name CDK formats the ARN without a resource name (`...:role`); it is an error anyway.
    this.arn = concat(
      "arn:",
      Aws.PARTITION,
      ":iam::",
      Aws.ACCOUNT_ID,
      precreatedName ? `:role/${precreatedName}` : ":role",
    );
    this.roleArn = aliasValue(toOutput(this.arn), this.arn);
    this.roleName = aliasValue(pulumi.output(this.name), this.name);
  }

  /** Whether the program gave no precreated name for the role (never for an imported role). */
  public get missing(): boolean {
    return !this.imported && this.precreatedName === undefined;
  }

  /** Records a statement of the role's default policy (for the report; nothing is deployed). */
  public addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    if (!this.defaults) {
      this.defaults = new PolicyDocument();
      this.documents.push(this.defaults);
    }
    this.defaults.addStatements(statement);
    return { statementAdded: true, policyDependable: new DependencyGroup() };
  }

  /**
   * Records an inline policy's statements for the report. The policy is not attached (as in
   * CDK): a policy attached from its own side (`roles`, `attachToRole`) is still deployed on the
   * precreated role by name.
   */
  public attachInlinePolicy(policy: IPolicy): void {
    const document = (policy as { document?: unknown }).document;
    if (!(document instanceof PolicyDocument)) {
      throw new ValidationError("CannotUseImportedPolicy", "Cannot use a Policy.fromPolicyName() here.", this.path);
    }
    if (!this.documents.includes(document)) this.documents.push(document);
  }

  /** Records a managed policy for the report (the same ARN twice is kept once). */
  public addManagedPolicy(policy: IManagedPolicy): void {
    const key = jsonKey(toValue(policy.managedPolicyArn, "the managed policy ARN"));
    if (this.managedKeys.has(key)) return;
    this.managedKeys.add(key);
    this.managedPolicies.push(policy);
  }

  /** The identity policies of the role in order: inline policies, the default policy, attached policies. */
  public identityDocuments(): readonly PolicyDocument[] {
    return this.documents;
  }
}
