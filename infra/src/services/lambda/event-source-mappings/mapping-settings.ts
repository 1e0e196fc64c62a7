import type { EventSourceMappingDefinition, StreamFailureDestination } from '../../../stack/types.js';
import { invalidParameterValue, validationError } from '../errors.js';
import { validateFilterPatterns } from './filter-criteria.js';

/** What UpdateEventSourceMapping can change, and what the pollers read before every batch. */
export type MappingSettings = Pick<
  EventSourceMappingDefinition,
  | 'enabled'
  | 'batchSize'
  | 'maximumBatchingWindowInSeconds'
  | 'maximumRetryAttempts'
  | 'maximumRecordAgeInSeconds'
  | 'bisectBatchOnFunctionError'
  | 'reportBatchItemFailures'
  | 'filterPatterns'
  | 'failureDestination'
>;

export function settingsOf(definition: EventSourceMappingDefinition): MappingSettings {
  return {
    enabled: definition.enabled,
    batchSize: definition.batchSize,
    maximumBatchingWindowInSeconds: definition.maximumBatchingWindowInSeconds,
    maximumRetryAttempts: definition.maximumRetryAttempts,
    maximumRecordAgeInSeconds: definition.maximumRecordAgeInSeconds,
    bisectBatchOnFunctionError: definition.bisectBatchOnFunctionError,
    reportBatchItemFailures: definition.reportBatchItemFailures,
    filterPatterns: [...definition.filterPatterns],
    ...(definition.failureDestination ? { failureDestination: { ...definition.failureDestination } } : {}),
  };
}

/** Members of UpdateEventSourceMapping that do not apply to a DynamoDB stream or are not emulated. */
const UNSUPPORTED = [
  'KMSKeyArn',
  'MetricsConfig',
  'LoggingConfig',
  'ScalingConfig',
  'SourceAccessConfigurations',
  'AmazonManagedKafkaEventSourceConfig',
  'SelfManagedKafkaEventSourceConfig',
  'DocumentDBEventSourceConfig',
  'ProvisionedPollerConfig',
];

interface Where {
  region: string;
  accountId: string;
  functionName: string;
}

/**
 * Applies an UpdateEventSourceMapping body to the current settings, refusing what Lambda refuses:
 * values outside the API model's ranges (ValidationException, all of them in one message, as Lambda
 * words it) and values the model allows but the service does not (InvalidParameterValueException).
 * Members the API does not know are ignored, as restJson1 services do.
 */
export function applyUpdate(
  current: MappingSettings,
  patch: Record<string, unknown>,
  where: Where,
): MappingSettings {
  const next: MappingSettings = { ...current, filterPatterns: [...current.filterPatterns] };
  const violations: string[] = [];
  const integer = (key: string, field: string, min: number, max: number): number | undefined => {
    const value = patch[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw invalidParameterValue(`Value ${JSON.stringify(value)} for parameter ${key} is invalid.`);
    }
    if (value < min) violations.push(constraint(value, field, `greater than or equal to ${min}`));
    else if (value > max) violations.push(constraint(value, field, `less than or equal to ${max}`));
    return value;
  };

  for (const key of UNSUPPORTED) {
    if (patch[key] !== undefined && patch[key] !== null) {
      throw invalidParameterValue(`${key} is not supported for DynamoDB stream event source mappings.`);
    }
  }
  const batchSize = integer('BatchSize', 'batchSize', 1, 10_000);
  const window = integer('MaximumBatchingWindowInSeconds', 'maximumBatchingWindowInSeconds', 0, 300);
  const retries = integer('MaximumRetryAttempts', 'maximumRetryAttempts', -1, 10_000);
  const age = integer('MaximumRecordAgeInSeconds', 'maximumRecordAgeInSeconds', -1, 604_800);
  const parallelization = integer('ParallelizationFactor', 'parallelizationFactor', 1, 10);
  const tumbling = integer('TumblingWindowInSeconds', 'tumblingWindowInSeconds', 0, 900);
  const responseTypes = readResponseTypes(patch.FunctionResponseTypes, violations);
  if (violations.length > 0) {
    const count = violations.length;
    throw validationError(
      `${count} validation error${count === 1 ? '' : 's'} detected: ${violations.join('; ')}`,
    );
  }

  if (age !== undefined && age >= 0 && age < 60) {
    throw invalidParameterValue('MaximumRecordAgeInSeconds must be -1 (infinite) or between 60 and 604800.');
  }
  if (parallelization !== undefined && parallelization !== 1) {
    throw invalidParameterValue(
      'The local cloud processes each shard one batch at a time: ParallelizationFactor must be 1.',
    );
  }
  if (tumbling !== undefined && tumbling !== 0) {
    throw invalidParameterValue(
      'Tumbling windows are not supported by the local cloud: TumblingWindowInSeconds must be 0.',
    );
  }
  checkFunctionName(patch.FunctionName, where);

  if (patch.Enabled !== undefined && patch.Enabled !== null)
    next.enabled = readBoolean(patch.Enabled, 'Enabled');
  if (patch.BisectBatchOnFunctionError !== undefined && patch.BisectBatchOnFunctionError !== null) {
    next.bisectBatchOnFunctionError = readBoolean(
      patch.BisectBatchOnFunctionError,
      'BisectBatchOnFunctionError',
    );
  }
  if (batchSize !== undefined) next.batchSize = batchSize;
  if (window !== undefined) next.maximumBatchingWindowInSeconds = window;
  if (retries !== undefined) next.maximumRetryAttempts = retries;
  if (age !== undefined) next.maximumRecordAgeInSeconds = age;
  if (responseTypes !== undefined)
    next.reportBatchItemFailures = responseTypes.includes('ReportBatchItemFailures');
  if (patch.FilterCriteria !== undefined && patch.FilterCriteria !== null) {
    next.filterPatterns = readFilterCriteria(patch.FilterCriteria);
  }
  if (patch.DestinationConfig !== undefined && patch.DestinationConfig !== null) {
    const destination = readDestination(patch.DestinationConfig);
    if (destination) next.failureDestination = destination;
    else delete next.failureDestination;
  }
  return next;
}

