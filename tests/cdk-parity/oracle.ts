/**
 * The CDK parity oracle. A scenario is written once against the aws-iam API (the names are the
 * same in aws-cdk-lib and in pulumi-iamx) and built twice: with `aws-cdk-lib/aws-iam` inside a
 * fresh App/Stack, rendered by `stack.resolve(doc)`, and with `src/core`, rendered by
 * `doc.toJSON()`. The two JSON texts must be identical (key order included), with
 * `@aws-cdk/aws-iam:minimizePolicies` on and off.
 *
 * Values that are not literal strings come from an {@link Env}, which hands out CDK tokens on one
 * side and pulumi-iamx tokens on the other, so both render the same CloudFormation JSON.
 */
import * as cdk from "aws-cdk-lib";
import * as cdkIam from "aws-cdk-lib/aws-iam";
import { expect } from "chai";
import * as core from "../../src/core";

/** The module a scenario is built with; aws-cdk-lib's aws-iam is used through the same shape. */
export type Iam = typeof core;

/** Non-literal values and helper objects, provided differently for each implementation. */
export interface Env {
  readonly kind: "cdk" | "iamx";
  /** `AWS::AccountId` */
  readonly accountId: core.Value;
  /** `AWS::Partition` */
  readonly partition: core.Value;
  /** `AWS::Region` */
  readonly region: core.Value;
  /** String concatenation of literals and tokens (a template literal in CDK). */
  concat(...parts: core.Value[]): core.Value;
  /** `Fn::GetAtt [logicalId, attribute]` of a resource of this program (one resource per id). */
  getAtt(logicalId: string, attribute: string): core.Value;
  /** `Ref logicalId` of a resource of this program. */
  ref(logicalId: string): core.Value;
  /**
   * `Fn::GetAtt` written out by name: CDK's `Fn.getAtt` makes a new token on every call, while a
   * pulumi-iamx reference to the same target and attribute is always the same value.
   */
  fnGetAtt(logicalId: string, attribute: string): core.Value;
  /** An OpenID Connect provider known by its literal ARN. */
  oidcProvider(arn: string): core.IOpenIdConnectProvider;
  /** A SAML provider known by its literal ARN. */
  samlProvider(arn: string): core.ISamlProvider;
  /** Something that is an IAM group (rejected as a principal). */
  group(): core.IPrincipal;
  /** Adds a principal's trust statements to a document (CDK: `addToAssumeRolePolicy` or the default statement). */
  trust(principal: core.IPrincipal, doc: core.PolicyDocument): void;
}

export type Scenario = (iam: Iam, env: Env) => core.PolicyDocument;

const MINIMIZE_FLAG = "@aws-cdk/aws-iam:minimizePolicies";

/** A CDK app with the minimize flag set, and the env-agnostic stack `S`. */
export function cdkStack(minimize: boolean, context: Record<string, unknown> = {}): cdk.Stack {
  const app = new cdk.App({ context: { [MINIMIZE_FLAG]: minimize, ...context } });
  return new cdk.Stack(app, "S");
}

