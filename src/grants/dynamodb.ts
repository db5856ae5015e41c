/**
 * Grants on DynamoDB tables (CDK's `Table.grantReadData`, `grantWriteData`, `grantReadWriteData`,
 * `grantFullAccess`, `grantStreamRead`), with CDK's action sets, resources and statement order
 * (a read grant gives the key actions before the table actions, as CDK does).
 *
 * Resources: the table ARN, plus `<table ARN>/index/*` with `grantIndexPermissions` (CDK adds it
 * for tables with secondary indexes; a plain table's indexes are not known to the program).
 *
 * A grantee in another account also gets a statement (resource `*`) in the table's resource
 * policy: an `aws.dynamodb.ResourcePolicy`, made on first use as a child of the table. Its
 * CloudFormation form is the table's own `ResourcePolicy` property, and the table is not part of
 * the export, so the export lists that resource among those it cannot represent.
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as dynamodb from "@pulumi/aws/dynamodb";
import { ResourcePolicy } from "@pulumi/aws/dynamodb/resourcePolicy";
import { PolicyDocument } from "../core/document";
import { ValidationError } from "../core/errors";
import type { IGrantable, IPrincipal } from "../core/principals/types";
import type { PolicyStatement } from "../core/statement";
import { concat, toValue, type Value } from "../core/value";
import { Grant, type AddToResourcePolicyResult } from "../components/grant";
import { lazyJson } from "../render/pulumi/lazy-json";
import { isFinalized, onFinalize, reportProblem } from "../render/pulumi/lifecycle";
import { EncryptedResourceGrants } from "./encrypted";
import type { EncryptionKey } from "./kms";
import {
  outputValue,
  regionOf,
  resolveResource,
  type ResourceAttributes,
  type ResourceGrantsOptions,
} from "./resource-ref";

/** Options of `iamx.grants.dynamodb()`. */
export interface TableGrantsOptions extends ResourceGrantsOptions {
  /** The KMS key the table is encrypted with; grants then include the key actions. Default: none. */
  readonly encryptionKey?: EncryptionKey;
  /** Also grant on the table's indexes (`<table ARN>/index/*`). Default: false. */
  readonly grantIndexPermissions?: boolean;
}

/** A table made elsewhere: its ARN and, for stream grants, its stream ARN. */
export interface TableAttributes extends ResourceAttributes {
  /** The table's stream ARN. Default: none (stream grants fail). */
  readonly streamArn?: pulumi.Input<string>;
}

const TABLE_TYPES = ["aws:dynamodb/table:Table"];
const RESOURCE_READ_DATA_ACTIONS = [
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:GetItem",
  "dynamodb:Scan",
  "dynamodb:ConditionCheckItem",
];
const PRINCIPAL_ONLY_READ_DATA_ACTIONS = ["dynamodb:GetRecords", "dynamodb:GetShardIterator"];
const WRITE_DATA_ACTIONS = [
  "dynamodb:BatchWriteItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
];
const DESCRIBE_TABLE = "dynamodb:DescribeTable";
const KEY_READ_ACTIONS = ["kms:Decrypt", "kms:DescribeKey"];
const KEY_WRITE_ACTIONS = ["kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"];
const KEY_READ_WRITE = [...KEY_READ_ACTIONS, ...KEY_WRITE_ACTIONS];
const READ_STREAM_DATA_ACTIONS = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"];
const KNOWN_SERVICE_PRINCIPALS = new Set([
  "redshift.amazonaws.com",
  "replication.dynamodb.amazonaws.com",
  "glue.amazonaws.com",
]);

/** Grants on a DynamoDB table. Make with `iamx.grants.dynamodb()`. */
export class TableGrants extends EncryptedResourceGrants {
  private readonly arns: Value[];
  private readonly stream?: Value;

