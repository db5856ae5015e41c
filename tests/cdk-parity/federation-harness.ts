/**
 * Parity harness for the federation components. A scenario is written once against a small
 * facade ({@link Side}) and built three ways: with aws-cdk-lib using `OidcProviderNative` (the
 * `AWS::IAM::OIDCProvider` resource our export emits), with aws-cdk-lib using its custom-resource
 * `OpenIdConnectProvider` (same construct path, hence the same logical id and the same `Ref` in
 * trust policies, but a Lambda-backed `Custom::AWSCDKOpenIdConnectProvider` resource that cannot be
 * compared with ours), and with pulumi-iamx under mocks. The results are CloudFormation resources
 * by logical id.
 */
import * as pulumi from "@pulumi/pulumi";
import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import { Construct } from "constructs";
import { OpenIdConnectProvider } from "../../src/components/oidc-provider";
import { Grant } from "../../src/components/grant";
import { Role } from "../../src/components/role";
import { SamlMetadataDocument } from "../../src/components/saml-metadata";
import { SamlProvider } from "../../src/components/saml-provider";
import * as core from "../../src/core";
import type { ValidationError } from "../../src/core/errors";
import { synthesizeRaw, type RawSynthesis } from "../../src/testing/synthesize";
import { expectSameJson } from "./oracle";

export type Iam = typeof core;
export type Scope = unknown;

export interface OidcProps {
  readonly url: string;
  readonly clientIds?: string[];
  readonly thumbprints?: string[];
}

/** What a scenario can build; each implementation maps it to its own API. */
export interface Side {
  readonly kind: "cdk-native" | "cdk-custom" | "iamx";
  readonly iam: Iam;
  /** A grouping scope (a Construct in CDK, a plain ComponentResource here). */
  scope(id: string, parent?: Scope): Scope;
  oidc(
    id: string,
    props: OidcProps,
    scope?: Scope,
  ): core.IOpenIdConnectProvider & { openIdConnectProviderIssuer: unknown };
  importOidc(id: string, arn: string): core.IOpenIdConnectProvider & { openIdConnectProviderIssuer: unknown };
  saml(id: string, xml: string, name?: string, scope?: Scope): core.ISamlProvider;
  importSaml(id: string, arn: string): core.ISamlProvider;
  role(id: string, assumedBy: core.IPrincipal, scope?: Scope): RoleLike;
  /** `Grant.addToPrincipal({ grantee, actions, resourceArns })`. */
  grantOnResources(grantee: RoleLike, actions: string[], resourceArns: unknown[]): void;
}

/** What scenarios use of a role. */
export interface RoleLike {
  addToPolicy(s: core.PolicyStatement): boolean;
  grantAssumeRole(principal: core.IPrincipal): unknown;
}

export type FederationScenario = (side: Side) => void;

/** CloudFormation resources by logical id: type and properties. */
export type Resources = Record<string, { Type: string; Properties?: Record<string, any> }>;

const MINIMIZE = "@aws-cdk/aws-iam:minimizePolicies";

export function synthCdk(
  scenario: FederationScenario,
  variant: "cdk-native" | "cdk-custom",
  minimize = true,
): Resources {
  const app = new cdk.App({ context: { [MINIMIZE]: minimize } });
  const stack = new cdk.Stack(app, "S");
  const construct = (s: Scope | undefined) => (s as Construct | undefined) ?? stack;
  let imports = 0;
  const side: Side = {
    kind: variant,
    iam: cdkIam as unknown as Iam,
    scope: (id, parent) => new Construct(construct(parent), id),
    oidc: (id, props, scope) =>
      (variant === "cdk-native"
        ? new cdkIam.OidcProviderNative(construct(scope), id, props)
        : new cdkIam.OpenIdConnectProvider(construct(scope), id, props)) as never,
    importOidc: (id, arn) =>
      cdkIam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(stack, `${id}${++imports}`, arn) as never,
    saml: (id, xml, name, scope) =>
      new cdkIam.SamlProvider(construct(scope), id, {
        metadataDocument: cdkIam.SamlMetadataDocument.fromXml(xml),
        name,
      }) as never,
    importSaml: (id, arn) => cdkIam.SamlProvider.fromSamlProviderArn(stack, `${id}${++imports}`, arn) as never,
    role: (id, assumedBy, scope) =>
      new cdkIam.Role(construct(scope), id, { assumedBy: assumedBy as unknown as cdkIam.IPrincipal }) as never,
    grantOnResources: (grantee, actions, resourceArns) =>
      void cdkIam.Grant.addToPrincipal({
        grantee: grantee as unknown as cdkIam.IGrantable,
        actions,
        resourceArns: resourceArns as string[],
      }),
  };
  scenario(side);
  // The stack's template without a full app synthesis (no asset staging or template validation):
  // the same JSON for these resources at a small fraction of the time.
  const template = (stack as unknown as { _toCloudFormation(): { Resources: Resources } })._toCloudFormation();
  return template.Resources;
}

export async function synthIamx(scenario: FederationScenario, minimize = true): Promise<Resources> {
  return (await synthIamxRun(scenario, minimize)).resources;
}

