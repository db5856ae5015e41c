/**
 * `npm run schema`: regenerates sdk-gen/schema.json from the facade. `--check` only compares and
 * exits 1 when the committed file is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { generatePackageSpec, SCHEMA_PATH, serializeSchema } from "./generator";
import { validatePackageSpec } from "./validate";

function main(argv: string[]): number {
  const text = serializeSchema(generatePackageSpec());
  const problems = validatePackageSpec(JSON.parse(text));
  if (problems.length > 0) {
    console.error(`The generated schema breaks the package-schema rules:\n  ${problems.join("\n  ")}`);
    return 1;
  }
  const current = fs.existsSync(SCHEMA_PATH) ? fs.readFileSync(SCHEMA_PATH, "utf8") : "";
  const where = path.relative(process.cwd(), SCHEMA_PATH);
  if (argv.includes("--check")) {
    if (current === text) return 0;
    console.error(`${where} is stale: run npm run schema`);
    return 1;
  }
  if (current !== text) fs.writeFileSync(SCHEMA_PATH, text);
  console.log(current === text ? `${where} is up to date` : `wrote ${where}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
