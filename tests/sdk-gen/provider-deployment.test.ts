// The provider keeps one deployment's state across construct and call: a method called from
// another language sees what earlier requests built, as a TypeScript program would.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { synthesizeRaw, type SynthesizedResource } from "../../src/testing/synthesize";
import { IamxProvider } from "../../sdk-gen/provider/provider";
import { addToPolicy, deploy, ofType, role, statementsOf, type Request } from "./provider-harness";
import { withLateCall } from "../../sdk-gen/facade/late";
import { ProviderDeployment, configure } from "../../src";
import { Role } from "../../src/components/role";
import { PolicyStatement, ServicePrincipal } from "../../src/core";

describe("sdk-gen: the provider keeps a deployment's state across construct and call", () => {
  it("a statement the role's DefaultPolicy (from construct) already holds adds nothing, and returns what TypeScript returns", async () => {
    const { resources, results } = await deploy([
      role([
        { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] },
        { actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] },
      ]),
      addToPolicy(["s3:PutObject"], ["arn:aws:s3:::b/*"]),
    ]);
    const policies = ofType(resources, "aws:iam/rolePolicy:RolePolicy");
    expect(policies.map((p) => p.name)).to.deep.equal(["app-default-policy"]);
    // TypeScript: addToPolicy answers true, and the DefaultPolicy renders the statement once.
    const direct = await synthesizeRaw(() => {
      const r = new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      r.addToPolicy(new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }));
      r.addToPolicy(new PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] }));
      return {
        added: r.addToPolicy(new PolicyStatement({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] })),
      };
    });
    expect(results).to.deep.equal([{ statementAdded: direct.outputs.added }]);
    const typescriptPolicy = ofType(direct.resources, "aws:iam/rolePolicy:RolePolicy");
    expect(typescriptPolicy).to.have.length(1);
    expect(statementsOf(policies[0])).to.deep.equal(statementsOf(typescriptPolicy[0]));
  });

  it("the same call twice makes one late policy (the second is held by the first)", async () => {
    const { resources, results } = await deploy([
      role(),
      addToPolicy(["sqs:SendMessage"], ["*"]),
      addToPolicy(["sqs:SendMessage"], ["*"]),
    ]);
    expect(results).to.deep.equal([{ statementAdded: true }, { statementAdded: true }]);
    const late = ofType(resources, "aws:iam/rolePolicy:RolePolicy");
    expect(late).to.have.length(1);
    expect(late[0].name).to.match(/^app-policy-[0-9a-f]{8}-role-app-[0-9a-f]{8}$/);
    expect(statementsOf(late[0])).to.deep.equal([{ Action: "sqs:SendMessage", Effect: "Allow", Resource: "*" }]);
  });

  it("a grant to a user whose DefaultPolicy holds the statement adds no policy, and succeeds as in TypeScript", async () => {
    const { resources, results } = await deploy([
      { construct: "deployer", type: "User", inputs: {} },
      role(),
      { call: "iamx:index:Role/grantPassRole", self: "app", args: { grantee: { user: "@deployer" } } },
      { call: "iamx:index:Role/grantPassRole", self: "app", args: { grantee: { user: "@deployer" } } },
    ]);
    expect(results).to.deep.equal([{ success: true }, { success: true }]);
    expect(ofType(resources, "aws:iam/userPolicy:UserPolicy")).to.have.length(1);
  });

  it("late policies are named after what they hold: Outputs of other resources count by those resources, not by call order", async () => {
    const names = async (order: string[]) => {
      const { resources } = await deploy(
        [role(), ...order.map((b) => addToPolicy(["s3:GetObject"], [`@${b}`]))],
        ["left", "right"],
      );
      const bucketArn = (b: string) =>
        resources.find((r) => r.type === "aws:s3/bucket:Bucket" && r.name === b)!.outputs.arn;
      return ofType(resources, "aws:iam/rolePolicy:RolePolicy")
        .map((p) => `${p.name} → ${statementsOf(p)[0].Resource === bucketArn("left") ? "left" : "right"}`)
        .sort();
    };
    const a = await names(["left", "right"]);
    const b = await names(["right", "left"]);
    expect(a).to.have.length(2);
    expect(a[0]).to.not.match(/-2 →/);
    expect(a).to.deep.equal(b);
  });

  it("late policies whose statements differ only in Outputs of one resource both land, the later numbered -2", async () => {
    const { resources } = await deploy(
      [role(), addToPolicy(["s3:GetObject"], ["@left"]), addToPolicy(["s3:GetObject"], ["@left.id"])],
      ["left"],
    );
    // Each RolePolicy is named `<late policy>-role-app-<hash>`: the late policies' own names.
    const policies = ofType(resources, "aws:iam/rolePolicy:RolePolicy").map((p) => p.name.replace(/-role-app-.*$/, ""));
    expect(policies).to.have.length(2);
    const base = policies.find((n) => !n.endsWith("-2"));
    expect(base).to.match(/^app-policy-[0-9a-f]{8}$/);
    expect(policies).to.include(`${base}-2`);
  });

  it("two deployments with the same requests register the same resources with the same inputs", async () => {
    const requests: Request[] = [
      role([{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }]),
      { construct: "devs", type: "Group", inputs: {} },
      addToPolicy(["sqs:SendMessage"], ["*"]),
      { call: "iamx:index:Role/grant", self: "app", args: { grantee: { group: "@devs" }, actions: ["iam:GetRole"] } },
      addToPolicy(["s3:GetObject"], ["arn:aws:s3:::b/*"]),
    ];
    const shape = (rs: SynthesizedResource[]) =>
      rs
        .map(({ type, name, parent, inputs }) => ({ type, name, parent, inputs: JSON.stringify(inputs) }))
        .sort((x, y) => `${x.type} ${x.name}`.localeCompare(`${y.type} ${y.name}`));
    const first = await deploy(requests);
    const second = await deploy(requests);
    expect(ofType(first.resources, "aws:iam/groupPolicy:GroupPolicy")).to.have.length(1);
    expect(ofType(first.resources, "aws:iam/rolePolicy:RolePolicy")).to.have.length(2);
    expect(shape(second.resources)).to.deep.equal(shape(first.resources));
  });

  it("a failed request leaves the deployment usable", async () => {
    const provider = new IamxProvider();
    const run = await synthesizeRaw(async () => {
      const res = await provider.construct("app", "iamx:index:Role", { assumedBy: [{ service: "ec2" }] }, {});
      const urn = await new Promise<string>((ok) => pulumi.output(res.urn).apply(ok));
      const bad = await provider
        .call("iamx:index:Role/addToPolicy", {
          __self__: urn,
          statement: { actions: ["s3:GetObject"], principals: [{ service: "x", aws: "y" }] },
        })
        .then(
          () => "",
          (e: Error) => e.message,
        );
      await provider.call("iamx:index:Role/addToPolicy", {
        __self__: urn,
        statement: { actions: ["sqs:SendMessage"], resources: ["*"] },
      });
      return { bad };
    });
    expect(run.outputs.bad).to.contain("a principal needs exactly one of");
    const late = ofType(run.resources, "aws:iam/rolePolicy:RolePolicy");
    expect(late.map((p) => statementsOf(p)[0].Action)).to.deep.equal(["sqs:SendMessage"]);
  });

  it("several statements of one call land in one late policy, merged as the DefaultPolicy merges them", async () => {
    const s3 = new PolicyStatement({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] });
    const send = () => new PolicyStatement({ actions: ["sqs:SendMessage"], resources: ["*"] });
    const receive = () => new PolicyStatement({ actions: ["sqs:ReceiveMessage"], resources: ["*"] });
    const run = await synthesizeRaw(() => {
      const deployment = new ProviderDeployment();
      const r = deployment.request(() => {
        const made = new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
        made.addToPolicy(s3);
        return made;
      });
      deployment.request(() =>
        withLateCall((call) => {
          const grantee = call.grantee(r);
          for (const s of [s3, send(), receive()]) grantee.addToPrincipalPolicy(s);
        }),
      );
    });
    // What the DefaultPolicy renders for the same two statements (TypeScript, same settings).
    const direct = await synthesizeRaw(() => {
      const r = new Role("other", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      r.addToPolicy(send());
      r.addToPolicy(receive());
    });
    const late = ofType(run.resources, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.name !== "app-default-policy");
    expect(late).to.have.length(1);
    const expected = statementsOf(ofType(direct.resources, "aws:iam/rolePolicy:RolePolicy")[0]);
    expect(expected).to.have.length(1); // merged: one statement with both actions
    expect(statementsOf(late[0])).to.deep.equal(expected);
  });

  it("settings an earlier request made (configure) reach the late policy a later call makes", async () => {
    const run = await synthesizeRaw(() => {
      const deployment = new ProviderDeployment();
      const r = deployment.request(() => {
        configure({ minimizePolicies: false });
        return new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      });
      deployment.request(() =>
        withLateCall((call) => {
          const grantee = call.grantee(r);
          grantee.addToPrincipalPolicy(new PolicyStatement({ actions: ["sqs:SendMessage"], resources: ["*"] }));
          grantee.addToPrincipalPolicy(new PolicyStatement({ actions: ["sqs:ReceiveMessage"], resources: ["*"] }));
        }),
      );
    });
    const late = ofType(run.resources, "aws:iam/rolePolicy:RolePolicy");
    expect(late).to.have.length(1);
    // Not merged: minimizePolicies is off for the whole deployment.
    expect(statementsOf(late[0])).to.deep.equal([
      { Action: "sqs:SendMessage", Effect: "Allow", Resource: "*" },
      { Action: "sqs:ReceiveMessage", Effect: "Allow", Resource: "*" },
    ]);
  });
});
