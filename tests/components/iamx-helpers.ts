// Shared by the Role / Policy / ManagedPolicy / Grant tests and their CDK parity tests.
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { ValidationError } from "../../src/core/errors";
import { ServicePrincipal } from "../../src/core/principals/service";
import { PolicyStatement } from "../../src/core/statement";
import type { CfnResource, ProgramModel } from "../../src/render/cloudformation/model";
import { synthesizeRaw, type SynthesizedResource, type SynthesizeOptions } from "../../src/testing/synthesize";

/** A CloudFormation resource of our model as template JSON. */
export interface CfnJson {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string[];
  UpdateReplacePolicy?: string;
  DeletionPolicy?: string;
}

export interface Run {
  readonly resources: SynthesizedResource[];
  readonly model: ProgramModel;
  /** Emitted CloudFormation resources by logical id. */
  readonly cfn: Record<string, CfnJson>;
  /** The Pulumi resource of a type and name (fails the test when missing). */
  get(type: string, name: string): SynthesizedResource;
  /** Every Pulumi resource of a type. */
  all(type: string): SynthesizedResource[];
  /** URNs each resource (by `type::name`) was registered with as dependencies. */
  readonly dependencies: Map<string, string[]>;
  /** The dependencies a resource of a type and name was registered with. */
  depsOf(type: string, name: string): string[];
  /** URN of each resource by `type::name`. */
  readonly urns: Map<string, string>;
  /** URN of the resource of a type and name (fails the test when missing). */
  urnOf(type: string, name: string): string;
  /** `type::name` of every resource the engine gets with `retainOnDelete` (after transforms). */
  readonly retained: Set<string>;
}

/** The Lambda service principal, for roles to trust. */
export const lambda = (): ServicePrincipal => new ServicePrincipal("lambda");

/** `s3:GetObject` on the objects of a bucket. */
export const s3Read = (bucket = "b"): PolicyStatement =>
  new PolicyStatement({ actions: ["s3:GetObject"], resources: [`arn:aws:s3:::${bucket}/*`] });

export const T = {
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  policy: "aws:iam/policy:Policy",
  roleAttach: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  userAttach: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  groupAttach: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
} as const;

/** Runs a program under mocks and collects resources, the CloudFormation model and dependencies. */
export async function run(program: () => unknown, options: SynthesizeOptions = {}): Promise<Run> {
  const dependencies = new Map<string, string[]>();
  const urns = new Map<string, string>();
  const raw = await synthesizeRaw(async () => {
    captureDependencies(dependencies, urns);
    return program();
  }, options);
  const retained = new Set(raw.resources.filter((r) => r.retainOnDelete).map((r) => `${r.type}::${r.name}`));
  const model = raw.model;
  const cfn: Record<string, CfnJson> = {};
  for (const r of model.resources) if (r.included) cfn[r.logicalId] = cfnJsonOf(r);
  const all = (type: string) => raw.resources.filter((r) => r.type === type);
  const get = (type: string, name: string) => {
    const found = raw.resources.find((r) => r.type === type && r.name === name);
    if (!found) {
      const names = all(type).map((r) => r.name);
      throw new Error(`no ${type} named ${name}; found ${JSON.stringify(names)}`);
    }
    return found;
  };
  const urnOf = (type: string, name: string) => {
    const urn = urns.get(`${type}::${name}`);
    if (!urn) throw new Error(`no URN recorded for ${type} ${name}`);
    return urn;
  };
  const depsOf = (type: string, name: string) => {
    const d = dependencies.get(`${type}::${name}`);
    if (!d) throw new Error(`no registration recorded for ${type} ${name}`);
    return d;
  };
  return { resources: raw.resources, model, cfn, get, all, dependencies, urns, urnOf, depsOf, retained };
}

export function cfnJsonOf(r: CfnResource): CfnJson {
  const out: CfnJson = { Type: r.type };
  const props = r.renderProperties();
  if (props !== undefined) {
    const json = JSON.parse(JSON.stringify(props)) as Record<string, unknown>;
    if (Object.keys(json).length > 0) out.Properties = json;
  }
  if (r.dependsOn.size > 0) out.DependsOn = [...r.dependsOn].map((d) => d.logicalId).sort();
  if (r.updateReplacePolicy) out.UpdateReplacePolicy = r.updateReplacePolicy;
  if (r.deletionPolicy) out.DeletionPolicy = r.deletionPolicy;
  return out;
}

