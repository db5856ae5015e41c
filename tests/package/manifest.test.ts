// What package.json promises users, checked against what it depends on and what the README says:
// the Node.js range (engines) is @pulumi/pulumi's, and @pulumi/pulumi and @pulumi/aws are peer
// dependencies whose ranges hold the versions the suite runs with.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

function manifest(file: string): Record<string, any> {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** The lowest major a `>=N` engines range allows. */
function minimumMajor(range: unknown): number {
  const m = /^>=\s*(\d+)(\.\d+){0,2}$/.exec(String(range).trim());
  expect(m, `expected a ">=N" range, got ${String(range)}`).to.not.equal(null);
  return Number(m![1]);
}

/** Whether `version` is in a caret range `^X.Y.Z` (same major, not lower). */
function inCaretRange(version: string, range: string): boolean {
  const m = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!m) return false;
  const want = m.slice(1, 4).map(Number);
  const have = version.split(".").map(Number);
  if (have[0] !== want[0]) return false;
  for (let i = 1; i < 3; i++) if (have[i] !== want[i]) return have[i] > want[i];
  return true;
}

describe("package: what package.json promises", () => {
  const pkg = manifest(path.join(ROOT, "package.json"));
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

  it("engines: the Node.js range @pulumi/pulumi declares, stated so in the README", () => {
    const pulumi = manifest(path.join(ROOT, "node_modules", "@pulumi", "pulumi", "package.json"));
    const ours = minimumMajor(pkg.engines?.node);
    expect(ours).to.be.at.least(minimumMajor(pulumi.engines?.node));
    expect(readme).to.include(`**Node.js ${ours} or newer** (\`engines\`)`);
  });

  for (const peer of ["@pulumi/pulumi", "@pulumi/aws"]) {
    it(`${peer} is a peer dependency (one copy: the program's), its range holding the tested version`, () => {
      expect(pkg.dependencies ?? {}).to.not.have.property(peer);
      const range: string = pkg.peerDependencies?.[peer];
      const tested: string = manifest(path.join(ROOT, "node_modules", ...peer.split("/"), "package.json")).version;
      expect(inCaretRange(tested, range), `${tested} in ${range}`).to.equal(true);
      expect(pkg.devDependencies?.[peer]).to.equal(tested);
      expect(readme).to.include(`\`${peer}\` \`${range}\` (tested with ${tested}`);
    });
  }

  it("@pulumi/policy is an optional peer (only policy packs need it), its range holding the tested version", () => {
    const range: string = pkg.peerDependencies?.["@pulumi/policy"];
    const policy = manifest(path.join(ROOT, "node_modules", "@pulumi", "policy", "package.json"));
    policy.version = String(policy.version).replace(/^v/, ""); // its manifest says "v1.21.0"
    expect(pkg.peerDependenciesMeta?.["@pulumi/policy"]?.optional).to.equal(true);
    expect(inCaretRange(policy.version, range), `${policy.version} in ${range}`).to.equal(true);
    expect(pkg.devDependencies?.["@pulumi/policy"]).to.equal(policy.version);
    expect(readme).to.include(`\`@pulumi/policy\` \`${range}\` (tested with ${policy.version})`);
    // it depends on @pulumi/pulumi itself: the version we test with must be in its range (one copy)
    const pulumi = manifest(path.join(ROOT, "node_modules", "@pulumi", "pulumi", "package.json")).version;
    expect(inCaretRange(pulumi, policy.dependencies["@pulumi/pulumi"]), `${pulumi} in @pulumi/policy's range`).to.equal(
      true,
    );
  });

  it("exports pulumi-iamx/policy as it does pulumi-iamx/testing", () => {
    expect(pkg.exports["./policy"]).to.deep.equal({
      types: "./dist/src/policy/index.d.ts",
      default: "./dist/src/policy/index.js",
    });
    expect(pkg.typesVersions["*"].policy).to.deep.equal(["dist/src/policy/index.d.ts"]);
  });
});