function constraint(value: unknown, field: string, rule: string): string {
  return `Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must have value ${rule}`;
}

function readBoolean(value: unknown, key: string): boolean {
  if (typeof value !== 'boolean')
    throw invalidParameterValue(`Value ${JSON.stringify(value)} for parameter ${key} is invalid.`);
  return value;
}

function readResponseTypes(value: unknown, violations: string[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalidParameterValue(
      `Value ${JSON.stringify(value)} for parameter FunctionResponseTypes is invalid.`,
    );
  }
  if (value.length > 1) {
    violations.push(
      `Value '[${value.join(', ')}]' at 'functionResponseTypes' failed to satisfy constraint: Member must have length less than or equal to 1`,
    );
  }
  for (const item of value) {
    if (item !== 'ReportBatchItemFailures') {
      violations.push(
        `Value '[${value.join(', ')}]' at 'functionResponseTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]`,
      );
      break;
    }
  }
  return value as string[];
}

/** `{"Filters":[{"Pattern":"…"}]}`; `{}` or an empty list removes the filters. */
function readFilterCriteria(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameterValue('Invalid filter pattern definition.');
  }
  const filters = (value as { Filters?: unknown }).Filters;
  if (filters === undefined || filters === null) return [];
  if (!Array.isArray(filters)) throw invalidParameterValue('Invalid filter pattern definition.');
  const patterns = filters.map((filter) => {
    const pattern = (filter as { Pattern?: unknown } | null)?.Pattern;
    if (typeof pattern !== 'string' || pattern === '')
      throw invalidParameterValue('Invalid filter pattern definition.');
    return pattern;
  });
  validateFilterPatterns(patterns);
  return patterns;
}

/**
 * `DestinationConfig.OnFailure.Destination`. For a stream, Lambda sends the record of a discarded batch
 * to an SQS queue, an SNS topic or an S3 bucket, never to a function; the local cloud has S3 only. An
 * empty OnFailure (or Destination) removes the destination; OnSuccess does not exist for streams.
 */
function readDestination(value: unknown): StreamFailureDestination | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameterValue('Invalid DestinationConfig.');
  }
  const config = value as {
    OnFailure?: { Destination?: unknown } | null;
    OnSuccess?: { Destination?: unknown } | null;
  };
  if (config.OnSuccess?.Destination) {
    throw invalidParameterValue(
      'Unsupported DestinationConfig parameter for given event source mapping type.',
    );
  }
  const destination = config.OnFailure?.Destination;
  if (destination === undefined || destination === null || destination === '') return undefined;
  if (typeof destination !== 'string') throw invalidParameterValue('Invalid DestinationConfig.');
  return parseFailureDestination(destination);
}

/** A bucket name S3 accepts for a new bucket: 3–63 lowercase letters, digits, dots and hyphens. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * `arn:aws:s3:::<bucket>` → the destination. A queue or a topic is a destination Lambda accepts but the
 * local cloud cannot deliver to; anything else (a function among them) Lambda refuses in these words.
 */
export function parseFailureDestination(arn: string): StreamFailureDestination {
  const bucket = /^arn:aws:s3:::(.*)$/.exec(arn)?.[1];
  if (bucket !== undefined && BUCKET_NAME.test(bucket) && !bucket.includes('..')) {
    return { type: 'S3', arn, bucketName: bucket };
  }
  const service = /^arn:aws[a-zA-Z0-9-]*:(sqs|sns):[^:]*:\d{12}:[^:/]+$/.exec(arn)?.[1];
  if (service) {
    const kind = service === 'sqs' ? 'SQS queues' : 'SNS topics';
    throw invalidParameterValue(
      `The local cloud does not deliver OnFailure records to ${kind} (${arn}); use an S3 bucket (arn:aws:s3:::<bucket>) as the destination.`,
    );
  }
  throw invalidParameterValue(`The destination ARN ${arn} is invalid.`);
}

/**
 * A destination as stored by an earlier run, checked again: one this version cannot use (a Lambda
 * function from before S3 destinations, a damaged entry) is dropped rather than trusted.
 */
export function storedFailureDestination(value: unknown): StreamFailureDestination | undefined {
  const stored = value as Partial<StreamFailureDestination> | null | undefined;
  if (stored?.type !== 'S3' || typeof stored.arn !== 'string') return undefined;
  try {
    return parseFailureDestination(stored.arn);
  } catch {
    return undefined;
  }
}

/** The function of a template mapping belongs to the template: naming it again is fine, changing it is not. */
function checkFunctionName(value: unknown, where: Where): void {
  if (value === undefined || value === null) return;
  const name =
    typeof value === 'string'
      ? (/(?:^|:function:)([a-zA-Z0-9-_]+)(?::\$LATEST)?$/.exec(value)?.[1] ?? value)
      : '';
  if (name !== where.functionName) {
    throw invalidParameterValue(
      'The local cloud takes the function of an event source mapping from the template; change it there.',
    );
  }
}
