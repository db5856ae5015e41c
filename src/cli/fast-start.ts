/**
 * Start-up trimming for the CLI. `require("@pulumi/pulumi")` eagerly loads modules an offline
 * run never calls: function serialization (which loads the TypeScript compiler), code-path
 * computation (npm's arborist), the Automation API, the provider host and dynamic providers.
 * Together they cost ~0.5 s and ~60 MB of a ~0.7 s / ~120 MB load. This hook hands @pulumi/pulumi
 * lazy stand-ins for exactly those modules; each loads the real module on first use, so behaviour
 * is unchanged, only deferred.
 *
 * Must be installed before anything requires @pulumi/pulumi. Imports nothing but node:module.
 */
import { createRequire } from "node:module";

/** The real `module` object (an import namespace would be a copy, and its `_load` could not be replaced). */
const Module: unknown = createRequire(__filename)("node:module");

type Loader = (request: string, parent: NodeModule | undefined, isMain: boolean) => unknown;

/** Modules whose exports are all functions: stand-in functions forward to the real ones. */
const FUNCTION_MODULES = /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/](serializeClosure|codePaths)\.js$/;
/** Namespaces re-exported from the package root: a proxy loads the real namespace on first access. */
const NAMESPACE_MODULES = /[\\/]@pulumi[\\/]pulumi[\\/](automation|provider|dynamic)[\\/]index\.js$/;
const PULUMI_DIR = /[\\/]@pulumi[\\/]pulumi[\\/]/;

let installed = false;

/** Installs the hook (idempotent). */
export function installFastStart(): void {
  if (installed || process.env.IAMX_NO_FAST_START) return;
  installed = true;
  const mod = Module as unknown as {
    _load: Loader;
    _resolveFilename(request: string, parent: NodeModule | undefined, isMain: boolean): string;
  };
  const original = mod._load;
  mod._load = function (this: unknown, request, parent, isMain) {
    if (parent && request.startsWith(".") && PULUMI_DIR.test(parent.filename)) {
      const file = mod._resolveFilename(request, parent, isMain);
      if (FUNCTION_MODULES.test(file)) return functionStandIn(() => original(file, parent, isMain));
      if (NAMESPACE_MODULES.test(file)) return namespaceStandIn(() => original(file, parent, isMain));
    }
    // eslint-disable-next-line prefer-rest-params
    return original.apply(this, arguments as unknown as Parameters<Loader>);
  };
}

function once<T>(load: () => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value as T;
  };
}

function functionStandIn(load: () => unknown): unknown {
  const real = once(() => load() as Record<PropertyKey, (...args: unknown[]) => unknown>);
  return new Proxy(
    {},
    {
      get: (_t, key) => (key === "__esModule" ? true : (...args: unknown[]) => real()[key](...args)),
    },
  );
}

function namespaceStandIn(load: () => unknown): unknown {
  const real = once(() => load() as Record<PropertyKey, unknown>);
  return new Proxy(
    {},
    {
      // __esModule makes TypeScript's __importStar keep the proxy instead of copying every key.
      get: (_t, key) => (key === "__esModule" ? true : real()[key]),
      has: (_t, key) => key in real(),
      ownKeys: () => Reflect.ownKeys(real()),
      getOwnPropertyDescriptor: (_t, key) => {
        const d = Object.getOwnPropertyDescriptor(real(), key);
        return d ? { ...d, configurable: true } : undefined;
      },
    },
  );
}
