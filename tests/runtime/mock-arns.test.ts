import { expect } from "chai";
import type * as pulumi from "@pulumi/pulumi";
import { mockServiceState } from "../../src/runtime/mock-services";
import { MOCK_ARN_TABLE } from "../../src/runtime/mock-arn-table";
import { serviceResourceTypes } from "../../src/validate/catalogue";
import { parseArn, resourceMatches } from "../../src/validate/arn";
import { validatePolicy } from "../../src/validate";

const CLOUDS = [
  { account: "123456789012", region: "us-east-1", partition: "aws" },
  { account: "210987654321", region: "cn-north-1", partition: "aws-cn" },
];

function state(type: string, name: string, inputs: Record<string, unknown>, cloud = CLOUDS[0]) {
  const args = { type, name, inputs, custom: true, provider: "", id: "" } as pulumi.runtime.MockResourceArgs;
  return mockServiceState(args, String(inputs.name ?? name), cloud);
}

/** The catalogue's ARN format of a service's resource type (AWS's service reference, not our code). */
function format(service: string, resourceType: string): string {
  const info = serviceResourceTypes(service)?.get(resourceType);
  if (!info) throw new Error(`the catalogue has no ${service} resource type ${resourceType}`);
  return info.arn.split(", ")[0];
}

/** Findings of validation's ARN checks about a Resource (Action `*`: no fit with actions is asked). */
function resourceFindings(arn: string): string[] {
  return validatePolicy({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: arn }] })
    .filter((f) => f.path.includes("Resource"))
    .map((f) => `${f.code}: ${f.message}`);
}

/** Asserts an ARN is of the catalogue's resource type: service, partition, Region and account fields, resource part. */
function expectOfType(arn: unknown, service: string, resourceType: string, cloud = CLOUDS[0]): void {
  expect(arn, `${service}/${resourceType}`).to.be.a("string");
  const f = format(service, resourceType);
  const want = parseArn(f)!;
  const got = parseArn(arn as string);
  expect(got, String(arn)).to.not.equal(undefined);
  expect(got!.partition).to.equal(cloud.partition);
  expect(got!.service).to.equal(service);
  expect(got!.region, `${arn} against ${f}`).to.equal(want.region === "" ? "" : cloud.region);
  expect(got!.account, `${arn} against ${f}`).to.equal(want.account === "" ? "" : cloud.account);
  expect(resourceMatches(got!.resource, { name: resourceType, arn: f }), `${arn} against ${f}`).to.equal(true);
  expect(resourceFindings(arn as string), String(arn)).to.deep.equal([]);
}

