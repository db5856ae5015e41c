/**
 * Where policy documents live: which property of which resource type holds one, and what kind of
 * policy it is. One table for Pulumi resources of `@pulumi/aws` (the policy pack, and `iamx lint`
 * on programs) and one for CloudFormation resource policies (`iamx lint` on templates), so every
 * caller finds the same documents and validates them the same way.
 */
import type { PolicyType } from "./types";

/** One property of a Pulumi resource that holds a policy document. */
export interface PulumiPolicyProperty {
  /** The input's name (`policy`, `assumeRolePolicy`, `inlinePolicies`). */
  readonly property: string;
  readonly policyType: PolicyType;
  /**
   * The CloudFormation property of the same document (`PolicyDocument`, `KeyPolicy`, `Policies`); a
   * dotted path for a nested one (`ResourcePolicy.PolicyDocument` of AWS::DynamoDB::Table).
   */
  readonly cfnProperty: string;
  /** Set when the property is a list of `{ name, policy }` (aws.iam.Role's `inlinePolicies`). */
  readonly inlineList?: true;
}

/** A Pulumi resource type that holds policy documents. */
export interface PulumiPolicyHolder {
  /** The CloudFormation type of the same thing: the validator's `resourceType`, and what lint reads. */
  readonly cfnType: string;
  readonly properties: readonly PulumiPolicyProperty[];
}

const resourcePolicy = (cfnType: string, cfnProperty: string, property = "policy"): PulumiPolicyHolder => ({
  cfnType,
  properties: [{ property, policyType: "resource", cfnProperty }],
});
const identityPolicy = (cfnType: string): PulumiPolicyHolder => ({
  cfnType,
  properties: [{ property: "policy", policyType: "identity", cfnProperty: "PolicyDocument" }],
});

