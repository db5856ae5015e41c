/**
 * Governance parity (customizeRoles reports, permissions boundaries). A scenario is written once
 * against `Gov` and built twice: with aws-cdk-lib in stack `S` of an app synthesized to a
 * temporary outdir (CDK writes `iam-policy-report.json` there when customizeRoles is used; its
 * error annotations are read from the assembly), and as a pulumi-iamx program run offline.
 *
 * CDK's report is normalized before comparing: its paths lose the `S/` stack prefix (iamx
 * paths start below the program), and trust policies, which CDK resolves to CloudFormation
 * before its report's own resolver runs (and then turns the join separator `""` into `[]`),
 * become the report text iamx writes everywhere (`arn:(PARTITION):iam::(ACCOUNT):root`).
 */
import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as iamx from "../../src";
import { exportTemplate } from "../../src/render/cloudformation/export";
import type { CfnTemplate } from "../../src/render/cloudformation/template";
import { withoutCdkValidation } from "./oracle";

/** A construct scope: a CDK Construct, or a Pulumi component; undefined = the stack / the program. */
export type Scope = unknown;

/** What differs between CDK and iamx; props are CDK's, shared by both. */
export interface Gov {
  readonly kind: "cdk" | "iamx";
  readonly lib: typeof iamx;
  role(id: string, props: iamx.RoleArgs, scope?: Scope): iamx.Role;
  user(id: string, props?: iamx.UserArgs, scope?: Scope): iamx.User;
  group(id: string, props?: iamx.GroupArgs, scope?: Scope): iamx.Group;
  policy(id: string, props?: iamx.PolicyArgs, scope?: Scope): iamx.Policy;
  managedPolicy(id: string, props?: iamx.ManagedPolicyArgs, scope?: Scope): iamx.ManagedPolicy;
  instanceProfile(id: string, props?: iamx.InstanceProfileArgs, scope?: Scope): iamx.InstanceProfile;
  scope(id: string, parent?: Scope): Scope;
  roleFromArn(id: string, arn: string, scope?: Scope): iamx.IRole;
  roleFromName(id: string, name: string): iamx.IRole;
  /** `Role.customizeRoles(scope ?? stack/program, options)`. */
  customizeRoles(scope: Scope | undefined, options: iamx.CustomizeRolesOptions): void;
  /** `PermissionsBoundary.of(scope ?? stack/program)`. */
  boundary(scope: Scope | undefined): iamx.PermissionsBoundary;
  awsManagedPolicy(name: string): iamx.IManagedPolicy;
  managedPolicyFromArn(id: string, arn: string): iamx.IManagedPolicy;
  /** An absolute construct path: CDK's includes the stack (`S/a/b`), iamx's starts below the program (`a/b`). */
  path(relative: string): string;
  /** A role name CDK cannot resolve (a token) / iamx cannot see into (an Output). */
  unresolvedName(): string;
}

export type GovScenario = (gov: Gov) => void;

export interface CdkResult {
  /** The normalized report (undefined when CDK wrote none). */
  readonly report?: iamx.PolicyReport;
  /** CDK's `iam-policy-report.txt` with paths below the stack. */
  readonly text?: string;
  readonly template: CfnTemplate;
  /** Error annotations: `[<path without S/>] <message>`. */
  readonly errors: string[];
}

