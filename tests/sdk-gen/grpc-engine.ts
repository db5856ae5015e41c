/**
 * A stand-in for the Pulumi engine around the real provider process: the provider plugin
 * (`sdk-gen/provider/main.ts`, Pulumi's provider server) runs as a child process, as the engine
 * runs it, and talks to a mock engine and a mock resource monitor served here over gRPC. The test
 * sends `Construct` and `Call` requests as the engine forwards them from a program in another
 * language, and reads every registration the provider made, in the order it arrived.
 */
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { engineTransformOptions, type TransformOptionsProto } from "../engine-transforms";

/* eslint-disable @typescript-eslint/no-require-imports */
const providerRpc = require("@pulumi/pulumi/proto/provider_grpc_pb.js");
const providerPb = require("@pulumi/pulumi/proto/provider_pb.js");
const resourceRpc = require("@pulumi/pulumi/proto/resource_grpc_pb.js");
const resourcePb = require("@pulumi/pulumi/proto/resource_pb.js");
const engineRpc = require("@pulumi/pulumi/proto/engine_grpc_pb.js");
const callbackRpc = require("@pulumi/pulumi/proto/callback_grpc_pb.js");
const callbackPb = require("@pulumi/pulumi/proto/callback_pb.js");
const enginePb = require("@pulumi/pulumi/proto/engine_pb.js");
const structPb = require("google-protobuf/google/protobuf/struct_pb.js");
const emptyPb = require("google-protobuf/google/protobuf/empty_pb.js");
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = path.join(__dirname, "..", "..");
const STACK_URN = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev";
/** The wire form of a resource reference (Pulumi's `specialSigKey` / `specialResourceSig`). */
const SIG = "4dabf18193072939515e22adb298388d";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** A resource the provider registered with the monitor. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly parent: string;
  readonly custom: boolean;
  /** Inputs as the engine receives them. */
  readonly inputs: Record<string, any>;
  /** How many requests the provider had answered when this registration arrived. */
  readonly answeredBefore: number;
  /** `retainOnDelete` as the engine applies it: the request's, through its transform callbacks. */
  readonly retainOnDelete: boolean;
}

/** A reference to a resource, as the engine passes one in inputs (`roles: [role]`, `__self__`). */
export function ref(urn: string): Record<string, string> {
  return { [SIG]: RESOURCE_SIG, urn, packageVersion: "" };
}

function urnOf(type: string, name: string): string {
  return `urn:pulumi:dev::proj::${type}::${name}`;
}

function listen(server: grpc.Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, port) =>
      e ? reject(e) : resolve(port),
    ),
  );
}

type Callback = (e: grpc.ServiceError | null, r?: unknown) => void;

/** One deployment: a mock engine and monitor, and one provider process. */
export class GrpcDeployment {
  /** Every registration, in arrival order. */
  public readonly registrations: Registration[] = [];
  /** What the provider logged through the engine. */
  public readonly logs: string[] = [];
  private answered = 0;
  private readonly servers: grpc.Server[] = [];
  private child?: ChildProcess;
  private client?: any;
  private monitorAddress = "";