  /** @internal */
  constructor(table: dynamodb.Table | TableAttributes, options: TableGrantsOptions = {}) {
    super(resolveResource(table, options, TABLE_TYPES, "a DynamoDB table"), options);
    const withIndex = options.grantIndexPermissions;
    if (withIndex !== undefined && typeof withIndex !== "boolean") {
      throw new ValidationError(
        "InvalidGrantOptions",
        "iamx.grants.dynamodb: `grantIndexPermissions` must be a boolean",
      );
    }
    this.arns = withIndex ? [this.arn, concat(this.arn, "/index/*")] : [this.arn];
    this.stream = this.ref.resource
      ? outputValue(this.ref.resource, "streamArn", "StreamArn", "iamx.grants.dynamodb")
      : streamOf(table as TableAttributes);
  }

  /** The table's ARN. */
  public get tableArn(): Value {
    return this.arn;
  }

  /** Grants the given actions on the table (and its indexes, see `grantIndexPermissions`). */
  public grant(grantee: IGrantable, ...actions: string[]): Grant {
    return this.actions(grantee, "grant", actions);
  }

  /** Reading data (and `dynamodb:DescribeTable`); key read actions. */
  public grantReadData(grantee: IGrantable): Grant {
    this.checkGranteeFor(grantee, "grantReadData");
    this.encryptionKey?.grant(grantee, ...KEY_READ_ACTIONS);
    return this.actions(grantee, "grantReadData", [...RESOURCE_READ_DATA_ACTIONS, DESCRIBE_TABLE]).combine(
      this.principalOnly(grantee),
    );
  }

  /** Writing data (and `dynamodb:DescribeTable`); key read and write actions. */
  public grantWriteData(grantee: IGrantable): Grant {
    const result = this.actions(grantee, "grantWriteData", [...WRITE_DATA_ACTIONS, DESCRIBE_TABLE], KEY_READ_WRITE);
    this.encryptionKey?.grant(grantee, ...KEY_READ_WRITE);
    return result;
  }

  /** Reading and writing data; key read and write actions. */
  public grantReadWriteData(grantee: IGrantable): Grant {
    const actions = [...RESOURCE_READ_DATA_ACTIONS, ...WRITE_DATA_ACTIONS, DESCRIBE_TABLE];
    const result = this.actions(grantee, "grantReadWriteData", actions, KEY_READ_WRITE);
    this.encryptionKey?.grant(grantee, ...KEY_READ_WRITE);
    return result.combine(this.principalOnly(grantee));
  }

  /** Every DynamoDB action (`dynamodb:*`) on the table; key read and write actions. */
  public grantFullAccess(grantee: IGrantable): Grant {
    const result = this.actions(grantee, "grantFullAccess", ["dynamodb:*"], KEY_READ_WRITE);
    this.encryptionKey?.grant(grantee, ...KEY_READ_WRITE);
    return result;
  }

  /** `dynamodb:ListStreams` (on `*`). The table must have a stream. */
  public grantTableListStreams(grantee: IGrantable): Grant {
    this.checkGrantee(grantee, "grantTableListStreams");
    this.streamArn();
    return Grant.addToPrincipal({ grantee, actions: ["dynamodb:ListStreams"], resourceArns: ["*"] });
  }

  /** Reading the table's stream (the table needs `streamEnabled: true`); key read actions. */
  public grantStreamRead(grantee: IGrantable): Grant {
    this.checkGrantee(grantee, "grantStreamRead");
    const stream = this.streamArn();
    this.encryptionKey?._checkGrant(grantee, KEY_READ_ACTIONS);
    Grant.addToPrincipal({ grantee, actions: ["dynamodb:ListStreams"], resourceArns: ["*"] });
    this.encryptionKey?.grant(grantee, ...KEY_READ_ACTIONS);
    return Grant.addToPrincipal({ grantee, actions: READ_STREAM_DATA_ACTIONS, resourceArns: [stream] });
  }

