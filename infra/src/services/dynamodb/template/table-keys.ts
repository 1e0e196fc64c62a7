import type {
  AttributeDefinition,
  GlobalSecondaryIndex,
  KeySchemaElement,
  LocalSecondaryIndex,
  Projection,
  ProvisionedThroughput,
} from '@aws-sdk/client-dynamodb';
import {
  integerAt,
  listAt,
  mappingAt,
  oneOf,
  requiredAt,
  stringAt,
  stringListAt,
} from '../../../stack/property-values.js';
import type { ResourceReader } from '../../../stack/resource-reader.js';

const KEY_TYPES = ['HASH', 'RANGE'] as const;
const ATTRIBUTE_TYPES = ['S', 'N', 'B'] as const;
const PROJECTION_TYPES = ['ALL', 'KEYS_ONLY', 'INCLUDE'] as const;

/** A key schema with the path it was read from, so that errors about its attributes point at it. */
export interface PlacedKeySchema {
  path: string;
  elements: KeySchemaElement[];
}

/** `KeySchema` of a table or an index: one HASH key, then at most one RANGE key. */
export function keySchemaOf(reader: ResourceReader, path: string, value: unknown): PlacedKeySchema {
  const items = listAt(reader, path, requiredAt(reader, path, value));
  if (items.length < 1 || items.length > 2) {
    throw reader.fail(path, `must hold a HASH key and at most one RANGE key, got ${items.length} keys`);
  }
  const elements = items.map((item, index): KeySchemaElement => {
    const itemPath = `${path}[${index}]`;
    const key = mappingAt(reader, itemPath, item, ['AttributeName', 'KeyType']);
    return {
      AttributeName: attributeNameAt(reader, `${itemPath}.AttributeName`, key.AttributeName),
      KeyType: oneOf(
        reader,
        `${itemPath}.KeyType`,
        requiredAt(reader, `${itemPath}.KeyType`, key.KeyType),
        KEY_TYPES,
      ),
    };
  });
  if (elements[0]?.KeyType !== 'HASH') {
    throw reader.fail(`${path}[0].KeyType`, 'the first key must be the HASH (partition) key');
  }
  if (elements[1] && elements[1].KeyType !== 'RANGE') {
    throw reader.fail(`${path}[1].KeyType`, 'the second key must be the RANGE (sort) key');
  }
  if (elements[1] && elements[1].AttributeName === elements[0].AttributeName) {
    throw reader.fail(
      `${path}[1].AttributeName`,
      'the RANGE key must be another attribute than the HASH key',
    );
  }
  return { path, elements };
}

/** `AttributeDefinitions`: each attribute once, typed S, N or B (the only key types). */
export function attributeDefinitionsOf(reader: ResourceReader, value: unknown): AttributeDefinition[] {
  const path = 'AttributeDefinitions';
  const seen = new Set<string>();
  return listAt(reader, path, requiredAt(reader, path, value, 'the type of every key attribute')).map(
    (item, index) => {
      const itemPath = `${path}[${index}]`;
      const definition = mappingAt(reader, itemPath, item, ['AttributeName', 'AttributeType']);
      const name = attributeNameAt(reader, `${itemPath}.AttributeName`, definition.AttributeName);
      if (seen.has(name)) throw reader.fail(`${itemPath}.AttributeName`, `${name} is defined twice`);
      seen.add(name);
      const typePath = `${itemPath}.AttributeType`;
      return {
        AttributeName: name,
        AttributeType: oneOf(
          reader,
          typePath,
          requiredAt(reader, typePath, definition.AttributeType),
          ATTRIBUTE_TYPES,
        ),
      };
    },
  );
}

/**
 * DynamoDB wants the definitions and the keys to match exactly: every key attribute defined, and
 * no definition that no key of the table or of an index uses.
 */
