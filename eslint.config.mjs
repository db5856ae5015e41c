import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Import boundaries between the layers (see ARCHITECTURE.md). */
const noPulumi = { group: ["@pulumi/*"], message: "The policy model (src/core) knows nothing of Pulumi." };
const mocks = {
  group: ["**/runtime/mock-*"],
  message: "Only the runtime and the testing kit know about Pulumi mocks.",
};
const layers = [
  {
    files: ["src/core/*.ts"],
    patterns: [{ group: ["../*"], message: "The policy model (src/core) imports nothing outside itself." }, noPulumi],
  },
  {
    files: ["src/core/*/**/*.ts"],
    patterns: [
      { group: ["../../*"], message: "The policy model (src/core) imports nothing outside itself." },
      noPulumi,
    ],
  },
  {
    files: ["src/render/**/*.ts"],
    patterns: [
      {
        group: ["**/testing", "**/testing/*", "**/cli", "**/cli/*", "**/lint", "**/lint/*"],
        message: "Renderers never import the testing kit, the CLI or lint: run programs through src/runtime.",
      },
      mocks,
    ],
  },
  {
    files: [
      "src/components/**/*.ts",
      "src/grants/**/*.ts",
      "src/lint/**/*.ts",
      "src/governance/**/*.ts",
      "src/cli/**/*.ts",
    ],
    patterns: [mocks],
  },
  {
    files: ["sdk-gen/**/*.ts"],
    patterns: [
      {
        group: ["**/src/**", "!**/src/testing"],
        message: "sdk-gen uses only the package's public entry points (src, src/testing).",
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "docs/api/", "bin/", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  ...layers.map(({ files, patterns }) => ({ files, rules: { "no-restricted-imports": ["error", { patterns }] } })),
);
