// A statement each resource policy type could hold: its service's action on its resource (none
// for ECR repositories, whose policy applies to the repository), by CloudFormation type.
export const RESOURCE_POLICY_STATEMENTS: Readonly<Record<string, readonly [string, string?]>> = {
  "AWS::S3::BucketPolicy": ["s3:GetObject", "arn:aws:s3:::b/*"],
  "AWS::SQS::QueuePolicy": ["sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"],
  "AWS::SNS::TopicPolicy": ["sns:Publish", "arn:aws:sns:us-east-1:111122223333:t"],
  "AWS::KMS::Key": ["kms:Decrypt", "*"],
  "AWS::KMS::ReplicaKey": ["kms:Decrypt", "*"],
  "AWS::ECR::Repository": ["ecr:BatchGetImage"],
  "AWS::ECR::PublicRepository": ["ecr-public:BatchCheckLayerAvailability"],
  "AWS::SecretsManager::ResourcePolicy": ["secretsmanager:GetSecretValue", "*"],
  "AWS::EFS::FileSystem": [
    "elasticfilesystem:ClientMount",
    "arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-12345678",
  ],
  "AWS::Backup::BackupVault": ["backup:DeleteRecoveryPoint", "*"],
  "AWS::OpenSearchService::Domain": ["es:ESHttpGet", "arn:aws:es:us-east-1:111122223333:domain/search/*"],
  "AWS::Elasticsearch::Domain": ["es:ESHttpGet", "arn:aws:es:us-east-1:111122223333:domain/search/*"],
  "AWS::Logs::ResourcePolicy": ["logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:app:*"],
  "AWS::ECR::RegistryPolicy": ["ecr:ReplicateImage", "arn:aws:ecr:us-east-1:111122223333:repository/*"],
  "AWS::Kinesis::ResourcePolicy": ["kinesis:GetRecords", "arn:aws:kinesis:us-east-1:111122223333:stream/events"],
  "AWS::S3::AccessPoint": ["s3:GetObject", "arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/*"],
  // API Gateway's short form: the REST API's own ARN
  "AWS::ApiGateway::RestApi": ["execute-api:Invoke", "execute-api:/prod/GET/pets"],
  "AWS::Events::EventBus": ["events:PutEvents", "arn:aws:events:us-east-1:111122223333:event-bus/orders"],
  "AWS::DynamoDB::Table": ["dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders"],
  "AWS::DynamoDB::GlobalTable": ["dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders"],
};
