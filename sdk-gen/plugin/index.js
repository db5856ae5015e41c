"use strict";
// Started by Pulumi's Node.js plugin host, which requires this directory. It exports no component
// class, so the host does not run its source analyzer: the iamx provider (construct and call,
// schema from sdk-gen/schema.json) starts instead, from the repository's build output.
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..", "..");
const entry = path.join(root, "dist", "sdk-gen", "provider", "main.js");
if (!fs.existsSync(entry)) {
  console.error(`pulumi-iamx is not built (${entry} is missing): run \`npm ci && npm run build\` in ${root}`);
  process.exit(1);
}
require(entry);
