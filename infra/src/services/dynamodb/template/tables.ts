import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { TemplateEvaluator } from '../../../stack/evaluator.js';
import type { IssueList } from '../../../stack/issues.js';
import { checkUniquePhysicalNames, generatedTableName } from '../../../stack/physical-names.js';
import { booleanAt, mappingAt, oneOf, requiredAt, stringAt, tagsOf } from '../../../stack/property-values.js';
import type { StackEnvironment } from '../../../stack/pseudo-parameters.js';
import { ResourceReader } from '../../../stack/resource-reader.js';
import type { TableDefinition } from '../../../stack/types.js';
import { describe, isObject, type TemplateObject } from '../../../stack/values.js';
import {
  attributeDefinitionsOf,
  checkKeyAttributes,
  indexesOf,
  keySchemaOf,
  throughputOf,
} from './table-keys.js';

const BILLING_MODES = ['PROVISIONED', 'PAY_PER_REQUEST'] as const;
const STREAM_VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const;

/**
 * Reads an `AWS::DynamoDB::Table` into the CreateTable request that makes it, refusing what
 * CloudFormation or DynamoDB would refuse (keys not defined, definitions no key uses, provisioned
 * capacity missing or set on an on-demand table, …). The settings that shape the table are
 * essential: a table whose keys cannot be known locally cannot be created.
 */
export function readTable(reader: ResourceReader, env: StackEnvironment): TableDefinition {
  const tableName = tableNameOf(reader, env);
  const tableKeys = keySchemaOf(reader, 'KeySchema', reader.essential('KeySchema'));
  const definitions = attributeDefinitionsOf(reader, reader.essential('AttributeDefinitions'));
  const billingValue = reader.essential('BillingMode');
  const billingMode =
    billingValue === undefined ? 'PROVISIONED' : oneOf(reader, 'BillingMode', billingValue, BILLING_MODES);
  const indexes = indexesOf(
    reader,
    { global: reader.essential('GlobalSecondaryIndexes'), local: reader.essential('LocalSecondaryIndexes') },
    { billingMode, tableKeys },
  );
  checkKeyAttributes(reader, definitions, [tableKeys, ...indexes.schemas]);

  const createTable: CreateTableCommandInput = {
    TableName: tableName,
    AttributeDefinitions: definitions,
    KeySchema: tableKeys.elements,
    BillingMode: billingMode,
  };
  const throughput = reader.essential('ProvisionedThroughput');
  if (billingMode === 'PROVISIONED') {
    const value = requiredAt(
      reader,
      'ProvisionedThroughput',
      throughput,
      'BillingMode is PROVISIONED, the default',
    );
    createTable.ProvisionedThroughput = throughputOf(reader, 'ProvisionedThroughput', value);
  } else if (throughput !== undefined) {
    throw reader.fail('ProvisionedThroughput', 'cannot be set when BillingMode is PAY_PER_REQUEST');
  }
  if (indexes.global.length > 0) createTable.GlobalSecondaryIndexes = indexes.global;
  if (indexes.local.length > 0) createTable.LocalSecondaryIndexes = indexes.local;
  const streamViewType = streamViewTypeOf(reader);
  if (streamViewType)
    createTable.StreamSpecification = { StreamEnabled: true, StreamViewType: streamViewType };
  const deletionProtection = reader.boolean('DeletionProtectionEnabled');
  if (deletionProtection !== undefined) createTable.DeletionProtectionEnabled = deletionProtection;
  const tags = tableTagsOf(reader);
  if (tags.length > 0) createTable.Tags = tags;

  const definition: TableDefinition = { logicalId: reader.logicalId, tableName, createTable };
  const timeToLiveAttribute = timeToLiveOf(reader);
  if (timeToLiveAttribute !== undefined) definition.timeToLiveAttribute = timeToLiveAttribute;
  return definition;
}

const SIMPLE_KEY_TYPES = { String: 'S', Number: 'N', Binary: 'B' } as const;

/**
 * Reads an `AWS::Serverless::SimpleTable` as the SAM translator expands it: a table of the same
 * logical id keyed by `PrimaryKey` (`id`, a string, by default), provisioned when
 * `ProvisionedThroughput` is given and on demand otherwise.
 */
