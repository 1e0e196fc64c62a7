import type {
  CreateLogGroupRequest,
  CreateLogStreamRequest,
  DeleteLogGroupRequest,
  DeleteLogStreamRequest,
  DescribeLogGroupsRequest,
  DescribeLogGroupsResponse,
  DescribeLogStreamsRequest,
  DescribeLogStreamsResponse,
  LogGroup,
  LogStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { invalidParameter, logGroupNotFound } from './errors.js';
import { decodeListToken, encodeListToken, invalidNextToken } from './paging-tokens.js';
import { RequestReader } from './request-reader.js';
import {
  groupNameOfIdentifier,
  LOG_GROUP_IDENTIFIER,
  LOG_GROUP_NAME,
  LOG_GROUP_NAME_PATTERN,
  LOG_STREAM_NAME,
  type LogsContext,
  logGroupArn,
  logGroupArnWithoutWildcard,
  logStreamArn,
  readLogGroup,
} from './resource-names.js';
import type { LogGroupInfo, LogStore, LogStreamInfo } from './store/store.js';

const LOG_GROUP_CLASSES = ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'] as const;
const DESCRIBE_LIMIT = { min: 1, max: 50 };
const NEXT_TOKEN = { min: 1 };

/** CreateLogGroup. Tags, KMS keys and deletion protection are accepted and not kept. */
export function createLogGroup(store: LogStore, input: Record<string, unknown>): Record<string, never> {
  const reader = new RequestReader<CreateLogGroupRequest>(input);
  const name = reader.string('logGroupName', { ...LOG_GROUP_NAME, required: true });
  reader.string('kmsKeyId', { max: 256 });
  const logGroupClass = reader.enumeration('logGroupClass', LOG_GROUP_CLASSES);
  reader.boolean('deletionProtectionEnabled');
  reader.check();
  const groupName = name as string;
  if (groupName.toLowerCase().startsWith('aws/')) {
    throw invalidParameter('Log groups starting with AWS/ are reserved for AWS.');
  }
  store.createLogGroup(groupName, logGroupClass ? { logGroupClass } : {});
  return {};
}

export function deleteLogGroup(store: LogStore, input: Record<string, unknown>): Record<string, never> {
  const reader = new RequestReader<DeleteLogGroupRequest>(input);
  const name = reader.string('logGroupName', { ...LOG_GROUP_NAME, required: true });
  reader.check();
  store.deleteLogGroup(name as string);
  return {};
}

export function createLogStream(store: LogStore, input: Record<string, unknown>): Record<string, never> {
  const reader = new RequestReader<CreateLogStreamRequest>(input);
  const group = reader.string('logGroupName', { ...LOG_GROUP_NAME, required: true });
  const stream = reader.string('logStreamName', { ...LOG_STREAM_NAME, required: true });
  reader.check();
  store.createLogStream(group as string, stream as string);
  return {};
}

export function deleteLogStream(store: LogStore, input: Record<string, unknown>): Record<string, never> {
  const reader = new RequestReader<DeleteLogStreamRequest>(input);
  const group = reader.string('logGroupName', { ...LOG_GROUP_NAME, required: true });
  const stream = reader.string('logStreamName', { ...LOG_STREAM_NAME, required: true });
  reader.check();
  store.deleteLogStream(group as string, stream as string);
  return {};
}

/** DescribeLogGroups: by name, up to 50 a page, filtered by prefix, substring or identifiers. */
export function describeLogGroups(
  store: LogStore,
  input: Record<string, unknown>,
  context: LogsContext,
): DescribeLogGroupsResponse {
  const reader = new RequestReader<DescribeLogGroupsRequest>(input);
  const prefix = reader.string('logGroupNamePrefix', LOG_GROUP_NAME);
  const substring = reader.string('logGroupNamePattern', LOG_GROUP_NAME_PATTERN);
  const identifiers = reader.stringList('logGroupIdentifiers', {
    minItems: 1,
    maxItems: 50,
    item: LOG_GROUP_IDENTIFIER,
  });
  const nextToken = reader.string('nextToken', NEXT_TOKEN);
  const limit = reader.integer('limit', DESCRIBE_LIMIT) ?? 50;
  const logGroupClass = reader.enumeration('logGroupClass', [...LOG_GROUP_CLASSES, 'ESSENTIALS']);
  reader.boolean('includeLinkedAccounts');
  reader.stringList('accountIdentifiers', { maxItems: 20 });
  reader.check();
  if (prefix !== undefined && substring !== undefined) {
    throw invalidParameter('LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.');
  }
  if (identifiers !== undefined && (prefix !== undefined || substring !== undefined)) {
    throw invalidParameter(
      'logGroupIdentifiers cannot be combined with logGroupNamePrefix or logGroupNamePattern.',
    );
  }
  const wanted =
    identifiers && new Set(identifiers.map((identifier) => groupNameOfIdentifier(identifier, context)));
  const after = nextToken === undefined ? undefined : singleNameKey(nextToken);
  const matching = store
    .listLogGroups()
    .filter(
      (group) =>
        (prefix === undefined || group.logGroupName.startsWith(prefix)) &&
        (substring === undefined || group.logGroupName.includes(substring)) &&
        (wanted === undefined || wanted.has(group.logGroupName)) &&
        (logGroupClass === undefined || sameClassFamily(group.logGroupClass, logGroupClass)) &&
        (after === undefined || group.logGroupName > after),
    );
  const page = matching.slice(0, limit);
  const last = page.at(-1);
  return {
    logGroups: page.map((group) => describeLogGroup(group, context, substring !== undefined)),
    ...(matching.length > limit && last && { nextToken: encodeListToken([last.logGroupName]) }),
  };
}

/**
 * DescribeLogStreams: by name (optionally under a prefix) or by last event time, either way round,
 * up to 50 a page.
 */
export function describeLogStreams(
  store: LogStore,
  input: Record<string, unknown>,
  context: LogsContext,
): DescribeLogStreamsResponse {
  const reader = new RequestReader<DescribeLogStreamsRequest>(input);
  const group = readLogGroup(reader, context);
  const prefix = reader.string('logStreamNamePrefix', LOG_STREAM_NAME);
  const orderBy = reader.enumeration('orderBy', ['LogStreamName', 'LastEventTime']) ?? 'LogStreamName';
  const descending = reader.boolean('descending') ?? false;
  const nextToken = reader.string('nextToken', NEXT_TOKEN);
  const limit = reader.integer('limit', DESCRIBE_LIMIT) ?? 50;
  reader.check();
  const groupName = group();
  if (orderBy === 'LastEventTime' && prefix !== undefined) {
    throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const streams = store.listLogStreams(groupName);
  if (!streams) throw logGroupNotFound();
  const sortKey = (stream: LogStreamInfo): Array<string | number> =>
    orderBy === 'LastEventTime'
      ? [stream.lastEventTimestamp ?? 0, stream.logStreamName]
      : [stream.logStreamName];
  const direction = descending ? -1 : 1;
  const order = (a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>) =>
    direction * compareKeys(a, b);
  const after = nextToken === undefined ? undefined : decodeListToken(nextToken);
  if (after !== undefined && !fitsOrder(after, orderBy)) throw invalidNextToken();
  const matching = streams
    .filter((stream) => prefix === undefined || stream.logStreamName.startsWith(prefix))
    .map((stream) => ({ stream, key: sortKey(stream) }))
    .sort((a, b) => order(a.key, b.key))
    .filter(({ key }) => after === undefined || order(key, after) > 0);
  const page = matching.slice(0, limit);
  const last = page.at(-1);
  return {
    logStreams: page.map(({ stream }) => describeLogStream(stream, groupName, context)),
    ...(matching.length > limit && last && { nextToken: encodeListToken(last.key) }),
  };
}

function describeLogGroup(group: LogGroupInfo, context: LogsContext, namesOnly: boolean): LogGroup {
  const arn = logGroupArn(context, group.logGroupName);
  // With logGroupNamePattern the service returns only these three fields.
  if (namesOnly) return { logGroupName: group.logGroupName, creationTime: group.creationTime, arn };
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    ...(group.retentionInDays !== undefined && { retentionInDays: group.retentionInDays }),
    metricFilterCount: 0,
    arn,
    storedBytes: group.storedBytes,
    logGroupClass: group.logGroupClass as LogGroup['logGroupClass'],
    logGroupArn: logGroupArnWithoutWildcard(context, group.logGroupName),
    deletionProtectionEnabled: false,
  };
}

function describeLogStream(stream: LogStreamInfo, groupName: string, context: LogsContext): LogStream {
  return {
    logStreamName: stream.logStreamName,
    creationTime: stream.creationTime,
    ...(stream.firstEventTimestamp !== undefined && { firstEventTimestamp: stream.firstEventTimestamp }),
    ...(stream.lastEventTimestamp !== undefined && { lastEventTimestamp: stream.lastEventTimestamp }),
    ...(stream.lastIngestionTime !== undefined && { lastIngestionTime: stream.lastIngestionTime }),
    uploadSequenceToken: stream.uploadSequenceToken,
    arn: logStreamArn(context, groupName, stream.logStreamName),
    // Reported as zero for streams since 2019; only groups report their size.
    storedBytes: 0,
  };
}

/** INFREQUENT_ACCESS and ESSENTIALS are listed together, as the API reference says. */
function sameClassFamily(actual: string, wanted: string): boolean {
  const family = (value: string) => (value === 'ESSENTIALS' ? 'INFREQUENT_ACCESS' : value);
  return family(actual) === family(wanted);
}

/** Whether a token's key was made for this ordering. */
function fitsOrder(key: ReadonlyArray<string | number>, orderBy: 'LogStreamName' | 'LastEventTime'): boolean {
  return orderBy === 'LastEventTime'
    ? key.length === 2 && typeof key[0] === 'number' && typeof key[1] === 'string'
    : key.length === 1 && typeof key[0] === 'string';
}

function singleNameKey(token: string): string {
  const [name, ...rest] = decodeListToken(token);
  if (typeof name !== 'string' || rest.length > 0) throw invalidNextToken();
  return name;
}

function compareKeys(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): number {
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const left = a[index];
    const right = b[index];
    if (left === right) continue;
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    return left < right ? -1 : 1;
  }
  return 0;
}
