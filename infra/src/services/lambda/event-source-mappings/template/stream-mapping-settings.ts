import { listAt, mappingAt, oneOf, requiredAt, stringAt } from '../../../../stack/property-values.js';
import type { ResourceReader } from '../../../../stack/resource-reader.js';
import type { EventSourceMappingDefinition, StreamFailureDestination } from '../../../../stack/types.js';
import { ownValue } from '../../../../stack/values.js';

/** The settings of a mapping, as opposed to what it connects. */
export type StreamSettings = Omit<
  EventSourceMappingDefinition,
  'logicalId' | 'uuid' | 'functionName' | 'tableName'
>;

/**
 * The settings of a DynamoDB stream mapping, with Lambda's defaults and ranges; the ones the local
 * poller does not apply are reported. `samEvent` for a SAM event, whose failure destination takes a `Type`.
 */
export function streamSettingsOf(reader: ResourceReader, samEvent: boolean): StreamSettings {
  const settings: StreamSettings = {
    startingPosition: startingPositionOf(reader),
    batchSize: reader.integer('BatchSize', { min: 1, max: 10000 }) ?? 100,
    maximumBatchingWindowInSeconds:
      reader.integer('MaximumBatchingWindowInSeconds', { min: 0, max: 300 }) ?? 0,
    maximumRetryAttempts: reader.integer('MaximumRetryAttempts', { min: -1, max: 10000 }) ?? -1,
    maximumRecordAgeInSeconds: recordAgeOf(reader),
    bisectBatchOnFunctionError: reader.boolean('BisectBatchOnFunctionError') ?? false,
    reportBatchItemFailures: responseTypesOf(reader).includes('ReportBatchItemFailures'),
    filterPatterns: filterPatternsOf(reader),
    enabled: reader.boolean('Enabled') ?? true,
  };
  const onFailure = readFailureDestination(reader, samEvent);
  if (onFailure) settings.failureDestination = onFailure;
  reportUnappliedSettings(reader);
  return settings;
}

function startingPositionOf(reader: ResourceReader): 'TRIM_HORIZON' | 'LATEST' {
  const value = requiredAt(
    reader,
    'StartingPosition',
    reader.optional('StartingPosition'),
    'TRIM_HORIZON or LATEST',
  );
  if (value === 'AT_TIMESTAMP') {
    throw reader.fail(
      'StartingPosition',
      'DynamoDB streams start at TRIM_HORIZON or LATEST; AT_TIMESTAMP is for Kinesis and Kafka',
    );
  }
  return oneOf(reader, 'StartingPosition', value, ['TRIM_HORIZON', 'LATEST']);
}

function recordAgeOf(reader: ResourceReader): number {
  const age = reader.integer('MaximumRecordAgeInSeconds', { min: -1, max: 604800 });
  if (age === undefined) return -1;
  if (age >= 0 && age < 60) {
    throw reader.fail(
      'MaximumRecordAgeInSeconds',
      `must be -1 (no limit) or between 60 and 604800, got ${age}`,
    );
  }
  return age;
}

function responseTypesOf(reader: ResourceReader): string[] {
  const value = reader.optional('FunctionResponseTypes');
  if (value === undefined) return [];
  return listAt(reader, 'FunctionResponseTypes', value).map((item, index) =>
    oneOf(reader, `FunctionResponseTypes[${index}]`, item, ['ReportBatchItemFailures']),
  );
}

