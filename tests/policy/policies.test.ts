// pulumi-iamx/policy: the policies called as the Pulumi engine calls them (an AnalyzeRequest handed
// to @pulumi/policy's own analyzer, inputs as a protobuf Struct), over every resource type they cover.
import { expect } from "chai";
import * as aws from "@pulumi/aws";
import { iamxPolicies, IAMX_POLICY_NAMES, IAMX_POLICY_RESOURCE_TYPES } from "../../src/policy";
import { UNKNOWN_SENTINELS } from "../../src/policy/inputs";
import { PULUMI_POLICY_HOLDERS } from "../../src/validate/policy-holders";
import { synthesize } from "../../src/testing";
import { Role } from "../../src/components/role";
import { ServicePrincipal } from "../../src/core/principals/service";
import { RESOURCE_POLICY_STATEMENTS } from "../validate/resource-policy-statements";
import { analyze, UNKNOWN_STRING, type AnalyzedResource, type Diagnostic } from "./analyzer";

const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
// StringEqual is no condition operator: an ERROR in any kind of policy.
const typo = { StringEqual: { "aws:PrincipalOrgID": "o-abc123def4" } };
const good = { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } };

/** A statement of the kind of policy `type`'s `property` holds, with the given condition. */
function statement(type: string, property: string, Condition: unknown): Record<string, unknown> {
  const holder = PULUMI_POLICY_HOLDERS[type];
  const kind = holder.properties.find((p) => p.property === property)!.policyType;
  if (kind === "trust") {
    return { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition };
  }
  if (kind === "identity") return { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition };
  // A resource policy: a principal, the service's own action, and the resource where it takes one.
  const byType = RESOURCE_POLICY_STATEMENTS;
  const [Action, Resource] = byType[holder.cfnType];
  return {
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::444455556666:root" },
    Action,
    ...(Resource ? { Resource } : {}),
    Condition,
  };
}

/** Inputs of `type` with `policy(property)` in each of its policy properties. */
function inputs(type: string, policy: (property: string) => unknown): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const p of PULUMI_POLICY_HOLDERS[type].properties) {
    props[p.property] = p.inlineList ? [{ name: "inline", policy: policy(p.property) }] : policy(p.property);
  }
  return props;
}

const codesOf = (ds: Diagnostic[]) => ds.map((d) => /\n([A-Z_]+) in /.exec(d.message)?.[1]);