/** Pulumi types (`@pulumi/aws`) whose inputs hold policy documents. */
export const PULUMI_POLICY_HOLDERS: Readonly<Record<string, PulumiPolicyHolder>> = {
  "aws:iam/role:Role": {
    cfnType: "AWS::IAM::Role",
    properties: [
      { property: "assumeRolePolicy", policyType: "trust", cfnProperty: "AssumeRolePolicyDocument" },
      { property: "inlinePolicies", policyType: "identity", cfnProperty: "Policies", inlineList: true },
    ],
  },
  "aws:iam/rolePolicy:RolePolicy": identityPolicy("AWS::IAM::Policy"),
  "aws:iam/userPolicy:UserPolicy": identityPolicy("AWS::IAM::Policy"),
  "aws:iam/groupPolicy:GroupPolicy": identityPolicy("AWS::IAM::Policy"),
  "aws:iam/policy:Policy": identityPolicy("AWS::IAM::ManagedPolicy"),
  "aws:s3/bucketPolicy:BucketPolicy": resourcePolicy("AWS::S3::BucketPolicy", "PolicyDocument"),
  "aws:s3/bucket:Bucket": resourcePolicy("AWS::S3::BucketPolicy", "PolicyDocument"),
  "aws:s3/bucketV2:BucketV2": resourcePolicy("AWS::S3::BucketPolicy", "PolicyDocument"),
  "aws:sqs/queuePolicy:QueuePolicy": resourcePolicy("AWS::SQS::QueuePolicy", "PolicyDocument"),
  "aws:sqs/queue:Queue": resourcePolicy("AWS::SQS::QueuePolicy", "PolicyDocument"),
  "aws:sns/topicPolicy:TopicPolicy": resourcePolicy("AWS::SNS::TopicPolicy", "PolicyDocument"),
  "aws:sns/topic:Topic": resourcePolicy("AWS::SNS::TopicPolicy", "PolicyDocument"),
  "aws:kms/key:Key": resourcePolicy("AWS::KMS::Key", "KeyPolicy"),
  "aws:kms/keyPolicy:KeyPolicy": resourcePolicy("AWS::KMS::Key", "KeyPolicy"),
  "aws:kms/replicaKey:ReplicaKey": resourcePolicy("AWS::KMS::ReplicaKey", "KeyPolicy"),
  "aws:kms/externalKey:ExternalKey": resourcePolicy("AWS::KMS::Key", "KeyPolicy"),
  "aws:kms/replicaExternalKey:ReplicaExternalKey": resourcePolicy("AWS::KMS::ReplicaKey", "KeyPolicy"),
  "aws:ecr/repositoryPolicy:RepositoryPolicy": resourcePolicy("AWS::ECR::Repository", "RepositoryPolicyText"),
  "aws:ecrpublic/repositoryPolicy:RepositoryPolicy": resourcePolicy(
    "AWS::ECR::PublicRepository",
    "RepositoryPolicyText",
  ),
  "aws:secretsmanager/secretPolicy:SecretPolicy": resourcePolicy(
    "AWS::SecretsManager::ResourcePolicy",
    "ResourcePolicy",
  ),
  "aws:secretsmanager/secret:Secret": resourcePolicy("AWS::SecretsManager::ResourcePolicy", "ResourcePolicy"),
  "aws:efs/fileSystemPolicy:FileSystemPolicy": resourcePolicy("AWS::EFS::FileSystem", "FileSystemPolicy"),
  "aws:backup/vaultPolicy:VaultPolicy": resourcePolicy("AWS::Backup::BackupVault", "AccessPolicy"),
  "aws:opensearch/domain:Domain": resourcePolicy("AWS::OpenSearchService::Domain", "AccessPolicies", "accessPolicies"),
  "aws:opensearch/domainPolicy:DomainPolicy": resourcePolicy(
    "AWS::OpenSearchService::Domain",
    "AccessPolicies",
    "accessPolicies",
  ),
  "aws:elasticsearch/domain:Domain": resourcePolicy("AWS::Elasticsearch::Domain", "AccessPolicies", "accessPolicies"),
  "aws:elasticsearch/domainPolicy:DomainPolicy": resourcePolicy(
    "AWS::Elasticsearch::Domain",
    "AccessPolicies",
    "accessPolicies",
  ),
  "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": resourcePolicy(
    "AWS::Logs::ResourcePolicy",
    "PolicyDocument",
    "policyDocument",
  ),
  "aws:ecr/registryPolicy:RegistryPolicy": resourcePolicy("AWS::ECR::RegistryPolicy", "PolicyText"),
  "aws:kinesis/resourcePolicy:ResourcePolicy": resourcePolicy("AWS::Kinesis::ResourcePolicy", "ResourcePolicy"),
  "aws:s3/accessPoint:AccessPoint": resourcePolicy("AWS::S3::AccessPoint", "Policy"),
  "aws:s3control/accessPointPolicy:AccessPointPolicy": resourcePolicy("AWS::S3::AccessPoint", "Policy"),
  // Resources may be API Gateway's short form execute-api:/stage/METHOD/path (resource-shorthand.ts).
  "aws:apigateway/restApiPolicy:RestApiPolicy": resourcePolicy("AWS::ApiGateway::RestApi", "Policy"),
  "aws:apigateway/restApi:RestApi": resourcePolicy("AWS::ApiGateway::RestApi", "Policy"),
  // A whole document, as AWS::Events::EventBus's Policy holds (AWS::Events::EventBusPolicy holds one statement).
  "aws:cloudwatch/eventBusPolicy:EventBusPolicy": resourcePolicy("AWS::Events::EventBus", "Policy"),
  "aws:dynamodb/resourcePolicy:ResourcePolicy": resourcePolicy("AWS::DynamoDB::Table", "ResourcePolicy.PolicyDocument"),
};

/**
 * CloudFormation types holding resource policies, and the properties holding them: a dotted path
 * where one is nested (`ResourcePolicy.PolicyDocument`), a step `Name[]` for each item of a list
 * (a global table's `Replicas[]`): {@link cfnPropertyPath}. (Identity and trust policies of
 * AWS::IAM::* are read by lint's own code, which also knows inline `Policies`.)
 */
