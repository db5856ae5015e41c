/**
 * Pulumi Outputs in every position of a statement, on the Pulumi side (under mocks): each is
 * rendered into the policy JSON once known; an Output of the wrong kind is an error naming the
 * policy and where it sits, never text in a policy; a secret Output keeps the policy secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import * as iamx from "../../../src";
import { synthesizeRaw, type RawSynthesis } from "../../../src/testing/synthesize";
import { leaksInSerialized, recordMonitor, type MonitorRecording } from "../../components/secret-scan";

type Statement = Record<string, any>;

function policyOf(raw: RawSynthesis, type: string, name?: string): { Statement: Statement[] } {
  const r = raw.resources.find((x) => x.type === type && (name === undefined || x.name === name));
  if (!r) throw new Error(`no ${type} registered`);
  const input = r.inputs.policy ?? r.inputs.assumeRolePolicy;
  // a secret input reaches the mocks in its envelope
  return JSON.parse(typeof input === "string" ? input : (input as { value: string }).value);
}

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

describe("Pulumi side: Outputs anywhere in a statement", () => {
  it("actions, resources, principals and condition values", async () => {
    const raw = await synthesizeRaw(() => {
      const role = new iamx.Role("App", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      role.addToPolicy(
        new iamx.PolicyStatement({
          actions: [pulumi.output("s3:GetObject")],
          resources: [pulumi.output("arn:aws:s3:::data/*")],
          conditions: { StringEquals: { "aws:SourceAccount": pulumi.output("111111111111") } },
        }),
      );
      role.assumeRolePolicy!.addStatements(
        new iamx.PolicyStatement({
          actions: ["sts:AssumeRole"],
          principals: [new iamx.ArnPrincipal(pulumi.output("arn:aws:iam::222222222222:role/ci"))],
        }),
      );
    });
    const policy = policyOf(raw, ROLE_POLICY);
    expect(policy.Statement).to.deep.equal([
      {
        Action: "s3:GetObject",
        Condition: { StringEquals: { "aws:SourceAccount": "111111111111" } },
        Effect: "Allow",
        Resource: "arn:aws:s3:::data/*",
      },
    ]);
    const trust = policyOf(raw, ROLE);
    // merged with the Lambda statement (same action, no conditions)
    expect(trust.Statement[0].Principal.AWS).to.equal("arn:aws:iam::222222222222:role/ci");
  });

  it("a condition key holding an Output (Token.asString), alone and inside a longer key", async () => {
    const raw = await synthesizeRaw(() => {
      const issuer = pulumi.output("oidc.eks.eu-west-1.amazonaws.com/id/ABC");
      new iamx.Role("Pod", {
        assumedBy: new iamx.WebIdentityPrincipal("arn:aws:iam::123456789012:oidc-provider/x", {
          StringEquals: {
            [`${iamx.Token.asString(issuer)}:sub`]: "system:serviceaccount:ns:sa",
            [iamx.Token.asString(pulumi.output("plain:key"))]: "v",
          },
        }),
      });
    });
    expect(policyOf(raw, ROLE).Statement[0].Condition).to.deep.equal({
      StringEquals: { "oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:ns:sa", "plain:key": "v" },
    });
  });

  it("a token string inside a resource, an action or a sid is the value it stands for", async () => {
    const raw = await synthesizeRaw(() => {
      const bucket = iamx.Token.asString(pulumi.output("data"));
      const role = new iamx.Role("App", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      role.addToPolicy(
        new iamx.PolicyStatement({
          sid: `Read${iamx.Token.asString(pulumi.output("Data"))}`,
          actions: [`s3:${iamx.Token.asString(pulumi.output("GetObject"))}`],
          resources: [`arn:aws:s3:::${bucket}/*`],
        }),
      );
    });
    const s = policyOf(raw, ROLE_POLICY).Statement[0];
    expect([s.Sid, s.Action, s.Resource]).to.deep.equal(["ReadData", "s3:GetObject", "arn:aws:s3:::data/*"]);
  });

  it("a whole condition block, through withConditions and on a statement", async () => {
    const raw = await synthesizeRaw(() => {
      const block = pulumi.output({ goo: "zar" });
      const role = new iamx.Role("App", {
        assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com").withConditions({ StringEquals: block }),
      });
      role.addToPolicy(
        new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: ["*"], conditions: { StringLike: block } }),
      );
    });
    expect(policyOf(raw, ROLE).Statement[0].Condition).to.deep.equal({ StringEquals: { goo: "zar" } });
    expect(policyOf(raw, ROLE_POLICY).Statement[0].Condition).to.deep.equal({ StringLike: { goo: "zar" } });
  });

  it("the whole conditions object as one Output", async () => {
    const raw = await synthesizeRaw(() => {
      const role = new iamx.Role("App", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      const s = new iamx.PolicyStatement({ actions: ["s3:PutObject"], resources: ["*"] });
      s.addConditions(pulumi.output({ Bool: { "aws:SecureTransport": "true" } }));
      role.addToPolicy(s);
    });
    expect(policyOf(raw, ROLE_POLICY).Statement[0].Condition).to.deep.equal({
      Bool: { "aws:SecureTransport": "true" },
    });
  });

  it("two principals with the same Output block share one statement (CDK ends in a resolution error)", async () => {
    const raw = await synthesizeRaw(() => {
      const block = pulumi.output({ "aws:SourceAccount": "111111111111" });
      const role = new iamx.Role("App", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      role.assumeRolePolicy!.addStatements(
        new iamx.PolicyStatement({
          actions: ["sts:AssumeRole"],
          principals: [
            new iamx.ServicePrincipal("ec2.amazonaws.com").withConditions({ StringEquals: block }),
            new iamx.ServicePrincipal("ecs.amazonaws.com").withConditions({ StringEquals: block }),
          ],
        }),
      );
    });
    const statement = policyOf(raw, ROLE).Statement[1];
    expect(statement.Principal).to.deep.equal({ Service: ["ec2.amazonaws.com", "ecs.amazonaws.com"] });
    expect(statement.Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": "111111111111" } });
  });

  it("statements on the same Output block merge; on different Outputs they stay apart", async () => {
    const raw = await synthesizeRaw(() => {
      const a = pulumi.output({ "aws:SourceVpc": "vpc-1" });
      const b = pulumi.output({ "aws:SourceVpc": "vpc-1" });
      const role = new iamx.Role("App", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
      const st = (action: string, block: unknown) =>
        new iamx.PolicyStatement({ actions: [action], resources: ["*"], conditions: { StringEquals: block } });
      role.addToPolicy(st("s3:GetObject", a));
      role.addToPolicy(st("s3:PutObject", a));
      role.addToPolicy(st("s3:DeleteObject", b));
    });
    const actions = policyOf(raw, ROLE_POLICY).Statement.map((s) => s.Action);
    expect(actions).to.deep.equal([["s3:GetObject", "s3:PutObject"], "s3:DeleteObject"]);
  });

  it("an Output of an object where a string must be is an error naming the policy and the place", async () => {
    let error: unknown;
    try {
      await synthesizeRaw(() => {
        const role = new iamx.Role("App", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
        role.addToPolicy(
          new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: [pulumi.output({ a: 1 }) as never] }),
        );
      });
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(
      /policy App-default-policy: the Pulumi Output at Statement\[0\]\.Resource resolved to an object, where a string must be/,
    );
  });

  it("an Output of a string where a condition block must be is an error", async () => {
    let error: unknown;
    try {
      await synthesizeRaw(() => {
        new iamx.Role("App", {
          assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com").withConditions({
            StringEquals: pulumi.output("not-a-map"),
          }),
        });
      });
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(
      /the trust policy of role App: the Pulumi Output at Statement\[0\]\.Condition\.StringEquals resolved to string "not-a-map", where a map \(a condition block\) must be/,
    );
  });

  it("an Output written into a string (its toString text) is refused where it is given", () => {
    const output = pulumi.output("oidc.example.com");
    expect(
      () =>
        new iamx.PolicyStatement({
          actions: ["sts:AssumeRoleWithWebIdentity"],
          conditions: { StringEquals: { [`${output}:sub`]: "x" } },
        }),
    ).to.throw(/condition key to be a value, got the text Pulumi writes for an Output used as a string/);
    expect(() => new iamx.PolicyStatement({ actions: ["s3:GetObject"], resources: [`arn:${output}`] })).to.throw(
      /Expected a resource to be a value, got the text Pulumi writes for an Output/,
    );
  });

  describe("a secret Output in a policy", () => {
    const SECRET = "arn:aws:iam::333333333333:role/very-secret-role";
    let raw: RawSynthesis;
    let recording: MonitorRecording;
    let policyInput: pulumi.Output<string> | undefined;
    before(async () => {
      raw = await synthesizeRaw(() => {
        recording = recordMonitor();
        pulumi.runtime.registerStackTransformation((t) => {
          if (t.type === ROLE_POLICY) policyInput = t.props.policy as pulumi.Output<string>;
          return undefined;
        });
        const role = new iamx.Role("App", { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });
        role.addToPolicy(
          new iamx.PolicyStatement({
            actions: ["sts:AssumeRole"],
            resources: [pulumi.secret(SECRET)],
            conditions: { StringEquals: pulumi.secret({ [SECRET]: "x" }) },
          }),
        );
      });
    });

    it("keeps the policy input secret", async () => {
      expect(policyInput, "the RolePolicy's policy input").to.not.equal(undefined);
      expect(await pulumi.isSecret(policyInput!)).to.equal(true);
      expect(policyOf(raw, ROLE_POLICY).Statement[0].Resource).to.equal(SECRET);
    });

    it("never sends it to the engine outside a secret envelope", () => {
      expect(leaksInSerialized(recording, SECRET)).to.deep.equal([]);
    });
  });
});
