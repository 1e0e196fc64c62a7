import { TemplateError } from '../../../../core/errors.js';
import { functionNameOf, tableNameOfArn } from '../../../../stack/arns.js';
import type { IssueList } from '../../../../stack/issues.js';
import { stableUuid } from '../../../../stack/physical-names.js';
import type { StackEnvironment } from '../../../../stack/pseudo-parameters.js';
import type { ResourceReader } from '../../../../stack/resource-reader.js';
import { reportProperties } from '../../../../stack/supported-properties.js';
import type {
  EventSourceMappingDefinition,
  FunctionDefinition,
  TableDefinition,
} from '../../../../stack/types.js';
import { ownValue } from '../../../../stack/values.js';
import { streamSettingsOf } from './stream-mapping-settings.js';
import { streamMappingPolicy } from './supported-properties.js';

/** A mapping and the place of the template that declared it, for the errors about it. */
export interface PlacedMapping {
  mapping: EventSourceMappingDefinition;
  resource: string;
  property?: string;
}

/** What reading a mapping needs: the stack, its functions by name and its tables by name. */
export interface MappingContext {
  env: StackEnvironment;
  issues: IssueList;
  functions: ReadonlyMap<string, FunctionDefinition>;
  tables: ReadonlyMap<string, TableDefinition>;
}

/** Services whose ARNs name event sources Lambda polls, for the issue about them. */
const SOURCE_NAMES: Record<string, string> = {
  kinesis: 'Kinesis',
  sqs: 'SQS',
  kafka: 'Amazon MSK',
  mq: 'Amazon MQ',
  rds: 'DocumentDB',
};

/**
 * An `AWS::Lambda::EventSourceMapping`. Mappings of other sources than DynamoDB streams, and of
 * functions outside the local stack, are reported and not created.
 */
export function readEventSourceMapping(
  reader: ResourceReader,
  context: MappingContext,
): PlacedMapping | undefined {
  const arn = reader.string('EventSourceArn', 'optional');
  if (arn === undefined) {
    if (reader.wasUnresolved('EventSourceArn')) return undefined;
    if (reader.has('SelfManagedEventSource')) {
      reader.report('SelfManagedEventSource', notCreated('self-managed Kafka'));
      return undefined;
    }
    throw reader.fail('EventSourceArn', 'is required (the ARN of the DynamoDB stream to read)');
  }
  const service = /^arn:[^:]+:([^:]+):/.exec(arn)?.[1] ?? '';
  if (service !== 'dynamodb') {
    reader.report('EventSourceArn', notCreated(ownValue(SOURCE_NAMES, service) ?? `'${arn}'`));
    return undefined;
  }
  const reference = reader.string('FunctionName', 'optional');
  if (reference === undefined) {
    if (reader.wasUnresolved('FunctionName')) return undefined;
    throw reader.fail('FunctionName', 'is required (the function the mapping invokes)');
  }
  const functionName = functionNameOf(reference);
  const qualifier = reference.replace(/^.*:function:/, '').split(':')[1];
  if (qualifier !== undefined && qualifier !== '$LATEST') {
    reader.report(
      'FunctionName',
      `versions and aliases are not published locally; ${functionName} ($LATEST) is invoked instead of ${qualifier}`,
    );
  }
  if (!context.functions.has(functionName)) {
    reader.report(
      'FunctionName',
      `function ${functionName} is not in the local stack; the mapping is not created`,
    );
    return undefined;
  }
  reportProperties(
    { resource: reader.logicalId, base: reader.base, kind: 'AWS::Lambda::EventSourceMapping' },
    reader.properties,
    streamMappingPolicy('resource'),
    context.issues,
  );
  const source = { logicalId: reader.logicalId, arnKey: 'EventSourceArn', arn, functionName };
  return { mapping: streamMapping(reader, source, context), resource: reader.logicalId };
}

