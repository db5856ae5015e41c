/**
 * What a real engine gets for a removal policy applied after construction. Pulumi's mocks apply no
 * transforms, so this reads the RegisterResource request the Node SDK builds and runs the
 * request's transform callbacks through the SDK's own callback server, as the engine does
 * (pulumi/pulumi `source_eval.go`: the request's options go to the resource's transforms, and
 * `retainOnDelete` is taken from their result).
 */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as iamx from "../../src";
import { run } from "../../src/runtime/run";
import { synthesizeRaw } from "../../src/testing/synthesize";
import { engineTransformOptions, type RegisterRequest, type TransformOptionsProto } from "../engine-transforms";

/* eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK's callback server */
const settings = require("@pulumi/pulumi/runtime/settings") as { getCallbacks(): CallbackServer };

interface CallbackServer {
  _callbacks: Map<string, (bytes: Uint8Array) => Promise<{ serializeBinary(): Uint8Array }>>;
}
interface Sent {
  readonly req: RegisterRequest;
  /** Whether the program's policies were final when the SDK sent the request. */
  readonly finalized: boolean;
}

/** Runs `program` under mocks; returns the requests the SDK sent, by `type::name`, and its callback server. */
async function requests(program: () => unknown): Promise<{ sent: Map<string, Sent>; callbacks: CallbackServer }> {
  const sent = new Map<string, Sent>();
  let callbacks: CallbackServer | undefined;
  // the SDK sees transforms only when asked: an offline run applies them itself
  const watched = async () => {
    callbacks = settings.getCallbacks();
    const monitor = pulumi.runtime.getMonitor() as unknown as {
      registerResource(req: RegisterRequest, cb: unknown): void;
    };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
      sent.set(`${req.getType()}::${req.getName()}`, { req, finalized: iamx.isFinalized() });
      original(req, cb);
    };
    return program();
  };
  await run(watched, { mode: "mocks", sdkTransforms: true });
  return { sent, callbacks: callbacks! };
}

/** The options the engine goes on with: the request's, through each of its transform callbacks. */
function engineOptions(callbacks: CallbackServer, req: RegisterRequest): Promise<TransformOptionsProto> {
  return engineTransformOptions(req, async (callback, request) => {
    const invoke = callbacks._callbacks.get(callback.getToken());
    expect(invoke, "a transform callback the SDK registered").to.be.a("function");
    return (await invoke!(request)).serializeBinary();
  });
}

const lambda = () => ({ assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });

describe("removal policy: what the engine gets", () => {
  it("RETAIN after construction: each child's request is sent at finalize and its transform gives retainOnDelete", async () => {
    const { sent, callbacks } = await requests(() => {
      const role = new iamx.Role("R", lambda());
      const group = new iamx.Group("G");
      const keep = new iamx.Group("Kept", {}, { protect: true });
      role.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
      group.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
      keep.applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
    });
    for (const key of ["aws:iam/role:Role::R", "aws:iam/group:Group::G", "aws:iam/group:Group::Kept"]) {
      const { req, finalized } = sent.get(key)!;
      // A group has only plain inputs: without the finalize gate it would be sent at once.
      expect(finalized, `${key} sent after finalize`).to.equal(true);
      expect(req.getRetainondelete(), `${key} request`).to.equal(false);
      const opts = await engineOptions(callbacks, req);
      expect(opts.getRetainOnDelete(), `${key} after transforms`).to.equal(true);
    }
    // The transform keeps the other options the engine passed.
    const kept = await engineOptions(callbacks, sent.get("aws:iam/group:Group::Kept")!.req);
    expect(kept.getProtect()).to.equal(true);
  });

  it("no removal policy, or DESTROY: the transforms change nothing", async () => {
    const { sent, callbacks } = await requests(() => {
      new iamx.Group("Plain");
      new iamx.Group("Destroyed").applyRemovalPolicy(iamx.RemovalPolicy.DESTROY);
      new iamx.Group("Retained", {}, { retainOnDelete: true });
    });
    for (const [name, retain] of [
      ["Plain", false],
      ["Destroyed", false],
      ["Retained", true],
    ] as const) {
      const { req } = sent.get(`aws:iam/group:Group::${name}`)!;
      expect(req.getTransformsList(), name).to.have.length(1);
      expect(req.getRetainondelete(), `${name} request`).to.equal(retain);
      expect((await engineOptions(callbacks, req)).getRetainOnDelete(), name).to.equal(retain);
    }
  });

  it("the testing kit shows retainOnDelete as the engine applies it", async () => {
    const raw = await synthesizeRaw(() => {
      new iamx.Group("G").applyRemovalPolicy(iamx.RemovalPolicy.RETAIN);
      new iamx.Group("H");
    });
    const byName = (n: string) => raw.resources.find((r) => r.type === "aws:iam/group:Group" && r.name === n)!;
    expect(byName("G").retainOnDelete).to.equal(true);
    expect(byName("H").retainOnDelete).to.equal(false);
  });
});