/** Builds the scenario with aws-cdk-lib and synthesizes it. */
export function cdkRun(scenario: GovScenario, minimize: boolean): CdkResult {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "iamx-gov-"));
  try {
    const app = new cdk.App({ outdir, context: { "@aws-cdk/aws-iam:minimizePolicies": minimize } });
    const stack = new cdk.Stack(app, "S");
    scenario(cdkGov(stack));
    const assembly = withoutCdkValidation(() => app.synth());
    const artifact = assembly.getStackArtifact("S");
    const errors = artifact.messages
      .filter((m) => m.level === "error")
      .map((m) => `[${m.id.replace(/^\/S\//, "")}] ${String(m.entry.data).replace(/"S\//g, '"')}`);
    const file = path.join(outdir, "iam-policy-report.json");
    const report = fs.existsSync(file)
      ? (normalize(JSON.parse(fs.readFileSync(file, "utf8"))) as iamx.PolicyReport)
      : undefined;
    const txt = path.join(outdir, "iam-policy-report.txt");
    const text = fs.existsSync(txt) ? fs.readFileSync(txt, "utf8").replace(/\(S\//g, "(") : undefined;
    const template = JSON.parse(JSON.stringify(artifact.template)) as CfnTemplate & Record<string, unknown>;
    delete template.Rules;
    delete template.Parameters;
    return { report, text, template, errors };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export interface IamxResult extends iamx.ProgramReport {
  /** Validation problems as `[<path>] <message>`. */
  readonly errors: string[];
}

/** Builds the scenario with pulumi-iamx and makes its report. */
export async function iamxRun(scenario: GovScenario, minimize: boolean): Promise<IamxResult> {
  const result = await iamx.reportProgram(() => scenario(iamxGov()), {
    config: { "iamx:minimizePolicies": String(minimize) },
  });
  const errors = (result.problems?.problems ?? []).map((p) => `[${p.scope}] ${p.message}`);
  return { ...result, errors };
}

/** The scenario's CloudFormation export (iamx). */
export function iamxTemplate(scenario: GovScenario, minimize: boolean): Promise<CfnTemplate> {
  return exportTemplate(() => scenario(iamxGov()), { config: { "iamx:minimizePolicies": String(minimize) } });
}

const PSEUDO: Record<string, string> = {
  "AWS::Partition": "(PARTITION)",
  "AWS::AccountId": "(ACCOUNT)",
  "AWS::Region": "(REGION)",
};

/** CDK's report with iamx's paths and with CloudFormation joins turned into report text. */
function normalize(x: unknown): unknown {
  if (typeof x === "string") return x.replace(/^S\//, "").replace(/\(S\//g, "(");
  if (Array.isArray(x)) return x.map(normalize);
  if (x && typeof x === "object") {
    const o = x as Record<string, unknown>;
    const join = o["Fn::Join"] as [unknown, unknown[]] | undefined;
    if (join && Object.keys(o).length === 1) {
      const sep = Array.isArray(join[0]) ? "" : String(join[0]);
      return join[1].map((p) => (typeof p === "string" ? p : PSEUDO[(p as { Ref: string }).Ref])).join(sep);
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, normalize(v)]));
  }
  return x;
}

function cdkGov(stack: cdk.Stack): Gov {
  const at = (scope: Scope | undefined): Construct => (scope as Construct | undefined) ?? stack;
  const make =
    (cls: unknown) =>
    (id: string, props: unknown, scope?: Scope): any =>
      new (cls as new (s: Construct, id: string, p: unknown) => unknown)(at(scope), id, props);
  return {
    kind: "cdk",
    lib: cdkIam as unknown as typeof iamx,
    role: make(cdkIam.Role),
    user: make(cdkIam.User),
    group: make(cdkIam.Group),
    policy: make(cdkIam.Policy),
    managedPolicy: make(cdkIam.ManagedPolicy),
    instanceProfile: make(cdkIam.InstanceProfile),
    scope: (id, parent) => new Construct(at(parent), id),
    roleFromArn: (id, arn, scope) => cdkIam.Role.fromRoleArn(at(scope), id, arn) as unknown as iamx.IRole,
    roleFromName: (id, name) => cdkIam.Role.fromRoleName(stack, id, name) as unknown as iamx.IRole,
    customizeRoles: (scope, options) => cdkIam.Role.customizeRoles(at(scope), options),
    boundary: (scope) => cdkIam.PermissionsBoundary.of(at(scope)) as unknown as iamx.PermissionsBoundary,
    awsManagedPolicy: (name) => cdkIam.ManagedPolicy.fromAwsManagedPolicyName(name) as unknown as iamx.IManagedPolicy,
    managedPolicyFromArn: (id, arn) =>
      cdkIam.ManagedPolicy.fromManagedPolicyArn(stack, id, arn) as unknown as iamx.IManagedPolicy,
    path: (relative) => `S/${relative}`,
    unresolvedName: () => cdk.Lazy.string({ produce: () => "late-name" }),
  };
}

function iamxGov(): Gov {
  const opts = (scope: Scope | undefined) => (scope ? { parent: scope as pulumi.Resource } : undefined);
  return {
    kind: "iamx",
    lib: iamx,
    role: (id, props, scope) => new iamx.Role(id, props, opts(scope)),
    user: (id, props, scope) => new iamx.User(id, props, opts(scope)),
    group: (id, props, scope) => new iamx.Group(id, props, opts(scope)),
    policy: (id, props, scope) => new iamx.Policy(id, props, opts(scope)),
    managedPolicy: (id, props, scope) => new iamx.ManagedPolicy(id, props, opts(scope)),
    instanceProfile: (id, props, scope) => new iamx.InstanceProfile(id, props, opts(scope)),
    scope: (id, parent) => new pulumi.ComponentResource("test:index:Scope", id, {}, opts(parent)),
    roleFromArn: (id, arn, scope) => iamx.Role.fromRoleArn(id, arn, {}, opts(scope)),
    roleFromName: (id, name) => iamx.Role.fromRoleName(id, name),
    customizeRoles: (scope, options) => iamx.Role.customizeRoles((scope as pulumi.Resource) ?? iamx.program, options),
    boundary: (scope) => iamx.PermissionsBoundary.of((scope as pulumi.Resource) ?? iamx.program),
    awsManagedPolicy: (name) => iamx.ManagedPolicy.fromAwsManagedPolicyName(name),
    managedPolicyFromArn: (id, arn) => iamx.ManagedPolicy.fromManagedPolicyArn(id, arn),
    path: (relative) => relative,
    unresolvedName: () => pulumi.output("late-name") as unknown as string,
  };
}

/** Every (effect, action, resource) triple a list of statements allows or denies, sorted: equal sets mean the same access. */
export function accessTriples(statements: unknown[]): string[] {
  const out = new Set<string>();
  const list = (x: unknown) => (Array.isArray(x) ? x : x === undefined ? [undefined] : [x]);
  for (const s of statements as Record<string, unknown>[]) {
    const rest = JSON.stringify({ p: s.Principal, c: s.Condition });
    for (const a of list(s.Action)) for (const r of list(s.Resource)) out.add(`${s.Effect} ${a} ${r} ${rest}`);
  }
  return [...out].sort();
}
