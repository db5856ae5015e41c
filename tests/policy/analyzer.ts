// Calling policy pack policies the way the Pulumi engine does: an AnalyzeRequest (type, name, URN,
// inputs as a protobuf Struct, with the engine's sentinels for values unknown at preview) handed
// to @pulumi/policy's own analyzer, in process or over gRPC to a pack started as `pulumi preview
// --policy-pack` starts one. What comes back is the engine's diagnostics.
/* eslint-disable @typescript-eslint/no-require-imports -- @pulumi/policy's server and the protobuf modules are CommonJS internals */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { ResourceValidationPolicy } from "@pulumi/policy";

const analyzerpb = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const structpb = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb", {
    paths: [path.dirname(require.resolve("@pulumi/policy/protoutil"))],
  }),
);
const emptypb = require(
  require.resolve("google-protobuf/google/protobuf/empty_pb", {
    paths: [path.dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb"))],
  }),
);
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(require.resolve("@pulumi/policy"))] }));
const server = require("@pulumi/policy/server");

/** The engine's sentinel for an unknown string (and any unknown value on the wire). */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One diagnostic the analyzer returned. */
export interface Diagnostic {
  readonly policyName: string;
  readonly enforcementLevel: "advisory" | "mandatory" | "disabled" | "remediate";
  readonly message: string;
}

const LEVELS: Record<number, Diagnostic["enforcementLevel"]> = {
  [analyzerpb.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerpb.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerpb.EnforcementLevel.DISABLED]: "disabled",
  [analyzerpb.EnforcementLevel.REMEDIATE]: "remediate",
};

/** A resource as the engine describes it to an analyzer. */
export interface AnalyzedResource {
  readonly type: string;
  readonly props: Record<string, unknown>;
  readonly name?: string;
}

function request(r: AnalyzedResource): unknown {
  const req = new analyzerpb.AnalyzeRequest();
  const name = r.name ?? "res";
  req.setType(r.type);
  req.setName(name);
  req.setUrn(`urn:pulumi:stack::project::${r.type}::${name}`);
  req.setProperties(structpb.Struct.fromJavaScript(r.props));
  req.setOptions(new analyzerpb.AnalyzerResourceOptions());
  return req;
}

function diagnostics(resp: any): Diagnostic[] {
  return resp.getDiagnosticsList().map((d: any) => ({
    policyName: d.getPolicyname(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()],
    message: d.getMessage(),
  }));
}

/** Runs `policies` over one resource with @pulumi/policy's analyzer, in process (no pack config). */
export function analyze(policies: ResourceValidationPolicy[], r: AnalyzedResource): Promise<Diagnostic[]> {
  const fn = server.makeAnalyzeRpcFun("test-pack", "0.0.1", "advisory", policies);
  return new Promise((resolve, reject) => {
    fn({ request: request(r) }, (err: unknown, resp: unknown) => (err ? reject(err) : resolve(diagnostics(resp))));
  });
}

/** A policy pack process, started as the Pulumi CLI starts one, and a client of its analyzer. */
export interface RunningPack {
  readonly info: () => Promise<{ name: string; policies: { name: string; enforcementLevel: string }[] }>;
  readonly configure: (config: Record<string, { enforcementLevel?: string; [k: string]: unknown }>) => Promise<void>;
  readonly analyze: (r: AnalyzedResource) => Promise<Diagnostic[]>;
  /** Waits (up to 10 s) until the pack's standard error holds `text`; resolves to all of it. */
  readonly stderr: (text: string) => Promise<string>;
  readonly stop: () => void;
}

const LEVEL_VALUES: Record<string, number> = {
  advisory: analyzerpb.EnforcementLevel.ADVISORY,
  mandatory: analyzerpb.EnforcementLevel.MANDATORY,
  disabled: analyzerpb.EnforcementLevel.DISABLED,
};

/**
 * Starts the pack in `dir` (its entry under ts-node, the pack folder as working directory, as
 * @pulumi/pulumi's run-policy-pack does) and connects to the port it prints.
 */
export async function startPack(dir: string): Promise<RunningPack> {
  const child: ChildProcess = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "index.ts"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\s*$/m.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on("exit", (code) => reject(new Error(`the pack exited (${code}) before printing its port:\n${err}`)));
  });
  const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = <T>(method: string, req: unknown): Promise<T> =>
    new Promise((resolve, reject) => client[method](req, (e: unknown, resp: T) => (e ? reject(e) : resolve(resp))));
  return {
    info: async () => {
      const resp: any = await call("getAnalyzerInfo", new emptypb.Empty());
      return {
        name: resp.getName(),
        policies: resp.getPoliciesList().map((p: any) => ({
          name: p.getName(),
          enforcementLevel: LEVELS[p.getEnforcementlevel()],
        })),
      };
    },
    configure: async (config) => {
      const req = new analyzerpb.ConfigureAnalyzerRequest();
      const map = req.getPolicyconfigMap();
      for (const [name, { enforcementLevel, ...props }] of Object.entries(config)) {
        const pc = new analyzerpb.PolicyConfig();
        if (enforcementLevel) pc.setEnforcementlevel(LEVEL_VALUES[enforcementLevel]);
        pc.setProperties(structpb.Struct.fromJavaScript(props));
        map.set(name, pc);
      }
      await call("configure", req);
    },
    analyze: async (r) => diagnostics(await call("analyze", request(r))),
    stderr: async (text) => {
      for (let waited = 0; !err.includes(text) && waited < 10_000; waited += 50) {
        await new Promise((r) => setTimeout(r, 50));
      }
      return err;
    },
    stop: () => {
      client.close();
      child.kill();
    },
  };
}
