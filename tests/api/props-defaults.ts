// Walks the TypeScript AST of the props interfaces exported from src/index.ts and lists every
// optional property whose TSDoc lacks an `@default` tag.
import * as path from "node:path";
import * as ts from "typescript";

/** Exported interfaces whose name says they carry props/options for a constructor or call. */
export const PROPS_INTERFACE_NAME = /(Props|Args|Options|Opts)$/;

export interface MissingDefault {
  readonly interfaceName: string;
  readonly prop: string;
  readonly file: string;
}

/** The props interfaces exported from `entry`, each with its optional props lacking `@default`. */
export function propsInterfaces(entry: string): Map<string, MissingDefault[]> {
  const program = ts.createProgram([entry], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    esModuleInterop: true,
    resolveJsonModule: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`props-defaults: cannot load ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`props-defaults: ${entry} is not a module`);
  const result = new Map<string, MissingDefault[]>();
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    if (!PROPS_INTERFACE_NAME.test(exported.name)) continue;
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = (symbol.declarations ?? []).filter(ts.isInterfaceDeclaration);
    if (declarations.length === 0) continue;
    // Every property, inherited ones included; those declared outside our sources (Pulumi's) are theirs to document.
    const missing: MissingDefault[] = [];
    for (const property of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
      for (const member of property.declarations ?? []) {
        const file = member.getSourceFile().fileName;
        if (file.includes("node_modules") || !ts.isPropertySignature(member) || !member.questionToken) continue;
        const hasDefault = ts.getJSDocTags(member).some((tag) => tag.tagName.text === "default");
        if (!hasDefault) {
          missing.push({ interfaceName: exported.name, prop: property.name, file: path.relative(process.cwd(), file) });
        }
      }
    }
    result.set(exported.name, missing);
  }
  return result;
}