/** Like {@link synthIamx}, also giving the Pulumi run (registered resources and their inputs). */
export async function synthIamxRun(
  scenario: FederationScenario,
  minimize = true,
): Promise<{ resources: Resources; run: RawSynthesis }> {
  const run = await synthesizeRaw(
    () => {
      const parent = (s: Scope | undefined) => (s ? { parent: s as pulumi.Resource } : undefined);
      const side: Side = {
        kind: "iamx",
        iam: core,
        scope: (id, p) => new pulumi.ComponentResource("test:index:Scope", id, {}, parent(p)),
        // The export is the same whether the thumbprint is fetched or not (it carries only given
        // thumbprints), so parity runs never touch the network.
        oidc: (id, props, scope) => new OpenIdConnectProvider(id, { ...props, thumbprintFetch: false }, parent(scope)),
        importOidc: (id, arn) => OpenIdConnectProvider.fromOpenIdConnectProviderArn(id, arn),
        saml: (id, xml, name, scope) =>
          new SamlProvider(id, { metadataDocument: SamlMetadataDocument.fromXml(xml), name }, parent(scope)),
        importSaml: (id, arn) => SamlProvider.fromSamlProviderArn(id, arn),
        role: (id, assumedBy, scope) => new Role(id, { assumedBy }, parent(scope)),
        grantOnResources: (grantee, actions, resourceArns) =>
          void Grant.addToPrincipal({ grantee: grantee as Role, actions, resourceArns: resourceArns as string[] }),
      };
      scenario(side);
    },
    { config: { "iamx:minimizePolicies": String(minimize) } },
  );
  core.configure({ minimizePolicies: minimize });
  const out: Resources = {};
  for (const r of run.model.resources) {
    if (!r.included) continue;
    const properties = core.toCfnJson(r.renderProperties()) as Record<string, any> | undefined;
    out[r.logicalId] = properties === undefined ? { Type: r.type } : { Type: r.type, Properties: properties };
  }
  return { resources: out, run };
}

/** The logical ids of resources of a type. */
export function idsOf(resources: Resources, type: string): string[] {
  return Object.keys(resources).filter((id) => resources[id].Type === type);
}

/** The resources of one type, by logical id. */
export function ofType(resources: Resources, type: string): Resources {
  return Object.fromEntries(idsOf(resources, type).map((id) => [id, resources[id]]));
}

/** Each role's trust policy, by logical id. */
export function trustPolicies(resources: Resources): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of idsOf(resources, "AWS::IAM::Role")) {
    out[id] = resources[id].Properties?.AssumeRolePolicyDocument;
  }
  return out;
}

/** A CloudFormation document with each `{Ref: id}` replaced by the value `refs` gives for `id`. */
export function substituteRefs(doc: unknown, refs: Record<string, string>): unknown {
  if (Array.isArray(doc)) return doc.map((d) => substituteRefs(d, refs));
  if (doc && typeof doc === "object") {
    const keys = Object.keys(doc);
    const ref = (doc as { Ref?: unknown }).Ref;
    if (keys.length === 1 && typeof ref === "string" && ref in refs) return refs[ref];
    return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, substituteRefs(v, refs)]));
  }
  return doc;
}

/**
 * Our export against CDK's: the identity-provider resources of `providerType` (type, logical id,
 * properties, key order), every role's trust policy and the identity policies. `labels` name the
 * first two comparisons in failure messages.
 */
export function expectSameFederation(
  ours: Resources,
  theirs: Resources,
  providerType: string,
  what: string,
  labels: { readonly providers: string; readonly trust: string },
): void {
  expectSameJson(ofType(ours, providerType), ofType(theirs, providerType), `${what}: ${labels.providers}`);
  expectSameJson(trustPolicies(ours), trustPolicies(theirs), `${what}: ${labels.trust}`);
  expectSameJson(ofType(ours, "AWS::IAM::Policy"), ofType(theirs, "AWS::IAM::Policy"), `${what}: policies`);
}

/**
 * The Pulumi side of a scenario with one provider and one role: the provider (Pulumi type
 * `pulumiType`, CloudFormation type `cfnType`) has the ARN `arn`, and the role's
 * `assumeRolePolicy` is CDK's trust document with that ARN in place of the provider's `Ref`.
 */
export async function expectPulumiTrust(
  scenario: FederationScenario,
  expected: { readonly pulumiType: string; readonly cfnType: string; readonly arn: string },
  minimize = true,
  what?: string,
): Promise<void> {
  const { resources, run } = await synthIamxRun(scenario, minimize);
  const theirs = synthCdk(scenario, "cdk-native", minimize);
  const provider = run.resources.find((r) => r.type === expected.pulumiType)!;
  const role = run.resources.find((r) => r.type === "aws:iam/role:Role")!;
  const [providerId] = idsOf(resources, expected.cfnType);
  const [roleId] = idsOf(theirs, "AWS::IAM::Role");
  expect(provider.outputs.arn).to.equal(expected.arn);
  expectSameJson(
    JSON.parse(role.inputs.assumeRolePolicy),
    substituteRefs(theirs[roleId].Properties!.AssumeRolePolicyDocument, { [providerId]: provider.outputs.arn }),
    what,
  );
}

/** The error `fn` throws, or undefined. */
export function errorOf<E extends Error = Error>(fn: () => unknown): E | undefined {
  try {
    fn();
  } catch (e) {
    return e as E;
  }
  return undefined;
}

/** The error `fn` throws when called in a program under mocks, or undefined. */
export async function errorInProgram(fn: () => unknown): Promise<ValidationError | undefined> {
  let ours: ValidationError | undefined;
  await synthesizeRaw(() => {
    ours = errorOf<ValidationError>(fn);
  });
  return ours;
}

/**
 * CDK threw, and ours has CDK's code (the name of CDK's error) and message, prefixed by `[scope] `
 * when ours names its component.
 */
export function expectCdkError(ours: ValidationError | undefined, theirs: Error | undefined, scope?: string): void {
  expect(theirs, "CDK throws").to.be.instanceOf(Error);
  expect({ code: ours?.code, message: ours?.message }).to.deep.equal({
    code: theirs!.name,
    message: scope === undefined ? theirs!.message : `[${scope}] ${theirs!.message}`,
  });
}
