/**
 * Reads the multi-language facade (sdk-gen/facade/*.ts) with the TypeScript parser and returns its
 * declarations as a small model: components (`type XComponent = Component<Args, Outputs, Methods>`),
 * object types (interfaces), enums, and the JSDoc of each. Purely syntactic, so it runs in
 * milliseconds and sees exactly what the facade's code is type-checked against.
 *
 * Only a small, explicit set of type forms is accepted (see {@link TypeRef}); anything else is an
 * error naming the file and line, so a facade change the schema cannot express fails loudly.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** A type as the facade spells it. `input: true` marks `pulumi.Input<T>` (eventual values allowed). */
export type TypeRef =
  | { kind: "primitive"; type: "string" | "number" | "integer" | "boolean"; input: boolean }
  | { kind: "any"; input: boolean }
  | { kind: "array"; items: TypeRef; input: boolean }
  | { kind: "map"; values: TypeRef; input: boolean }
  | { kind: "named"; name: string; input: boolean; where: string };

/** One property of an interface, or one parameter/result field of a method. */
export interface PropertyDecl {
  readonly name: string;
  readonly type: TypeRef;
  readonly optional: boolean;
  readonly description?: string;
  /** Marked `@secret` in its JSDoc: the value is a Pulumi secret. */
  readonly secret?: boolean;
}

/** An interface or inline object literal type. */
export interface ObjectDecl {
  readonly name: string;
  readonly description?: string;
  readonly properties: PropertyDecl[];
  readonly where: string;
}

/** A string enum. */
export interface EnumDecl {
  readonly name: string;
  readonly description?: string;
  readonly members: { name: string; value: string; description?: string }[];
  readonly where: string;
}

/** A method: one `args` object in, an object or nothing out. */
export interface MethodDecl {
  readonly name: string;
  readonly description?: string;
  readonly args: ObjectDecl;
  readonly result?: ObjectDecl;
}

/** A component: its args, outputs and methods interfaces. */
export interface ComponentDecl {
  readonly name: string;
  readonly description?: string;
  readonly args: string;
  readonly outputs: string;
  readonly methods?: string;
  readonly where: string;
}

/**
 * Everything the facade declares. Interfaces are read on demand, so helper interfaces of the
 * facade's implementation code that no component reaches are never checked.
 */
export interface FacadeModel {
  readonly components: ComponentDecl[];
  readonly enums: Map<string, EnumDecl>;
  /** The object type an interface declares, or undefined when there is no such interface. */
  object(name: string): ObjectDecl | undefined;
  /** The methods an interface declares (the `Methods` argument of a component). */
  methods(name: string): MethodDecl[] | undefined;
}

/** The generic alias a facade file uses to declare a component. */
const COMPONENT_MARKER = "Component";
/** The alias for integers (TypeScript has only `number`). */
const INTEGER_ALIAS = "Integer";
/** `any`-like names that become `pulumi.json#/Any`. */
const ANY_NAMES = new Set(["any", "unknown"]);

/** Thrown for facade code the generator cannot express in a package schema. */
export class FacadeError extends Error {
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = "FacadeError";
  }
}

/** Parses every `.ts` file of `dir` (not recursive), in name order. */
export function parseFacadeDir(dir: string): FacadeModel {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .sort()
    .map((f) => path.join(dir, f));
  return parseFacadeFiles(files.map((f) => ({ fileName: f, text: fs.readFileSync(f, "utf8") })));
}

/** Parses the given sources (file names are used in messages, relative to the working directory). */
export function parseFacadeFiles(sources: { fileName: string; text: string }[]): FacadeModel {
  const components: ComponentDecl[] = [];
  const enums = new Map<string, EnumDecl>();
  const index: InterfaceIndex = new Map();
  const seen = new Map<string, string>();
  const declare = (name: string, where: string) => {
    const before = seen.get(name);
    if (before) throw new FacadeError(where, `${name} is declared twice (also at ${before})`);
    seen.set(name, where);
  };

  for (const { fileName, text } of sources) {
    const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    for (const st of sf.statements) {
      if (ts.isInterfaceDeclaration(st)) {
        declare(st.name.text, at(sf, st));
        index.set(st.name.text, { node: st, sf });
      } else if (ts.isEnumDeclaration(st)) {
        declare(st.name.text, at(sf, st));
        enums.set(st.name.text, readEnum(st, sf));
      } else if (ts.isTypeAliasDeclaration(st)) {
        const c = readComponentAlias(st, sf);
        if (c) {
          declare(c.name, c.where);
          components.push(c);
        }
      }
    }
  }

  const objects = new Map<string, ObjectDecl>();
  const methodSets = new Map<string, MethodDecl[]>();
  return {
    components,
    enums,
    object(name) {
      const decl = index.get(name);
      if (!decl) return undefined;
      if (!objects.has(name)) objects.set(name, readInterface(decl.node, decl.sf, index));
      return objects.get(name);
    },
    methods(name) {
      const decl = index.get(name);
      if (!decl) return undefined;
      if (!methodSets.has(name)) methodSets.set(name, readMethods(decl.node, decl.sf, index));
      return methodSets.get(name);
    },
  };
}

