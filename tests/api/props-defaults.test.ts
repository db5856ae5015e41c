// Every optional prop of a public props interface documents its default with TSDoc `@default`.
import { expect } from "chai";
import * as path from "node:path";
import { propsInterfaces } from "./props-defaults";

const ROOT = path.resolve(__dirname, "../..");

describe("public props interfaces document their defaults", function () {
  this.timeout(120_000);
  for (const entry of ["src/index.ts", "src/testing/index.ts"]) {
    describe(entry, () => {
      let found: Map<string, readonly { interfaceName: string; prop: string; file: string }[]>;
      before(() => {
        found = propsInterfaces(path.join(ROOT, entry));
      });

      it("finds the props interfaces it exports (the walker resolves re-exports)", () => {
        const expected =
          entry === "src/index.ts"
            ? ["RoleArgs", "PolicyStatementProps", "LintOptions", "TagProps"]
            : ["SynthesizeOptions"];
        expect([...found.keys()]).to.include.members(expected);
      });

      it("has `@default` on every optional prop", () => {
        const missing = [...found.values()].flat().map((m) => `${m.interfaceName}.${m.prop} (${m.file})`);
        expect(missing, "optional props without @default").to.deep.equal([]);
      });
    });
  }
});
