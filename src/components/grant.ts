/**
 * Grants (CDK's `iam.Grant`): the outcome of giving a principal permissions on a resource, by
 * adding a statement to the principal's identity policy, to the resource's own policy, or both.
 *
 * A Grant can be passed wherever Pulumi takes a dependency: `{ dependsOn: grant }` or
 * `{ dependsOn: [grant, other] }` makes a resource wait until the policies holding the grant's
 * statements exist (the role's default policy, or the overflow policy a statement moved to).
 * Pulumi only needs `Resource.isInstance` and the component-children walk for that, so the grant
 * poses as a component whose children are those policy resources, known once the program's
 * policies are finalized.
 */
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../core/errors";
import { PolicyStatement } from "../core/statement";
import type { AddToPrincipalPolicyResult, IDependable, IGrantable } from "../core/principals/types";
import { isIGrantable } from "../core/principals/types";
import { describe } from "../core/value";
import { isFinalized, onFinalize } from "../render/pulumi/lifecycle";
import { IamxComponent } from "./base";
import { GRANT_MARK, cfnResourcesOf, pulumiResourcesOf } from "./dependable";
import {
  checkOptions,
  checkResource,
  compareValues,
  resourceAccount,
  type CommonGrantOptions,
  type GrantOnPrincipalAndResourceOptions,
  type GrantOnPrincipalOptions,
  type GrantPolicyWithResourceOptions,
  type GrantWithResourceOptions,
} from "./grant-options";

export {
  compareValues,
  type AddToResourcePolicyResult,
  type CommonGrantOptions,
  type GrantOnPrincipalAndResourceOptions,
  type GrantOnPrincipalOptions,
  type GrantPolicyWithResourceOptions,
  type GrantWithResourceOptions,
  type IResourceWithPolicy,
  type ResourceEnvironment,
} from "./grant-options";

interface GrantProps {
  readonly options: CommonGrantOptions;
  readonly principalStatement?: PolicyStatement;
  readonly resourceStatement?: PolicyStatement;
  readonly policyDependable?: unknown;
}

/**
 * The result of a grant: the statements added and where they went. `success` says whether the
 * permissions landed somewhere. Usable as a Pulumi dependency (see the module comment).
 */
export class Grant implements IDependable {
  /**
   * Adds a statement to the grantee's identity policy, if it has one. Principals without an
   * identity policy (a service, an account) give an unsuccessful grant.
   */
  public static addToPrincipal(options: GrantOnPrincipalOptions): Grant {
    checkOptions(options, "addToPrincipal");
    const statement = new PolicyStatement({
      actions: options.actions,
      resources: options.resourceArns,
      conditions: options.conditions,
    });
    const added: AddToPrincipalPolicyResult = options.grantee.grantPrincipal.addToPrincipalPolicy(statement);
    if (!added.statementAdded) return new Grant({ options });
    if (!added.policyDependable) {
      throw new ValidationError(
        "ContractViolationPrincipalStatementAdded",
        "Contract violation: when Principal returns statementAdded=true, it should return a dependable",
      );
    }
    return new Grant({ options, principalStatement: statement, policyDependable: added.policyDependable });
  }

  /**
   * Adds the permissions to the grantee's identity policy, and also to the resource's policy
   * unless the grantee is known to be in the resource's account. This program's principals and
   * resources have unresolved accounts that compare as the same; a literal account on one side
   * only (an imported role, an AccountPrincipal) counts as a different account, as in CDK.
   */
  public static addToPrincipalOrResource(options: GrantWithResourceOptions): Grant {
    checkOptions(options, "addToPrincipalOrResource");
    checkResource(options.resource, "addToPrincipalOrResource");
    const result = Grant.addToPrincipal(options);
    const principalAccount = options.grantee.grantPrincipal.principalAccount;
    const sameAccount =
      !!principalAccount &&
      ["SAME", "BOTH_UNRESOLVED"].includes(compareValues(resourceAccount(options.resource), principalAccount));
    if (result.success && sameAccount) return result;
    const statement = new PolicyStatement({
      actions: options.actions,
      resources: options.resourceSelfArns ?? options.resourceArns,
      principals: [options.grantee.grantPrincipal],
      conditions: options.conditions,
    });
    const added = options.resource.addToResourcePolicy(statement);
    return new Grant({
      options,
      resourceStatement: statement,
      policyDependable: added.statementAdded ? (added.policyDependable ?? options.resource) : undefined,
    });
  }

