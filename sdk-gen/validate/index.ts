/**
 * Checks a package schema: the structural rules of {@link PACKAGE_RULES} (with ajv), then what a
 * JSON Schema cannot say: every `$ref` resolves, required names exist, every method points at a
 * function whose `__self__` is its resource, and no two names collide once languages change case.
 */
import Ajv from "ajv";
import { PACKAGE_RULES } from "./rules";

export { PACKAGE_RULES } from "./rules";

/** Built-in types every package may reference. */
const BUILTIN_REFS = new Set(["pulumi.json#/Any", "pulumi.json#/Archive", "pulumi.json#/Asset", "pulumi.json#/Json"]);

let compiled: ReturnType<Ajv["compile"]> | undefined;

/** Every problem found, as readable lines (empty when the schema is valid). */
export function validatePackageSpec(spec: unknown): string[] {
  if (!compiled)
    compiled = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false }).compile(
      PACKAGE_RULES,
    );
  if (!compiled(spec)) {
    return (compiled.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
  }
  return crossReferenceProblems(spec as Spec);
}

interface Obj {
  properties?: Record<string, Ref>;
  required?: string[];
}
interface Ref {
  $ref?: string;
  items?: Ref;
  additionalProperties?: Ref;
}
interface Spec {
  name: string;
  types?: Record<string, Obj & { enum?: { name?: string; value: unknown }[] }>;
  resources?: Record<
    string,
    Obj & { inputProperties?: Record<string, Ref>; requiredInputs?: string[]; methods?: Record<string, string> }
  >;
  functions?: Record<string, { inputs?: Obj; outputs?: Obj }>;
}

function crossReferenceProblems(spec: Spec): string[] {
  const problems: string[] = [];
  const types = spec.types ?? {};
  const resources = spec.resources ?? {};
  const functions = spec.functions ?? {};

  const checkRef = (ref: Ref | undefined, where: string) => {
    if (!ref) return;
    if (ref.$ref !== undefined) {
      const r = ref.$ref;
      if (BUILTIN_REFS.has(r)) return;
      const m = /^#\/(types|resources)\/(.+)$/.exec(r);
      if (!m) problems.push(`${where}: $ref ${r} is neither local nor a built-in type (no dependencies are declared)`);
      else if (!(m[1] === "types" ? types : resources)[decodeURIComponent(m[2])]) {
        problems.push(`${where}: $ref ${r} points at nothing`);
      }
    }
    checkRef(ref.items, `${where}.items`);
    checkRef(ref.additionalProperties, `${where}.additionalProperties`);
  };
  const checkObject = (props: Record<string, Ref> | undefined, required: string[] | undefined, where: string) => {
    for (const [k, v] of Object.entries(props ?? {})) checkRef(v, `${where}.${k}`);
    for (const r of required ?? []) {
      if (!props || !(r in props)) problems.push(`${where}: required ${r} is not a property`);
    }
  };

  const tokens = [...Object.keys(types), ...Object.keys(resources), ...Object.keys(functions)];
  for (const t of tokens) {
    if (!t.startsWith(`${spec.name}:`)) problems.push(`${t}: token is not in package ${spec.name}`);
  }
  const folded = new Map<string, string>();
  for (const t of [...Object.keys(types), ...Object.keys(resources)]) {
    const key = t.toLowerCase();
    const other = folded.get(key);
    if (other) problems.push(`${t} and ${other} differ only in case or kind; generated SDKs would clash`);
    folded.set(key, t);
  }

  for (const [t, ty] of Object.entries(types)) {
    checkObject(ty.properties, ty.required, t);
    const values = (ty.enum ?? []).map((e) => String(e.value));
    if (new Set(values).size !== values.length) problems.push(`${t}: enum values repeat`);
  }
  const methodFunctions = new Set<string>();
  for (const [t, r] of Object.entries(resources)) {
    checkObject(r.inputProperties, r.requiredInputs, `${t} inputs`);
    checkObject(r.properties, r.required, `${t} outputs`);
    for (const [name, fnToken] of Object.entries(r.methods ?? {})) {
      const fn = functions[fnToken];
      if (!fn) {
        problems.push(`${t}.${name}: method function ${fnToken} is not defined`);
        continue;
      }
      if (fnToken !== `${t}/${name}`) problems.push(`${t}.${name}: method token should be ${t}/${name}`);
      if (methodFunctions.has(fnToken)) problems.push(`${fnToken} is the method of two resources`);
      methodFunctions.add(fnToken);
      const self = fn.inputs?.properties?.__self__;
      if (self?.$ref !== `#/resources/${t}` || !fn.inputs?.required?.includes("__self__")) {
        problems.push(`${fnToken}: inputs need a required __self__ referencing #/resources/${t}`);
      }
    }
  }
  for (const [t, fn] of Object.entries(functions)) {
    checkObject(fn.inputs?.properties, fn.inputs?.required, `${t} inputs`);
    checkObject(fn.outputs?.properties, fn.outputs?.required, `${t} outputs`);
    if (!methodFunctions.has(t)) problems.push(`${t}: function is not a method of any resource`);
  }
  return problems;
}
