// Whole-program export parity with aws-cdk-lib: users, groups, access keys, instance profiles.
import { expect } from "chai";
import { exportParity } from "./export-harness";

const S3_READ = { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::data/*"] };

describe("cdk-parity: export of users, groups, keys and instance profiles", () => {
  exportParity("a user with no properties", (s) => {
    s.user("U");
  });

  exportParity("a user with a name, a path, managed policies and a permissions boundary", (s) => {
    const boundary = s.managedPolicy("Boundary", {
      statements: [new s.lib.PolicyStatement({ actions: ["*"], resources: ["*"] })],
    });
    s.user("Alice", {
      userName: "alice",
      path: "/people/",
      managedPolicies: [s.lib.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
      permissionsBoundary: boundary,
    });
  });

  exportParity("a user in groups (props and addToGroup); a group with managed policies", (s) => {
    const devs = s.group("Devs", { groupName: "developers", path: "/teams/" });
    const ops = s.group("Ops", { managedPolicies: [s.lib.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")] });
    const u = s.user("Bob", { groups: [devs] });
    u.addToGroup(ops);
    ops.addUser(s.user("Carol"));
  });

  exportParity("default policies of a user and a group", (s) => {
    const user = s.user("U");
    const group = s.group("G");
    user.addToPolicy(new s.lib.PolicyStatement(S3_READ));
    group.addToPolicy(new s.lib.PolicyStatement({ ...S3_READ, actions: ["s3:PutObject"] }));
  });

  exportParity(
    "a console password is a NoEcho parameter, never a value",
    (s) => {
      const g = s.group("Staff");
      s.userWithPassword("Dana", { passwordResetRequired: true, groups: [g] });
    },
    {
      check: (t) => {
        expect(t.Parameters!.DanaPassword.NoEcho).to.equal(true);
        expect(JSON.stringify(t)).to.not.match(/mock-password/);
      },
    },
  );

  exportParity("access keys: default, inactive with a serial", (s) => {
    const user = s.user("Bot");
    s.accessKey("Key", { user });
    s.accessKey("OldKey", { user, serial: 2, status: s.lib.AccessKeyStatus.INACTIVE });
  });

  exportParity("imported users and groups: policies, memberships", (s) => {
    const imported = s.userFromName("Ext", "external-user");
    imported.addToPrincipalPolicy(new s.lib.PolicyStatement(S3_READ));
    const group = s.group("Partners");
    imported.addToGroup(group);
    const importedGroup = s.groupFromName("ExtGroup", "external-group");
    importedGroup.addToPrincipalPolicy(new s.lib.PolicyStatement({ ...S3_READ, actions: ["s3:PutObject"] }));
  });

  exportParity("an instance profile for a role of the program", (s) => {
    const role = s.role("Ec2", { assumedBy: new s.lib.ServicePrincipal("ec2.amazonaws.com") });
    s.instanceProfile("Profile", { role, instanceProfileName: "web", path: "/web/" });
  });

  exportParity("an instance profile that makes its own role, given statements", (s) => {
    const profile = s.instanceProfile("Auto");
    profile.role!.addToPrincipalPolicy(new s.lib.PolicyStatement(S3_READ));
  });
});
