#!/usr/bin/env node
// The `iamx` command. Runs the compiled CLI from dist/ when the package is built. From a clean
// clone (no dist/), runs the TypeScript sources directly: each .ts file is transpiled once with
// TypeScript's transpileModule and cached under node_modules/.cache/iamx-ts by content hash, so
// later runs start as fast as compiled code. IAMX_FROM_SOURCE=1 forces the sources. A dist/ older
// than the sources beside it is ignored, so a stale build never runs in a working tree.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const compiled = path.join(root, "dist", "src", "cli");

if (useCompiled()) {
  require(path.join(compiled, "fast-start.js")).installFastStart();
  require(path.join(compiled, "main.js")).runCli();
} else {
  registerCachedTypeScript();
  require(path.join(root, "src", "cli", "fast-start.ts")).installFastStart();
  require(path.join(root, "src", "cli", "main.ts")).runCli();
}

function useCompiled() {
  const main = path.join(compiled, "main.js");
  if (process.env.IAMX_FROM_SOURCE || !fs.existsSync(main)) return false;
  const builtAt = fs.statSync(main).mtimeMs;
  return !newerThan(path.join(root, "src"), builtAt);
}

function newerThan(dir, time) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() ? newerThan(p, time) : e.name.endsWith(".ts") && fs.statSync(p).mtimeMs > time) return true;
  }
  return false;
}

function registerCachedTypeScript() {
  const crypto = require("node:crypto");
  const cacheDir = path.join(root, "node_modules", ".cache", "iamx-ts");
  let ts;
  let compilerOptions;
  process.setSourceMapsEnabled(true);
  require.extensions[".ts"] = function (module, filename) {
    const source = fs.readFileSync(filename, "utf8");
    const key = crypto.createHash("sha256").update(filename).update("\0").update(source).digest("hex").slice(0, 32);
    const cached = path.join(cacheDir, `${key}.js`);
    let code;
    try {
      code = fs.readFileSync(cached, "utf8");
    } catch {
      ts ??= loadTypeScript();
      compilerOptions ??= {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        inlineSourceMap: true,
        inlineSources: true,
      };
      code = ts.transpileModule(source, { fileName: filename, compilerOptions }).outputText;
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        const tmp = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, code);
        fs.renameSync(tmp, cached);
      } catch {
        // a read-only tree only loses the cache
      }
    }
    module._compile(code, filename);
  };
}

function loadTypeScript() {
  try {
    return require("typescript");
  } catch {
    process.stderr.write(
      "error: pulumi-iamx is not built (no dist/) and TypeScript is not installed to run its sources: " +
        "run `npm run build` (or `npm install` with dev dependencies) in the pulumi-iamx package.\n",
    );
    process.exit(2);
  }
}