/** Values and helpers for scenarios built with aws-cdk-lib in this stack. */
export function cdkEnv(stack: cdk.Stack): Env {
  const resources = new Map<string, cdk.CfnResource>();
  const resource = (logicalId: string): cdk.CfnResource => {
    let r = resources.get(logicalId);
    if (!r) {
      r = new cdk.CfnResource(stack, logicalId, { type: "AWS::IAM::Role" });
      r.overrideLogicalId(logicalId);
      resources.set(logicalId, r);
    }
    return r;
  };
  let groups = 0;
  let providers = 0;
  return {
    kind: "cdk",
    accountId: cdk.Aws.ACCOUNT_ID,
    partition: cdk.Aws.PARTITION,
    region: cdk.Aws.REGION,
    concat: (...parts) => parts.map(String).join(""),
    getAtt: (logicalId, attribute) => resource(logicalId).getAtt(attribute).toString(),
    ref: (logicalId) => resource(logicalId).ref,
    fnGetAtt: (logicalId, attribute) => cdk.Fn.getAtt(logicalId, attribute).toString(),
    oidcProvider: (arn) =>
      cdkIam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(
        stack,
        `Oidc${++providers}`,
        arn,
      ) as unknown as core.IOpenIdConnectProvider,
    samlProvider: (arn) =>
      cdkIam.SamlProvider.fromSamlProviderArn(stack, `Saml${++providers}`, arn) as unknown as core.ISamlProvider,
    group: () => new cdkIam.Group(stack, `Group${++groups}`) as unknown as core.IPrincipal,
    trust: (principal, doc) => {
      const p = principal as unknown as cdkIam.IPrincipal & Partial<cdkIam.IAssumeRolePrincipal>;
      const d = doc as unknown as cdkIam.PolicyDocument;
      if (p.addToAssumeRolePolicy) p.addToAssumeRolePolicy(d);
      else d.addStatements(new cdkIam.PolicyStatement({ actions: [p.assumeRoleAction], principals: [p] }));
    },
  };
}

/** Values and helpers for scenarios built with pulumi-iamx. */
export function iamxEnv(): Env {
  const targets = new Map<string, core.ReferenceTarget>();
  const target = (logicalId: string): core.ReferenceTarget => {
    let t = targets.get(logicalId);
    if (!t) {
      t = { logicalId, displayPath: logicalId, resolveAttribute: () => undefined };
      targets.set(logicalId, t);
    }
    return t;
  };
  return {
    kind: "iamx",
    accountId: core.Aws.ACCOUNT_ID,
    partition: core.Aws.PARTITION,
    region: core.Aws.REGION,
    concat: (...parts) => core.concat(...parts),
    getAtt: (logicalId, attribute) => new core.Reference(target(logicalId), attribute),
    ref: (logicalId) => new core.Reference(target(logicalId), "Ref"),
    fnGetAtt: (logicalId, attribute) => new core.Reference(target(logicalId), attribute),
    oidcProvider: (arn) => ({ openIdConnectProviderArn: arn }),
    samlProvider: (arn) => ({ samlProviderArn: arn }),
    group: () => groupMarker(),
    trust: (principal, doc) => core.addPrincipalToAssumeRolePolicy(principal, doc),
  };
}

/** Our stand-in for an IAM Group: an object carrying the NOT_A_PRINCIPAL marker. */
export function groupMarker(): core.IPrincipal {
  const base = new core.ArnPrincipal("arn:aws:iam::123456789012:group/g");
  return Object.assign(Object.create(base) as core.IPrincipal, { [core.NOT_A_PRINCIPAL]: true });
}

/** The document rendered by aws-cdk-lib (`stack.resolve`), as plain JSON. */
export function renderCdk(scenario: Scenario, minimize: boolean): unknown {
  const stack = cdkStack(minimize);
  const doc = scenario(cdkIam as unknown as Iam, cdkEnv(stack));
  return stack.resolve(doc);
}

/**
 * Configures pulumi-iamx like the CDK app: the minimize setting, and no AWS action catalogue
 * check (CDK only checks the action format, and scenarios use made-up actions such as `a:B`).
 */
export function configureIamx(minimize: boolean): void {
  core.configure({ minimizePolicies: minimize, checkActions: false });
}

/** The document rendered by pulumi-iamx (`configure` + `toJSON`), as plain JSON. */
export function renderIamx(scenario: Scenario, minimize: boolean): unknown {
  configureIamx(minimize);
  const doc = scenario(core, iamxEnv());
  return doc.toJSON();
}

/** Asserts identical JSON, key order included. */
export function expectSameJson(actual: unknown, expected: unknown, what = ""): void {
  expect(actual, what).to.deep.equal(expected);
  expect(JSON.stringify(actual), `${what} (key order)`).to.equal(JSON.stringify(expected));
}