// Each type the table knows, with inputs and the catalogue resource type its ARN must be.
const CASES: [type: string, inputs: Record<string, unknown>, service: string, resourceType: string][] = [
  ["aws:cloudwatch/eventBus:EventBus", { name: "orders" }, "events", "event-bus"],
  ["aws:cloudwatch/eventRule:EventRule", { name: "nightly" }, "events", "rule-on-default-event-bus"],
  [
    "aws:cloudwatch/eventRule:EventRule",
    { name: "on-order", eventBusName: "orders" },
    "events",
    "rule-on-custom-event-bus",
  ],
  ["aws:cloudwatch/logGroup:LogGroup", { name: "/app/logs" }, "logs", "log-group"],
  ["aws:cloudwatch/metricAlarm:MetricAlarm", {}, "cloudwatch", "alarm"],
  ["aws:sfn/stateMachine:StateMachine", { name: "flow" }, "states", "statemachine"],
  ["aws:sfn/activity:Activity", {}, "states", "activity"],
  ["aws:kinesis/stream:Stream", { name: "clicks" }, "kinesis", "stream"],
  ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", {}, "firehose", "deliverystream"],
  ["aws:ecr/repository:Repository", { name: "app" }, "ecr", "repository"],
  ["aws:ecs/cluster:Cluster", {}, "ecs", "cluster"],
  ["aws:ecs/taskDefinition:TaskDefinition", { family: "web" }, "ecs", "task-definition"],
  [
    "aws:ecs/service:Service",
    { name: "web", cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/main" },
    "ecs",
    "service",
  ],
  ["aws:apigateway/restApi:RestApi", { name: "api" }, "apigateway", "restapi"],
  ["aws:apigatewayv2/api:Api", { name: "http" }, "apigateway", "api"],
  ["aws:glue/catalogDatabase:CatalogDatabase", { name: "lake" }, "glue", "database"],
  ["aws:glue/catalogTable:CatalogTable", { name: "events", databaseName: "lake" }, "glue", "table"],
  ["aws:glue/job:Job", {}, "glue", "job"],
  ["aws:glue/crawler:Crawler", {}, "glue", "crawler"],
  ["aws:athena/workgroup:Workgroup", { name: "analysts" }, "athena", "workgroup"],
  ["aws:codebuild/project:Project", {}, "codebuild", "project"],
  ["aws:rds/instance:Instance", { identifier: "main-db" }, "rds", "db"],
  ["aws:rds/cluster:Cluster", {}, "rds", "cluster"],
  ["aws:cognito/userPool:UserPool", {}, "cognito-idp", "userpool"],
  ["aws:lb/loadBalancer:LoadBalancer", {}, "elasticloadbalancing", "loadbalancer/app/"],
  ["aws:alb/loadBalancer:LoadBalancer", { loadBalancerType: "network" }, "elasticloadbalancing", "loadbalancer/net/"],
  ["aws:lb/targetGroup:TargetGroup", {}, "elasticloadbalancing", "targetgroup"],
  ["aws:alb/targetGroup:TargetGroup", {}, "elasticloadbalancing", "targetgroup"],
];

describe("runtime: mocked ARNs of common AWS resources", () => {
  it("the cases cover every type of the table", () => {
    expect([...new Set(CASES.map(([type]) => type))].sort()).to.deep.equal(Object.keys(MOCK_ARN_TABLE).sort());
  });

  for (const cloud of CLOUDS) {
    for (const [type, inputs, service, resourceType] of CASES) {
      it(`${type} ${JSON.stringify(inputs)} in ${cloud.partition}: a ${service} ${resourceType} ARN`, () => {
        expectOfType(state(type, "res", inputs, cloud).arn, service, resourceType, cloud);
      });
    }
  }

  it("an EventBridge rule on a custom bus named by ARN has the bus's name in its ARN", () => {
    const arn = state("aws:cloudwatch/eventRule:EventRule", "r", {
      name: "r",
      eventBusName: "arn:aws:events:us-east-1:123456789012:event-bus/orders",
    }).arn;
    expect(arn).to.equal("arn:aws:events:us-east-1:123456789012:rule/orders/r");
  });

  it("an API's executionArn makes execute-api ARNs; a repository's URL is in the mocked account and Region", () => {
    for (const type of ["aws:apigateway/restApi:RestApi", "aws:apigatewayv2/api:Api"]) {
      const s = state(type, "api", { name: "api" });
      const id = String(s.arn).slice(String(s.arn).lastIndexOf("/") + 1);
      expect(s.executionArn).to.equal(`arn:aws:execute-api:us-east-1:123456789012:${id}`);
      expectOfType(`${s.executionArn}/prod/GET/items`, "execute-api", "execute-api-general");
    }
    const repo = state("aws:ecr/repository:Repository", "app", { name: "app" }, CLOUDS[1]);
    expect(repo.repositoryUrl).to.equal("210987654321.dkr.ecr.cn-north-1.amazonaws.com/app");
  });

  it("a task definition's ARN has its family and revision; arnWithoutRevision has the family only", () => {
    const s = state("aws:ecs/taskDefinition:TaskDefinition", "td", { family: "web" });
    expect(s.arn).to.equal("arn:aws:ecs:us-east-1:123456789012:task-definition/web:1");
    expect(s.arnWithoutRevision).to.equal("arn:aws:ecs:us-east-1:123456789012:task-definition/web");
  });

  it("the grant factories' resources still get their ARNs (a DynamoDB table's stream is of the stream type)", () => {
    const table = state("aws:dynamodb/table:Table", "t", { name: "t", streamEnabled: true });
    expectOfType(table.arn, "dynamodb", "table");
    expectOfType(table.streamArn, "dynamodb", "stream");
  });
});
