import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { SCHEMA_PATH } from "../../sdk-gen/generator";

// The metaschema is a copy kept beside this test (see metaschema/README.md), so this always runs.
const METASCHEMA = path.join(__dirname, "metaschema", "pulumi.json");

function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** A validator of Pulumi's metaschema, with the two formats it uses checked rather than ignored. */
function compileMetaschema() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addFormat("regex", (s: string) => {
    try {
      new RegExp(s, "u");
      return true;
    } catch {
      return false;
    }
  });
  ajv.addFormat("uri-reference", (s: string) => !/\s/.test(s));
  return ajv.compile(readJson(METASCHEMA));
}

describe("sdk-gen: schema.json against Pulumi's package metaschema", () => {
  const validate = compileMetaschema();

  it("sdk-gen/schema.json validates", () => {
    const ok = validate(readJson(SCHEMA_PATH));
    expect(validate.errors ?? [], "run `npm run schema` after fixing sdk-gen/generator").to.deep.equal([]);
    expect(ok).to.equal(true);
  });

  it("the metaschema rejects what Pulumi rejects (a bad package name, an unknown property type)", () => {
    const schema = readJson(SCHEMA_PATH);
    expect(validate({ ...schema, name: "9iamx" })).to.equal(false);
    const [typeName, type] = Object.entries<any>(schema.types).find(([, t]) => t.properties)!;
    const [propName] = Object.keys(type.properties);
    const broken = structuredClone(schema);
    broken.types[typeName].properties[propName] = { type: "tuple" };
    expect(validate(broken)).to.equal(false);
    expect(validate.errors!.some((e) => e.instancePath.startsWith(`/types/${typeName.replace(/\//g, "~1")}`))).to.equal(
      true,
    );
  });
});
