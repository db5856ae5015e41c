import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { generatePackageSpec, SCHEMA_PATH, serializeSchema } from "../../sdk-gen/generator";
import { parseFacadeFiles } from "../../sdk-gen/generator/parse";
import { buildPackageSpec } from "../../sdk-gen/generator/schema";
import type { PackageSpec } from "../../sdk-gen/generator/spec";
import { validatePackageSpec } from "../../sdk-gen/validate";
import { FACADES } from "../../sdk-gen/facade";
import * as iamx from "../../src";

describe("sdk-gen: the package schema", () => {
  let fresh: PackageSpec;
  before(() => {
    fresh = generatePackageSpec(); // once per file
  });
  const copy = (): any => JSON.parse(JSON.stringify(fresh));

  it("the committed sdk-gen/schema.json is what the facade generates (run `npm run schema` when this fails)", () => {
    expect(fs.readFileSync(SCHEMA_PATH, "utf8")).to.equal(serializeSchema(fresh));
  });

  it("passes the package-schema rules", () => {
    expect(validatePackageSpec(fresh)).to.deep.equal([]);
  });

  it("names every component as iamx:index:<Name>, with the provider's facades and their methods", () => {
    expect(fresh.name).to.equal("iamx");
    expect(Object.keys(fresh.resources).sort()).to.deep.equal(
      Object.keys(FACADES)
        .map((n) => `iamx:index:${n}`)
        .sort(),
    );
    for (const [name, facade] of Object.entries(FACADES)) {
      const spec = fresh.resources[`iamx:index:${name}`];
      expect(spec.isComponent).to.equal(true);
      expect(Object.keys(spec.methods ?? {}).sort(), name).to.deep.equal(Object.keys(facade.methods).sort());
    }
  });

  it("describes principals as a tagged object, statements and documents as object types, and methods with __self__", () => {
    const principal = fresh.types["iamx:index:Principal"] as any;
    expect(Object.keys(principal.properties)).to.include.members([
      "aws",
      "service",
      "federated",
      "canonicalUser",
      "star",
      "conditions",
    ]);
    expect(principal.required).to.deep.equal([]);
    const statement = fresh.types["iamx:index:Statement"] as any;
    expect(statement.properties.principals).to.deep.equal({
      description: statement.properties.principals.description,
      type: "array",
      items: { $ref: "#/types/iamx:index:Principal", plain: true },
      plain: true,
    });
    // Eventual values are allowed for strings the model can render late, not for structure.
    expect(statement.properties.resources.items).to.deep.equal({ type: "string" });
    expect(statement.properties.sid).to.include({ type: "string", plain: true });
    expect(statement.properties.effect).to.include({ $ref: "#/types/iamx:index:Effect", plain: true });
    const fn = fresh.functions["iamx:index:Role/addToPolicy"];
    expect(fresh.resources["iamx:index:Role"].methods!.addToPolicy).to.equal("iamx:index:Role/addToPolicy");
    expect(fn.inputs.properties.__self__).to.deep.equal({ $ref: "#/resources/iamx:index:Role" });
    expect(fn.inputs.required).to.deep.equal(["__self__", "statement"]);
    expect(fn.outputs!.required).to.deep.equal(["statementAdded"]);
    expect(fresh.functions["iamx:index:ManagedPolicy/attachToRole"].outputs).to.equal(undefined);
    expect((fresh.resources["iamx:index:User"].properties as any).password.secret).to.equal(true);
  });

  describe("the rules catch broken schemas", () => {
    it("a type reference must be exactly one form", () => {
      const s = copy();
      s.resources["iamx:index:Role"].inputProperties.path = { type: "array" };
      expect(validatePackageSpec(s).join("\n")).to.contain("/resources/iamx:index:Role/inputProperties/path");
    });
    it("tokens, names and versions must have their syntax", () => {
      const s = copy();
      s.version = "one";
      s.types["iamx::"] = { type: "object", properties: {} };
      const problems = validatePackageSpec(s).join("\n");
      expect(problems).to.contain("/version");
      expect(problems).to.contain("/types");
    });
    it("references, required names and methods must resolve", () => {
      const s = copy();
      s.types["iamx:index:Statement"].properties.extra = { $ref: "#/types/iamx:index:Missing" };
      s.types["iamx:index:Statement"].required = ["nothing"];
      s.resources["iamx:index:Role"].methods.ghost = "iamx:index:Role/ghost";
      s.functions["iamx:index:User/addToGroup"].inputs.properties.__self__ = { $ref: "#/resources/iamx:index:Role" };
      const problems = validatePackageSpec(s);
      expect(problems).to.include("iamx:index:Statement.extra: $ref #/types/iamx:index:Missing points at nothing");
      expect(problems).to.include("iamx:index:Statement: required nothing is not a property");
      expect(problems).to.include("iamx:index:Role.ghost: method function iamx:index:Role/ghost is not defined");
      expect(problems).to.include(
        "iamx:index:User/addToGroup: inputs need a required __self__ referencing #/resources/iamx:index:User",
      );
    });
    it("unknown keys are not allowed", () => {
      const s = copy();
      s.resources["iamx:index:Role"].isComponnent = true;
      expect(validatePackageSpec(s).join("\n")).to.contain("/resources/iamx:index:Role");
    });
  });
});

