/**
 * Entry of the provider plugin process (started by Pulumi through sdk-gen/plugin). Serves the
 * provider over gRPC until the engine stops it.
 */
import * as provider from "@pulumi/pulumi/provider";
import { IamxProvider } from "./provider";

provider.main(new IamxProvider(), process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
