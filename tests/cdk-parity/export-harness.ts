/**
 * Whole-program export parity. A scenario is written once against a small `Side` interface and
 * built twice: with aws-cdk-lib in an environment-agnostic stack `S`, synthesized to a template,
 * and as a pulumi-iamx program, exported by `exportTemplate` in both run modes (model-only and
 * mocked). The exported templates must equal CDK's — Parameters, Resources (logical ids, key
 * order included), Outputs — except CDK's bootstrap Parameters/Rules and Metadata; and the two
 * export modes must give the same template.
 *
 * `side.lib` is aws-cdk-lib/aws-iam on one side and pulumi-iamx on the other (same class names);
 * what differs (scope argument, how an external value is made) goes through `Side` methods.
 */
import * as cdk from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import * as iamx from "../../src";
import { exportTemplate } from "../../src/render/cloudformation/export";
import type { CfnTemplate } from "../../src/render/cloudformation/template";

/** The library a scenario builds with: pulumi-iamx's names, which aws-cdk-lib shares. */
export type Lib = typeof iamx;

/** A construct scope: a CDK Construct, or a Pulumi component (a parent). */
export type Scope = unknown;

/** What differs between the two sides. Component props are CDK's (camelCase), shared by both. */
export interface Side {
  readonly kind: "cdk" | "iamx";
  readonly lib: Lib;
  role(id: string, props: iamx.RoleArgs, scope?: Scope): iamx.Role;
  policy(id: string, props?: iamx.PolicyArgs, scope?: Scope): iamx.Policy;
  managedPolicy(id: string, props?: iamx.ManagedPolicyArgs, scope?: Scope): iamx.ManagedPolicy;
  user(id: string, props?: iamx.UserArgs, scope?: Scope): iamx.User;
  group(id: string, props?: iamx.GroupArgs, scope?: Scope): iamx.Group;
  accessKey(id: string, props: iamx.AccessKeyArgs, scope?: Scope): iamx.AccessKey;
  instanceProfile(id: string, props?: iamx.InstanceProfileArgs, scope?: Scope): iamx.InstanceProfile;
  /** A plain scope: a CDK Construct / a Pulumi ComponentResource. */
  scope(id: string, parent?: Scope): Scope;
  roleFromArn(id: string, arn: string, options?: { mutable?: boolean }): iamx.IRole;
  roleFromName(id: string, name: string): iamx.IRole;
  userFromName(id: string, name: string): iamx.IUser;
  groupFromName(id: string, name: string): iamx.IGroup;
  managedPolicyFromName(id: string, name: string): iamx.IManagedPolicy;
  managedPolicyFromArn(id: string, arn: string): iamx.IManagedPolicy;
  /**
   * A value from outside the template. CDK: a `CfnParameter` named `name`. pulumi-iamx: the
   * `property` output of a raw S3 bucket named `bucket` (the exporter names its parameter
   * `<Bucket><Property>`); `usedBy` is the construct path of the first resource using it.
   */
  bucketOutput(bucket: string, property: "arn" | "bucket", usedBy: string): string;
  /** A stack output. */
  output(name: string, value: unknown): void;
  /** A duration in hours (CDK's core Duration / iamx.Duration). */
  hours(n: number): iamx.Duration;
  /**
   * A user with a console password. CDK: a NoEcho CfnParameter `<id>Password` as the password.
   * pulumi-iamx: a generated password (`passwordLength`), which the export makes that parameter.
   */
  userWithPassword(id: string, props: { passwordResetRequired?: boolean; groups?: iamx.IGroup[] }): iamx.User;
  /** An OIDC provider: CDK's `OidcProviderNative` / iamx.OpenIdConnectProvider. */
  oidc(id: string, props: { url: string; clientIds?: string[]; thumbprints?: string[] }): iamx.IOpenIdConnectProvider;
  /** A SAML provider from metadata XML. */
  saml(id: string, xml: string, name?: string): iamx.ISamlProvider;
  /**
   * The secret config value `project:apiKeyArn`. CDK: a NoEcho CfnParameter `ApiKeyArn`.
   * pulumi-iamx: `config.requireSecret("apiKeyArn")` (set for every run).
   */
  secretApiKeyArn(): string;
  /** Joins strings that may be tokens: a template literal in CDK, `iamx.concat` of Values in pulumi-iamx. */
  concat(...parts: string[]): string;
}

export interface ExportScenario {
  /** The program, written against {@link Side}; may be async on the iamx side only through `later`. */
  (side: Side, later: (fn: () => void) => Promise<void>): void | Promise<void>;
}

export interface ParityOptions {
  /** `@aws-cdk/aws-iam:minimizePolicies` / `iamx:minimizePolicies`. Default: true. */
  readonly minimize?: boolean;
  /** Extra checks on the (shared) exported template. */
  readonly check?: (template: CfnTemplate) => void;
}