describe("sdk-gen: the generator", () => {
  const gen = (text: string) =>
    buildPackageSpec(parseFacadeFiles([{ fileName: "facade.ts", text }]), { name: "t", version: "1.0.0" });

  it("rejects union types with the file and line, and says what to do instead", () => {
    const text = `export interface A { x: string | string[] }\nexport type BComponent = Component<A, A>;`;
    expect(() => gen(text)).to.throw(/facade\.ts:1: union and intersection types have no package-schema form/);
  });

  it("rejects methods that do not take one `args` object", () => {
    const text = [
      "export interface A { x?: string }",
      "export interface M { m(a: string, b: string): void }",
      "export type BComponent = Component<A, A, M>;",
    ].join("\n");
    expect(() => gen(text)).to.throw(/facade\.ts:2: M\.m must take exactly one typed parameter named args/);
  });

  it("rejects references to types the facade does not declare", () => {
    const text = "export interface A { x: Date }\nexport type BComponent = Component<A, A>;";
    expect(() => gen(text)).to.throw(/facade\.ts:1: Date is not a facade interface, enum or component/);
  });

  it("marks a value plain unless it is wrapped in pulumi.Input, and leaves unreachable interfaces out", () => {
    const text = [
      "export interface A { a: pulumi.Input<string>; b?: number; c?: Record<string, pulumi.Input<string>>; d?: Integer }",
      "export interface Helper { f(): void }",
      "/** The B. */",
      "export type BComponent = Component<A, A>;",
    ].join("\n");
    const spec = gen(text);
    const r = spec.resources["t:index:B"];
    expect(r.description).to.equal("The B.");
    expect(r.inputProperties).to.deep.equal({
      a: { type: "string" },
      b: { type: "number", plain: true },
      c: { type: "object", additionalProperties: { type: "string" }, plain: true },
      d: { type: "integer", plain: true },
    });
    expect(r.properties.b).to.deep.equal({ type: "number" });
    expect(r.requiredInputs).to.deep.equal(["a"]);
    expect(spec.types).to.deep.equal({});
  });
});

/**
 * Every argument of a TypeScript component is exposed by its facade or listed here with the reason
 * it is not: a component that gains an argument fails this test until the facade decides.
 */
