import type { PropertyPolicy } from '../../../stack/supported-properties.js';

const TABLE_ENCRYPTION = 'tables are not encrypted locally (DynamoDB Local keeps plain files)';
const TABLE_BACKUPS = 'continuous backups are not kept locally';

/** What the local cloud does with each property of the buckets and tables it creates. */
export const STORAGE_POLICIES: Record<string, PropertyPolicy> = {
  'AWS::S3::Bucket': {
    honoured: ['BucketName', 'CorsConfiguration', 'WebsiteConfiguration', 'NotificationConfiguration'],
    // Tags label the bucket for billing; request metrics only feed CloudWatch. Neither changes an
    // answer the S3 API gives.
    // A public access block only takes away: the S3 API grants nothing to anonymous callers locally,
    // so a bucket answers as if every block were on.
    deploymentOnly: ['Tags', 'MetricsConfigurations', 'PublicAccessBlockConfiguration'],
    unsupported: {
      AccessControl: 'canned ACLs are not applied locally; access is decided by IAM alone',
      AbacStatus: 'attribute-based access to the bucket is not applied locally yet',
      AccelerateConfiguration:
        'the local cloud has one endpoint; Transfer Acceleration does not exist locally',
      AnalyticsConfigurations: 'storage class analysis reports are not written locally',
      BucketEncryption: 'objects are stored unencrypted locally and no encryption headers are returned',
      IntelligentTieringConfigurations: 'objects are never moved to archive tiers locally',
      InventoryConfigurations: 'inventory reports are not written locally',
      LifecycleConfiguration: 'objects never expire or change storage class locally',
      LoggingConfiguration: 'server access logs are not written locally',
      MetadataConfiguration: 'S3 Metadata tables are not kept locally',
      MetadataTableConfiguration: 'S3 Metadata tables are not kept locally',
      ObjectLockConfiguration: 'objects are not locked locally (they can be overwritten and deleted)',
      ObjectLockEnabled: 'objects are not locked locally (they can be overwritten and deleted)',
      OwnershipControls: 'object ownership and ACLs are not applied locally',
      ReplicationConfiguration: 'objects are not replicated locally',
      VersioningConfiguration: 'objects are not versioned locally; an overwrite replaces the object',
    },
  },
  'AWS::DynamoDB::Table': {
    honoured: [
      'TableName',
      'KeySchema',
      'AttributeDefinitions',
      'BillingMode',
      'ProvisionedThroughput',
      'GlobalSecondaryIndexes',
      'LocalSecondaryIndexes',
      'StreamSpecification',
      'TimeToLiveSpecification',
      'DeletionProtectionEnabled',
      'Tags',
    ],
    // The table class sets the price of storage against requests; Contributor Insights only feeds
    // CloudWatch graphs; warm throughput only changes how fast AWS scales. None changes an answer.
    deploymentOnly: ['TableClass', 'ContributorInsightsSpecification', 'WarmThroughput'],
    unsupported: {
      PointInTimeRecoverySpecification: TABLE_BACKUPS,
      SSESpecification: TABLE_ENCRYPTION,
      KinesisStreamSpecification: 'changes are not streamed to Kinesis locally',
      ImportSourceSpecification: 'the table is created empty locally; nothing is imported from S3',
      ResourcePolicy: 'resource policies of tables are not enforced locally yet',
      OnDemandThroughput: 'request throughput is not capped locally',
    },
  },
  'AWS::Serverless::SimpleTable': {
    honoured: ['PrimaryKey', 'ProvisionedThroughput', 'TableName', 'Tags'],
    deploymentOnly: [],
    unsupported: {
      SSESpecification: TABLE_ENCRYPTION,
      PointInTimeRecoverySpecification: TABLE_BACKUPS,
    },
  },
};
