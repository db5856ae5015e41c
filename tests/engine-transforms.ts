// What Pulumi's engine does with a RegisterResource request's transforms (pulumi/pulumi
// source_eval.go): the request's options go through each transform callback in turn. Shared by
// the tests that check what the engine applies (removal policies) in process and over gRPC.

/* eslint-disable @typescript-eslint/no-require-imports -- the SDK's wire types */
const resproto = require("@pulumi/pulumi/proto/resource_pb") as {
  TransformRequest: new () => TransformRequestProto;
  TransformResourceOptions: new () => TransformOptionsProto;
  TransformResponse: { deserializeBinary(bytes: Uint8Array): { getOptions(): TransformOptionsProto | undefined } };
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The options of a transform, as on the wire. */
export interface TransformOptionsProto {
  setDependsOnList(v: string[]): void;
  setProtect(v: boolean): void;
  setRetainOnDelete(v: boolean): void;
  getRetainOnDelete(): boolean;
  getDependsOnList(): string[];
  getProtect(): boolean;
}
interface TransformRequestProto {
  setType(v: string): void;
  setName(v: string): void;
  setCustom(v: boolean): void;
  setParent(v: string): void;
  setProperties(v: unknown): void;
  setOptions(v: TransformOptionsProto): void;
  serializeBinary(): Uint8Array;
}
/** A transform callback of a request: its token, and the callback server's address. */
export interface TransformCallback {
  getToken(): string;
  getTarget(): string;
}
/** The parts of a RegisterResource request the engine's transform step reads. */
export interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getObject(): unknown;
  getProtect(): boolean;
  getRetainondelete(): boolean;
  getDependenciesList(): string[];
  getTransformsList(): TransformCallback[];
}

/**
 * The options the engine goes on with: the request's, through each of its transform callbacks.
 * `invoke` calls one callback with a serialized TransformRequest and gives the serialized response.
 */
export async function engineTransformOptions(
  req: RegisterRequest,
  invoke: (callback: TransformCallback, request: Uint8Array) => Promise<Uint8Array>,
): Promise<TransformOptionsProto> {
  let opts = new resproto.TransformResourceOptions();
  opts.setDependsOnList(req.getDependenciesList());
  opts.setProtect(req.getProtect());
  opts.setRetainOnDelete(req.getRetainondelete());
  for (const callback of req.getTransformsList()) {
    const request = new resproto.TransformRequest();
    request.setType(req.getType());
    request.setName(req.getName());
    request.setCustom(req.getCustom());
    request.setParent(req.getParent());
    request.setProperties(req.getObject());
    request.setOptions(opts);
    const response = resproto.TransformResponse.deserializeBinary(await invoke(callback, request.serializeBinary()));
    opts = response.getOptions() ?? opts;
  }
  return opts;
}
