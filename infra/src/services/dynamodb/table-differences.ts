import type {
  AttributeDefinition,
  CreateTableCommandInput,
  KeySchemaElement,
  TableDescription,
} from '@aws-sdk/client-dynamodb';

export interface TableDifference {
  /** The template property that differs (`KeySchema`, `StreamSpecification`, …). */
  property: string;
  /** What the table has and what the template says. */
  message: string;
}

/**
 * How an existing table differs from what the template would create, in what matters to the code
 * that uses it: its keys, its stream, its indexes. Capacity, tags and the like are left out.
 */
export function tableDifferences(
  wanted: CreateTableCommandInput,
  actual: TableDescription,
): TableDifference[] {
  const differences: TableDifference[] = [];
  const compare = (property: string, what: string, have: string, want: string) => {
    if (have !== want) {
      differences.push({ property, message: `${what}: ${have} in DynamoDB Local, ${want} in the template` });
    }
  };
  const definitions = { have: actual.AttributeDefinitions, want: wanted.AttributeDefinitions };
  compare(
    'KeySchema',
    'key schema',
    keysOf(actual.KeySchema, definitions.have),
    keysOf(wanted.KeySchema, definitions.want),
  );
  compare('StreamSpecification', 'stream', streamOf(actual), streamOf(wanted));
  compare(
    'GlobalSecondaryIndexes',
    'global secondary indexes',
    indexesOf(actual.GlobalSecondaryIndexes, definitions.have),
    indexesOf(wanted.GlobalSecondaryIndexes, definitions.want),
  );
  compare(
    'LocalSecondaryIndexes',
    'local secondary indexes',
    indexesOf(actual.LocalSecondaryIndexes, definitions.have),
    indexesOf(wanted.LocalSecondaryIndexes, definitions.want),
  );
  return differences;
}

/** `pk (HASH, S), sk (RANGE, N)`. */
function keysOf(
  schema: KeySchemaElement[] | undefined,
  definitions: AttributeDefinition[] | undefined,
): string {
  if (!schema || schema.length === 0) return 'none';
  const typeOf = (name: string | undefined) =>
    definitions?.find((definition) => definition.AttributeName === name)?.AttributeType ?? '?';
  return schema
    .map((key) => `${key.AttributeName} (${key.KeyType}, ${typeOf(key.AttributeName)})`)
    .join(', ');
}

function streamOf(table: Pick<TableDescription, 'StreamSpecification'>): string {
  const stream = table.StreamSpecification;
  return stream?.StreamEnabled ? `enabled (${stream.StreamViewType})` : 'disabled';
}

/** `byUser: userId (HASH, S)`, one per index, sorted by name. */
function indexesOf(
  indexes: Array<{ IndexName?: string | undefined; KeySchema?: KeySchemaElement[] | undefined }> | undefined,
  definitions: AttributeDefinition[] | undefined,
): string {
  if (!indexes || indexes.length === 0) return 'none';
  return indexes
    .map((index) => `${index.IndexName}: ${keysOf(index.KeySchema, definitions)}`)
    .sort()
    .join('; ');
}
