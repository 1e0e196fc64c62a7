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

const OTHER_SOURCES = 'only DynamoDB stream sources are read locally, and this setting is not one of theirs';

/**
 * The properties of a DynamoDB stream mapping: an `AWS::Lambda::EventSourceMapping` resource, or
 * a SAM event of type DynamoDB (which names the stream `Stream` and has no `FunctionName`). The
 * settings Lambda offers streams but the local poller does not apply (a timestamp, parallel
 * batches, tumbling windows) are read, and reported with their value, by the mapping reader.
 */
export function streamMappingPolicy(form: 'resource' | 'event'): PropertyPolicy {
  return {
    ...STREAM_MAPPING_POLICY,
    honoured: [
      ...STREAM_MAPPING_POLICY.honoured,
      ...(form === 'resource' ? ['FunctionName', 'EventSourceArn'] : ['Stream']),
    ],
  };
}

const STREAM_MAPPING_POLICY: PropertyPolicy = {
  honoured: [
    'StartingPosition',
    'StartingPositionTimestamp',
    'BatchSize',
    'MaximumBatchingWindowInSeconds',
    'MaximumRetryAttempts',
    'MaximumRecordAgeInSeconds',
    'BisectBatchOnFunctionError',
    'FunctionResponseTypes',
    'FilterCriteria',
    'DestinationConfig',
    'Enabled',
    'ParallelizationFactor',
    'TumblingWindowInSeconds',
  ],
  // Tags label the mapping; the key only encrypts the stored filter criteria at rest on AWS.
  deploymentOnly: ['Tags', 'KmsKeyArn'],
  unsupported: {
    MetricsConfig: 'event source mapping metrics are not emitted locally',
    ProvisionedPollerConfig: 'pollers are not provisioned locally',
    ScalingConfig: OTHER_SOURCES,
    Queues: OTHER_SOURCES,
    Topics: OTHER_SOURCES,
    SourceAccessConfigurations: OTHER_SOURCES,
    SelfManagedEventSource: OTHER_SOURCES,
    SelfManagedKafkaEventSourceConfig: OTHER_SOURCES,
    AmazonManagedKafkaEventSourceConfig: OTHER_SOURCES,
    DocumentDBEventSourceConfig: OTHER_SOURCES,
  },
};