// The mock monitor does not pass dependencies to `newResource`; read them off the request.
function captureDependencies(deps: Map<string, string[]>, urns: Map<string, string>): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, cb: (err: unknown, resp: { getUrn(): string } | undefined) => void): void;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    deps.set(`${req.getType()}::${req.getName()}`, req.getDependenciesList());
    original(req, (err, resp) => {
      if (resp) urns.set(`${req.getType()}::${req.getName()}`, resp.getUrn());
      cb(err, resp);
    });
  };
}

interface RegisterRequest {
  getName(): string;
  getType(): string;
  getDependenciesList(): string[];
}

/** Parsed JSON of a Pulumi input that holds a JSON string. */
export function doc(r: SynthesizedResource, prop = "policy"): any {
  expect(r.inputs[prop], `${r.name}.${prop}`).to.be.a("string");
  return JSON.parse(r.inputs[prop] as string);
}

/** The ValidationError `fn` throws (fails the test when it throws nothing or something else). */
export function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect((e as Error).name, String(e)).to.equal("ValidationError");
    expect(e).to.be.instanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

/** The ValidationError a rejected promise carries. */
export async function rejection(p: Promise<unknown>): Promise<ValidationError> {
  try {
    await p;
  } catch (e) {
    expect((e as Error).name, String(e)).to.equal("ValidationError");
    expect(e).to.be.instanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("expected a rejection with a ValidationError");
}

/** The resolved value of an Output. */
export function valueOf<T>(o: { apply(f: (v: T) => unknown): unknown }): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

/**
 * CloudFormation JSON (from CDK) with intrinsics replaced by the values our program resolved:
 * pseudo parameters from the mock cloud, `Ref`/`GetAtt` from the attribute Outputs of the model
 * resource with that logical id. Lets Pulumi-side documents be compared with CDK's template.
 */
export async function resolveIntrinsics(
  x: unknown,
  model: ProgramModel,
  cloud = { partition: "aws", account: "123456789012", region: "us-east-1" },
): Promise<unknown> {
  const attr = async (logicalId: string, attribute: string): Promise<unknown> => {
    const res = model.resources.find((r) => r.logicalId === logicalId);
    if (!res) throw new Error(`no model resource ${logicalId}`);
    const v = res.resolveAttribute(attribute);
    return pulumi.Output.isInstance(v) ? valueOf(v as pulumi.Output<unknown>) : v;
  };
  const walk = async (v: unknown): Promise<unknown> => {
    if (Array.isArray(v)) return Promise.all(v.map(walk));
    if (v === null || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1) {
      const [k] = keys;
      const arg = o[k];
      if (k === "Ref") {
        const pseudo: Record<string, string> = {
          "AWS::Partition": cloud.partition,
          "AWS::AccountId": cloud.account,
          "AWS::Region": cloud.region,
          "AWS::URLSuffix": "amazonaws.com",
        };
        return pseudo[arg as string] ?? attr(arg as string, "Ref");
      }
      if (k === "Fn::GetAtt") return attr((arg as string[])[0], (arg as string[])[1]);
      if (k === "Fn::Join") {
        const [sep, parts] = arg as [string, unknown[]];
        return ((await walk(parts)) as string[]).join(sep);
      }
      if (k === "Fn::Select") {
        const [i, list] = arg as [number, unknown];
        return ((await walk(list)) as string[])[i];
      }
      if (k === "Fn::Split") {
        const [sep, s] = arg as [string, unknown];
        return ((await walk(s)) as string).split(sep);
      }
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = await walk(o[k]);
    return out;
  };
  return walk(x);
}

/** Bad input: a test title, the call, the ValidationError code it throws and a pattern of its message. */
export type ThrowCase = [title: string, make: () => unknown, code: string, message: RegExp];

/**
 * One test per case: `make`, called in a program, throws a ValidationError with the code and a
 * matching message. The program must then end without error, unless `programMayFail` (when the
 * half-configured component may fail the program at finalize).
 */
export function itThrows(cases: readonly ThrowCase[], { programMayFail = false } = {}): void {
  for (const [title, make, code, message] of cases) {
    it(title, async () => {
      let e!: ValidationError;
      const program = run(() => {
        e = validationError(make);
      });
      await (programMayFail ? program.catch(() => undefined) : program);
      expect(e.code).to.equal(code);
      expect(e.message).to.match(message);
    });
  }
}
