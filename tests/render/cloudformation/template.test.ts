import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Aws, External, concat } from "../../../src/core/value";
import { configure, settings } from "../../../src/core/settings";
import { CfnResource, ProgramModel } from "../../../src/render/cloudformation/model";
import { markSecret, outputSource, pascalIdentifier } from "../../../src/render/cloudformation/parameters";
import { renderTemplate, renderTemplateAsync, renderTemplateReport } from "../../../src/render/cloudformation/template";
import { aliasValue } from "../../../src/core/value";

const TRUST = {
  Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } }],
  Version: "2012-10-17",
};

function role(model: ProgramModel, path: string[], extra: Record<string, unknown> = {}): CfnResource {
  return model.add(
    new CfnResource({
      type: "AWS::IAM::Role",
      path,
      properties: () => ({ AssumeRolePolicyDocument: TRUST, ...extra }),
    }),
  );
}

function policy(model: ProgramModel, path: string[], roles: unknown[], resource: unknown = "*"): CfnResource {
  return model.add(
    new CfnResource({
      type: "AWS::IAM::Policy",
      path,
      properties: () => ({
        PolicyDocument: {
          Statement: [{ Action: "s3:GetObject", Effect: "Allow", Resource: resource }],
          Version: "2012-10-17",
        },
        PolicyName: "p",
        Roles: roles,
      }),
    }),
  );
}

/** A stand-in for a Pulumi resource and one of its outputs, as outputSource reads them. */
function fakeOutput(name: string, type: string, property: string): object {
  const resource: Record<string, unknown> = { __name: name, __pulumiType: type };
  const output = { resources: () => new Set([resource]) };
  resource[property] = output;
  return output;
}