const CDK_ONLY_PARAMETERS = ["BootstrapVersion"];

/** The value of the secret config `project:apiKeyArn` in every iamx run; it must never reach a template. */
export const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111111111111:secret:api-key-AbCdEf";

/** CDK's template without its bootstrap Parameters/Rules and Metadata. */
export function cdkTemplate(scenario: ExportScenario, minimize: boolean): Promise<CfnTemplate> {
  const app = new cdk.App({
    // aws-cdk-lib's own cfn-lint pass prints its warnings (W1011 on a NoEcho password parameter);
    // our exports are schema-checked by tests/render/cloudformation/cfn-lint-hook.ts.
    builtinCloudFormationValidation: false,
    context: {
      "@aws-cdk/aws-iam:minimizePolicies": minimize,
      "@aws-cdk/aws-iam:importedRoleStackSafeDefaultPolicyName": true,
    },
  });
  const stack = new cdk.Stack(app, "S");
  const pending: (() => void)[] = [];
  const done = scenario(cdkSide(stack), async (fn) => {
    pending.push(fn);
  });
  return Promise.resolve(done).then(() => {
    for (const fn of pending) fn();
    const t = Template.fromStack(stack).toJSON() as Record<string, any>;
    delete t.Rules;
    delete t.Metadata;
    if (t.Resources) delete t.Resources.CDKMetadata;
    for (const p of CDK_ONLY_PARAMETERS) if (t.Parameters) delete t.Parameters[p];
    if (t.Parameters && Object.keys(t.Parameters).length === 0) delete t.Parameters;
    return t as CfnTemplate;
  });
}

/** The iamx export of the scenario in one run mode. */
export function iamxTemplate(
  scenario: ExportScenario,
  minimize: boolean,
  mode: "model" | "mocks",
): Promise<CfnTemplate> {
  return exportTemplate(
    async () => {
      const outputs: Record<string, unknown> = {};
      await scenario(iamxSide(outputs), async (fn) => {
        // work done after the program yielded to the event loop
        await new Promise((r) => setTimeout(r, 1));
        fn();
      });
      return outputs;
    },
    {
      mode,
      allowUnsupported: true,
      stack: "S",
      config: { "iamx:minimizePolicies": String(minimize), "project:apiKeyArn": SECRET_ARN },
      secretKeys: ["project:apiKeyArn"],
    },
  );
}

/** Registers one test: CDK's template equals the export in both modes. */
export function exportParity(title: string, scenario: ExportScenario, options: ParityOptions = {}): void {
  it(title, async () => {
    const minimize = options.minimize ?? true;
    const expected = await cdkTemplate(scenario, minimize);
    const model = await iamxTemplate(scenario, minimize, "model");
    expectSameTemplate(model, expected);
    const mocks = await iamxTemplate(scenario, minimize, "mocks");
    expect(mocks, "mocks mode = model mode").to.deep.equal(model);
    expect(JSON.stringify(model), "secret config value").to.not.include(SECRET_ARN);
    options.check?.(model);
  });
}

/** Deep equality of the whole template; Resources also in the same order with the same key order. */
export function expectSameTemplate(actual: CfnTemplate, expected: CfnTemplate): void {
  expect(actual).to.deep.equal(expected);
  expect(Object.keys(actual.Resources), "resource order").to.deep.equal(Object.keys(expected.Resources));
  for (const id of Object.keys(expected.Resources)) {
    expect(JSON.stringify(actual.Resources[id]), `${id} (key order)`).to.equal(JSON.stringify(expected.Resources[id]));
  }
}

