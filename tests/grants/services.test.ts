import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as dynamodb from "@pulumi/aws/dynamodb";
import * as lambda from "@pulumi/aws/lambda";
import * as secretsmanager from "@pulumi/aws/secretsmanager";
import * as sns from "@pulumi/aws/sns";
import * as sqs from "@pulumi/aws/sqs";
import * as ssm from "@pulumi/aws/ssm";
import { expect } from "chai";
import * as iamx from "../../src";
import { exportProgram } from "../../src/render/cloudformation/export";
import { T, doc, run, validationError } from "../components/iamx-helpers";
import { OTHER, tableArgs } from "./fixtures";

const role = (name: string) => new iamx.Role(name, { assumedBy: new iamx.ServicePrincipal("lambda.amazonaws.com") });

describe("grants on queues, topics, tables, functions, secrets, parameters (Pulumi resources)", () => {
  it("SQS: a QueuePolicy on the queue URL for another account's role", async () => {
    const r = await run(() => {
      const grants = iamx.grants.sqs(new sqs.Queue("jobs"));
      grants.grantSendMessages(iamx.Role.fromRoleArn("other", OTHER));
      grants.grantConsumeMessages(role("worker"));
    });
    const queue = r.get("aws:sqs/queue:Queue", "jobs").outputs;
    const policy = r.get("aws:sqs/queuePolicy:QueuePolicy", "jobs-policy");
    expect(policy.inputs.queueUrl).to.equal(queue.url);
    expect(doc(policy).Statement).to.deep.equal([
      {
        Action: ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"],
        Effect: "Allow",
        Principal: { AWS: OTHER },
        Resource: queue.arn,
      },
    ]);
    expect(doc(r.get(T.rolePolicy, "worker-default-policy")).Statement[0].Action).to.have.length(5);
  });

  it("SNS: a TopicPolicy with numbered statements, for a service principal", async () => {
    const r = await run(() => {
      iamx.grants.sns(new sns.Topic("alerts")).grantPublish(new iamx.ServicePrincipal("events.amazonaws.com"));
    });
    const topic = r.get("aws:sns/topic:Topic", "alerts").outputs;
    const policy = r.get("aws:sns/topicPolicy:TopicPolicy", "alerts-policy");
    expect(policy.inputs.arn).to.equal(topic.arn);
    expect(doc(policy).Statement).to.deep.equal([
      {
        Action: "sns:Publish",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Resource: topic.arn,
        Sid: "0",
      },
    ]);
  });

  it("Secrets Manager: a SecretPolicy for another account's role; versions stages as a condition", async () => {
    const r = await run(() => {
      const grants = iamx.grants.secretsmanager(new secretsmanager.Secret("db"));
      grants.grantRead(iamx.Role.fromRoleArn("other", OTHER));
      grants.grantRead(role("app"), ["AWSCURRENT"]);
    });
    const secret = r.get("aws:secretsmanager/secret:Secret", "db").outputs;
    expect(r.get("aws:secretsmanager/secretPolicy:SecretPolicy", "db-policy").inputs.secretArn).to.equal(secret.arn);
    expect(doc(r.get(T.rolePolicy, "app-default-policy")).Statement).to.deep.equal([
      {
        Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
        Condition: { "ForAnyValue:StringEquals": { "secretsmanager:VersionStage": ["AWSCURRENT"] } },
        Effect: "Allow",
        Resource: secret.arn,
      },
    ]);
  });

  it("DynamoDB: data and stream grants; a ResourcePolicy under the table for another account", async () => {
    const r = await run(() => {
      const table = iamx.grants.dynamodb(new dynamodb.Table("orders", tableArgs));
      table.grantStreamRead(role("reader"));
      table.grantReadData(iamx.Role.fromRoleArn("other", OTHER));
    });
    const out = r.get("aws:dynamodb/table:Table", "orders").outputs;
    expect(doc(r.get(T.rolePolicy, "reader-default-policy")).Statement).to.deep.equal([
      { Action: "dynamodb:ListStreams", Effect: "Allow", Resource: "*" },
      {
        Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
        Effect: "Allow",
        Resource: out.streamArn,
      },
    ]);
    const policy = r.get("aws:dynamodb/resourcePolicy:ResourcePolicy", "orders-policy");
    expect(policy.parent).to.equal("orders");
    expect(policy.inputs.resourceArn).to.equal(out.arn);
    expect(doc(policy).Statement[0]).to.include({ Effect: "Allow", Resource: "*" });
    expect(doc(policy).Statement[0].Principal).to.deep.equal({ AWS: OTHER });
  });

  it("DynamoDB: CDK's errors for service principals and tables without a stream", async () => {
    await run(() => {
      const table = iamx.grants.dynamodb(new dynamodb.Table("orders", tableArgs));
      const err = validationError(() => table.grantReadData(new iamx.ServicePrincipal("lambda.amazonaws.com")));
      expect(err.code).to.equal("ServicePrincipalGrantNotSupported");
      // Known DynamoDB integrations are allowed (and go to the table policy).
      table.grantReadData(new iamx.ServicePrincipal("glue.amazonaws.com"));
      const imported = iamx.grants.dynamodb({ arn: "arn:aws:dynamodb:us-east-1:222222222222:table/t" });
      expect(validationError(() => imported.grantStreamRead(role("app"))).message).to.equal(
        "[arn:aws:dynamodb:us-east-1:222222222222:table/t] DynamoDB Streams must be enabled on the table arn:aws:dynamodb:us-east-1:222222222222:table/t",
      );
    });
  });

  it("DynamoDB: the export lists the table policy among the resources it cannot represent", async () => {
    const result = await exportProgram(
      () => {
        iamx.grants.dynamodb(new dynamodb.Table("orders", tableArgs)).grantReadData(iamx.Role.fromRoleArn("o", OTHER));
      },
      { allowUnsupported: true },
    );
    expect(result.unsupported.map((u) => u.type)).to.deep.equal([
      "aws:dynamodb/table:Table",
      "aws:dynamodb/resourcePolicy:ResourcePolicy",
    ]);
  });

  it("Lambda: one permission per principal (conditions become source fields); a role gets a statement", async () => {
    const r = await run(() => {
      const fn = iamx.grants.lambda(new lambda.Function("handler", { role: "arn:aws:iam::123456789012:role/x" }));
      const s3 = new iamx.ServicePrincipal("s3.amazonaws.com").withConditions({
        ArnLike: { "aws:SourceArn": "arn:aws:s3:::uploads" },
      });
      const first = fn.grantInvoke(s3);
      expect(fn.grantInvoke(s3)).to.equal(first);
      fn.grantInvoke(new iamx.AccountPrincipal("333333333333"));
      fn.grantInvoke(role("caller"));
    });
    const arn = r.get("aws:lambda/function:Function", "handler").outputs.arn;
    const permissions = r.all("aws:lambda/permission:Permission");
    const byPrincipal = (a: { inputs: any }, b: { inputs: any }) => (a.inputs.principal < b.inputs.principal ? -1 : 1);
    expect(permissions.sort(byPrincipal).map((p) => p.inputs)).to.deep.equal([
      { action: "lambda:InvokeFunction", function: arn, principal: "333333333333", region: "us-east-1" },
      {
        action: "lambda:InvokeFunction",
        function: arn,
        principal: "s3.amazonaws.com",
        region: "us-east-1",
        sourceArn: "arn:aws:s3:::uploads",
      },
    ]);
    expect(permissions[0].name).to.match(/^handler-invoke-[0-9a-f]{12}$/);
    expect(doc(r.get(T.rolePolicy, "caller-default-policy")).Statement).to.deep.equal([
      // Minimized statements order resources by their CloudFormation form: the join comes first.
      { Action: "lambda:InvokeFunction", Effect: "Allow", Resource: [`${arn}:*`, arn] },
    ]);
  });

  it("Lambda: principals a permission cannot name, and functions known by ARN", async () => {
    await run(() => {
      const fn = iamx.grants.lambda(new lambda.Function("handler", { role: "arn:aws:iam::123456789012:role/x" }));
      const odd = new iamx.ServicePrincipal("s3.amazonaws.com").withConditions({
        Bool: { "aws:SecureTransport": "true" },
      });
      expect(validationError(() => fn.grantInvoke(odd)).code).to.equal("UnsupportedConditionsForLambdaPermission");
      const imported = iamx.grants.lambda({ arn: "arn:aws:lambda:us-east-1:222222222222:function:f" });
      expect(validationError(() => imported.grantInvoke(new iamx.ServicePrincipal("sns.amazonaws.com"))).code).to.equal(
        "CannotModifyLambdaPermission",
      );
      const skipping = iamx.grants.lambda(
        { arn: "arn:aws:lambda:us-east-1:222222222222:function:f" },
        { skipPermissions: true },
      );
      expect(skipping.grantInvoke(new iamx.ServicePrincipal("sns.amazonaws.com")).success).to.equal(true);
    });
  });

  it("Lambda: the permission exports as AWS::Lambda::Permission at CDK's path", async () => {
    const result = await exportProgram(
      () => {
        const fn = new lambda.Function("Fn", { role: "arn:aws:iam::123456789012:role/x" });
        iamx.grants.lambda(fn).grantInvoke(new iamx.ServicePrincipal("events.amazonaws.com"));
      },
      { allowUnsupported: true },
    );
    const ids = Object.keys(result.template.Resources);
    expect(ids).to.have.length(1);
    expect(ids[0]).to.match(/^FnInvoke/);
    expect(result.template.Resources[ids[0]]).to.deep.equal({
      Type: "AWS::Lambda::Permission",
      Properties: {
        Action: "lambda:InvokeFunction",
        FunctionName: { Ref: "FnArn" },
        Principal: "events.amazonaws.com",
      },
    });
    expect(result.unsupported.map((u) => u.type)).to.deep.equal(["aws:lambda/function:Function"]);
  });

  it("SSM: identity statements only, also for another account's role", async () => {
    const r = await run(() => {
      const p = iamx.grants.ssm(new ssm.Parameter("flag", { name: "/app/flag", type: "String", value: "on" }));
      p.grantRead(iamx.Role.fromRoleArn("other", OTHER));
    });
    expect(doc(r.get(T.rolePolicy, "other-policy")).Statement[0].Resource).to.equal(
      "arn:aws:ssm:us-east-1:123456789012:parameter/app/flag",
    );
  });

  it("the generic recipe: any resource with an ARN, named after it in the export", async () => {
    const result = await exportProgram(
      () => {
        const app = role("app");
        const logs = new cloudwatch.LogGroup("app-logs");
        iamx.grants.resource(logs).grantOnSuffixes(app, ["logs:CreateLogStream", "logs:PutLogEvents"], ":*");
        iamx.Grant.addToPrincipal({
          grantee: app,
          actions: ["logs:DescribeLogGroups"],
          resourceArns: [iamx.grants.arnOf(logs)],
        });
      },
      { allowUnsupported: true },
    );
    expect(Object.keys(result.template.Parameters ?? {})).to.deep.equal(["AppLogsArn"]);
    const policy = Object.values(result.template.Resources).find((x) => x.Type === "AWS::IAM::Policy")!;
    expect((policy.Properties!.PolicyDocument as { Statement: unknown[] }).Statement).to.deep.equal([
      {
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Effect: "Allow",
        Resource: { "Fn::Join": ["", [{ Ref: "AppLogsArn" }, ":*"]] },
      },
      { Action: "logs:DescribeLogGroups", Effect: "Allow", Resource: { Ref: "AppLogsArn" } },
    ]);
  });

  it("exports queue, topic and secret policies with CDK's properties", async () => {
    const result = await exportProgram(
      () => {
        const other = iamx.Role.fromRoleArn("other", OTHER);
        iamx.grants.sqs(new sqs.Queue("Jobs")).grantSendMessages(other);
        iamx.grants.sns(new sns.Topic("Alerts")).grantSubscribe(other);
        iamx.grants.secretsmanager(new secretsmanager.Secret("Db")).grantRead(other);
      },
      { allowUnsupported: true },
    );
    const byType = (type: string) => Object.values(result.template.Resources).find((r) => r.Type === type)!.Properties!;
    expect(Object.keys(byType("AWS::SQS::QueuePolicy"))).to.deep.equal(["PolicyDocument", "Queues"]);
    expect(byType("AWS::SQS::QueuePolicy").Queues).to.deep.equal([{ Ref: "JobsUrl" }]);
    expect(byType("AWS::SNS::TopicPolicy").Topics).to.deep.equal([{ Ref: "AlertsArn" }]);
    expect(byType("AWS::SecretsManager::ResourcePolicy").SecretId).to.deep.equal({ Ref: "DbArn" });
    expect(Object.keys(result.template.Parameters ?? {})).to.have.members(["JobsArn", "JobsUrl", "AlertsArn", "DbArn"]);
  });
});
