// The real provider process (Pulumi's provider server around IamxProvider), driven over gRPC as
// the engine drives it: a construct followed by calls, against a mock engine and resource monitor.
import { expect } from "chai";
import { GrpcDeployment, ref, type Registration } from "./grpc-engine";

// the policies of role "app" (role "kept" only shows removalPolicy)
const policies = (rs: Registration[]) =>
  rs.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name.startsWith("app-"));
const statements = (r: Registration) => JSON.parse(r.inputs.policy).Statement;

/** The requests of one deployment: a role with a statement, a group, then method calls. */
async function deployment(): Promise<{ d: GrpcDeployment; results: Record<string, unknown>[] }> {
  const d = new GrpcDeployment();
  await d.start();
  try {
    const role = await d.construct("Role", "app", {
      assumedBy: [{ service: "lambda.amazonaws.com" }],
      statements: [
        { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] },
        { actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] },
      ],
    });
    const group = await d.construct("Group", "devs", {});
    const results = [
      // Held by the DefaultPolicy from construct (merged there with s3:GetObject): adds nothing.
      await d.call("Role/addToPolicy", role.urn, {
        statement: { actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] },
      }),
      await d.call("Role/addToPolicy", role.urn, { statement: { actions: ["sqs:SendMessage"], resources: ["*"] } }),
      // The same again: held by the late policy of the call before.
      await d.call("Role/addToPolicy", role.urn, { statement: { actions: ["sqs:SendMessage"], resources: ["*"] } }),
      await d.call("Role/grantPassRole", role.urn, { grantee: { group: ref(group.urn) } }),
    ];
    // Last, so the request counts above stay as they are.
    await d.construct("Role", "kept", {
      assumedBy: [{ service: "lambda.amazonaws.com" }],
      statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }],
      removalPolicy: "retain",
    });
    return { d, results };
  } catch (e) {
    await d.stop();
    throw e;
  }
}

describe("sdk-gen: the provider process over gRPC keeps one deployment's state", function () {
  // Two provider processes start (ts-node); slow on a busy machine.
  this.timeout(180000);
  const started: GrpcDeployment[] = [];
  let first: GrpcDeployment;
  let second: GrpcDeployment;
  let results: Record<string, unknown>[];

  before(async () => {
    const made = await Promise.allSettled([deployment(), deployment()]);
    for (const m of made) if (m.status === "fulfilled") started.push(m.value.d);
    for (const m of made) if (m.status === "rejected") throw m.reason;
    [first, second] = started;
    results = (made[0] as PromiseFulfilledResult<{ results: Record<string, unknown>[] }>).value.results;
  });
  after(async () => {
    await Promise.all(started.map((d) => d.stop()));
  });

  it("removalPolicy reaches the engine: its transform callbacks give the role retainOnDelete", () => {
    const custom = first.registrations.filter((r) => r.custom);
    const role = (name: string) => custom.find((r) => r.type === "aws:iam/role:Role" && r.parent.endsWith(`::${name}`));
    expect(role("kept")?.retainOnDelete, "role kept").to.equal(true);
    expect(role("app")?.retainOnDelete, "role app").to.equal(false);
    // As CDK: the role's removal policy is the role's; its DefaultPolicy (a Policy of its own) is deleted.
    const keptPolicy = custom.find((r) => r.name === "kept-default-policy");
    expect(keptPolicy?.retainOnDelete, "kept-default-policy").to.equal(false);
  });

  it("construct answers only once its DefaultPolicy is registered with its final document", () => {
    const defaults = policies(first.registrations).filter((r) => r.name === "app-default-policy");
    expect(defaults).to.have.length(1);
    // Registered before the construct of the role answered (request 0 of this deployment).
    expect(defaults[0].answeredBefore).to.equal(0);
    expect(statements(defaults[0])).to.deep.equal([
      { Action: ["s3:GetObject", "s3:PutObject"], Effect: "Allow", Resource: "arn:aws:s3:::b/*" },
    ]);
  });

  it("calls see what construct built: a held statement adds nothing, the same call twice one policy, and they return what TypeScript returns", () => {
    expect(results).to.deep.equal([
      { statementAdded: true },
      { statementAdded: true },
      { statementAdded: true },
      { success: true },
    ]);
    const late = policies(first.registrations).filter((r) => r.name !== "app-default-policy");
    expect(late).to.have.length(1);
    expect(late[0].name).to.match(/^app-policy-[0-9a-f]{8}-role-app-[0-9a-f]{8}$/);
    expect(statements(late[0])).to.deep.equal([{ Action: "sqs:SendMessage", Effect: "Allow", Resource: "*" }]);
    // Made by the second call (requests: 2 constructs, then calls): each request registers its own.
    expect(late[0].answeredBefore).to.equal(3);
    const groupPolicies = first.registrations.filter((r) => r.type === "aws:iam/groupPolicy:GroupPolicy");
    expect(groupPolicies).to.have.length(1);
    expect(statements(groupPolicies[0])).to.deep.equal([
      { Action: "iam:PassRole", Effect: "Allow", Resource: "arn:aws:iam::123456789012:role/app-generated" },
    ]);
    expect(first.logs.filter((l) => /error/i.test(l))).to.deep.equal([]);
  });

  it("a second deployment with the same requests registers the same resources with the same inputs", () => {
    const shape = (rs: Registration[]) =>
      rs
        .map(({ type, name, parent, custom, inputs }) => ({ type, name, parent, custom, inputs }))
        .sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`));
    expect(first.registrations.length).to.be.greaterThan(6);
    expect(shape(second.registrations)).to.deep.equal(shape(first.registrations));
  });
});
