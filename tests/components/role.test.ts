import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as iamx from "../../src";
import { finalize } from "../../src/render/pulumi/lifecycle";
import { T, doc, lambda, rejection, run, s3Read, validationError, valueOf } from "./iamx-helpers";

describe("Role", () => {
  it("registers an aws.iam.Role with every prop, and publishes roleArn, roleName, roleId", async () => {
    let role!: iamx.Role;
    const r = await run(() => {
      role = new iamx.Role("app", {
        assumedBy: lambda(),
        roleName: "app-role",
        path: "/svc/",
        description: "the app",
        maxSessionDuration: 7200,
        permissionsBoundary: iamx.ManagedPolicy.fromAwsManagedPolicyName("PowerUserAccess"),
      });
    });
    const res = r.get(T.role, "app");
    expect(res.parent).to.equal("app");
    expect(res.parentType).to.equal("iamx:index:Role");
    expect(res.inputs).to.deep.include({
      name: "app-role",
      path: "/svc/",
      description: "the app",
      maxSessionDuration: 7200,
      permissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess",
    });
    expect(doc(res, "assumeRolePolicy")).to.deep.equal({
      Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } }],
      Version: "2012-10-17",
    });
    expect(await valueOf(role.roleArn)).to.equal("arn:aws:iam::123456789012:role/svc/app-role");
    expect(await valueOf(role.roleName)).to.equal("app-role");
    expect(await valueOf(role.roleId)).to.equal(res.outputs.uniqueId);
    expect(r.cfn[role.cfn.logicalId].Properties).to.deep.include({ Description: "the app", MaxSessionDuration: 7200 });
    expect(role.toString()).to.equal("app");
    expect(iamx.Role.isRole(role)).to.equal(true);
    expect(iamx.Role.isRole({})).to.equal(false);
    expect(role.principalAccount).to.equal(iamx.Aws.ACCOUNT_ID);
  });

  it("accepts a Duration, treats an empty description as none, and takes Pulumi inputs for names", async () => {
    let role!: iamx.Role;
    const r = await run(() => {
      role = new iamx.Role("app", {
        assumedBy: lambda(),
        maxSessionDuration: iamx.Duration.minutes(90),
        description: "",
        roleName: pulumi.output("from-output"),
      });
    });
    const res = r.get(T.role, "app");
    expect(res.inputs.maxSessionDuration).to.equal(5400);
    expect(res.inputs).not.to.have.property("description");
    expect(res.inputs.name).to.equal("from-output");
    expect(res.inputs).not.to.have.property("permissionsBoundary");
    const props = r.cfn[role.cfn.logicalId].Properties!;
    expect(props).not.to.have.property("Description");
    expect(props.RoleName).to.have.property("Ref").that.is.a("string");
  });

  it("writes inline policies as RolePolicies and into the CloudFormation role", async () => {
    let role!: iamx.Role;
    const inline = new iamx.PolicyDocument({ statements: [s3Read()] });
    const r = await run(async () => {
      role = new iamx.Role("app", { assumedBy: lambda(), inlinePolicies: { Reader: inline } });
      await Promise.resolve();
      inline.addStatements(s3Read("later"));
    });
    const rp = r.get(T.rolePolicy, "app-inline-Reader");
    expect(rp.inputs.name).to.equal("Reader");
    expect(rp.inputs.role).to.equal(r.get(T.role, "app").outputs.name);
    expect(doc(rp).Statement).to.deep.equal([
      { Action: "s3:GetObject", Effect: "Allow", Resource: ["arn:aws:s3:::b/*", "arn:aws:s3:::later/*"] },
    ]);
    expect((r.cfn[role.cfn.logicalId].Properties!.Policies as unknown[])[0]).to.deep.equal({
      PolicyDocument: doc(rp),
      PolicyName: "Reader",
    });
  });

  it("attaches managed policies once per ARN, also when added after an await", async () => {
    const r = await run(async () => {
      const role = new iamx.Role("app", {
        assumedBy: lambda(),
        managedPolicies: [iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess")],
      });
      await new Promise((resolve) => setTimeout(resolve, 2));
      role.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("ReadOnlyAccess"));
      role.addManagedPolicy(iamx.ManagedPolicy.fromManagedPolicyArn("p", "arn:aws:iam::1:policy/x"));
    });
    const attachments = r.all(T.roleAttach);
    expect(attachments.map((a) => [a.name, a.inputs.policyArn])).to.have.deep.members([
      ["app-attach-ReadOnlyAccess-9dabfe2b", "arn:aws:iam::aws:policy/ReadOnlyAccess"],
      ["app-attach-x-6315a664", "arn:aws:iam::1:policy/x"],
    ]);
    expect(attachments.every((a) => a.parent === "app")).to.equal(true);
  });

  it("addToPolicy / addToPrincipalPolicy make the default policy on first use, and report a dependable", async () => {
    let result: iamx.AddToPrincipalPolicyResult | undefined;
    let role!: iamx.Role;
    const r = await run(async () => {
      role = new iamx.Role("app", { assumedBy: lambda() });
      expect(role.defaultPolicy).to.equal(undefined);
      expect(role.addToPolicy(s3Read())).to.equal(true);
      await Promise.resolve();
      result = role.addToPrincipalPolicy(s3Read("c"));
    });
    expect(result?.statementAdded).to.equal(true);
    expect(result?.policyDependable?.dependencyRoots).to.deep.equal([role.defaultPolicy]);
    const rp = r.get(T.rolePolicy, "app-default-policy");
    expect(rp.inputs.name).to.equal("appDefaultPolicy904D6080");
    expect(doc(rp).Statement[0].Resource).to.deep.equal(["arn:aws:s3:::b/*", "arn:aws:s3:::c/*"]);
    expect(r.get("iamx:index:Policy", "app-default-policy").parent).to.equal("app");
  });

  it("attachInlinePolicy: the same policy twice is fine, another policy with the same name is CDK's error", async () => {
    let e!: iamx.ValidationError;
    const failed = await rejection(
      run(() => {
        const role = new iamx.Role("app", { assumedBy: lambda() });
        const p = new iamx.Policy("p", { policyName: "shared", statements: [s3Read()] });
        role.attachInlinePolicy(p);
        role.attachInlinePolicy(p);
        e = validationError(() => role.attachInlinePolicy(new iamx.Policy("q", { policyName: "shared" })));
      }),
    );
    expect(e.code).to.equal("PolicyNamedAlreadyAttached");
    expect(e.message).to.equal('[app] A policy named "shared" is already attached');
    // As in CDK, the name check counts as a reference: the rejected, empty policy is then an error.
    expect(failed.message).to.equal(
      "Validation failed with the following errors:\n" +
        "  [q] This Policy has been referenced by a resource, so it must contain at least one statement.\n" +
        "  [q] This Policy has been referenced by a resource, so it must be attached to at least one user, group or role.",
    );
  });

  it("grant, grantPassRole and grantAssumeRole put statements in the grantee's policy", async () => {
    const r = await run(() => {
      const target = new iamx.Role("target", { assumedBy: lambda() });
      const user = new iamx.Role("grantee", { assumedBy: new iamx.AccountRootPrincipal() });
      expect(target.grant(user, "iam:GetRole").success).to.equal(true);
      target.grantPassRole(user).assertSuccess();
      target.grantAssumeRole(user);
      expect(target.grantPassRole(new iamx.ServicePrincipal("ec2")).success).to.equal(false);
    });
    const arn = r.get(T.role, "target").outputs.arn;
    expect(doc(r.get(T.rolePolicy, "grantee-default-policy")).Statement).to.deep.equal([
      { Action: ["iam:GetRole", "iam:PassRole", "sts:AssumeRole"], Effect: "Allow", Resource: arn },
    ]);
  });

  it("grantAssumeRole refuses service and account principals (CDK's message)", async () => {
    await run(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      for (const p of [lambda(), new iamx.AccountPrincipal("111111111111"), new iamx.AccountRootPrincipal()]) {
        const e = validationError(() => role.grantAssumeRole(p));
        expect(e.code).to.equal("CannotServiceAccountPrincipalGrant");
        expect(e.message).to.equal(
          "[app] Cannot use a service or account principal with grantAssumeRole, use assumeRolePolicy instead.",
        );
      }
    });
  });

  it("withoutPolicyUpdates: statements are dropped; with addGrantsToResources grants report failure", async () => {
    const r = await run(() => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      const frozen = role.withoutPolicyUpdates({ addGrantsToResources: true });
      expect(frozen.addToPrincipalPolicy(s3Read()).statementAdded).to.equal(false);
      expect(role.withoutPolicyUpdates({ addGrantsToResources: false })).to.equal(frozen);
      expect(frozen.roleArn).to.equal(role.roleArn);
      expect(String(frozen)).to.equal("ImmutableRoleapp");
      const other = new iamx.Role("other", { assumedBy: lambda() }).withoutPolicyUpdates();
      expect(other.addToPolicy(s3Read())).to.equal(true);
      frozen.attachInlinePolicy(new iamx.Policy("p", { statements: [s3Read()] }));
      // Grants on the immutable view still go through the real role.
      const g = frozen.grantPassRole(new iamx.Role("x", { assumedBy: lambda() }));
      expect(g.success).to.equal(true);
    });
    expect(r.all(T.rolePolicy).map((p) => p.name)).to.deep.equal(["x-default-policy"]);
  });

  it("a permissions boundary set before finalize (by an aspect) lands in both targets", async () => {
    let role!: iamx.Role;
    let kept!: iamx.Role;
    const r = await run(async () => {
      role = new iamx.Role("app", { assumedBy: lambda() });
      kept = new iamx.Role("kept", {
        assumedBy: lambda(),
        permissionsBoundary: iamx.ManagedPolicy.fromAwsManagedPolicyName("A"),
      });
      await Promise.resolve();
      role._setPermissionsBoundary(iamx.ManagedPolicy.fromAwsManagedPolicyName("Boundary"));
      kept._setPermissionsBoundary(undefined);
      expect(validationError(() => role._setPermissionsBoundary("arn" as never)).code).to.equal("InvalidManagedPolicy");
    });
    expect(r.get(T.role, "app").inputs.permissionsBoundary).to.equal("arn:aws:iam::aws:policy/Boundary");
    expect(r.get(T.role, "kept").inputs).not.to.have.property("permissionsBoundary");
    expect(r.cfn[role.cfn.logicalId].Properties!.PermissionsBoundary).to.deep.equal({
      "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/Boundary"]],
    });
    expect(r.cfn[kept.cfn.logicalId].Properties).not.to.have.property("PermissionsBoundary");
    expect(role.permissionsBoundary).to.not.equal(undefined);
  });

  it("statements added to the trust policy later still render", async () => {
    const r = await run(async () => {
      const role = new iamx.Role("app", { assumedBy: lambda() });
      await Promise.resolve();
      role.assumeRolePolicy.addStatements(
        new iamx.PolicyStatement({ actions: ["sts:AssumeRole"], principals: [new iamx.ServicePrincipal("ec2")] }),
      );
    });
    expect(doc(r.get(T.role, "app"), "assumeRolePolicy").Statement).to.deep.equal([
      {
        Action: "sts:AssumeRole",
        Effect: "Allow",
        Principal: { Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] },
      },
    ]);
  });

  it("follows iamx:minimizePolicies from the stack config", async () => {
    const r = await run(
      () => {
        const role = new iamx.Role("app", { assumedBy: lambda() });
        role.addToPolicy(s3Read("a"));
        role.addToPolicy(s3Read("b"));
      },
      { config: { "iamx:minimizePolicies": "false" } },
    );
    expect(doc(r.get(T.rolePolicy, "app-default-policy")).Statement).to.have.length(2);
  });

  it("anything added after the policies were finalized is an error naming the role", async () => {
    let role!: iamx.Role;
    await run(() => {
      role = new iamx.Role("app", { assumedBy: lambda() });
    });
    finalize();
    for (const f of [
      () => role.addToPolicy(s3Read()),
      () => role.addManagedPolicy(iamx.ManagedPolicy.fromAwsManagedPolicyName("X")),
      () => role.attachInlinePolicy({ policyName: "p", attachToRole() {}, attachToUser() {}, attachToGroup() {} }),
    ]) {
      const e = validationError(f);
      expect(e.code).to.equal("ModifiedAfterFinalize");
      expect(e.message).to.match(/on app after the program's policies were finalized/);
    }
  });

  it("nests under a parent component (construct path and logical ids)", async () => {
    let role!: iamx.Role;
    await run(() => {
      const parent = new iamx.Role("outer", { assumedBy: lambda() });
      role = new iamx.Role("inner", { assumedBy: lambda() }, { parent });
      role.addToPolicy(s3Read());
    });
    expect(role.constructPath).to.deep.equal(["outer", "inner"]);
    expect(role.defaultPolicy!.constructPath).to.deep.equal(["outer", "inner", "DefaultPolicy"]);
  });

  describe("bad input", () => {
    const cases: [string, () => unknown, string, RegExp | string][] = [
      [
        "no args",
        () => new iamx.Role("r", undefined as never),
        "InvalidRoleArgs",
        /Role args must be an object, got undefined/,
      ],
      ["null args", () => new iamx.Role("r", null as never), "InvalidRoleArgs", /got null/],
      ["no assumedBy", () => new iamx.Role("r", {} as never), "InvalidRoleArgs", /Role needs `assumedBy`/],
      [
        "string assumedBy",
        () => new iamx.Role("r", { assumedBy: "lambda" as never }),
        "InvalidRoleArgs",
        /got string "lambda"/,
      ],
      ["empty name", () => new iamx.Role("", { assumedBy: lambda() }), "InvalidName", /non-empty name/],
      [
        "invalid roleName",
        () => new iamx.Role("r", { assumedBy: lambda(), roleName: "has space" }),
        "InvalidRoleName",
        "Invalid roleName. The name must be a string of characters consisting of upper and lowercase alphanumeric characters with no spaces. You can also include any of the following characters: _+=,.@-. Length must be between 1 and 64 characters.",
      ],
      [
        "roleName too long",
        () => new iamx.Role("r", { assumedBy: lambda(), roleName: "x".repeat(65) }),
        "InvalidRoleName",
        /Invalid roleName/,
      ],
      [
        "roleName number",
        () => new iamx.Role("r", { assumedBy: lambda(), roleName: 5 as never }),
        "InvalidRoleArgs",
        /roleName/,
      ],
      [
        "maxSessionDuration too short",
        () => new iamx.Role("r", { assumedBy: lambda(), maxSessionDuration: 60 }),
        "MaxSessionDurationSet",
        "maxSessionDuration is set to 60, but must be >= 3600sec (1hr) and <= 43200sec (12hrs)",
      ],
      [
        "maxSessionDuration zero",
        () => new iamx.Role("r", { assumedBy: lambda(), maxSessionDuration: iamx.Duration.seconds(0) }),
        "MaxSessionDurationSet",
        /set to 0,/,
      ],
      [
        "maxSessionDuration too long",
        () => new iamx.Role("r", { assumedBy: lambda(), maxSessionDuration: iamx.Duration.hours(13) }),
        "MaxSessionDurationSet",
        /set to 46800,/,
      ],
      [
        "maxSessionDuration not a number",
        () => new iamx.Role("r", { assumedBy: lambda(), maxSessionDuration: "1h" as never }),
        "InvalidRoleArgs",
        /maxSessionDuration` must be a number of seconds or an iamx.Duration/,
      ],
      [
        "maxSessionDuration fractional",
        () => new iamx.Role("r", { assumedBy: lambda(), maxSessionDuration: 3600.5 }),
        "InvalidDuration",
        /whole number of seconds/,
      ],
      [
        "description too long",
        () => new iamx.Role("r", { assumedBy: lambda(), description: "d".repeat(1001) }),
        "RoleDescriptionLongerCharacters",
        "Role description must be no longer than 1000 characters.",
      ],
      [
        "empty path",
        () => new iamx.Role("r", { assumedBy: lambda(), path: "" }),
        "RolePathCharactersProvidedRole",
        "Role path must be between 1 and 512 characters. The provided role path is 0 characters.",
      ],
      [
        "path too long",
        () => new iamx.Role("r", { assumedBy: lambda(), path: `/${"a".repeat(512)}/` }),
        "RolePathCharactersProvidedRole",
        /The provided role path is 514 characters/,
      ],
      [
        "path without slashes",
        () => new iamx.Role("r", { assumedBy: lambda(), path: "a" }),
        "InvalidRolePathCharacters",
        "Role path must be either a slash or valid characters (alphanumerics and symbols) surrounded by slashes. Valid characters are unicode characters in [\\u0021-\\u007F]. However, a is provided.",
      ],
      [
        "path //",
        () => new iamx.Role("r", { assumedBy: lambda(), path: "//" }),
        "InvalidRolePathCharacters",
        /However, \/\/ is provided/,
      ],
      [
        "externalIds not an array",
        () => new iamx.Role("r", { assumedBy: lambda(), externalIds: "x" as never }),
        "InvalidRoleArgs",
        /externalIds/,
      ],
      [
        "externalIds with null",
        () => new iamx.Role("r", { assumedBy: lambda(), externalIds: [null as never] }),
        "InvalidRoleArgs",
        /externalIds/,
      ],
      [
        "inline policy that is not a document",
        () => new iamx.Role("r", { assumedBy: lambda(), inlinePolicies: { P: { Statement: [] } as never } }),
        "InvalidRoleArgs",
        /inline policy "P" must be a PolicyDocument/,
      ],
      [
        "inlinePolicies array",
        () => new iamx.Role("r", { assumedBy: lambda(), inlinePolicies: [] as never }),
        "InvalidRoleArgs",
        /inlinePolicies/,
      ],
      [
        "managed policy without ARN",
        () => new iamx.Role("r", { assumedBy: lambda(), managedPolicies: [{} as never] }),
        "InvalidManagedPolicy",
        /managedPolicies needs managed policies/,
      ],
      [
        "permissions boundary string",
        () => new iamx.Role("r", { assumedBy: lambda(), permissionsBoundary: "arn:aws:iam::aws:policy/X" as never }),
        "InvalidManagedPolicy",
        /permissionsBoundary/,
      ],
    ];
    for (const [title, make, code, message] of cases) {
      it(title, async () => {
        let e!: iamx.ValidationError;
        const r = await run(() => {
          e = validationError(make);
        });
        expect(e.code).to.equal(code);
        if (typeof message === "string") expect(e.message.replace(/^\[r\] /, "")).to.equal(message);
        else expect(e.message).to.match(message);
        // Nothing was half-made.
        expect(r.resources).to.deep.equal([]);
      });
    }

    it("a statement that is not a PolicyStatement", async () => {
      await run(() => {
        const role = new iamx.Role("r", { assumedBy: lambda() });
        expect(validationError(() => role.addToPolicy({ actions: ["s3:GetObject"] } as never)).code).to.equal(
          "InvalidStatement",
        );
        expect(validationError(() => role.attachInlinePolicy(null as never)).code).to.equal("InvalidPolicy");
        expect(validationError(() => role.addManagedPolicy("arn" as never)).code).to.equal("InvalidManagedPolicy");
      });
    });

    it("trust and inline documents are validated at finalize, reported with the role's path", async () => {
      const e = await rejection(
        run(() => {
          iamx.configure({ minimizePolicies: false });
          const role = new iamx.Role("r", {
            assumedBy: lambda(),
            inlinePolicies: {
              Bad: new iamx.PolicyDocument({ statements: [new iamx.PolicyStatement({ actions: ["s3:GetObject"] })] }),
              Empty: new iamx.PolicyDocument(),
            },
          });
          role.assumeRolePolicy.addStatements(new iamx.PolicyStatement({ actions: ["sts:AssumeRole"] }));
        }),
      );
      expect(e.message).to.equal(
        "Validation failed with the following errors:\n" +
          "  [r] A PolicyStatement used in a trust policy must specify at least one IAM principal.\n" +
          "  [r] A PolicyStatement used in an identity-based policy must specify at least one resource.\n" +
          '  [r] Resolution error: Supplied properties not correct for "CfnRoleProps"\n' +
          '  policies: element 1: supplied properties not correct for "PolicyProperty"\n' +
          "    policyDocument: required but missing.",
      );
    });
  });
});