const COVERAGE: Record<string, { file: string; args: string; map: Record<string, string> }> = {
  Role: {
    file: "role.ts",
    args: "RoleArgs",
    map: {
      tags: "not exposed: tags reach the multi-language facade in a later change",
      assumedBy: "assumedBy",
      externalIds: "externalIds",
      externalId: "not exposed: deprecated in CDK, use externalIds",
      inlinePolicies: "inlinePolicies",
      managedPolicies: "managedPolicyArns managedPolicies",
      maxSessionDuration: "maxSessionDuration",
      path: "path",
      permissionsBoundary: "permissionsBoundaryArn",
      roleName: "roleName",
      description: "description",
    },
  },
  Policy: {
    file: "policy.ts",
    args: "PolicyArgs",
    map: {
      policyName: "policyName",
      statements: "statements",
      document: "document",
      roles: "roles",
      users: "users",
      groups: "groups",
      force: "force",
    },
  },
  ManagedPolicy: {
    file: "managed-policy.ts",
    args: "ManagedPolicyArgs",
    map: {
      tags: "not exposed: tags reach the multi-language facade in a later change",
      managedPolicyName: "managedPolicyName",
      description: "description",
      path: "path",
      statements: "statements",
      document: "document",
      roles: "roles",
      users: "users",
      groups: "groups",
    },
  },
  User: {
    file: "user.ts",
    args: "UserArgs",
    map: {
      tags: "not exposed: tags reach the multi-language facade in a later change",
      userName: "userName",
      path: "path",
      password: "not exposed: a chosen password is not supported by the TypeScript User either (use passwordLength)",
      passwordLength: "passwordLength",
      passwordResetRequired: "passwordResetRequired",
      groups: "groups",
      managedPolicies: "managedPolicyArns managedPolicies",
      permissionsBoundary: "permissionsBoundaryArn",
    },
  },
  AccessKey: {
    file: "access-key.ts",
    args: "AccessKeyArgs",
    map: { user: "user", serial: "serial", status: "status" },
  },
  InstanceProfile: {
    file: "instance-profile.ts",
    args: "InstanceProfileArgs",
    map: {
      tags: "not exposed: tags reach the multi-language facade in a later change",
      role: "role",
      instanceProfileName: "instanceProfileName",
      path: "path",
    },
  },
  OpenIdConnectProvider: {
    file: "oidc-provider.ts",
    args: "OpenIdConnectProviderArgs",
    map: {
      tags: "not exposed: tags reach the multi-language facade in a later change",
      url: "url",
      clientIds: "clientIds",
      thumbprints: "thumbprints",
      thumbprintFetch:
        "not exposed: a TypeScript callback (how to fetch thumbprints); the provider fetches with the default",
      removalPolicy: "removalPolicy",
    },
  },
  SamlProvider: {
    file: "saml-provider.ts",
    args: "SamlProviderArgs",
    map: {
      tags: "not exposed: tags reach the multi-language facade in a later change",
      metadataDocument: "metadataDocument",
      name: "name",
    },
  },
  Group: {
    file: "group.ts",
    args: "GroupArgs",
    map: { groupName: "groupName", path: "path", managedPolicies: "managedPolicyArns managedPolicies" },
  },
};

describe("sdk-gen: the facade covers the TypeScript components' arguments", () => {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8")) as PackageSpec;
  it("every component takes removalPolicy (TypeScript's applyRemovalPolicy), a plain RemovalPolicy enum", () => {
    const components = Object.keys(schema.resources);
    expect(components.map((c) => c.split(":")[2]).sort()).to.deep.equal(Object.keys(COVERAGE).sort());
    for (const token of components) {
      expect(schema.resources[token].inputProperties.removalPolicy, token).to.deep.include({
        $ref: "#/types/iamx:index:RemovalPolicy",
        plain: true,
      });
    }
    const values = (schema.types["iamx:index:RemovalPolicy"] as { enum: { value: string }[] }).enum.map((e) => e.value);
    expect(values).to.deep.equal(Object.values(iamx.RemovalPolicy).filter((v) => v !== iamx.RemovalPolicy.SNAPSHOT));
  });
  for (const [component, { file, args, map }] of Object.entries(COVERAGE)) {
    it(`${component}: every ${args} property is exposed or listed as not exposed`, () => {
      const source = path.join(__dirname, "..", "..", "src", "components", file);
      const sf = ts.createSourceFile(source, fs.readFileSync(source, "utf8"), ts.ScriptTarget.ES2022, true);
      const decl = sf.statements.find(
        (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === args,
      );
      expect(decl, `${args} in ${file}`).to.not.equal(undefined);
      const props = decl!.members.map((m) => m.name!.getText(sf));
      expect(
        props.filter((p) => !(p in map)),
        "arguments the facade does not account for",
      ).to.deep.equal([]);
      const inputs = schema.resources[`iamx:index:${component}`].inputProperties;
      for (const target of Object.values(map).filter((t) => !t.startsWith("not exposed:"))) {
        for (const t of target.split(" ")) expect(inputs, `${component}.${t}`).to.have.property(t);
      }
    });
  }
});
