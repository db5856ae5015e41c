import { expect } from "chai";
import * as cdk from "aws-cdk-lib";
import { Construct } from "constructs";
import * as fc from "fast-check";
import { logicalIdFromPath } from "../../../src/render/cloudformation/logical-id";

/** The logical id aws-cdk-lib gives a CfnResource at `path` below stack S. */
function cdkLogicalId(path: readonly string[]): string {
  const stack = new cdk.Stack(new cdk.App(), "S");
  let scope: Construct = stack;
  for (const id of path.slice(0, -1)) scope = new Construct(scope, id);
  const res = new cdk.CfnResource(scope, path[path.length - 1], { type: "AWS::IAM::Group" });
  return stack.resolve(res.logicalId) as string;
}

describe("render/cloudformation: logical ids (CDK's algorithm)", () => {
  // The verified examples of cdk-iam-behaviour.md §9.1.
  const examples: [string[], string][] = [
    [["MyRole", "Resource"], "MyRoleF48FFE04"],
    [["MyRole", "DefaultPolicy", "Resource"], "MyRoleDefaultPolicyA36BE1DD"],
    [["Nested-Scope", "My_Role", "Resource"], "NestedScopeMyRoleA424F688"],
    [["Lazy", "Default", "Resource"], "Lazy399F7F48"],
    [["Lazy", "Default", "DefaultPolicy", "Resource"], "LazyDefaultPolicy5055B4A2"],
    [["Imp", "Policy", "Resource"], "ImpPolicy7A6E815A"],
    [["IU", "Policy", "Resource"], "IUPolicy3CBC38A7"],
    [["G", "Resource"], "GCEB75847"],
    [["U", "Resource"], "U05997891"],
    [["MP", "Resource"], "MPAF8D442C"],
    [["P3", "Resource"], "P383EE4452"],
    [["IP", "Resource"], "IPF1F1D75B"],
    [["IP", "InstanceRole", "Resource"], "IPInstanceRole92EBCD24"],
    [["RawRole"], "RawRole"],
    [["carolGroup0"], "carolGroup0"],
  ];
  for (const [path, id] of examples) {
    it(`${path.join("/")} → ${id}`, () => {
      expect(logicalIdFromPath(path)).to.equal(id);
      expect(cdkLogicalId(path)).to.equal(id);
    });
  }

  it("overflow policies get CDK's ids", () => {
    expect(logicalIdFromPath(["MyRole", "OverflowPolicy1", "Resource"])).to.equal("MyRoleOverflowPolicy13EF5596A");
    expect(logicalIdFromPath(["MyRole", "OverflowPolicy2", "Resource"])).to.equal("MyRoleOverflowPolicy294E3C162");
  });

  it("a / in a name is escaped as CDK escapes it in construct ids", () => {
    expect(logicalIdFromPath(["team/app", "Resource"])).to.equal(cdkLogicalId(["team/app", "Resource"]));
  });

  it("fails on an empty path", () => {
    expect(() => logicalIdFromPath([])).to.throw(/empty path/);
    expect(() => logicalIdFromPath(["Default"])).to.throw(/empty path/);
  });

  it("equals aws-cdk-lib for random construct paths (dupes, Default, Resource, odd characters, long names)", () => {
    const word = fc.oneof(
      fc.constantFrom("Resource", "Default", "Role", "MyRole", "Policy", "DefaultPolicy", "a", "A-b_c.d", "x/y"),
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,12}$/),
      fc.stringMatching(/^[A-Za-z]{100,130}$/),
    );
    const path = fc.array(word, { minLength: 1, maxLength: 5 }).filter((p) => p.some((c) => c !== "Default"));
    fc.assert(
      fc.property(path, (p) => {
        expect(logicalIdFromPath(p)).to.equal(cdkLogicalId(p));
      }),
      { numRuns: 150 },
    );
  });
});
