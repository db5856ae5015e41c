/**
 * The package schema of pulumi-iamx for other Pulumi languages, generated from the TypeScript
 * facade in sdk-gen/facade (the same interfaces the provider's code is type-checked against) and
 * the package's package.json. `npm run schema` writes it to sdk-gen/schema.json; a test fails when
 * the committed file differs from a fresh generation.
 */
import * as fs from "fs";
import * as path from "path";
import { parseFacadeDir } from "./parse";
import { buildPackageSpec } from "./schema";
import type { PackageSpec } from "./spec";

/** The package name other languages import (`import pulumi_iamx`, `iamx.NewRole`, `Iamx.Role`). */
export const PACKAGE_NAME = "iamx";

const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** Where the facade sources live. */
export const FACADE_DIR = path.join(REPO_ROOT, "sdk-gen", "facade");
/** Where the committed schema lives. */
export const SCHEMA_PATH = path.join(REPO_ROOT, "sdk-gen", "schema.json");

/** Generates the package schema from the facade sources. */
export function generatePackageSpec(): PackageSpec {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as Record<string, any>;
  const repository = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
  return buildPackageSpec(parseFacadeDir(FACADE_DIR), {
    name: PACKAGE_NAME,
    displayName: "pulumi-iamx",
    version: String(pkg.version),
    description: pkg.description,
    keywords: ["pulumi", "aws", "iam", "cdk", "kind/component", "category/cloud"],
    license: pkg.license,
    repository,
  });
}

/** The schema as it is written to disk (2-space JSON, trailing newline). */
export function serializeSchema(spec: PackageSpec): string {
  return JSON.stringify(spec, null, 2) + "\n";
}
