// ProviderDeployment: one program run across a component provider's requests, finalized per request.
import { expect } from "chai";
import { synthesizeRaw, type SynthesizedResource } from "../../src/testing/synthesize";
import {
  ManagedPolicy,
  PermissionsBoundary,
  Policy,
  PolicyStatement,
  ProviderDeployment,
  Role,
  ServicePrincipal,
  Tags,
  configure,
  program,
} from "../../src";

const BOUNDARY = "arn:aws:iam::123456789012:policy/Boundary";
const lambda = () => new ServicePrincipal("lambda.amazonaws.com");
const statement = (action: string) => new PolicyStatement({ actions: [action], resources: ["arn:aws:s3:::b/*"] });

function one(resources: SynthesizedResource[], type: string, name: string): SynthesizedResource {
  const found = resources.filter((r) => r.type === type && r.name === name);
  expect(found, `${type} ${name}`).to.have.length(1);
  return found[0];
}

describe("runtime: ProviderDeployment (the component provider's deployment)", () => {
  it("settings and scope rules of an earlier request reach what a later request builds", async () => {
    const run = await synthesizeRaw(() => {
      const deployment = new ProviderDeployment();
      deployment.request(() => {
        configure({ minimizePolicies: false });
        Tags.of(program).add("team", "core");
        PermissionsBoundary.of(program).apply(ManagedPolicy.fromManagedPolicyArn("boundary", BOUNDARY));
        new Role("first", { assumedBy: lambda() }).addToPolicy(statement("s3:GetObject"));
      });
      deployment.request(() => {
        const second = new Role("second", { assumedBy: lambda() });
        second.addToPolicy(statement("s3:GetObject"));
        second.addToPolicy(statement("s3:PutObject"));
      });
    });
    const second = one(run.resources, "aws:iam/role:Role", "second").inputs;
    expect(second.tags).to.deep.equal({ team: "core" });
    expect(second.permissionsBoundary).to.equal(BOUNDARY);
    // minimizePolicies: false, set by the first request: the two statements stay apart.
    const policy = JSON.parse(
      one(run.resources, "aws:iam/rolePolicy:RolePolicy", "second-default-policy").inputs.policy,
    );
    expect(policy.Statement).to.have.length(2);
    expect(one(run.resources, "aws:iam/role:Role", "first").inputs.tags).to.deep.equal({ team: "core" });
  });

  it("a component's documents are final once the request that built it answered; attachments made at once still work", async () => {
    const run = await synthesizeRaw(() => {
      const deployment = new ProviderDeployment();
      const role = deployment.request(() => {
        const r = new Role("app", { assumedBy: lambda() });
        r.addToPolicy(statement("s3:GetObject"));
        return r;
      });
      let message = "";
      deployment.request(() => {
        expect(role.policiesFinalized).to.equal(true);
        try {
          role.addToPolicy(statement("s3:PutObject"));
        } catch (e) {
          message = (e as Error).message;
        }
        role.addManagedPolicy(ManagedPolicy.fromManagedPolicyArn("ro", "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        const fresh = new Role("fresh", { assumedBy: lambda() });
        expect(fresh.policiesFinalized).to.equal(false);
      });
      return { message };
    });
    expect(run.outputs.message).to.contain("after its policies were finalized by the request that built it");
    const policy = JSON.parse(one(run.resources, "aws:iam/rolePolicy:RolePolicy", "app-default-policy").inputs.policy);
    expect(policy.Statement.map((s: { Action: string }) => s.Action)).to.deep.equal(["s3:GetObject"]);
    expect(run.resources.filter((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.have.length(
      1,
    );
  });

  it("a request that throws drops what it left unfinished; the next request runs", async () => {
    const run = await synthesizeRaw(() => {
      const deployment = new ProviderDeployment();
      const earlier = deployment.request(() => new Role("earlier", { assumedBy: lambda() }));
      expect(() =>
        deployment.request(() => {
          // Its attachment would be made at finalize, which this request never reaches.
          new Policy("half", { statements: [statement("s3:GetObject")] }).attachToRole(earlier);
          throw new Error("the facade failed");
        }),
      ).to.throw("the facade failed");
      deployment.request(() => new Role("next", { assumedBy: lambda() }).addToPolicy(statement("s3:PutObject")));
    });
    expect(run.resources.some((r) => r.name === "next-default-policy")).to.equal(true);
    expect(run.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy").map((r) => r.name)).to.deep.equal([
      "next-default-policy",
    ]);
  });

  it("a scope rule that could not reach a component an earlier request finalized fails, naming it", async () => {
    const run = await synthesizeRaw(() => {
      const deployment = new ProviderDeployment();
      deployment.request(() => configure({ minimizePolicies: true })); // builds nothing
      const role = deployment.request(() => {
        Tags.of(program).add("team", "core"); // nothing final yet: fine
        return new Role("app", { assumedBy: lambda() });
      });
      const failures: string[] = [];
      deployment.request(() => {
        const fresh = new Role("fresh", { assumedBy: lambda() });
        Tags.of(fresh).add("fresh", "yes"); // only this request's component: fine
        for (const rule of [() => Tags.of(program).add("late", "x"), () => PermissionsBoundary.of(role).clear()]) {
          try {
            rule();
          } catch (e) {
            failures.push((e as Error).message);
          }
        }
      });
      return { failures };
    });
    const failures = run.outputs.failures as string[];
    expect(failures).to.have.length(2);
    for (const f of failures) expect(f).to.contain("app, in its scope, was finalized by an earlier request");
    expect(one(run.resources, "aws:iam/role:Role", "fresh").inputs.tags).to.deep.equal({ team: "core", fresh: "yes" });
  });
});
