/**
 * The IAM policy report (CDK's `iam-policy-report.json`): for every role of a program, its trust
 * policy, the managed policies attached to it (ARNs, or the statements of managed policies the
 * program makes), and its identity (inline) policy statements — what a security team needs to
 * create the roles when `Role.customizeRoles` keeps them out of the program.
 *
 * Built after finalize from the same model both targets render: a role the program creates is
 * read from its CloudFormation resource and the policies attached to it (so statements appear
 * merged exactly as deployed, following `minimizePolicies`); a precreated role from the record
 * customizeRoles keeps. Roles come in creation order. Cost: O(roles × policies).
 */
import type { PolicyDocument } from "../core/document";
import { External, Reference, jsonKey, toValue, type Value } from "../core/value";
import { programModel, type CfnResource, type ProgramModel } from "../render/cloudformation/model";
import {
  precreatedManagedPoliciesOfRun,
  rolesOfRun,
  type PrecreatedManagedPolicy,
} from "../components/customize-roles";
import type { IManagedPolicy } from "../components/interfaces";
import type { PrecreatedRole } from "../components/precreated-role";
import { externalNames } from "../render/cloudformation/template";
import { visitTokens } from "../render/cloudformation/tokens";
import { reportJson, type ExternalNames } from "./values";

/** The policy report of a program: CDK's `iam-policy-report.json` shape. */
export interface PolicyReport {
  /** Every role of the program, in creation order. */
  readonly roles: RolePolicyReport[];
}

/** One role of the report. */
export interface RolePolicyReport {
  /** The role's construct path (`Api/Handler`). */
  readonly roleConstructPath: string;
  /**
   * The role's name: the precreated name, `"missing role"` when customizeRoles has none for it,
   * or for a role the program creates its `roleName` (or `(<path>/Resource.Ref)` when generated).
   */
  readonly roleName: string;
  /**
   * Whether customizeRoles prevents the role's synthesis and no precreated name was given.
   * Absent for an imported role under customizeRoles (as in CDK's report).
   */
  readonly missing?: boolean;
  /** The trust policy's statements. */
  readonly assumeRolePolicy: unknown[];
  /** ARNs of managed policies attached to the role that the program does not make. */
  readonly managedPolicyArns: unknown[];
  /** Statements of managed policies the program makes and attaches to the role. */
  readonly managedPolicyStatements: unknown[];
  /** Statements of the role's inline policies (inline, default and attached policies). */
  readonly identityPolicyStatements: unknown[];
}

/**
 * How a role of the report is made: by the program, precreated by name, precreated without a
 * name yet, or imported by the program in a customizeRoles scope (what it gives the role is
 * recorded, not deployed).
 */
export type RoleOrigin = "created" | "precreated" | "missing" | "imported";

/** The report and, per role (same order), how the role is made and its permissions boundary. */
export interface DetailedPolicyReport {
  readonly report: PolicyReport;
  readonly origins: readonly RoleOrigin[];
  /**
   * The permissions boundary ARN of each role (report text), if any: the one the role is created
   * with, or the one a security team should give a precreated role (`PermissionsBoundary`
   * registrations reach precreated roles too). Not part of CDK's report.
   */
  readonly permissionsBoundaries: readonly (string | undefined)[];
}

/**
 * The policy report of the program run whose model is given (default: the current run). Call
 * it after the program's policies are finalized (the testing kit and `iamx report` do).
 */
export function policyReport(model: ProgramModel = programModel()): PolicyReport {
  return detailedPolicyReport(model).report;
}

/** {@link policyReport} with how each role is made (for the Markdown rendering). */
export function detailedPolicyReport(model: ProgramModel = programModel()): DetailedPolicyReport {
  return model.withSettings(() => new ReportBuilder(model).build());
}

class ReportBuilder {
  private readonly emitted: CfnResource[];
  private readonly properties = new Map<CfnResource, Record<string, unknown>>();
  private readonly precreatedPolicies: readonly PrecreatedManagedPolicy[];

  constructor(private readonly model: ProgramModel) {
    this.emitted = model.resources.filter((r) => r.included);
    this.precreatedPolicies = precreatedManagedPoliciesOfRun(model);
  }

  public build(): DetailedPolicyReport {
    const roles: RawEntry[] = [];
    const origins: RoleOrigin[] = [];
    const boundaries: unknown[] = [];
    const seen = new Set<CfnResource>();
    for (const tracked of rolesOfRun(this.model)) {
      const boundary = (tracked.component as { permissionsBoundary?: IManagedPolicy }).permissionsBoundary;
      boundaries.push(boundary && toValue(boundary.managedPolicyArn, "the boundary ARN"));
      if (tracked.precreated) {
        roles.push(this.precreatedRole(tracked.component, tracked.precreated));
        origins.push(tracked.precreated.imported ? "imported" : tracked.precreated.missing ? "missing" : "precreated");
        continue;
      }
      const cfn = (tracked.component as unknown as { cfn: CfnResource }).cfn;
      seen.add(cfn);
      roles.push(this.createdRole(cfn, tracked.component));
      origins.push("created");
    }
    // Role resources made outside the Role component, should there be any.
    for (const cfn of this.emitted) {
      if (cfn.type !== "AWS::IAM::Role" || seen.has(cfn)) continue;
      roles.push(this.createdRole(cfn));
      origins.push("created");
      boundaries.push(undefined);
    }
    // Values from outside the model are named as the export names them: stable across runs.
    const others: External[] = [];
    visitTokens([roles, boundaries], (t) => {
      if (t instanceof External) others.push(t);
    });
    const names = externalNames(this.model, others);
    return {
      report: { roles: roles.map((r) => entry(r, names)) },
      origins,
      permissionsBoundaries: boundaries.map((b) => reportJson(b, names) as string | undefined),
    };
  }

