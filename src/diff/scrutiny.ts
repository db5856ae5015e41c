/**
 * Which template properties and resources hold IAM policy, as the AWS service spec marks them
 * (the "scrutinizable" flags `cdk diff` reads from @aws-cdk/aws-service-spec; facts about the
 * CloudFormation resource types, listed here so the CLI does not ship that 3 MB database).
 */

/** How a property holds IAM policy. */
export type PropertyScrutiny = "InlineIdentityPolicies" | "InlineResourcePolicy" | "ManagedPolicies";

/** How a whole resource is IAM policy. */
export type ResourceScrutiny = "IdentityPolicyResource" | "ResourcePolicyResource" | "LambdaPermission";

/** Policy-holding properties per resource type, in the spec's property order. */
export const PROPERTY_SCRUTINY: Readonly<Record<string, readonly (readonly [string, PropertyScrutiny])[]>> = {
  "AWS::ApiGateway::RestApi": [["Policy", "InlineResourcePolicy"]],
  "AWS::ApiGateway::DomainNameV2": [["Policy", "InlineResourcePolicy"]],
  "AWS::Backup::BackupVault": [["AccessPolicy", "InlineResourcePolicy"]],
  "AWS::Backup::LogicallyAirGappedBackupVault": [["AccessPolicy", "InlineResourcePolicy"]],
  "AWS::CodeArtifact::Domain": [["PermissionsPolicyDocument", "InlineResourcePolicy"]],
  "AWS::CodeArtifact::Repository": [["PermissionsPolicyDocument", "InlineResourcePolicy"]],
  "AWS::EC2::VPCEndpoint": [["PolicyDocument", "InlineResourcePolicy"]],
  "AWS::ECR::PublicRepository": [["RepositoryPolicyText", "InlineResourcePolicy"]],
  "AWS::ECR::Repository": [["RepositoryPolicyText", "InlineResourcePolicy"]],
  "AWS::EFS::FileSystem": [["FileSystemPolicy", "InlineResourcePolicy"]],
  "AWS::Events::EventBus": [["Policy", "InlineResourcePolicy"]],
  "AWS::IAM::Group": [
    ["ManagedPolicyArns", "ManagedPolicies"],
    ["Policies", "InlineIdentityPolicies"],
  ],
  "AWS::IAM::Role": [
    ["AssumeRolePolicyDocument", "InlineResourcePolicy"],
    ["ManagedPolicyArns", "ManagedPolicies"],
    ["Policies", "InlineIdentityPolicies"],
  ],
  "AWS::IAM::User": [
    ["ManagedPolicyArns", "ManagedPolicies"],
    ["Policies", "InlineIdentityPolicies"],
  ],
  "AWS::KMS::Key": [["KeyPolicy", "InlineResourcePolicy"]],
  "AWS::KMS::ReplicaKey": [["KeyPolicy", "InlineResourcePolicy"]],
  "AWS::Logs::LogGroup": [
    ["DataProtectionPolicy", "InlineResourcePolicy"],
    ["ResourcePolicyDocument", "InlineResourcePolicy"],
  ],
  "AWS::MPA::ApprovalTeam": [["Policies", "InlineIdentityPolicies"]],
  "AWS::NetworkManager::CoreNetwork": [["PolicyDocument", "InlineResourcePolicy"]],
  "AWS::Oam::Sink": [["Policy", "InlineResourcePolicy"]],
  "AWS::Omics::SequenceStore": [["S3AccessPolicy", "InlineResourcePolicy"]],
  "AWS::RAM::Permission": [["PolicyTemplate", "InlineResourcePolicy"]],
  "AWS::Redshift::Cluster": [["NamespaceResourcePolicy", "InlineResourcePolicy"]],
  "AWS::RedshiftServerless::Namespace": [["NamespaceResourcePolicy", "InlineResourcePolicy"]],
  "AWS::RolesAnywhere::Profile": [["ManagedPolicyArns", "ManagedPolicies"]],
  "AWS::S3::AccessPoint": [["Policy", "InlineResourcePolicy"]],
  "AWS::S3Express::AccessPoint": [["Policy", "InlineResourcePolicy"]],
  "AWS::S3Outposts::AccessPoint": [["Policy", "InlineResourcePolicy"]],
  "AWS::SNS::Subscription": [
    ["RedrivePolicy", "InlineResourcePolicy"],
    ["ReplayPolicy", "InlineResourcePolicy"],
  ],
  "AWS::SNS::Topic": [
    ["DataProtectionPolicy", "InlineResourcePolicy"],
    ["ArchivePolicy", "InlineResourcePolicy"],
  ],
  "AWS::SQS::Queue": [["RedriveAllowPolicy", "InlineResourcePolicy"]],
  "AWS::SageMaker::ModelPackageGroup": [["ModelPackageGroupPolicy", "InlineResourcePolicy"]],
  "AWS::Serverless::Function": [["AssumeRolePolicyDocument", "InlineResourcePolicy"]],
};

const RESOURCE_POLICY_TYPES = [
  "AWS::Bedrock::KnowledgeBasePolicy",
  "AWS::Bedrock::ResourcePolicy",
  "AWS::CloudTrail::ResourcePolicy",
  "AWS::ECR::RegistryPolicy",
  "AWS::EventSchemas::RegistryPolicy",
  "AWS::EventsV2::ResourcePolicy",
  "AWS::IoT::Policy",
  "AWS::Kinesis::ResourcePolicy",
  "AWS::Lambda::ResourcePolicy",
  "AWS::Lex::ResourcePolicy",
  "AWS::Logs::ResourcePolicy",
  "AWS::MSK::ClusterPolicy",
  "AWS::MediaPackageV2::ChannelPolicy",
  "AWS::MediaPackageV2::OriginEndpointPolicy",
  "AWS::MediaTailor::ChannelPolicy",
  "AWS::S3::BucketPolicy",
  "AWS::S3::MultiRegionAccessPointPolicy",
  "AWS::S3Express::BucketPolicy",
  "AWS::S3Files::FileSystemPolicy",
  "AWS::S3ObjectLambda::AccessPointPolicy",
  "AWS::S3Outposts::BucketPolicy",
  "AWS::S3Tables::TableBucketPolicy",
  "AWS::S3Tables::TablePolicy",
  "AWS::S3Vectors::VectorBucketPolicy",
  "AWS::SMSVOICE::ResourcePolicy",
  "AWS::SNS::TopicInlinePolicy",
  "AWS::SNS::TopicPolicy",
  "AWS::SQS::QueueInlinePolicy",
  "AWS::SQS::QueuePolicy",
  "AWS::SSM::ResourcePolicy",
  "AWS::SecretsManager::ResourcePolicy",
  "AWS::VpcLattice::AuthPolicy",
  "AWS::VpcLattice::ResourcePolicy",
];

const IDENTITY_POLICY_TYPES = [
  "AWS::IAM::GroupPolicy",
  "AWS::IAM::ManagedPolicy",
  "AWS::IAM::Policy",
  "AWS::IAM::RolePolicy",
  "AWS::IAM::UserPolicy",
];

/** Resource types that are themselves IAM policy. */
export const RESOURCE_SCRUTINY: ReadonlyMap<string, ResourceScrutiny> = new Map<string, ResourceScrutiny>([
  ...RESOURCE_POLICY_TYPES.map((t) => [t, "ResourcePolicyResource"] as const),
  ...IDENTITY_POLICY_TYPES.map((t) => [t, "IdentityPolicyResource"] as const),
  ["AWS::Lambda::Permission", "LambdaPermission"],
]);