  /**
   * Adds the permissions to the grantee's identity policy and always to the resource's policy
   * (naming `resourcePolicyPrincipal` there when given). As in CDK, the returned grant's
   * `principalStatement` is the resource-policy statement.
   */
  public static addToPrincipalAndResource(options: GrantOnPrincipalAndResourceOptions): Grant {
    checkOptions(options, "addToPrincipalAndResource");
    checkResource(options.resource, "addToPrincipalAndResource");
    const result = Grant.addToPrincipal(options);
    const statement = new PolicyStatement({
      actions: options.actions,
      resources: options.resourceSelfArns ?? options.resourceArns,
      principals: [options.resourcePolicyPrincipal ?? options.grantee.grantPrincipal],
      conditions: options.conditions,
    });
    const added = options.resource.addToResourcePolicy(statement);
    const resourceDependable = added.statementAdded ? (added.policyDependable ?? options.resource) : undefined;
    return new Grant({
      options,
      principalStatement: statement,
      resourceStatement: result.resourceStatement,
      policyDependable: resourceDependable ? { dependencyRoots: [result, resourceDependable] } : result,
    });
  }

  /** Adds a given statement to a resource's policy. */
  public static addStatementToResourcePolicy(options: GrantPolicyWithResourceOptions): Grant {
    checkOptions(options, "addStatementToResourcePolicy");
    checkResource(options.resource, "addStatementToResourcePolicy");
    if (!(options.statement instanceof PolicyStatement)) {
      throw new ValidationError(
        "InvalidGrantOptions",
        `Grant.addStatementToResourcePolicy needs a PolicyStatement as \`statement\`, got ${describe(options.statement)}`,
      );
    }
    const added = options.resource.addToResourcePolicy(options.statement);
    return new Grant({
      options,
      resourceStatement: options.statement,
      policyDependable: added.statementAdded ? (added.policyDependable ?? options.resource) : undefined,
    });
  }

  /** A grant that adds nothing (`success` is false), for grantees that cannot hold permissions. */
  public static drop(grantee: IGrantable, _intent: string): Grant {
    if (!isIGrantable(grantee)) {
      throw new ValidationError("InvalidGrantOptions", `Grant.drop needs a grantee, got ${describe(grantee)}`);
    }
    return new Grant({ options: { grantee, actions: [], resourceArns: [] } });
  }

  /** Whether `x` is a Grant (also across copies of this library). */
  public static isGrant(x: unknown): x is Grant {
    return typeof x === "object" && x !== null && (x as { [GRANT_MARK]?: boolean })[GRANT_MARK] === true;
  }

  /** The first statement added to an identity policy (see `addToPrincipalAndResource`). */
  public readonly principalStatement?: PolicyStatement;
  /** Every statement added to identity policies. */
  public readonly principalStatements: PolicyStatement[] = [];
  /** The first statement added to a resource policy. */
  public readonly resourceStatement?: PolicyStatement;
  /** Every statement added to resource policies. */
  public readonly resourceStatements: PolicyStatement[] = [];

  private readonly options: CommonGrantOptions;
  private readonly dependables: unknown[] = [];
  private readonly [GRANT_MARK] = true;
  // Pulumi's view of the grant as a dependency (see the module comment).
  private readonly __pulumiResource = true;
  private readonly __pulumiComponentResource = true;
  private dataPromise?: Promise<void>;
  private childResources?: Set<pulumi.Resource>;
  private urnOutput?: pulumi.Output<string>;

  private constructor(props: GrantProps) {
    this.options = props.options;
    this.principalStatement = props.principalStatement;
    this.resourceStatement = props.resourceStatement;
    if (this.principalStatement) this.principalStatements.push(this.principalStatement);
    if (this.resourceStatement) this.resourceStatements.push(this.resourceStatement);
    if (props.policyDependable) this.dependables.push(props.policyDependable);
  }

  /** Whether the permissions were added to an identity or a resource policy. */
  public get success(): boolean {
    return this.principalStatement !== undefined || this.resourceStatement !== undefined;
  }

  /** Throws when the permissions could not be added anywhere. */
  public assertSuccess(): void {
    if (this.success) return;
    const o = this.options;
    throw new ValidationError(
      "GrantCouldNotBeAdded",
      `Permissions for '${String(o.grantee)}' to call '${o.actions.join(",")}' on ` +
        `'${o.resourceArns.map(arnText).join(",")}' could not be added on either identity or resource policy.`,
    );
  }

