// The layers' import boundaries are an eslint rule (eslint.config.mjs): each crossing fails `npm test`.
import { expect } from "chai";
import { ESLint } from "eslint";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

async function restricted(file: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("runtime: layer boundaries (eslint)", function () {
  this.timeout(60_000);

  const crossings: [string, string, RegExp][] = [
    ["src/core/fixture.ts", `import * as pulumi from "@pulumi/pulumi";`, /knows nothing of Pulumi/],
    ["src/core/fixture.ts", `import { toOutput } from "../render/pulumi/values";`, /imports nothing outside itself/],
    ["src/core/principals/fixture.ts", `import { Role } from "../../components/role";`, /imports nothing outside/],
    [
      "src/render/cloudformation/fixture.ts",
      `import { synthesize } from "../../testing";`,
      /never import the testing kit/,
    ],
    ["src/render/pulumi/fixture.ts", `import { main } from "../../cli/main";`, /never import the testing kit, the CLI/],
    ["src/render/cloudformation/fixture.ts", `import { lintModel } from "../../lint/engine";`, /or lint/],
    ["src/components/fixture.ts", `import { mockCall } from "../runtime/mock-cloud";`, /know about Pulumi mocks/],
    ["sdk-gen/provider/fixture.ts", `import { Role } from "../../src/components/role";`, /public entry points/],
  ];
  for (const [file, line, message] of crossings) {
    it(`${file}: ${line}`, async () => {
      const messages = await restricted(
        file,
        `${line}\nexport const used = [${line
          .match(/\{ (\w+) \}|\* as (\w+)/)!
          .slice(1)
          .find(Boolean)}];\n`,
      );
      expect(messages).to.have.length(1);
      expect(messages[0]).to.match(message);
    });
  }

  it("allows imports within the layers", async () => {
    expect(
      await restricted("src/core/fixture.ts", `import { settings } from "./settings";\nexport const s = settings;\n`),
    ).to.deep.equal([]);
    expect(
      await restricted(
        "src/render/cloudformation/fixture.ts",
        `import { run } from "../../runtime/run";\nexport const r = run;\n`,
      ),
    ).to.deep.equal([]);
    expect(
      await restricted("sdk-gen/provider/fixture.ts", `import { Role } from "../../src";\nexport const r = Role;\n`),
    ).to.deep.equal([]);
    expect(
      await restricted(
        "sdk-gen/provider/fixture.ts",
        `import { synthesize } from "../../src/testing";\nexport const s = synthesize;\n`,
      ),
    ).to.deep.equal([]);
  });
});