/**
 * A SAM function event of `Type: DynamoDB`, which SAM turns into an `AWS::Lambda::EventSourceMapping`
 * named `<FunctionLogicalId><EventName>`.
 */
export function samDynamoDbMapping(
  reader: ResourceReader,
  fn: FunctionDefinition,
  eventName: string,
  context: MappingContext,
): PlacedMapping | undefined {
  const arn = reader.string('Stream', 'optional');
  if (arn === undefined) {
    if (reader.wasUnresolved('Stream')) return undefined;
    throw reader.fail('Stream', 'is required (the ARN of the DynamoDB stream to read)');
  }
  reportProperties(
    { resource: reader.logicalId, base: reader.base, kind: 'DynamoDB event' },
    reader.properties,
    streamMappingPolicy('event'),
    context.issues,
  );
  const source = {
    logicalId: `${fn.logicalId}${eventName}`,
    arnKey: 'Stream',
    arn,
    functionName: fn.functionName,
  };
  return {
    mapping: streamMapping(reader, source, context),
    resource: fn.logicalId,
    property: `Properties.Events.${eventName}`,
  };
}

/** Lambda refuses a second mapping of one function to one stream; returns the mappings. */
export function checkUniqueMappings(placed: PlacedMapping[]): EventSourceMappingDefinition[] {
  const seen = new Map<string, PlacedMapping>();
  for (const item of placed) {
    const { functionName, tableName } = item.mapping;
    const key = `${functionName}\u0000${tableName}`;
    const other = seen.get(key);
    if (other) {
      const where = other.property ? `${other.resource}.${other.property}` : other.resource;
      throw new TemplateError(
        `${where} already maps the stream of table ${tableName} to ${functionName}; Lambda allows one mapping per function and stream`,
        item.resource,
        item.property,
      );
    }
    seen.set(key, item);
  }
  return placed.map((item) => item.mapping);
}

interface MappingSource {
  logicalId: string;
  /** `EventSourceArn` for the resource, `Stream` for a SAM event. */
  arnKey: string;
  arn: string;
  functionName: string;
}

function streamMapping(
  reader: ResourceReader,
  source: MappingSource,
  context: MappingContext,
): EventSourceMappingDefinition {
  return {
    logicalId: source.logicalId,
    uuid: stableUuid(context.env.stackName, source.logicalId),
    functionName: source.functionName,
    tableName: streamTableOf(reader, source, context),
    ...streamSettingsOf(reader, source.arnKey === 'Stream'),
  };
}

/** The table whose stream the ARN names: a table of this stack, with a stream. */
function streamTableOf(reader: ResourceReader, source: MappingSource, context: MappingContext): string {
  const { arn, arnKey } = source;
  const { env } = context;
  const parts = /^arn:[^:]+:dynamodb:([^:]*):([^:]*):table\/[^/]+(\/stream\/.+)?$/.exec(arn);
  const tableName = tableNameOfArn(arn);
  if (!parts || tableName === undefined) {
    throw reader.fail(arnKey, `'${arn}' is not a DynamoDB stream ARN`);
  }
  if (parts[1] !== env.region || parts[2] !== env.accountId) {
    throw reader.fail(
      arnKey,
      `the stream must be in this stack's region and account (${env.region}, ${env.accountId})`,
    );
  }
  if (parts[3] === undefined) {
    throw reader.fail(
      arnKey,
      `'${arn}' is a table ARN; a mapping reads the table's stream (!GetAtt <Table>.StreamArn)`,
    );
  }
  const table = context.tables.get(tableName);
  if (!table) throw reader.fail(arnKey, `${tableName} is not a table of this stack`);
  if (!table.createTable.StreamSpecification?.StreamEnabled) {
    throw reader.fail(
      arnKey,
      `table ${tableName} (${table.logicalId}) has no StreamSpecification, so it has no stream`,
    );
  }
  return tableName;
}

function notCreated(source: string): string {
  return `${source} event sources are not supported by the local cloud yet; the mapping is not created`;
}
