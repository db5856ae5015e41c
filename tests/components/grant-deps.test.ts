import { expect } from "chai";
import * as iam from "@pulumi/aws/iam";
import * as iamx from "../../src";
import { T, run } from "./iamx-helpers";

describe("Grant as a Pulumi dependency", () => {
  it("dependsOn: grant lists the default policy's RolePolicy", async () => {
    const r = await run(() => {
      const role = new iamx.Role("app", { assumedBy: new iamx.ServicePrincipal("lambda") });
      const other = new iamx.Role("other", { assumedBy: new iamx.AccountRootPrincipal() });
      const g = role.grantPassRole(other);
      new iam.User("dep", {}, { dependsOn: g });
      new iam.User("dep2", {}, { dependsOn: [g] });
    });
    const rp = r.get(T.rolePolicy, "other-default-policy");
    const urn = r.urnOf(T.rolePolicy, rp.name);
    expect(urn).to.match(/RolePolicy::other-default-policy$/);
    expect(r.depsOf("aws:iam/user:User", "dep")).to.include(urn);
    expect(r.depsOf("aws:iam/user:User", "dep2")).to.include(urn);
  });
});