export function readSimpleTable(
  reader: ResourceReader,
  context: { env: StackEnvironment; evaluator: TemplateEvaluator; issues: IssueList },
): TableDefinition {
  const primaryKey = reader.essential('PrimaryKey');
  let key = { name: 'id', type: 'S' as string };
  if (primaryKey !== undefined) {
    const value = mappingAt(reader, 'PrimaryKey', primaryKey, ['Name', 'Type']);
    const name = stringAt(reader, 'PrimaryKey.Name', requiredAt(reader, 'PrimaryKey.Name', value.Name));
    const typePath = 'PrimaryKey.Type';
    const type = oneOf(reader, typePath, requiredAt(reader, typePath, value.Type), [
      'String',
      'Number',
      'Binary',
    ]);
    key = { name, type: SIMPLE_KEY_TYPES[type] };
  }
  const expanded: TemplateObject = {
    KeySchema: [{ AttributeName: key.name, KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: key.name, AttributeType: key.type }],
  };
  const throughput = reader.properties.ProvisionedThroughput;
  if (throughput === undefined) expanded.BillingMode = 'PAY_PER_REQUEST';
  else expanded.ProvisionedThroughput = throughput;
  const tags = reader.optional('Tags');
  if (tags !== undefined) {
    if (!isObject(tags))
      throw reader.fail('Tags', `must be a mapping of tag names to values, got ${describe(tags)}`);
    expanded.Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  }
  // `TableName` is read from the resource itself by `readTable`, through the evaluator's cache.
  const expandedReader = new ResourceReader(reader.logicalId, expanded, context.evaluator, context.issues);
  return readTable(expandedReader, context.env);
}

/** Table names are unique per account and region: two tables of one stack cannot share one. */
export function checkUniqueTableNames(tables: TableDefinition[]): void {
  checkUniquePhysicalNames(tables, (table) => table.tableName, 'table name', 'Properties.TableName');
}

function tableNameOf(reader: ResourceReader, env: StackEnvironment): string {
  const name = reader.name('TableName');
  if (name === undefined) return generatedTableName(env, reader.logicalId);
  if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(name)) {
    throw reader.fail('TableName', `'${name}' is not a valid table name (3-255 letters, digits, _ . -)`);
  }
  return name;
}

function streamViewTypeOf(reader: ResourceReader): (typeof STREAM_VIEW_TYPES)[number] | undefined {
  const value = reader.essential('StreamSpecification');
  if (value === undefined) return undefined;
  const stream = mappingAt(reader, 'StreamSpecification', value, ['StreamViewType', 'ResourcePolicy']);
  if (stream.ResourcePolicy !== undefined) {
    reader.report(
      'StreamSpecification.ResourcePolicy',
      'resource policies of streams are not enforced locally yet; ignored',
    );
  }
  const path = 'StreamSpecification.StreamViewType';
  return oneOf(reader, path, requiredAt(reader, path, stream.StreamViewType), STREAM_VIEW_TYPES);
}

function timeToLiveOf(reader: ResourceReader): string | undefined {
  const value = reader.optional('TimeToLiveSpecification');
  if (value === undefined) return undefined;
  const path = 'TimeToLiveSpecification';
  const ttl = mappingAt(reader, path, value, ['AttributeName', 'Enabled']);
  if (!booleanAt(reader, `${path}.Enabled`, requiredAt(reader, `${path}.Enabled`, ttl.Enabled)))
    return undefined;
  const name = stringAt(
    reader,
    `${path}.AttributeName`,
    requiredAt(reader, `${path}.AttributeName`, ttl.AttributeName),
  );
  if (name.length < 1 || name.length > 255)
    throw reader.fail(`${path}.AttributeName`, 'must be 1 to 255 characters');
  return name;
}

/** `Tags` as the Key/Value list CreateTable takes; DynamoDB keeps the `aws:` prefix for AWS's own. */
function tableTagsOf(reader: ResourceReader): Array<{ Key: string; Value: string }> {
  const tags = Object.entries(tagsOf(reader, 'list')).map(([Key, Value]) => ({ Key, Value }));
  if (tags.length > 50) throw reader.fail('Tags', `DynamoDB allows at most 50 tags, got ${tags.length}`);
  const reserved = tags.find((tag) => tag.Key.toLowerCase().startsWith('aws:'));
  if (reserved) throw reader.fail('Tags', `tag ${reserved.Key}: the aws: prefix is reserved for AWS`);
  return tags;
}
