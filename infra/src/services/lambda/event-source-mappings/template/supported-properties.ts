import type { PropertyPolicy } from '../../../../stack/supported-properties.js';

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