  /** What holds this grant's statements (policies, components); complete once finalized. */
  public get dependencyRoots(): readonly unknown[] {
    return this.dependables;
  }

  /**
   * The Pulumi resources that hold this grant's statements, once the program's policies are
   * finalized (the Output resolves then). Prefer `dependsOn: grant`, which does the same.
   */
  public get dependencies(): pulumi.Output<pulumi.Resource[]> {
    return pulumi.output(this.whenFinalized().then(() => [...pulumiResourcesOf(this.dependables)]));
  }

  /**
   * Makes iamx components wait for this grant: in the CloudFormation export, every resource of
   * each component gets a `DependsOn` on the policy resources holding the grant's statements.
   * Pulumi options cannot change once a resource exists: give other resources `dependsOn: grant`
   * when you create them.
   */
  public applyBefore(...components: IamxComponent[]): void {
    for (const c of components) {
      if (!(c instanceof IamxComponent)) {
        throw new ValidationError(
          "InvalidApplyBefore",
          `Grant.applyBefore takes iamx components, got ${describe(c)}. For other Pulumi resources, pass ` +
            "`dependsOn: grant` in their options when you create them.",
        );
      }
    }
    const apply = () => {
      const targets = cfnResourcesOf(this);
      for (const res of cfnResourcesOf(components)) for (const t of targets) if (t !== res) res.dependsOn.add(t);
    };
    if (isFinalized()) apply();
    else onFinalize("resolve", apply);
  }

  /** A grant holding the statements and dependencies of both grants. */
  public combine(rhs: Grant): Grant {
    if (!Grant.isGrant(rhs)) {
      throw new ValidationError("InvalidGrantOptions", `Grant.combine needs a Grant, got ${describe(rhs)}`);
    }
    const principal = [...this.principalStatements, ...rhs.principalStatements];
    const resource = [...this.resourceStatements, ...rhs.resourceStatements];
    const combined = new Grant({
      options: this.options,
      principalStatement: principal[0],
      resourceStatement: resource[0],
    });
    combined.principalStatements.splice(0, combined.principalStatements.length, ...principal);
    combined.resourceStatements.splice(0, combined.resourceStatements.length, ...resource);
    combined.dependables.push(...this.dependables, ...rhs.dependables);
    return combined;
  }

  /** For `dependsOn`: the URN of the first resource holding the statements ("" when none). */
  public get urn(): pulumi.Output<string> {
    this.urnOutput ??= this.dependencies.apply((rs): pulumi.Output<string> =>
      rs.length > 0 ? rs[0].urn : pulumi.output(""),
    );
    return this.urnOutput;
  }

  /** For `dependsOn` (a grant has no provider). */
  public getProvider(_moduleMember: string): pulumi.ProviderResource | undefined {
    return undefined;
  }

  /** @internal Pulumi's component-children walk waits for this before reading the children. */
  public get __data(): Promise<void> {
    return this.whenFinalized();
  }

  /** @internal The resources Pulumi's dependency walk sees below this grant. */
  public get __childResources(): Set<pulumi.Resource> {
    return this.childResources ?? new Set();
  }

  public toString(): string {
    return `Grant(${String(this.options.grantee)})`;
  }

  private whenFinalized(): Promise<void> {
    this.dataPromise ??= new Promise<void>((resolve) => {
      const done = () => {
        this.childResources = pulumiResourcesOf(this.dependables);
        resolve();
      };
      if (isFinalized()) done();
      else onFinalize("resolve", () => done);
    });
    return this.dataPromise;
  }
}

/**
 * An ARN for a message. A Pulumi Output has no text (String() gives Pulumi's help text on
 * `apply`), so it is named by the resources it comes from.
 */
function arnText(arn: unknown): string {
  if (!pulumi.Output.isInstance(arn)) return String(arn);
  const resources = (arn as unknown as { resources?: () => Set<unknown> }).resources?.() ?? new Set<unknown>();
  const names = [...resources].map((r) => {
    const res = r as { __name?: string; __pulumiType?: string };
    return `${res.__name ?? "?"} (${res.__pulumiType ?? "resource"})`;
  });
  return names.length > 0 ? `<an Output of ${names.join(", ")}>` : "<an Output>";
}
