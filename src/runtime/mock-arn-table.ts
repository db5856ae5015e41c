/**
 * Mock state for common @pulumi/aws resources outside the grant factories (EventBridge, Step
 * Functions, Kinesis, Firehose, ECR, ECS, CloudWatch, API Gateway, Glue, Athena, CodeBuild, RDS,
 * Cognito, load balancers): the ARN in each service's real format, and the outputs programs
 * usually build policies from (an API's `executionArn`, a repository's URL). Other `aws:` types
 * with an `arn` get one from mock-arn-fallback.ts.
 */
import { createHash } from "node:crypto";

/** The mocked environment an ARN is made in. */
export interface MockCloud {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
}

/** A resource's extra mocked state, from its physical name and inputs. */
export type MockStateOf = (name: string, inputs: Record<string, unknown>, c: MockCloud) => Record<string, unknown>;

/** The start of a regional ARN of the service in the mocked account and Region (`arn:aws:sqs:us-east-1:123...`). */
export const regional = (c: MockCloud, service: string) => `arn:${c.partition}:${service}:${c.region}:${c.account}`;

/** A resource named by its physical name, whose ARN is the service's regional ARN, `prefix`, then the name. */
export const named =
  (service: string, prefix: string): MockStateOf =>
  (name, _inputs, c) => ({ name, arn: `${regional(c, service)}:${prefix}${name}` });

/** An input that names another resource by name or ARN, as its name (the ARN's last `/` part). */
function nameOf(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value === "") return fallback;
  return value.startsWith("arn:") ? value.slice(value.lastIndexOf("/") + 1) : value;
}

/** A string input, else the fallback. */
function str(value: unknown, fallback: string): string {
  return typeof value === "string" && value !== "" ? value : fallback;
}

/** Hex digits derived from the name, as AWS's generated ids (stable across runs). */
export function mockId(name: string, length: number): string {
  return createHash("sha256").update(name).digest("hex").slice(0, length);
}

/** An API Gateway id (10 lower-case letters and digits, as AWS makes them). */
const apiId = (name: string) => mockId(`api:${name}`, 10);

const loadBalancer: MockStateOf = (name, inputs, c) => {
  const kind = inputs.loadBalancerType === "network" ? "net" : inputs.loadBalancerType === "gateway" ? "gwy" : "app";
  return { name, arn: `${regional(c, "elasticloadbalancing")}:loadbalancer/${kind}/${name}/${mockId(name, 16)}` };
};

const targetGroup: MockStateOf = (name, _inputs, c) => ({
  name,
  arn: `${regional(c, "elasticloadbalancing")}:targetgroup/${name}/${mockId(name, 16)}`,
});

const rdsCluster: MockStateOf = (name, inputs, c) => {
  const id = str(inputs.clusterIdentifier, name.toLowerCase());
  return { clusterIdentifier: id, arn: `${regional(c, "rds")}:cluster:${id}` };
};

/** Mock state by @pulumi/aws type token. */
export const MOCK_ARN_TABLE: Readonly<Record<string, MockStateOf>> = {
  "aws:cloudwatch/eventBus:EventBus": named("events", "event-bus/"),
  "aws:cloudwatch/eventRule:EventRule": (name, inputs, c) => {
    // A rule on a custom bus has the bus's name in its ARN; one on the default bus has not.
    const bus = nameOf(inputs.eventBusName, "default");
    const path = bus === "default" ? name : `${bus}/${name}`;
    return { name, arn: `${regional(c, "events")}:rule/${path}` };
  },
  "aws:cloudwatch/logGroup:LogGroup": named("logs", "log-group:"),
  "aws:cloudwatch/metricAlarm:MetricAlarm": named("cloudwatch", "alarm:"),
  "aws:sfn/stateMachine:StateMachine": named("states", "stateMachine:"),
  "aws:sfn/activity:Activity": named("states", "activity:"),
  "aws:kinesis/stream:Stream": named("kinesis", "stream/"),
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": named("firehose", "deliverystream/"),
  "aws:ecr/repository:Repository": (name, _inputs, c) => ({
    name,
    arn: `${regional(c, "ecr")}:repository/${name}`,
    registryId: c.account,
    repositoryUrl: `${c.account}.dkr.ecr.${c.region}.amazonaws.com/${name}`,
  }),
  "aws:ecs/cluster:Cluster": named("ecs", "cluster/"),
  "aws:ecs/taskDefinition:TaskDefinition": (name, inputs, c) => {
    const family = str(inputs.family, name);
    const base = `${regional(c, "ecs")}:task-definition/${family}`;
    return { family, revision: 1, arn: `${base}:1`, arnWithoutRevision: base };
  },
  "aws:ecs/service:Service": (name, inputs, c) => ({
    name,
    arn: `${regional(c, "ecs")}:service/${nameOf(inputs.cluster, "default")}/${name}`,
  }),
  "aws:apigateway/restApi:RestApi": (name, _inputs, c) => {
    const id = apiId(name);
    return {
      name,
      arn: `arn:${c.partition}:apigateway:${c.region}::/restapis/${id}`,
      executionArn: `${regional(c, "execute-api")}:${id}`,
      rootResourceId: mockId(`root:${name}`, 10),
    };
  },
  "aws:apigatewayv2/api:Api": (name, _inputs, c) => {
    const id = apiId(name);
    return {
      name,
      arn: `arn:${c.partition}:apigateway:${c.region}::/apis/${id}`,
      executionArn: `${regional(c, "execute-api")}:${id}`,
      apiEndpoint: `https://${id}.execute-api.${c.region}.amazonaws.com`,
    };
  },
  "aws:glue/catalogDatabase:CatalogDatabase": named("glue", "database/"),
  "aws:glue/catalogTable:CatalogTable": (name, inputs, c) => ({
    name,
    arn: `${regional(c, "glue")}:table/${str(inputs.databaseName, "default")}/${name}`,
  }),
  "aws:glue/job:Job": named("glue", "job/"),
  "aws:glue/crawler:Crawler": named("glue", "crawler/"),
  "aws:athena/workgroup:Workgroup": named("athena", "workgroup/"),
  "aws:codebuild/project:Project": named("codebuild", "project/"),
  "aws:rds/instance:Instance": (name, inputs, c) => {
    const id = str(inputs.identifier, name.toLowerCase());
    return { identifier: id, arn: `${regional(c, "rds")}:db:${id}` };
  },
  "aws:rds/cluster:Cluster": rdsCluster,
  "aws:cognito/userPool:UserPool": (name, _inputs, c) => {
    const id = `${c.region}_${mockId(`pool:${name}`, 9)}`;
    return { name, arn: `${regional(c, "cognito-idp")}:userpool/${id}` };
  },
  "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:alb/loadBalancer:LoadBalancer": loadBalancer,
  "aws:lb/targetGroup:TargetGroup": targetGroup,
  "aws:alb/targetGroup:TargetGroup": targetGroup,
};
