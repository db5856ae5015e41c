import { expect } from "chai";
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";

const ROOT = path.join(__dirname, "..", "..");
const PLUGIN = path.join(ROOT, "sdk-gen", "plugin");
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), "utf8");

describe("sdk-gen: the provider plugin", () => {
  it("is a Node.js plugin directory whose entry starts the compiled provider (not the source analyzer)", () => {
    expect(read("sdk-gen/plugin/PulumiPlugin.yaml")).to.match(/^runtime: nodejs$/m);
    const pkg = JSON.parse(read("sdk-gen/plugin/package.json"));
    expect(pkg.main).to.equal("index.js");
    expect(pkg.version).to.equal(JSON.parse(read("package.json")).version);
    expect(read("sdk-gen/plugin/index.js")).to.contain('path.join(root, "dist", "sdk-gen", "provider", "main.js")');
    // `npm run build` must produce that file.
    expect(JSON.parse(read("tsconfig.build.json")).include).to.include("sdk-gen/provider/main.ts");
    expect(fs.existsSync(path.join(PLUGIN, "index.js"))).to.equal(true);
  });

  describe("serves the schema over gRPC as the engine asks for it", () => {
    let child: ChildProcess | undefined;
    after(() => {
      if (child?.pid && child.exitCode === null) process.kill(child.pid);
    });

    it("GetPluginInfo and GetSchema answer with the package version and the committed schema", async function () {
      this.timeout(60000);
      child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "sdk-gen/provider/main.ts"], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const port = await new Promise<string>((resolve, reject) => {
        let out = "";
        let err = "";
        child!.stdout!.on("data", (d: Buffer) => {
          out += d.toString();
          const m = /^(\d+)\s*$/m.exec(out);
          if (m) resolve(m[1]);
        });
        child!.stderr!.on("data", (d: Buffer) => (err += d.toString()));
        child!.on("exit", (code) => reject(new Error(`provider exited with ${code}: ${err}`)));
      });
      /* eslint-disable @typescript-eslint/no-require-imports */
      const rpc = require("@pulumi/pulumi/proto/provider_grpc_pb.js");
      const pb = require("@pulumi/pulumi/proto/provider_pb.js");
      const emptyPb = require("google-protobuf/google/protobuf/empty_pb.js");
      /* eslint-enable @typescript-eslint/no-require-imports */
      const client = new rpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      const ask = <T>(method: string, req: unknown) =>
        new Promise<T>((resolve, reject) =>
          client[method](req, (e: Error | null, r: T) => (e ? reject(e) : resolve(r))),
        );
      try {
        const info = await ask<any>("getPluginInfo", new emptyPb.Empty());
        expect(info.getVersion()).to.equal(JSON.parse(read("package.json")).version);
        const schema = await ask<any>("getSchema", new pb.GetSchemaRequest());
        expect(JSON.parse(schema.getSchema())).to.deep.equal(JSON.parse(read("sdk-gen/schema.json")));
      } finally {
        client.close();
      }
    });
  });
});