export function checkKeyAttributes(
  reader: ResourceReader,
  definitions: AttributeDefinition[],
  schemas: PlacedKeySchema[],
): void {
  const defined = new Set(definitions.map((definition) => definition.AttributeName));
  const used = new Set<string>();
  for (const schema of schemas) {
    schema.elements.forEach((element, index) => {
      const name = element.AttributeName ?? '';
      if (!defined.has(name)) {
        throw reader.fail(`${schema.path}[${index}].AttributeName`, `${name} is not in AttributeDefinitions`);
      }
      used.add(name);
    });
  }
  const unused = definitions.findIndex((definition) => !used.has(definition.AttributeName ?? ''));
  if (unused >= 0) {
    throw reader.fail(
      `AttributeDefinitions[${unused}]`,
      `${definitions[unused]?.AttributeName} is not a key of the table or of an index; DynamoDB accepts definitions of key attributes only`,
    );
  }
}

/** `ProvisionedThroughput` of a table or an index: read and write capacity units, both at least 1. */
export function throughputOf(reader: ResourceReader, path: string, value: unknown): ProvisionedThroughput {
  const throughput = mappingAt(reader, path, value, ['ReadCapacityUnits', 'WriteCapacityUnits']);
  const units = (key: 'ReadCapacityUnits' | 'WriteCapacityUnits') =>
    integerAt(reader, `${path}.${key}`, requiredAt(reader, `${path}.${key}`, throughput[key]), {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
    });
  return { ReadCapacityUnits: units('ReadCapacityUnits'), WriteCapacityUnits: units('WriteCapacityUnits') };
}

/** What reading the indexes needs to know about the table. */
export interface IndexContext {
  billingMode: 'PROVISIONED' | 'PAY_PER_REQUEST';
  tableKeys: PlacedKeySchema;
}

/** The indexes read, and their key schemas for the attribute check. */
export interface Indexes {
  global: GlobalSecondaryIndex[];
  local: LocalSecondaryIndex[];
  schemas: PlacedKeySchema[];
}

const LIMITS = { GlobalSecondaryIndexes: 20, LocalSecondaryIndexes: 5 };
/** DynamoDB counts projected non-key attributes over all the indexes of a table. */
const MAX_PROJECTED_ATTRIBUTES = 100;

/** `GlobalSecondaryIndexes` and `LocalSecondaryIndexes`, checked as DynamoDB's CreateTable checks them. */
export function indexesOf(
  reader: ResourceReader,
  values: { global: unknown; local: unknown },
  context: IndexContext,
): Indexes {
  const indexes: Indexes = { global: [], local: [], schemas: [] };
  const names = new Set<string>();
  let projected = 0;
  for (const key of ['GlobalSecondaryIndexes', 'LocalSecondaryIndexes'] as const) {
    const value = key === 'GlobalSecondaryIndexes' ? values.global : values.local;
    if (value === undefined) continue;
    const items = listAt(reader, key, value);
    if (items.length > LIMITS[key]) {
      throw reader.fail(key, `DynamoDB allows at most ${LIMITS[key]} per table, got ${items.length}`);
    }
    const readIndex = key === 'GlobalSecondaryIndexes' ? globalIndex : localIndex;
    items.forEach((item, position) => {
      const path = `${key}[${position}]`;
      const index = readIndex(reader, path, item, context);
      const name = index.IndexName ?? '';
      if (names.has(name)) throw reader.fail(`${path}.IndexName`, `another index is already named ${name}`);
      names.add(name);
      projected += index.Projection?.NonKeyAttributes?.length ?? 0;
      if (projected > MAX_PROJECTED_ATTRIBUTES) {
        throw reader.fail(
          `${path}.Projection.NonKeyAttributes`,
          `DynamoDB allows at most ${MAX_PROJECTED_ATTRIBUTES} projected attributes over all indexes of a table`,
        );
      }
      indexes.schemas.push({ path: `${path}.KeySchema`, elements: index.KeySchema ?? [] });
      (key === 'GlobalSecondaryIndexes' ? indexes.global : indexes.local).push(index);
    });
  }
  return indexes;
}