/** Renders with both libraries and both minimize settings and asserts identical JSON. */
export function checkParity(scenario: Scenario): { on: unknown; off: unknown } {
  const out: Record<string, unknown> = {};
  for (const minimize of [true, false]) {
    const expected = renderCdk(scenario, minimize);
    const actual = renderIamx(scenario, minimize);
    expectSameJson(actual, expected, `minimize ${minimize ? "on" : "off"}`);
    out[minimize ? "on" : "off"] = actual;
  }
  return { on: out.on, off: out.off };
}

/**
 * Registers one test: the scenario renders identically with aws-cdk-lib and pulumi-iamx, with
 * minimize on and off. `check` may assert more about the (shared) output.
 */
export function parity(title: string, scenario: Scenario, check?: (out: { on: unknown; off: unknown }) => void): void {
  it(title, () => {
    const out = checkParity(scenario);
    check?.(out);
  });
}

/** What a failing build threw: CDK's error code is its `name`, ours is `code` (name `ValidationError`). */
export interface Thrown {
  readonly code: string;
  readonly message: string;
}

function thrown(fn: () => unknown, kind: "cdk" | "iamx"): Thrown {
  try {
    fn();
  } catch (e) {
    const err = e as Error & { code?: string };
    if (kind === "iamx") expect(err.name).to.equal("ValidationError");
    return {
      code: kind === "cdk" ? err.name : (err.code ?? ""),
      message: kind === "cdk" ? unwrap(err.message) : err.message,
    };
  }
  throw new Error(`expected the ${kind} scenario to throw`);
}

/**
 * An error thrown while CDK resolves a document (rather than while building it) reaches the
 * caller as `Resolution error: <message>.`; pulumi-iamx renders without such a wrapper.
 */
function unwrap(message: string): string {
  const m = /^Resolution error: ([\s\S]*)\.$/.exec(message);
  return m ? m[1] : message;
}

/** Registers one test: both libraries throw the same error code and message, minimize on and off. */
export function parityError(title: string, scenario: Scenario, expected?: Partial<Thrown>): void {
  it(title, () => {
    for (const minimize of [true, false]) {
      const stack = cdkStack(minimize);
      const theirs = thrown(() => stack.resolve(scenario(cdkIam as unknown as Iam, cdkEnv(stack))), "cdk");
      const ours = thrown(() => renderIamx(scenario, minimize), "iamx");
      expect(ours).to.deep.equal(theirs);
      if (expected?.code) expect(ours.code).to.equal(expected.code);
      if (expected?.message) expect(ours.message).to.equal(expected.message);
    }
  });
}

/** A scenario giving any JSON-like value (statement JSON, validation messages, getters). */
export type ValueScenario = (iam: Iam, env: Env) => unknown;

/** Registers one test: the value (tokens resolved) is identical with both libraries, minimize on and off. */
export function parityValue(title: string, scenario: ValueScenario, check?: (value: unknown) => void): void {
  it(title, () => {
    for (const minimize of [true, false]) {
      const stack = cdkStack(minimize);
      const theirs = stack.resolve(scenario(cdkIam as unknown as Iam, cdkEnv(stack)));
      configureIamx(minimize);
      const ours = core.toCfnJson(scenario(core, iamxEnv()));
      expectSameJson(ours, theirs, `minimize ${minimize ? "on" : "off"}`);
      check?.(ours);
    }
  });
}

/**
 * Runs `fn` with aws-cdk-lib's template validation off. CDK checks every synthesized template
 * against CloudFormation rules (~10 s to load the first time, and warnings for the empty templates
 * customizeRoles leaves); parity tests compare the templates themselves.
 */
export function withoutCdkValidation<T>(fn: () => T): T {
  const saved = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = "false";
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = saved;
  }
}
