/**
 * The iamx component provider: serves the committed package schema, builds components for other
 * languages (`construct`) by running the TypeScript components through the facade, and runs their
 * methods (`call`).
 *
 * The engine starts one provider process per deployment, so one provider instance serves one
 * deployment: one {@link ProviderDeployment}, a program run of the library that lives across the
 * requests (settings, scope rules, name registries, the components built so far). Each request
 * finalizes what it built or changed before it answers: the engine waits for every registration a
 * request started, so a document a request rendered stays as it is, and a later request adds
 * resources of its own instead (see the README, "what lands when"). The work of a request is
 * synchronous, so requests cannot interleave inside one even when the engine sends several at once.
 */
import * as pulumi from "@pulumi/pulumi";
import { ProviderDeployment } from "../../src";
import type * as provider from "@pulumi/pulumi/provider";
import { FACADES, type AnyFacade } from "../facade";
import { labelOutputs } from "../facade/late";
import { applyRemoval } from "../facade/convert";
import type { ComponentArgs } from "../facade/types";
import type { PackageSpec } from "../generator/spec";
import { readInputs, type ResourceClasses } from "./inputs";
import { registerResourceModule, remember } from "./registry";
import schemaJson from "../schema.json";

const SCHEMA = schemaJson as unknown as PackageSpec;

/** The provider. One instance serves one deployment (the engine starts one process per deployment). */
export class IamxProvider implements provider.Provider {
  public readonly version: string;
  private readonly spec: PackageSpec;
  private readonly classes: ResourceClasses;
  private readonly deployment = new ProviderDeployment();

  constructor(schema: PackageSpec = SCHEMA) {
    this.spec = schema;
    this.version = schema.version;
    this.classes = new Map(
      Object.entries(FACADES).map(([name, f]) => [`${schema.name}:index:${name}`, f.componentClass]),
    );
    registerResourceModule(schema.name, schema.version);
  }

  public async getSchema(): Promise<string> {
    return JSON.stringify(this.spec);
  }

  public async construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<provider.ConstructResult> {
    const { facade, spec } = this.lookup(type);
    const args = await readInputs(
      this.spec,
      this.classes,
      spec.inputProperties,
      spec.requiredInputs,
      inputs,
      `${type} "${name}"`,
    );
    const { component, outputs } = this.deployment.request(() => {
      const built = facade.construct(name, args, options ?? {});
      applyRemoval(built.component, (args as ComponentArgs).removalPolicy);
      return built;
    });
    await remember(component);
    return { urn: component.urn, state: withoutUndefined(outputs) };
  }

  public async call(token: string, inputs: pulumi.Inputs): Promise<provider.InvokeResult> {
    const fn = this.spec.functions[token];
    const [type, method] = token.split("/");
    if (!fn || !method) throw new Error(`iamx has no method ${token}`);
    const { facade } = this.lookup(type);
    const impl = (facade.methods as Record<string, (self: unknown, args: unknown) => unknown>)[method];
    const { __self__: selfSpec, ...argSpecs } = fn.inputs.properties;
    const self = (
      await readInputs(
        this.spec,
        this.classes,
        { __self__: selfSpec },
        ["__self__"],
        { __self__: inputs.__self__ },
        token,
      )
    ).__self__;
    const { __self__: _ignored, ...rest } = inputs;
    const required = (fn.inputs.required ?? []).filter((r) => r !== "__self__");
    const args = await readInputs(this.spec, this.classes, argSpecs, required, rest, token);
    await labelOutputs(args);
    const result = this.deployment.request(() => impl(self, args));
    return { outputs: result ? withoutUndefined(result as Record<string, unknown>) : {} };
  }

  private lookup(type: string) {
    const spec = this.spec.resources[type];
    const name = type.split(":")[2];
    const facade = spec ? (FACADES as Record<string, AnyFacade>)[name] : undefined;
    if (!spec || !facade) {
      throw new Error(`iamx has no component ${type}; known: ${Object.keys(this.spec.resources).join(", ")}`);
    }
    return { facade, spec };
  }
}

function withoutUndefined(o: Record<string, unknown>): Record<string, any> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