function globalIndex(
  reader: ResourceReader,
  path: string,
  value: unknown,
  { billingMode }: IndexContext,
): GlobalSecondaryIndex {
  const index = mappingAt(reader, path, value, [
    'IndexName',
    'KeySchema',
    'Projection',
    'ProvisionedThroughput',
    'OnDemandThroughput',
    'ContributorInsightsSpecification',
    'WarmThroughput',
  ]);
  if (index.OnDemandThroughput !== undefined) {
    reader.report(`${path}.OnDemandThroughput`, 'request throughput is not capped locally; ignored');
  }
  const result: GlobalSecondaryIndex = {
    IndexName: indexNameAt(reader, `${path}.IndexName`, index.IndexName),
    KeySchema: keySchemaOf(reader, `${path}.KeySchema`, index.KeySchema).elements,
    Projection: projectionOf(reader, `${path}.Projection`, index.Projection),
  };
  const throughputPath = `${path}.ProvisionedThroughput`;
  if (billingMode === 'PROVISIONED') {
    result.ProvisionedThroughput = throughputOf(
      reader,
      throughputPath,
      requiredAt(reader, throughputPath, index.ProvisionedThroughput, 'the table is PROVISIONED'),
    );
  } else if (index.ProvisionedThroughput !== undefined) {
    throw reader.fail(throughputPath, 'cannot be set when the table is PAY_PER_REQUEST');
  }
  return result;
}

function localIndex(
  reader: ResourceReader,
  path: string,
  value: unknown,
  { tableKeys }: IndexContext,
): LocalSecondaryIndex {
  const index = mappingAt(reader, path, value, ['IndexName', 'KeySchema', 'Projection']);
  const keys = keySchemaOf(reader, `${path}.KeySchema`, index.KeySchema).elements;
  const [tableHash, tableRange] = tableKeys.elements;
  if (!tableRange) {
    throw reader.fail(path, 'a local secondary index needs a table with a RANGE (sort) key');
  }
  if (keys[0]?.AttributeName !== tableHash?.AttributeName) {
    throw reader.fail(
      `${path}.KeySchema[0].AttributeName`,
      `a local secondary index shares the table's HASH key, ${tableHash?.AttributeName}`,
    );
  }
  if (keys.length !== 2) throw reader.fail(`${path}.KeySchema`, 'a local secondary index needs a RANGE key');
  return {
    IndexName: indexNameAt(reader, `${path}.IndexName`, index.IndexName),
    KeySchema: keys,
    Projection: projectionOf(reader, `${path}.Projection`, index.Projection),
  };
}

function projectionOf(reader: ResourceReader, path: string, value: unknown): Projection {
  const projection = mappingAt(reader, path, requiredAt(reader, path, value), [
    'NonKeyAttributes',
    'ProjectionType',
  ]);
  const result: Projection = {};
  if (projection.ProjectionType !== undefined) {
    result.ProjectionType = oneOf(
      reader,
      `${path}.ProjectionType`,
      projection.ProjectionType,
      PROJECTION_TYPES,
    );
  }
  if (projection.NonKeyAttributes !== undefined) {
    if (result.ProjectionType !== 'INCLUDE') {
      throw reader.fail(`${path}.NonKeyAttributes`, 'is only allowed with ProjectionType INCLUDE');
    }
    result.NonKeyAttributes = stringListAt(reader, `${path}.NonKeyAttributes`, projection.NonKeyAttributes);
  }
  return result;
}

function attributeNameAt(reader: ResourceReader, path: string, value: unknown): string {
  const name = stringAt(reader, path, requiredAt(reader, path, value));
  if (name.length < 1 || name.length > 255) throw reader.fail(path, 'must be 1 to 255 characters');
  return name;
}

function indexNameAt(reader: ResourceReader, path: string, value: unknown): string {
  const name = stringAt(reader, path, requiredAt(reader, path, value));
  if (!/^[a-zA-Z0-9_.-]{3,255}$/.test(name)) {
    throw reader.fail(path, `'${name}' is not a valid index name (3-255 letters, digits, _ . -)`);
  }
  return name;
}