  private createdRole(role: CfnResource, component?: object): RawEntry {
    const props = this.props(role);
    const path = role.path.filter((c, i) => !(c === "Resource" && i === role.path.length - 1)).join("/");
    const isThisRole = (v: unknown) => v instanceof Reference && v.target === role && v.attribute === "Ref";
    const managedStatements: unknown[] = [];
    for (const mp of this.ofType("AWS::IAM::ManagedPolicy")) {
      if (list(this.props(mp).Roles).some(isThisRole)) managedStatements.push(...this.statementsOf(mp));
    }
    for (const mp of this.precreatedPolicies) {
      if (component && mp.attachedTo.includes(component)) managedStatements.push(...statements(mp.document));
    }
    const arns: unknown[] = [];
    for (const arn of list(props.ManagedPolicyArns)) {
      const made = this.managedPolicyStatements(arn as Value);
      if (made) managedStatements.push(...made);
      else arns.push(arn);
    }
    const identity: unknown[] = [];
    for (const p of list(props.Policies))
      identity.push(...statementList((p as { PolicyDocument?: unknown }).PolicyDocument));
    for (const policy of this.ofType("AWS::IAM::Policy")) {
      if (list(this.props(policy).Roles).some(isThisRole)) identity.push(...this.statementsOf(policy));
    }
    return {
      roleConstructPath: path,
      roleName: props.RoleName ?? `(${role.path.join("/")}.Ref)`,
      missing: false,
      assumeRolePolicy: statementList(props.AssumeRolePolicyDocument),
      managedPolicyArns: arns,
      managedPolicyStatements: managedStatements,
      identityPolicyStatements: identity,
    };
  }

  private precreatedRole(component: object, role: PrecreatedRole): RawEntry {
    const managedStatements: unknown[] = [];
    for (const mp of this.precreatedPolicies) {
      if (mp.attachedTo.includes(component)) managedStatements.push(...statements(mp.document));
    }
    const arns: unknown[] = [];
    for (const mp of role.managedPolicies) {
      const arn = toValue(mp.managedPolicyArn, "the managed policy ARN");
      const made = this.managedPolicyStatements(arn);
      if (made) managedStatements.push(...made);
      else arns.push(arn);
    }
    return {
      roleConstructPath: role.path,
      roleName: role.missing ? "missing role" : role.name,
      missing: role.imported ? undefined : role.missing,
      assumeRolePolicy: role.trust ? statements(role.trust) : [],
      managedPolicyArns: arns,
      managedPolicyStatements: managedStatements,
      identityPolicyStatements: role.identityDocuments().flatMap(statements),
    };
  }

  /** The statements of the managed policy an ARN stands for, when the program makes (or keeps out) that policy. */
  private managedPolicyStatements(arn: Value): unknown[] | undefined {
    if (arn instanceof Reference && arn.attribute === "Ref") {
      const target = this.emitted.find((r) => r === arn.target && r.type === "AWS::IAM::ManagedPolicy");
      if (target) return this.statementsOf(target);
    }
    const key = jsonKey(arn);
    const precreated = this.precreatedPolicies.find((mp) => jsonKey(mp.arn) === key);
    return precreated ? statements(precreated.document) : undefined;
  }

  private ofType(type: string): CfnResource[] {
    return this.emitted.filter((r) => r.type === type);
  }

  private statementsOf(resource: CfnResource): unknown[] {
    return statementList(this.props(resource).PolicyDocument);
  }

  private props(resource: CfnResource): Record<string, unknown> {
    let p = this.properties.get(resource);
    if (!p) {
      p = resource.renderProperties() ?? {};
      this.properties.set(resource, p);
    }
    return p;
  }
}

/** A role of the report before its values become report text. */
type RawEntry = Record<keyof RolePolicyReport, unknown>;

function entry(raw: RawEntry, names: ExternalNames): RolePolicyReport {
  const out = reportJson(raw, names) as Record<string, unknown>;
  if (out.missing === undefined) delete out.missing;
  return out as unknown as RolePolicyReport;
}

function statements(doc: PolicyDocument): unknown[] {
  return statementList(doc.render());
}

function statementList(doc: unknown): unknown[] {
  const s = (doc as { Statement?: unknown } | undefined)?.Statement;
  return Array.isArray(s) ? s : [];
}

function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : x === undefined ? [] : [x];
}