  /** Starts the servers and the provider process. */
  public async start(): Promise<void> {
    const monitor = new grpc.Server();
    monitor.addService(resourceRpc.ResourceMonitorService, this.monitorService());
    const engine = new grpc.Server();
    engine.addService(engineRpc.EngineService, this.engineService());
    this.servers.push(monitor, engine);
    this.monitorAddress = `127.0.0.1:${await listen(monitor)}`;
    const engineAddress = `127.0.0.1:${await listen(engine)}`;
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "sdk-gen/provider/main.ts", engineAddress],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child = child;
    const port = await new Promise<string>((resolve, reject) => {
      let out = "";
      let err = "";
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /^(\d+)\s*$/m.exec(out);
        if (m) resolve(m[1]);
      });
      child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
      child.on("exit", (code) => reject(new Error(`provider exited with ${code}: ${err}`)));
    });
    this.client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  }

  /** Stops the provider process and the servers. */
  public async stop(): Promise<void> {
    this.client?.close();
    if (this.child?.pid && this.child.exitCode === null) this.child.kill();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.tryShutdown(() => r()))));
  }

  /** Sends a Construct request; resolves with the component's URN and state. */
  public async construct(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
  ): Promise<{ urn: string; state: Record<string, any> }> {
    const req = new providerPb.ConstructRequest();
    this.common(req);
    req.setType(`iamx:index:${type}`);
    req.setName(name);
    req.setInputs(structPb.Struct.fromJavaScript(inputs));
    const res = await this.ask("construct", req);
    return { urn: res.getUrn(), state: res.getState()?.toJavaScript() ?? {} };
  }

  /** Sends a Call request for a method; resolves with its result. */
  public async call(token: string, self: string, args: Record<string, unknown>): Promise<Record<string, any>> {
    const req = new providerPb.CallRequest();
    this.common(req);
    req.setTok(`iamx:index:${token}`);
    req.setArgs(structPb.Struct.fromJavaScript({ __self__: ref(self), ...args }));
    const res = await this.ask("call", req);
    return res.getReturn()?.toJavaScript() ?? {};
  }

  private common(req: any): void {
    req.setProject("proj");
    req.setStack("dev");
    req.setOrganization("org");
    req.setDryrun(false);
    req.setParallel(4);
    req.setMonitorendpoint(this.monitorAddress);
  }

  private ask(method: string, req: unknown): Promise<any> {
    return new Promise((resolve, reject) =>
      this.client[method](req, (e: Error | null, r: unknown) => {
        this.answered++;
        if (e) reject(e);
        else resolve(r);
      }),
    );
  }

  /** The options the engine goes on with: through the transform callbacks, on the provider's callback server. */
  private transformedOptions(req: any): Promise<TransformOptionsProto> {
    return engineTransformOptions(req, async (callback, request) => {
      const invoke = new callbackPb.CallbackInvokeRequest();
      invoke.setToken(callback.getToken());
      invoke.setRequest(request);
      const client = new callbackRpc.CallbacksClient(callback.getTarget(), grpc.credentials.createInsecure());
      try {
        const answer: any = await new Promise((resolve, reject) =>
          client.invoke(invoke, (e: Error | null, r: unknown) => (e ? reject(e) : resolve(r))),
        );
        return answer.getResponse_asU8();
      } finally {
        client.close();
      }
    });
  }

  private monitorService() {
    const unimplemented = (_req: unknown, cb: Callback) =>
      cb({ code: grpc.status.UNIMPLEMENTED, details: "not in this mock", message: "unimplemented" } as never);
    return {
      getDeploymentInfo: unimplemented,
      supportsFeature: (call: any, cb: Callback) => {
        const res = new resourcePb.SupportsFeatureResponse();
        res.setHassupport(["secrets", "resourceReferences", "transforms"].includes(call.request.getId()));
        cb(null, res);
      },
      registerResource: async (call: any, cb: Callback) => {
        const req = call.request;
        const type: string = req.getType();
        const name: string = req.getName();
        const inputs = req.getObject()?.toJavaScript() ?? {};
        const answeredBefore = this.answered;
        let retainOnDelete: boolean;
        try {
          retainOnDelete = (await this.transformedOptions(req)).getRetainOnDelete();
        } catch (e) {
          cb({ code: grpc.status.UNKNOWN, details: String(e), message: String(e) } as never);
          return;
        }
        this.registrations.push({
          type,
          name,
          parent: req.getParent(),
          custom: req.getCustom(),
          inputs,
          answeredBefore,
          retainOnDelete,
        });
        const res = new resourcePb.RegisterResourceResponse();
        res.setUrn(urnOf(type, name));
        const outputs: Record<string, unknown> = { ...inputs };
        if (req.getCustom()) {
          res.setId(`${name}-id`);
          const kind = type.split(":")[1]?.split("/")[1] ?? "resource";
          outputs.name = inputs.name ?? `${name}-generated`;
          outputs.arn = `arn:aws:iam::123456789012:${kind}/${outputs.name}`;
          outputs.uniqueId = `${name}-unique`;
        }
        res.setObject(structPb.Struct.fromJavaScript(outputs));
        cb(null, res);
      },
      registerResourceOutputs: (_call: unknown, cb: Callback) => cb(null, new emptyPb.Empty()),
      registerPackage: (_call: unknown, cb: Callback) => {
        const res = new resourcePb.RegisterPackageResponse();
        res.setRef("ref");
        cb(null, res);
      },
      invoke: unimplemented,
      call: unimplemented,
      readResource: unimplemented,
      existsResource: unimplemented,
      registerStackTransform: unimplemented,
      registerStackInvokeTransform: unimplemented,
      registerResourceHook: unimplemented,
      registerErrorHook: unimplemented,
      signalAndWaitForShutdown: (_call: unknown, cb: Callback) => cb(null, new emptyPb.Empty()),
    };
  }

  private engineService() {
    return {
      log: (call: any, cb: Callback) => {
        this.logs.push(call.request.getMessage());
        cb(null, new emptyPb.Empty());
      },
      getRootResource: (_call: unknown, cb: Callback) => {
        const res = new enginePb.GetRootResourceResponse();
        res.setUrn(STACK_URN);
        cb(null, res);
      },
      setRootResource: (_call: unknown, cb: Callback) => cb(null, new enginePb.SetRootResourceResponse()),
      startDebugging: (_call: unknown, cb: Callback) => cb(null, new emptyPb.Empty()),
      requirePulumiVersion: (_call: unknown, cb: Callback) => cb(null, new emptyPb.Empty()),
    };
  }
}