describe("render/cloudformation: template assembly", () => {
  it("keys resources by CDK logical id, in construct-tree order, with Ref/GetAtt between them", () => {
    const model = new ProgramModel();
    const a = role(model, ["A", "Resource"]);
    const b = role(model, ["B", "Resource"]);
    // created after B, but a child of A: CDK emits it right after A's resource
    policy(model, ["A", "DefaultPolicy", "Resource"], [a.ref], a.getAtt("Arn"));
    const t = renderTemplate(model);
    const ids = Object.keys(t.Resources);
    expect(ids[0]).to.equal(a.logicalId);
    expect(ids[1]).to.equal("ADefaultPolicy" + ids[1].slice(-8));
    expect(ids[2]).to.equal(b.logicalId);
    const p = t.Resources[ids[1]].Properties!;
    expect(p.Roles).to.deep.equal([{ Ref: a.logicalId }]);
    expect((p.PolicyDocument as any).Statement[0].Resource).to.deep.equal({ "Fn::GetAtt": [a.logicalId, "Arn"] });
    expect(JSON.stringify(t.Resources[ids[0]])).to.equal(
      JSON.stringify({ Type: "AWS::IAM::Role", Properties: { AssumeRolePolicyDocument: TRUST } }),
    );
  });

  it("renders pseudo parameters and joins as CDK writes them", () => {
    const model = new ProgramModel();
    role(model, ["R", "Resource"], {
      ManagedPolicyArns: [concat("arn:", Aws.PARTITION, ":iam::aws:policy/ReadOnlyAccess")],
      Path: concat("/", Aws.ACCOUNT_ID, "/"),
    });
    const props = Object.values(renderTemplate(model).Resources)[0].Properties!;
    expect(props.ManagedPolicyArns).to.deep.equal([
      { "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":iam::aws:policy/ReadOnlyAccess"]] },
    ]);
    expect(props.Path).to.deep.equal({ "Fn::Join": ["", ["/", { Ref: "AWS::AccountId" }, "/"]] });
  });

  it("omits undefined properties and an empty Properties object", () => {
    const model = new ProgramModel();
    model.add(
      new CfnResource({ type: "AWS::IAM::User", path: ["U", "Resource"], properties: () => ({ Path: undefined }) }),
    );
    model.add(new CfnResource({ type: "AWS::IAM::Group", path: ["G", "Resource"], properties: () => undefined }));
    const t = renderTemplate(model);
    expect(Object.values(t.Resources)).to.deep.equal([{ Type: "AWS::IAM::User" }, { Type: "AWS::IAM::Group" }]);
  });

  it("leaves out resources that are not included", () => {
    const model = new ProgramModel();
    role(model, ["R", "Resource"]);
    model.add(
      new CfnResource({
        type: "AWS::IAM::Policy",
        path: ["P", "Resource"],
        properties: () => ({}),
        included: () => false,
      }),
    );
    expect(Object.keys(renderTemplate(model).Resources)).to.have.length(1);
  });

  it("writes DependsOn sorted by construct path, only for emitted resources, then the deletion policies", () => {
    const model = new ProgramModel();
    const r = role(model, ["R", "Resource"]);
    const z = policy(model, ["Z", "Resource"], ["x"]);
    const a = policy(model, ["A", "Resource"], ["x"]);
    const gone = model.add(
      new CfnResource({
        type: "AWS::IAM::Policy",
        path: ["G", "Resource"],
        properties: () => ({}),
        included: () => false,
      }),
    );
    r.dependsOn.add(z).add(a).add(gone).add(r);
    r.deletionPolicy = "Retain";
    r.updateReplacePolicy = "Retain";
    const def = renderTemplate(model).Resources[r.logicalId];
    expect(def.DependsOn).to.deep.equal([a.logicalId, z.logicalId]);
    expect(Object.keys(def)).to.deep.equal([
      "Type",
      "Properties",
      "DependsOn",
      "UpdateReplacePolicy",
      "DeletionPolicy",
    ]);
  });

  it("fails clearly when two resources get the same logical id", () => {
    const model = new ProgramModel();
    role(model, ["app", "Resource"]);
    model.add(new CfnResource({ type: "AWS::IAM::User", path: ["app", "Resource"], properties: () => undefined }));
    expect(() => renderTemplate(model)).to.throw(
      /app \(AWS::IAM::Role\) and app \(AWS::IAM::User\) both get the logical id app[0-9A-F]{8}/,
    );
  });

  it("fails clearly when a resource refers to one that is not emitted", () => {
    const model = new ProgramModel();
    const hidden = model.add(
      new CfnResource({
        type: "AWS::IAM::Role",
        path: ["Hidden", "Resource"],
        properties: () => ({}),
        included: () => false,
      }),
    );
    policy(model, ["P", "Resource"], [hidden.ref]);
    expect(() => renderTemplate(model)).to.throw(/P refers to Hidden, which is not part of the template/);
  });

  it("turns external inputs into String parameters named after their source, never into values", () => {
    const model = new ProgramModel();
    const bucketArn = External.of(fakeOutput("data-bucket", "aws:s3/bucket:Bucket", "arn"));
    const hinted = External.of(
      {},
      { resourceName: "Reader", property: "externalId", description: "The partner's id." },
    );
    const anonymous = External.of({});
    const r = role(model, ["Reader", "Resource"], { Description: hinted, Path: anonymous });
    policy(model, ["Reader", "DefaultPolicy", "Resource"], [r.ref], concat(bucketArn, "/*"));
    const t = renderTemplate(model);
    expect(t.Parameters).to.deep.equal({
      ReaderExternalId: { Type: "String", Description: "The partner's id." },
      Input: { Type: "String", Description: "A Pulumi value outside this template (used by Reader)" },
      DataBucketArn: {
        Type: "String",
        Description:
          '"arn" output of aws:s3/bucket:Bucket "data-bucket" (a Pulumi value outside this template; used by Reader/DefaultPolicy)',
      },
    });
    const props = t.Resources[r.logicalId].Properties!;
    expect(props.Description).to.deep.equal({ Ref: "ReaderExternalId" });
    const doc = Object.values(t.Resources)[1].Properties!.PolicyDocument as any;
    expect(doc.Statement[0].Resource).to.deep.equal({ "Fn::Join": ["", [{ Ref: "DataBucketArn" }, "/*"]] });
  });

  it("numbers parameters whose names clash with each other or with a resource", () => {
    const model = new ProgramModel();
    const one = External.of({}, { resourceName: "R" });
    const two = External.of({}, { resourceName: "R" });
    role(model, ["R"], { Path: one, Description: two });
    const t = renderTemplate(model);
    expect(Object.keys(t.Resources)).to.deep.equal(["R"]);
    expect(Object.keys(t.Parameters!)).to.deep.equal(["R2", "R3"]);
  });

  it("makes secret externals NoEcho parameters: by hint, by mark, and by asking the Pulumi output", async () => {
    const model = new ProgramModel();
    const hinted = External.of({}, { resourceName: "U", property: "password", secret: true } as any);
    const marked = External.of({}, { resourceName: "V", property: "password" });
    markSecret(marked);
    const secretOutput = External.of(pulumi.secret("hunter2"), { resourceName: "W", property: "password" });
    const plainOutput = External.of(pulumi.output("not-secret"), { resourceName: "X", property: "name" });
    model.add(
      new CfnResource({
        type: "AWS::IAM::User",
        path: ["U", "Resource"],
        properties: () => ({
          LoginProfile: { Password: hinted },
          Path: marked,
          UserName: secretOutput,
          Groups: [plainOutput],
        }),
      }),
    );
    const { template } = await renderTemplateAsync(model);
    expect(template.Parameters).to.deep.include({
      UPassword: {
        Type: "String",
        Description: "U password (a Pulumi value outside this template; used by U)",
        NoEcho: true,
      },
    });
    expect(template.Parameters!.VPassword.NoEcho).to.equal(true);
    expect(template.Parameters!.WPassword.NoEcho).to.equal(true);
    expect(template.Parameters!.XName).to.not.have.property("NoEcho");
    expect(JSON.stringify(template)).to.not.include("hunter2");
    expect(JSON.stringify(template)).to.not.include("not-secret");
  });

  it("keeps a secret input that is a CloudFormation dynamic reference as that reference", async () => {
    const model = new ProgramModel();
    const ref = "{{resolve:secretsmanager:prod/db:SecretString:password}}";
    const dynamic = External.of(pulumi.secret(ref), { resourceName: "Db", property: "password" });
    const plain = External.of(pulumi.output("{{resolve:ssm:/not/secret}}"), { resourceName: "Db", property: "name" });
    model.add(
      new CfnResource({
        type: "AWS::IAM::User",
        path: ["U", "Resource"],
        properties: () => ({ LoginProfile: { Password: dynamic }, UserName: plain }),
      }),
    );
    const { template } = await renderTemplateAsync(model);
    expect(template.Resources[Object.keys(template.Resources)[0]].Properties).to.deep.equal({
      LoginProfile: { Password: ref },
      UserName: { Ref: "DbName" },
    });
    expect(Object.keys(template.Parameters!)).to.deep.equal(["DbName"]);
  });

  it("keeps its parameter names and dynamic references to itself: the core's External is unchanged", async () => {
    const model = new ProgramModel();
    const dynamic = External.of(pulumi.secret("{{resolve:ssm-secure:/db/pw}}"), { resourceName: "Db", property: "pw" });
    const plain = External.of(pulumi.output("x"), { resourceName: "Db", property: "name" });
    const before = [dynamic, plain].map((e) => ({ keys: Object.keys(e).sort(), json: JSON.stringify(e) }));
    model.add(
      new CfnResource({
        type: "AWS::IAM::User",
        path: ["U", "Resource"],
        properties: () => ({ LoginProfile: { Password: dynamic }, UserName: plain, Path: plain }),
      }),
    );
    const { template } = await renderTemplateAsync(model);
    expect(template.Resources[Object.keys(template.Resources)[0]].Properties).to.deep.equal({
      LoginProfile: { Password: "{{resolve:ssm-secure:/db/pw}}" },
      UserName: { Ref: "DbName" },
      Path: { Ref: "DbName" },
    });
    expect(before[0].keys).to.not.include.members(["parameterName", "dynamicReference"]);
    expect([dynamic, plain].map((e) => ({ keys: Object.keys(e).sort(), json: JSON.stringify(e) }))).to.deep.equal(
      before,
    );
  });

  it("renders stack outputs that stand for model values, and reports the others", () => {
    const model = new ProgramModel();
    const r = role(model, ["R", "Resource"]);
    const arn = aliasValue({ opaque: true }, r.getAtt("Arn"));
    const report = renderTemplateReport(model, { outputs: { "role-arn": arn, region: "eu-west-1", opaque: {} } });
    expect(report.template.Outputs).to.deep.equal({
      rolearn: { Value: { "Fn::GetAtt": [r.logicalId, "Arn"] } },
      region: { Value: "eu-west-1" },
    });
    expect(report.skippedOutputs).to.deep.equal(["opaque"]);
  });

  it("renders with the settings the program ran with", () => {
    const model = new ProgramModel();
    let seen: boolean | undefined;
    model.add(
      new CfnResource({
        type: "AWS::IAM::Group",
        path: ["G", "Resource"],
        properties: () => {
          seen = settings().minimizePolicies;
          return undefined;
        },
      }),
    );
    configure({ minimizePolicies: false });
    model.captureSettings();
    configure({ minimizePolicies: true });
    renderTemplate(model);
    expect(seen).to.equal(false);
  });

  it("names parameters in PascalCase alphanumerics", () => {
    expect(pascalIdentifier(["data-bucket", "arn"])).to.equal("DataBucketArn");
    expect(pascalIdentifier(["my_queue.v2", ""])).to.equal("MyQueueV2");
    expect(outputSource({})).to.equal(undefined);
    expect(outputSource(fakeOutput("q", "aws:sqs/queue:Queue", "arn"))).to.deep.equal({
      name: "q",
      type: "aws:sqs/queue:Queue",
      property: "arn",
    });
  });
});
