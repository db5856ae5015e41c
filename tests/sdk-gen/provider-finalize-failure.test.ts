// The real provider process, driven over gRPC as the engine drives it: a request whose finalize
// fails (policy validation finds an ERROR) registers nothing of what it built, neither a late
// policy of a call nor the resources of a construct, and the deployment goes on.
import { expect } from "chai";
import { GrpcDeployment, type Registration } from "./grpc-engine";

const MALFORMED = "arn:aws:s3:b/k"; // MISSING_ARN_FIELD, an ERROR of the policy validation
const lambda = [{ service: "lambda.amazonaws.com" }];

const failure = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => "(the request succeeded)",
    (e: Error) => e.message,
  );

/** Custom resources registered from what one component (by name) built. */
const builtBy = (rs: Registration[], component: string) =>
  rs.filter((r) => r.custom && (r.parent.endsWith(`::${component}`) || r.name.startsWith(`${component}-`)));

describe("sdk-gen: a provider request whose finalize fails registers nothing", function () {
  // A provider process starts (ts-node); slow on a busy machine.
  this.timeout(180000);
  const d = new GrpcDeployment();
  let late = "";
  let constructed = "";

  before(async () => {
    await d.start();
    const role = await d.construct("Role", "app", {
      assumedBy: lambda,
      statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }],
    });
    late = await failure(
      d.call("Role/addToPolicy", role.urn, { statement: { actions: ["s3:PutObject"], resources: [MALFORMED] } }),
    );
    constructed = await failure(
      d.construct("Role", "bad", {
        assumedBy: lambda,
        statements: [{ actions: ["s3:GetObject"], resources: [MALFORMED] }],
      }),
    );
    // what the failed requests would still register, given time
    await new Promise((r) => setTimeout(r, 500));
    await d.call("Role/addToPolicy", role.urn, { statement: { actions: ["sqs:SendMessage"], resources: ["*"] } });
  });
  after(() => d.stop());

  it("both failed requests fail with the validation's error", () => {
    expect(late).to.contain("MISSING_ARN_FIELD");
    expect(constructed).to.contain("MISSING_ARN_FIELD");
  });

  it("a call whose late policy fails validation: that policy never reaches the engine", () => {
    const policies = d.registrations.filter((r) => typeof r.inputs.policy === "string");
    expect(policies.filter((r) => r.inputs.policy.includes(MALFORMED))).to.deep.equal([]);
    // the construct's DefaultPolicy, and the late policy of the call that succeeded
    const actions = policies.filter((r) => r.name.startsWith("app-")).map((r) => JSON.parse(r.inputs.policy).Statement);
    expect(actions).to.deep.equal([
      [{ Action: "s3:GetObject", Effect: "Allow", Resource: "arn:aws:s3:::b/*" }],
      [{ Action: "sqs:SendMessage", Effect: "Allow", Resource: "*" }],
    ]);
  });

  it("a construct whose finalize fails: none of its resources (role, DefaultPolicy) reach the engine", () => {
    expect(builtBy(d.registrations, "bad").map((r) => `${r.type} ${r.name}`)).to.deep.equal([]);
    // (the same helper finds what a construct that succeeded built)
    expect(builtBy(d.registrations, "app").map((r) => r.type)).to.include.members([
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
    ]);
  });

  it("nothing escapes the provider: no unhandled error logged", () => {
    expect(d.logs.filter((l) => /unhandled|error/i.test(l))).to.deep.equal([]);
  });
});
