import { expect } from "chai";
import { formatPlan } from "../../src/cli/preview";
import type { SynthesizedResource } from "../../src/testing/synthesize";

const res = (r: Partial<SynthesizedResource> & { type: string; name: string }): SynthesizedResource => ({
  custom: !r.type.startsWith("iamx:"),
  inputs: {},
  outputs: {},
  ...r,
});

describe("cli: the offline plan", () => {
  const resources = [
    res({ type: "iamx:index:Role", name: "app" }),
    res({
      type: "aws:iam/role:Role",
      name: "app",
      parent: "app",
      parentType: "iamx:index:Role",
      inputs: { assumeRolePolicy: '{"Version":"2012-10-17","Statement":[]}', description: "x".repeat(300) },
      outputs: { name: "app-1a2b3c4", arn: "arn:aws:iam::123456789012:role/app-1a2b3c4" },
    }),
    res({
      type: "aws:iam/rolePolicy:RolePolicy",
      name: "app-default-policy",
      parent: "app",
      parentType: "iamx:index:Role",
      inputs: {
        role: "app-1a2b3c4",
        policy: '{"Statement":[{"Resource":"arn:aws:iam::123456789012:role/app-1a2b3c4"}]}',
        password: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" },
      },
    }),
    res({ type: "aws:s3/bucket:Bucket", name: "data", inputs: { bucket: "data" } }),
  ];

  it("draws the tree under the stack with each resource's inputs", () => {
    const text = formatPlan(resources, { project: "p", stack: "dev" });
    const lines = text.split("\n");
    expect(lines[0]).to.equal(
      "Offline plan (no engine, no cloud): pulumi up would create 4 resources (3 cloud resources, 1 components).",
    );
    expect(lines).to.include("pulumi:pulumi:Stack  p-dev");
    expect(lines).to.include("├─ iamx:index:Role  app");
    expect(lines).to.include("│  ├─ aws:iam/role:Role  app");
    expect(lines).to.include("│  └─ aws:iam/rolePolicy:RolePolicy  app-default-policy");
    expect(lines).to.include("└─ aws:s3/bucket:Bucket  data");
    expect(lines).to.include('      bucket: "data"');
  });

  it("shows computed values as ${name.property}, JSON documents compact, secrets masked, long lines cut", () => {
    const text = formatPlan(resources, { project: "p", stack: "dev" });
    expect(text).to.include('role: "${app.name}"');
    expect(text).to.include('policy: {"Statement":[{"Resource":"${app.arn}"}]}');
    expect(text).to.include('password: "[secret]"');
    expect(text).to.not.include("hunter2");
    const description = text.split("\n").find((l) => l.includes("description:"))!;
    expect(description.length).to.equal(160);
    expect(description.endsWith("…")).to.equal(true);
    const full = formatPlan(resources, { project: "p", stack: "dev" }, { full: true });
    expect(full).to.include("x".repeat(300));
  });
});