/** `FilterCriteria.Filters[].Pattern`: each a JSON object, as Lambda's event filtering takes it. */
function filterPatternsOf(reader: ResourceReader): string[] {
  const value = reader.optional('FilterCriteria');
  if (value === undefined) return [];
  const criteria = mappingAt(reader, 'FilterCriteria', value, ['Filters']);
  if (criteria.Filters === undefined) return [];
  const filters = listAt(reader, 'FilterCriteria.Filters', criteria.Filters);
  if (filters.length > 10) {
    throw reader.fail('FilterCriteria.Filters', `Lambda allows at most 10 filters, got ${filters.length}`);
  }
  return filters.map((item, index) => {
    const path = `FilterCriteria.Filters[${index}]`;
    const filter = mappingAt(reader, path, item, ['Pattern']);
    const pattern = stringAt(
      reader,
      `${path}.Pattern`,
      requiredAt(reader, `${path}.Pattern`, filter.Pattern),
    );
    if (pattern.length > 4096) throw reader.fail(`${path}.Pattern`, 'must be at most 4096 characters');
    let parsed: unknown;
    try {
      parsed = JSON.parse(pattern);
    } catch (error) {
      throw reader.fail(`${path}.Pattern`, `is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw reader.fail(`${path}.Pattern`, 'must be a JSON object (an event pattern)');
    }
    return pattern;
  });
}

const FAILURE_DESTINATIONS: Record<string, string> = {
  sqs: 'SQS queues',
  sns: 'SNS topics',
  s3: 'S3 buckets',
};

/**
 * `DestinationConfig.OnFailure`. For streams Lambda sends the record of a discarded batch to an
 * SQS queue, an SNS topic or an S3 bucket, never to a function. The local cloud has S3: a bucket is
 * honoured (its notifications can hand the record to a function, as on AWS); a queue or topic is
 * reported; anything else is refused as Lambda refuses it.
 */
function readFailureDestination(
  reader: ResourceReader,
  samEvent: boolean,
): StreamFailureDestination | undefined {
  const value = reader.optional('DestinationConfig');
  if (value === undefined) return undefined;
  const config = mappingAt(reader, 'DestinationConfig', value, ['OnFailure']);
  if (config.OnFailure === undefined) return undefined;
  const path = 'DestinationConfig.OnFailure';
  // SAM's events take a `Type` (SQS, SNS or S3) to grant the function's role access to it.
  const target = mappingAt(
    reader,
    path,
    config.OnFailure,
    samEvent ? ['Destination', 'Type'] : ['Destination'],
  );
  if (target.Type !== undefined) oneOf(reader, `${path}.Type`, target.Type, ['SQS', 'SNS', 'S3']);
  if (target.Destination === undefined && reader.wasUnresolved(`${path}.Destination`)) return undefined;
  const arn = stringAt(
    reader,
    `${path}.Destination`,
    requiredAt(reader, `${path}.Destination`, target.Destination),
  );
  const service = /^arn:[^:]+:([^:]+):/.exec(arn)?.[1] ?? '';
  const what = ownValue(FAILURE_DESTINATIONS, service);
  if (service === 'lambda') {
    throw reader.fail(
      `${path}.Destination`,
      'Lambda sends the failed batches of a stream to an SQS queue, an SNS topic or an S3 bucket, not to a function',
    );
  }
  if (!what) {
    throw reader.fail(
      `${path}.Destination`,
      `the failed batches of a stream go to an SQS queue, an SNS topic or an S3 bucket; '${arn}' is none of them`,
    );
  }
  const bucketName = /^arn:[^:]+:s3:::([^/]+)$/.exec(arn)?.[1];
  if (bucketName) return { type: 'S3', arn, bucketName };
  reader.report(path, `failed batches are not sent to ${what} by the local cloud yet; ignored`);
  return undefined;
}

/** Settings Lambda applies to streams that the local poller does not, reported with their value. */
function reportUnappliedSettings(reader: ResourceReader): void {
  if (reader.has('StartingPositionTimestamp')) {
    reader.report(
      'StartingPositionTimestamp',
      'only AT_TIMESTAMP uses a timestamp, and DynamoDB streams have no AT_TIMESTAMP; ignored',
    );
  }
  const parallelization = reader.integer('ParallelizationFactor', { min: 1, max: 10 });
  if (parallelization !== undefined && parallelization > 1) {
    reader.report(
      'ParallelizationFactor',
      `the batches of a shard are processed one at a time locally, not ${parallelization} at a time`,
    );
  }
  const window = reader.integer('TumblingWindowInSeconds', { min: 0, max: 900 });
  if (window !== undefined && window > 0) {
    reader.report(
      'TumblingWindowInSeconds',
      'tumbling windows are not kept locally; each batch is processed on its own',
    );
  }
}