export const TEMPLATE_RESOURCE_POLICIES: Readonly<Record<string, readonly string[]>> = {
  "AWS::S3::BucketPolicy": ["PolicyDocument"],
  "AWS::SQS::QueuePolicy": ["PolicyDocument"],
  "AWS::SNS::TopicPolicy": ["PolicyDocument"],
  "AWS::KMS::Key": ["KeyPolicy"],
  "AWS::KMS::ReplicaKey": ["KeyPolicy"],
  "AWS::ECR::Repository": ["RepositoryPolicyText"],
  "AWS::ECR::PublicRepository": ["RepositoryPolicyText"],
  "AWS::SecretsManager::ResourcePolicy": ["ResourcePolicy"],
  "AWS::EFS::FileSystem": ["FileSystemPolicy"],
  "AWS::Backup::BackupVault": ["AccessPolicy"],
  "AWS::OpenSearchService::Domain": ["AccessPolicies"],
  "AWS::Elasticsearch::Domain": ["AccessPolicies"],
  "AWS::Logs::ResourcePolicy": ["PolicyDocument"],
  "AWS::ECR::RegistryPolicy": ["PolicyText"],
  "AWS::Kinesis::ResourcePolicy": ["ResourcePolicy"],
  "AWS::S3::AccessPoint": ["Policy"],
  "AWS::ApiGateway::RestApi": ["Policy"],
  "AWS::Events::EventBus": ["Policy"],
  "AWS::DynamoDB::Table": ["ResourcePolicy.PolicyDocument", "StreamSpecification.ResourcePolicy.PolicyDocument"],
  "AWS::DynamoDB::GlobalTable": [
    "Replicas[].ResourcePolicy.PolicyDocument",
    "Replicas[].ReplicaStreamSpecification.ResourcePolicy.PolicyDocument",
  ],
};

/**
 * CloudFormation types whose property holds one statement of a resource policy, not a document
 * (AWS::Events::EventBusPolicy: the service adds it to the bus's policy). Lint validates it as a
 * resource policy of that one statement.
 */
export const TEMPLATE_RESOURCE_POLICY_STATEMENTS: Readonly<Record<string, string>> = {
  "AWS::Events::EventBusPolicy": "Statement",
};

/** One step of a CloudFormation property path: a key, and whether it is a list to step into each item of. */
export interface PropertyStep {
  readonly key: string;
  readonly each: boolean;
}

/**
 * The steps of a CloudFormation property path: `ResourcePolicy.PolicyDocument` is the table's
 * `ResourcePolicy`, then its `PolicyDocument`; `Replicas[].ResourcePolicy` each item of `Replicas`, then its `ResourcePolicy`.
 */
export function cfnPropertyPath(property: string): readonly PropertyStep[] {
  return property
    .split(".")
    .map((k) => (k.endsWith("[]") ? { key: k.slice(0, -2), each: true } : { key: k, each: false }));
}

/** One policy document found in a Pulumi resource's inputs, as given (JSON text, an object, or unknown). */
export interface HeldDocument {
  /** Where in the inputs: `policy`, `assumeRolePolicy`, `inlinePolicies[0].policy`. */
  readonly path: string;
  readonly policyType: PolicyType;
  /** The inline policy's name, for `inlinePolicies`. */
  readonly name?: unknown;
  /** The value as the inputs hold it. */
  readonly value: unknown;
}

/**
 * The policy documents of a Pulumi resource's inputs (none for a type that holds none, or where
 * the input is absent). Inputs are plain data: the policy pack first reads what the engine passes
 * to plain data, marking values unknown at preview.
 */
export function pulumiPolicyDocuments(type: string, inputs: Record<string, unknown>): HeldDocument[] {
  const holder = PULUMI_POLICY_HOLDERS[type];
  if (!holder) return [];
  const out: HeldDocument[] = [];
  for (const p of holder.properties) {
    const value = inputs[p.property];
    if (value === undefined || value === null) continue;
    if (!p.inlineList) {
      out.push({ path: p.property, policyType: p.policyType, value });
      continue;
    }
    // A list that is itself unknown (or not a list) is one document the caller cannot read.
    if (!Array.isArray(value)) {
      out.push({ path: p.property, policyType: p.policyType, value });
      continue;
    }
    value.forEach((entry: unknown, i) => {
      const at = `${p.property}[${i}]`;
      if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
        out.push({ path: at, policyType: p.policyType, value: entry });
        return;
      }
      const record = entry as Record<string, unknown>;
      const policy = record.policy;
      if (policy === undefined || policy === null) return;
      out.push({ path: `${at}.policy`, policyType: p.policyType, name: record.name, value: policy });
    });
  }
  return out;
}