  /** The table policy: an `aws.dynamodb.ResourcePolicy` child of the table (no CloudFormation form). */
  public addToResourcePolicy(statement: PolicyStatement): AddToResourcePolicyResult {
    const table = this.ref.resource;
    if (!this.ref.owned || !table) return { statementAdded: false };
    const policy = tablePolicyOf(table, this.ref.name);
    policy.document.addStatements(statement);
    return { statementAdded: true, policyDependable: policy.resource };
  }

  /** @internal */
  protected policyKind(): undefined {
    return undefined;
  }

  private actions(grantee: IGrantable, method: string, actions: string[], keyActions: string[] = []): Grant {
    this.checkGranteeFor(grantee, method);
    if (keyActions.length > 0) this.encryptionKey?._checkGrant(grantee, keyActions);
    return this.grantOnResource(grantee, actions, this.arns, ["*"]);
  }

  private principalOnly(grantee: IGrantable): Grant {
    return Grant.addToPrincipal({ grantee, actions: PRINCIPAL_ONLY_READ_DATA_ACTIONS, resourceArns: this.arns });
  }

  private checkGranteeFor(grantee: unknown, method: string): asserts grantee is IGrantable {
    this.checkGrantee(grantee, method);
    if (isUnsupportedServicePrincipal(grantee.grantPrincipal)) {
      throw new ValidationError(
        "ServicePrincipalGrantNotSupported",
        "DynamoDB grant* methods do not support ServicePrincipal grantees. Use table.addToResourcePolicy() for an explicit service-specific table policy with required service principal, actions, and conditions",
        this.ref.name,
      );
    }
  }

  private streamArn(): Value {
    if (!this.stream) {
      throw new ValidationError(
        "StreamsRequired",
        `DynamoDB Streams must be enabled on the table ${this.ref.name}`,
        this.ref.name,
      );
    }
    return this.stream;
  }
}

function streamOf(attrs: TableAttributes): Value | undefined {
  return attrs.streamArn === undefined ? undefined : toValue(attrs.streamArn, "the stream ARN");
}

/** CDK: service principals other than a few DynamoDB integrations need an explicit table policy. */
function isUnsupportedServicePrincipal(principal: IPrincipal): boolean {
  if (!("Service" in principal.policyFragment.principalJson)) return false;
  const service = serviceName(principal);
  return service === undefined || !KNOWN_SERVICE_PRINCIPALS.has(service);
}

function serviceName(principal: unknown): string | undefined {
  const p = principal as { service?: unknown; wrapped?: unknown };
  if (typeof p.service === "string") return p.service;
  return p.wrapped !== undefined && p.wrapped !== null ? serviceName(p.wrapped) : undefined;
}

interface TablePolicy {
  readonly document: PolicyDocument;
  readonly resource: ResourcePolicy;
}

const tablePolicies = new WeakMap<object, TablePolicy>();

function tablePolicyOf(table: pulumi.CustomResource, name: string): TablePolicy {
  let policy = tablePolicies.get(table);
  if (policy) return policy;
  if (isFinalized()) {
    throw new ValidationError(
      "ModifiedAfterFinalize",
      `A grant on ${name} needs its resource policy after the program's policies were finalized.`,
      name,
    );
  }
  const document = new PolicyDocument();
  const resource = new ResourcePolicy(
    `${name}-policy`,
    {
      resourceArn: (table as unknown as { arn: pulumi.Output<string> }).arn,
      policy: lazyJson(() => document._synthesize(), `the resource policy of ${name}`),
      region: regionOf(table),
    },
    { parent: table },
  );
  onFinalize("checks", () => {
    for (const message of document.validateForResourcePolicy()) reportProblem(name, message);
  });
  policy = { document, resource };
  tablePolicies.set(table, policy);
  return policy;
}

/**
 * Grants on a DynamoDB table with CDK's action sets: `iamx.grants.dynamodb(table).grantReadData(role)`.
 * `table` is an `aws.dynamodb.Table` of this program or `{ arn, streamArn? }` of one made elsewhere.
 */
export function dynamodbGrants(table: dynamodb.Table | TableAttributes, options?: TableGrantsOptions): TableGrants {
  return new TableGrants(table, options);
}