describe("policy pack: pulumi-iamx/policy's policies under @pulumi/policy's analyzer", () => {
  const policies = iamxPolicies({ log: () => {} });

  it("four policies, one per finding kind, at the documented enforcement levels", () => {
    expect(policies.map((p) => [p.name, p.enforcementLevel])).to.deep.equal([
      [IAMX_POLICY_NAMES.ERROR, "mandatory"],
      [IAMX_POLICY_NAMES.SECURITY_WARNING, "advisory"],
      [IAMX_POLICY_NAMES.WARNING, "advisory"],
      [IAMX_POLICY_NAMES.SUGGESTION, "disabled"],
    ]);
    expect(IAMX_POLICY_RESOURCE_TYPES).to.include.members([
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:iam/userPolicy:UserPolicy",
      "aws:iam/groupPolicy:GroupPolicy",
      "aws:iam/policy:Policy",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:sqs/queuePolicy:QueuePolicy",
      "aws:sns/topicPolicy:TopicPolicy",
      "aws:kms/key:Key",
      "aws:ecr/repositoryPolicy:RepositoryPolicy",
      "aws:secretsmanager/secretPolicy:SecretPolicy",
      "aws:apigateway/restApiPolicy:RestApiPolicy",
      "aws:apigateway/restApi:RestApi",
      "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
      "aws:dynamodb/resourcePolicy:ResourcePolicy",
    ]);
  });

  it("every covered type token is a resource class of @pulumi/aws", () => {
    const tokens = new Set<string>();
    const visit = (mod: Record<string, unknown>) => {
      for (const v of Object.values(mod)) {
        const t = (v as { __pulumiType?: unknown } | undefined)?.__pulumiType;
        if (typeof t === "string") tokens.add(t);
      }
    };
    const namespaces = [aws.iam, aws.s3, aws.sqs, aws.sns, aws.kms, aws.ecr, aws.ecrpublic, aws.secretsmanager];
    const more = [aws.efs, aws.backup, aws.opensearch, aws.elasticsearch, aws.cloudwatch, aws.kinesis, aws.s3control];
    const newer = [aws.apigateway, aws.dynamodb];
    for (const ns of [...namespaces, ...more, ...newer]) visit(ns as unknown as Record<string, unknown>);
    expect(IAMX_POLICY_RESOURCE_TYPES.filter((t) => !tokens.has(t))).to.deep.equal([]);
  });

  for (const type of Object.keys(PULUMI_POLICY_HOLDERS)) {
    describe(type, () => {
      for (const p of PULUMI_POLICY_HOLDERS[type].properties) {
        it(`${p.property}: a mandatory violation for an invalid document, none for a valid one`, async () => {
          const bad = await analyze(policies, {
            type,
            props: inputs(type, (q) => JSON.stringify(doc(statement(type, q, q === p.property ? typo : good)))),
          });
          expect(bad.map((d) => d.enforcementLevel)).to.deep.equal(["mandatory"]);
          expect(bad[0].message).to.contain(
            `INVALID_CONDITION_OPERATOR in ${p.inlineList ? `${p.property}[0].policy` : p.property}`,
          );
          const ok = await analyze(policies, {
            type,
            props: inputs(type, (q) => JSON.stringify(doc(statement(type, q, good)))),
          });
          expect(ok, JSON.stringify(ok, null, 1)).to.deep.equal([]);
        });
      }
    });
  }

  it("a violation names the code, the statement and its Sid, the element at fault and the fix", async () => {
    const [d] = await analyze(iamxPolicies({ log: () => {}, showValues: true }), {
      type: "aws:iam/rolePolicy:RolePolicy",
      props: {
        role: "r",
        policy: JSON.stringify(
          doc(
            { Sid: "List", Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b" },
            { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: typo },
          ),
        ),
      },
    });
    expect(d.policyName).to.equal("iamx-policy-invalid");
    expect(d.message).to.contain(
      'INVALID_CONDITION_OPERATOR in policy, statement 1 (Sid "Read"), at Statement[1].Condition.StringEqual: ' +
        "Condition operator StringEqual does not exist — did you mean StringEquals?",
    );
    expect(d.message).to.match(/ Fix: \S/);
  });

  it("quotes no value of the document unless showValues is on (policies get secrets in plain text)", async () => {
    // Every value a violation could quote: the policy's name, the Sid, the operator, the key's value.
    const secretish = {
      type: "aws:iam/role:Role",
      props: {
        assumeRolePolicy: JSON.stringify(
          doc({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }),
        ),
        inlinePolicies: [
          {
            name: "s3cr3t-name",
            policy: JSON.stringify(
              doc({
                Sid: "S3cr3tSid",
                Effect: "Allow",
                Action: "s3:GetObject",
                Resource: "arn:aws:s3:::s3cr3t-bucket/*",
                Condition: { StringEqual: { "aws:PrincipalOrgID": "o-s3cr3tvalue" } },
              }),
            ),
          },
        ],
      },
    };
    const hidden = await analyze(policies, secretish);
    expect(hidden).to.have.length(1);
    expect(hidden[0].message).to.contain(
      "INVALID_CONDITION_OPERATOR in inlinePolicies[0].policy, statement 0, at Statement[0].Condition.StringEqual: " +
        "Invalid condition operator. Fix: ",
    );
    expect(hidden[0].message).not.to.match(/s3cr3t/i);
    const shown = await analyze(iamxPolicies({ log: () => {}, showValues: true }), secretish);
    expect(shown[0].message).to.contain('inlinePolicies[0].policy ("s3cr3t-name"), statement 0 (Sid "S3cr3tSid")');
    expect(shown[0].message).to.contain("did you mean StringEquals?");
  });

  it("maps SECURITY_WARNING and WARNING to advisory, and reports SUGGESTIONs only when enabled", async () => {
    const bucket: AnalyzedResource = {
      type: "aws:s3/bucketPolicy:BucketPolicy",
      props: {
        bucket: "b",
        policy: doc(
          { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
          {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::444455556666:root" },
            Action: ["s3:GetObject", "s3:GetObject"],
            Resource: "arn:aws:s3:::b",
          },
        ),
      },
    };
    const ds = await analyze(policies, bucket);
    const levels = Object.fromEntries(ds.map((d) => [codesOf([d])[0], `${d.policyName} ${d.enforcementLevel}`]));
    expect(levels).to.deep.include({
      ANY_PRINCIPAL_WITHOUT_CONDITION: "iamx-policy-security-warning advisory",
      RESOURCE_NOT_SUPPORTED_BY_ACTIONS: "iamx-policy-warning advisory",
    });
    expect(codesOf(ds)).to.not.include("REDUNDANT_ACTION");
    const withSuggestions = iamxPolicies({ enforcementLevels: { SUGGESTION: "advisory" }, log: () => {} });
    const all = await analyze(withSuggestions, bucket);
    expect(all.find((d) => codesOf([d])[0] === "REDUNDANT_ACTION")?.policyName).to.equal("iamx-policy-suggestion");
  });

  it("reads a document given as JSON text or as an object alike", async () => {
    const policy = doc({
      Effect: "Allow",
      Action: "sqs:SendMessage",
      Resource: "arn:aws:sqs:us-east-1:111122223333:q",
      Condition: { Bool: { "aws:SecureTransport": "yes" } },
    });
    const asText = await analyze(policies, {
      type: "aws:iam/policy:Policy",
      props: { policy: JSON.stringify(policy) },
    });
    const asObject = await analyze(policies, { type: "aws:iam/policy:Policy", props: { policy } });
    expect(codesOf(asText)).to.include("TYPE_MISMATCH_BOOLEAN");
    expect(asObject).to.deep.equal(asText);
  });

  it("text that is not JSON is a mandatory violation, not a crash", async () => {
    const ds = await analyze(policies, {
      type: "aws:sqs/queuePolicy:QueuePolicy",
      props: { queueUrl: "q", policy: "{not json" },
    });
    expect(ds.map((d) => [d.enforcementLevel, codesOf([d])[0]])).to.deep.equal([["mandatory", "DATA_TYPE_MISMATCH"]]);
  });

  describe("values unknown at preview", () => {
    it("knows the engine's sentinels as @pulumi/policy does", () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const proxy = require("@pulumi/policy/proxy") as Record<string, unknown>;
      const theirs = Object.entries(proxy)
        .filter(([k]) => /^unknown[A-Z]\w*Value$/.test(k))
        .map(([, v]) => v);
      expect([...UNKNOWN_SENTINELS].sort()).to.deep.equal([...theirs].sort());
      expect(UNKNOWN_SENTINELS.has(UNKNOWN_STRING)).to.equal(true);
    });

    it("skips a document that is unknown, or holds an unknown value, and says so; checks the others", async () => {
      const logged: string[] = [];
      const quiet = iamxPolicies({ log: (m) => logged.push(m) });
      const ds = await analyze(quiet, {
        type: "aws:iam/role:Role",
        name: "app",
        props: {
          assumeRolePolicy: doc({
            Effect: "Allow",
            Principal: { AWS: UNKNOWN_STRING },
            Action: "sts:AssumeRole",
            Condition: typo,
          }),
          inlinePolicies: [
            { name: "later", policy: UNKNOWN_STRING },
            {
              name: "now",
              policy: JSON.stringify(
                doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*", Condition: typo }),
              ),
            },
          ],
        },
      });
      expect(ds.map((d) => d.message.split("\n")[1].split(":")[0])).to.deep.equal([
        "INVALID_CONDITION_OPERATOR in inlinePolicies[1].policy, statement 0, at Statement[0].Condition.StringEqual",
      ]);
      expect(logged).to.deep.equal([
        "iamx: app (aws:iam/role:Role): assumeRolePolicy is not known until the update runs; not checked at this preview.",
        "iamx: app (aws:iam/role:Role): inlinePolicies[0].policy is not known until the update runs; not checked at this preview.",
      ]);
    });

    it("a whole unknown input (a list or a document) is skipped, never a violation", async () => {
      const logged: string[] = [];
      const quiet = iamxPolicies({ log: (m) => logged.push(m) });
      expect(
        await analyze(quiet, {
          type: "aws:iam/role:Role",
          props: { assumeRolePolicy: UNKNOWN_STRING, inlinePolicies: UNKNOWN_STRING },
        }),
      ).to.deep.equal([]);
      expect(logged).to.have.length(2);
    });
  });

  it("leaves resources that hold no policy alone", async () => {
    expect(await analyze(policies, { type: "aws:s3/bucket:Bucket", props: { bucket: "b" } })).to.deep.equal([]);
    expect(
      await analyze(policies, { type: "aws:ec2/instance:Instance", props: { policy: "{not json" } }),
    ).to.deep.equal([]);
  });

  it("over a program made with pulumi-iamx components and plain @pulumi/aws resources (testing kit mocks)", async () => {
    const synth = await synthesize(() => {
      const role = new Role("app", { assumedBy: new ServicePrincipal("lambda.amazonaws.com") });
      const bucket = new aws.s3.Bucket("data");
      new aws.s3.BucketPolicy("data-policy", {
        bucket: bucket.id,
        policy: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: role.roleArn },
              Action: ["s3:GetObject"],
              Resource: [bucket.arn.apply((a) => `${a}/*`)],
              Condition: { StringEqual: { "aws:PrincipalOrgID": "o-abc123def4" } },
            },
          ],
        } as unknown as aws.s3.BucketPolicyArgs["policy"],
      });
    });
    const found: string[] = [];
    for (const r of synth.resources) {
      for (const d of await analyze(policies, { type: r.type, name: r.name, props: r.inputs })) {
        found.push(`${r.name} ${r.type} ${d.enforcementLevel} ${codesOf([d])[0]}`);
      }
    }
    expect(synth.resources.some((r) => r.type === "aws:iam/role:Role")).to.equal(true);
    expect(found).to.deep.equal(["data-policy aws:s3/bucketPolicy:BucketPolicy mandatory INVALID_CONDITION_OPERATOR"]);
  });
});
