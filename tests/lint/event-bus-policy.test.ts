// iamx lint on a template's AWS::Events::EventBusPolicy, whose Statement holds one statement of the
// bus's policy (not a document), as CDK's EventBus.addToResourcePolicy writes it.
import { expect } from "chai";
import * as cdk from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import { lintTemplate } from "../../src/lint";
import { findingPath, templatePositions } from "../../src/lint/format/template-positions";
import { ids, template } from "./helpers";

const typo = { StringEqual: { "aws:PrincipalOrgID": "o-abc123def4" } };
const good = { StringEquals: { "aws:PrincipalOrgID": "o-abc123def4" } };

/** The template CDK synthesizes for a bus with one resource policy statement. */
function cdkTemplate(conditions?: Record<string, unknown>): Record<string, unknown> {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, "S");
  const bus = new events.EventBus(stack, "Bus");
  bus.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: "OrgPuts",
      principals: [new iam.AccountPrincipal("444455556666")],
      actions: ["events:PutEvents"],
      resources: [bus.eventBusArn],
      ...(conditions ? { conditions } : {}),
    }),
  );
  return app.synth().getStackByName("S").template as Record<string, unknown>;
}

const policyFindings = (t: Record<string, unknown>) =>
  lintTemplate(t).findings.filter((f) => f.ruleId.startsWith("IAMX-Policy") || f.ruleId === "IAMX-UnreadablePolicy");

describe("lint: AWS::Events::EventBusPolicy (one statement of the bus's policy)", () => {
  it("checks the statement CDK writes: nothing for a valid one, an error at Statement.Condition for a typo", () => {
    expect(policyFindings(cdkTemplate(good))).to.deep.equal([]);
    const synthesized = cdkTemplate(typo);
    const text = JSON.stringify(synthesized, null, 2);
    const r = lintTemplate(JSON.parse(text));
    expect(ids(r)).to.deep.equal(["IAMX-PolicyInvalid[INVALID_CONDITION_OPERATOR]"]);
    const [f] = r.findings;
    expect(f.resourceType).to.equal("AWS::Events::EventBusPolicy");
    expect(f.location).to.equal("Statement.Condition.StringEqual");
    expect(f.statementIndex).to.equal(0);
    const resources = Object.values(synthesized.Resources as Record<string, Record<string, any>>);
    const written = resources.find((x) => x.Type === "AWS::Events::EventBusPolicy")!.Properties.Statement;
    expect(f.sid).to.equal(written.Sid);
    // the location is the template's own path to the element
    const lines = text.split("\n");
    expect(templatePositions(text)(findingPath(f.logicalId, f.location))?.line).to.equal(
      lines.findIndex((l) => l.includes('"StringEqual"')) + 1,
    );
  });

  it("reads the statement as JSON text too, and asks it for a Principal as any resource policy", () => {
    const busPolicy = (Statement: unknown) =>
      template({ P: { Type: "AWS::Events::EventBusPolicy", Properties: { StatementId: "s", Statement } } });
    const statement = {
      Sid: "Puts",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::444455556666:root" },
      Action: "events:PutEvents",
      Resource: "arn:aws:events:us-east-1:111122223333:event-bus/orders",
    };
    expect(policyFindings(busPolicy(JSON.stringify(statement)))).to.deep.equal([]);
    const bad = lintTemplate(busPolicy(JSON.stringify({ ...statement, Condition: typo })));
    expect(ids(bad)).to.deep.equal(["IAMX-PolicyInvalid[INVALID_CONDITION_OPERATOR]"]);
    const { Principal: _, ...withoutPrincipal } = statement;
    const noPrincipal = lintTemplate(busPolicy(withoutPrincipal));
    expect(ids(noPrincipal)).to.deep.equal(["IAMX-PolicyInvalid[MISSING_PRINCIPAL]"]);
    expect(noPrincipal.findings[0].location).to.equal("Statement.Principal");
  });

  it("a Statement lint cannot read is an IAMX-UnreadablePolicy error; the older form without one is left alone", () => {
    const r = lintTemplate(
      template({
        P: {
          Type: "AWS::Events::EventBusPolicy",
          Properties: { StatementId: "s", Statement: { "Fn::If": ["Shared", {}, {}] } },
        },
      }),
    );
    expect(ids(r)).to.deep.equal(["IAMX-UnreadablePolicy"]);
    expect(r.findings[0].location).to.equal("Statement");
    // Action/Principal/Condition properties: one PutEvents permission CloudFormation builds, no document
    const legacy = template({
      P: {
        Type: "AWS::Events::EventBusPolicy",
        Properties: { StatementId: "s", Action: "events:PutEvents", Principal: "444455556666" },
      },
    });
    expect(policyFindings(legacy)).to.deep.equal([]);
  });
});