function at(sf: ts.SourceFile, node: ts.Node): string {
  const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  return `${path.relative(process.cwd(), sf.fileName) || sf.fileName}:${line + 1}`;
}

/** The JSDoc text of a declaration, without tags; undefined when there is none. */
function docOf(node: ts.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const last = docs[docs.length - 1];
  if (!last) return undefined;
  const text = ts.getTextOfJSDocComment(last.comment)?.trim();
  return text ? text.replace(/\r\n/g, "\n") : undefined;
}

function readComponentAlias(st: ts.TypeAliasDeclaration, sf: ts.SourceFile): ComponentDecl | undefined {
  const t = st.type;
  if (!ts.isTypeReferenceNode(t) || !ts.isIdentifier(t.typeName) || t.typeName.text !== COMPONENT_MARKER) {
    return undefined;
  }
  const where = at(sf, st);
  const alias = st.name.text;
  if (!alias.endsWith("Component") || alias === "Component") {
    throw new FacadeError(where, `a component alias must be named <Name>Component, got ${alias}`);
  }
  const typeArgs = t.typeArguments ?? [];
  if (typeArgs.length < 2 || typeArgs.length > 3) {
    throw new FacadeError(where, `${alias} must be Component<Args, Outputs> or Component<Args, Outputs, Methods>`);
  }
  const names = typeArgs.map((a) => {
    if (!ts.isTypeReferenceNode(a) || !ts.isIdentifier(a.typeName) || a.typeArguments) {
      throw new FacadeError(where, `${alias}: each argument of Component<...> must name an interface`);
    }
    return a.typeName.text;
  });
  return {
    name: alias.slice(0, -"Component".length),
    description: docOf(st),
    args: names[0],
    outputs: names[1],
    methods: names[2],
    where,
  };
}

function readEnum(st: ts.EnumDeclaration, sf: ts.SourceFile): EnumDecl {
  const where = at(sf, st);
  const members = st.members.map((m) => {
    if (!m.initializer || !ts.isStringLiteral(m.initializer)) {
      throw new FacadeError(at(sf, m), `enum ${st.name.text}: every member needs a string value`);
    }
    return { name: m.name.getText(sf), value: m.initializer.text, description: docOf(m) };
  });
  return { name: st.name.text, description: docOf(st), members, where };
}

type InterfaceIndex = Map<string, { node: ts.InterfaceDeclaration; sf: ts.SourceFile }>;

function readInterface(node: ts.InterfaceDeclaration, sf: ts.SourceFile, index: InterfaceIndex): ObjectDecl {
  if (node.typeParameters?.length) {
    throw new FacadeError(at(sf, node), `${node.name.text}: generic interfaces cannot be schema types`);
  }
  const inherited: PropertyDecl[] = [];
  for (const clause of node.heritageClauses ?? []) {
    for (const base of clause.types) {
      const baseName = base.expression.getText(sf);
      const decl = index.get(baseName);
      if (!decl || base.typeArguments) {
        throw new FacadeError(at(sf, base), `${node.name.text} may only extend facade interfaces, not ${baseName}`);
      }
      inherited.push(...readInterface(decl.node, decl.sf, index).properties);
    }
  }
  const own = readMembers(node.members, sf, node.name.text);
  const names = new Set(own.map((p) => p.name));
  return {
    name: node.name.text,
    description: docOf(node),
    properties: [...inherited.filter((p) => !names.has(p.name)), ...own],
    where: at(sf, node),
  };
}