function cdkSide(stack: cdk.Stack): Side {
  const iam = cdkIam as unknown as Lib;
  const at = (scope: Scope | undefined): Construct => (scope as Construct | undefined) ?? stack;
  const make =
    (cls: unknown) =>
    (id: string, props: unknown, scope?: Scope): any =>
      new (cls as new (s: Construct, id: string, p: unknown) => unknown)(at(scope), id, props);
  return {
    kind: "cdk",
    lib: iam,
    role: make(cdkIam.Role),
    policy: make(cdkIam.Policy),
    managedPolicy: make(cdkIam.ManagedPolicy),
    user: make(cdkIam.User),
    group: make(cdkIam.Group),
    accessKey: make(cdkIam.AccessKey),
    instanceProfile: make(cdkIam.InstanceProfile),
    scope: (id, parent) => new Construct(at(parent), id),
    roleFromArn: (id, arn, options) => cdkIam.Role.fromRoleArn(stack, id, arn, options) as unknown as iamx.IRole,
    roleFromName: (id, name) => cdkIam.Role.fromRoleName(stack, id, name) as unknown as iamx.IRole,
    userFromName: (id, name) => cdkIam.User.fromUserName(stack, id, name) as unknown as iamx.IUser,
    groupFromName: (id, name) => cdkIam.Group.fromGroupName(stack, id, name) as unknown as iamx.IGroup,
    managedPolicyFromName: (id, name) =>
      cdkIam.ManagedPolicy.fromManagedPolicyName(stack, id, name) as unknown as iamx.IManagedPolicy,
    managedPolicyFromArn: (id, arn) =>
      cdkIam.ManagedPolicy.fromManagedPolicyArn(stack, id, arn) as unknown as iamx.IManagedPolicy,
    bucketOutput: (bucket, property, usedBy) => {
      const name = pascal(bucket) + pascal(property);
      const description = `"${property}" output of aws:s3/bucket:Bucket "${bucket}" (a Pulumi value outside this template; used by ${usedBy})`;
      const existing = stack.node.tryFindChild(name) as cdk.CfnParameter | undefined;
      return (existing ?? new cdk.CfnParameter(stack, name, { type: "String", description })).valueAsString;
    },
    output: (name, value) => {
      new cdk.CfnOutput(stack, name, { value: value as string });
    },
    hours: (n) => cdk.Duration.hours(n) as unknown as iamx.Duration,
    userWithPassword: (id, props) => {
      const param = new cdk.CfnParameter(stack, `${id}Password`, {
        type: "String",
        noEcho: true,
        description: `Console password of user ${id}, given at deployment (the Pulumi deployment generates one instead)`,
      });
      return new cdkIam.User(stack, id, {
        password: cdk.SecretValue.cfnParameter(param),
        passwordResetRequired: props.passwordResetRequired,
        groups: props.groups as unknown as cdkIam.IGroup[],
      }) as unknown as iamx.User;
    },
    oidc: (id, props) => new cdkIam.OidcProviderNative(stack, id, props) as unknown as iamx.IOpenIdConnectProvider,
    concat: (...parts) => parts.join(""),
    secretApiKeyArn: () =>
      new cdk.CfnParameter(stack, "ApiKeyArn", {
        type: "String",
        noEcho: true,
        description: 'Pulumi config value "project:apiKeyArn" (secret)',
      }).valueAsString,
    saml: (id, xml, name) =>
      new cdkIam.SamlProvider(stack, id, {
        metadataDocument: cdkIam.SamlMetadataDocument.fromXml(xml),
        name,
      }) as unknown as iamx.ISamlProvider,
  };
}

function iamxSide(outputs: Record<string, unknown>): Side {
  const opts = (scope: Scope | undefined): pulumi.ComponentResourceOptions | undefined =>
    scope ? { parent: scope as pulumi.Resource } : undefined;
  const buckets = new Map<string, s3.Bucket>();
  return {
    kind: "iamx",
    lib: iamx,
    role: (id, props, scope) => new iamx.Role(id, props, opts(scope)),
    policy: (id, props, scope) => new iamx.Policy(id, props, opts(scope)),
    managedPolicy: (id, props, scope) => new iamx.ManagedPolicy(id, props, opts(scope)),
    user: (id, props, scope) => new iamx.User(id, props, opts(scope)),
    group: (id, props, scope) => new iamx.Group(id, props, opts(scope)),
    accessKey: (id, props, scope) => new iamx.AccessKey(id, props, opts(scope)),
    instanceProfile: (id, props, scope) => new iamx.InstanceProfile(id, props, opts(scope)),
    scope: (id, parent) => new pulumi.ComponentResource("example:index:Scope", id, {}, opts(parent)),
    roleFromArn: (id, arn, options) => iamx.Role.fromRoleArn(id, arn, options),
    roleFromName: (id, name) => iamx.Role.fromRoleName(id, name),
    userFromName: (id, name) => iamx.User.fromUserName(id, name),
    groupFromName: (id, name) => iamx.Group.fromGroupName(id, name),
    managedPolicyFromName: (id, name) => iamx.ManagedPolicy.fromManagedPolicyName(id, name),
    managedPolicyFromArn: (id, arn) => iamx.ManagedPolicy.fromManagedPolicyArn(id, arn),
    bucketOutput: (bucket, property) => {
      let b = buckets.get(bucket);
      if (!b) {
        b = new s3.Bucket(bucket);
        buckets.set(bucket, b);
      }
      return b[property] as unknown as string;
    },
    output: (name, value) => {
      outputs[name] = value;
    },
    hours: (n) => iamx.Duration.hours(n),
    userWithPassword: (id, props) => new iamx.User(id, { passwordLength: 24, ...props }),
    oidc: (id, props) => new iamx.OpenIdConnectProvider(id, props),
    concat: (...parts) => iamx.concat(...parts.map((p) => iamx.toValue(p))) as unknown as string,
    secretApiKeyArn: () => new pulumi.Config().requireSecret("apiKeyArn") as unknown as string,
    saml: (id, xml, name) =>
      new iamx.SamlProvider(id, { metadataDocument: iamx.SamlMetadataDocument.fromXml(xml), name }),
  };
}

function pascal(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}