function readMembers(members: ts.NodeArray<ts.TypeElement>, sf: ts.SourceFile, owner: string): PropertyDecl[] {
  return members.map((m) => {
    if (!ts.isPropertySignature(m) || !m.type) {
      throw new FacadeError(at(sf, m), `${owner}: only typed properties are allowed here`);
    }
    const name = m.name.getText(sf);
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) {
      throw new FacadeError(at(sf, m), `${owner}.${name}: property names must be identifiers`);
    }
    const secret = ts.getJSDocTags(m).some((t) => t.tagName.text === "secret");
    return {
      name,
      type: readType(m.type, sf, false),
      optional: !!m.questionToken,
      description: docOf(m),
      ...(secret ? { secret } : {}),
    };
  });
}

function readMethods(node: ts.InterfaceDeclaration, sf: ts.SourceFile, index: InterfaceIndex): MethodDecl[] {
  return node.members.map((m) => {
    const where = at(sf, m);
    if (!ts.isMethodSignature(m)) throw new FacadeError(where, `${node.name.text}: only methods are allowed`);
    const name = m.name.getText(sf);
    const [param, ...more] = m.parameters;
    if (!param || more.length > 0 || param.name.getText(sf) !== "args" || !param.type) {
      throw new FacadeError(where, `${node.name.text}.${name} must take exactly one typed parameter named args`);
    }
    const args = objectFrom(param.type, sf, index, `${node.name.text}.${name} args`);
    const ret = m.type;
    const result =
      !ret || ret.kind === ts.SyntaxKind.VoidKeyword
        ? undefined
        : objectFrom(ret, sf, index, `${node.name.text}.${name} result`);
    return { name, description: docOf(m), args, result };
  });
}

/** An object type given inline (`{ a: string }`) or by naming a facade interface. */
function objectFrom(node: ts.TypeNode, sf: ts.SourceFile, index: InterfaceIndex, what: string): ObjectDecl {
  if (ts.isTypeLiteralNode(node)) {
    return { name: what, properties: readMembers(node.members, sf, what), where: at(sf, node) };
  }
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && index.has(node.typeName.text)) {
    const decl = index.get(node.typeName.text)!;
    return readInterface(decl.node, decl.sf, index);
  }
  throw new FacadeError(at(sf, node), `${what} must be an object literal type or a facade interface`);
}

function readType(node: ts.TypeNode, sf: ts.SourceFile, input: boolean): TypeRef {
  const where = at(sf, node);
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { kind: "primitive", type: "string", input };
    case ts.SyntaxKind.NumberKeyword:
      return { kind: "primitive", type: "number", input };
    case ts.SyntaxKind.BooleanKeyword:
      return { kind: "primitive", type: "boolean", input };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return { kind: "any", input };
  }
  if (ts.isParenthesizedTypeNode(node)) return readType(node.type, sf, input);
  if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) {
    return readType(node.type, sf, input);
  }
  if (ts.isArrayTypeNode(node)) return { kind: "array", items: readType(node.elementType, sf, false), input };
  if (ts.isTypeLiteralNode(node)) {
    const [sig, ...rest] = node.members;
    if (sig && rest.length === 0 && ts.isIndexSignatureDeclaration(sig) && sig.type) {
      const key = sig.parameters[0]?.type;
      if (key?.kind === ts.SyntaxKind.StringKeyword) {
        return { kind: "map", values: readType(sig.type, sf, false), input };
      }
    }
    throw new FacadeError(where, "inline object types are only allowed as maps ({ [key: string]: T })");
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText(sf);
    const args = node.typeArguments ?? [];
    if (name === "pulumi.Input" || name === "Input") {
      if (input) throw new FacadeError(where, "pulumi.Input<pulumi.Input<T>> is not allowed");
      return readType(args[0], sf, true);
    }
    if ((name === "Array" || name === "ReadonlyArray") && args.length === 1) {
      return { kind: "array", items: readType(args[0], sf, false), input };
    }
    if (name === "Record" && args.length === 2) {
      if (args[0].kind !== ts.SyntaxKind.StringKeyword) throw new FacadeError(where, "map keys must be string");
      return { kind: "map", values: readType(args[1], sf, false), input };
    }
    if (name === INTEGER_ALIAS && args.length === 0) return { kind: "primitive", type: "integer", input };
    if (ANY_NAMES.has(name)) return { kind: "any", input };
    if (args.length === 0 && ts.isIdentifier(node.typeName)) return { kind: "named", name, input, where };
  }
  if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) {
    throw new FacadeError(
      where,
      `union and intersection types have no package-schema form (${node.getText(sf)}); use an object with one optional field per case`,
    );
  }
  throw new FacadeError(where, `unsupported type in the multi-language facade: ${node.getText(sf)}`);
}
