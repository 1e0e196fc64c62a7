import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition, TemplateIssue } from '../../stack/types.js';
import { tableDifferences } from './table-differences.js';

/** An existing table that differs from the template; it was left as it is. */
export interface TableWarning extends TemplateIssue {
  tableName: string;
}

export interface EnsureTablesResult {
  /** Tables made now. */
  created: string[];
  /** Tables that were there already (kept with their data). */
  existing: string[];
  warnings: TableWarning[];
}

const ACTIVE_POLL_MS = 100;
const KEEP_ADVICE = 'the table is kept as it is, with its data (delete it to have it made from the template)';

/**
 * Makes the stack's tables exist: creates each missing one (and waits until it is ACTIVE), turns on
 * time to live where the template asks for it. A table that exists is never changed beyond that:
 * how it differs from the template (keys, stream, indexes, time to live) comes back as warnings.
 *
 * @example
 * const { warnings } = await ensureTables(client, stack.tables);
 * for (const w of warnings) console.warn(`${w.resource}: ${w.message}`);
 */
export async function ensureTables(
  client: DynamoDBClient,
  tables: TableDefinition[],
  options: { activeTimeoutMs?: number } = {},
): Promise<EnsureTablesResult> {
  const result: EnsureTablesResult = { created: [], existing: [], warnings: [] };
  for (const table of tables) {
    const existing = await describeTable(client, table.tableName);
    const made = existing === undefined && (await createTable(client, table));
    const description =
      existing ?? (await waitUntilActive(client, table.tableName, options.activeTimeoutMs ?? 30_000));
    (made ? result.created : result.existing).push(table.tableName);
    if (!made) {
      for (const difference of tableDifferences(table.createTable, description)) {
        result.warnings.push(warning(table, `Properties.${difference.property}`, difference.message));
      }
    }
    const ttlWarning = await ensureTimeToLive(client, table, made);
    if (ttlWarning) result.warnings.push(ttlWarning);
  }
  return result;
}

async function describeTable(
  client: DynamoDBClient,
  TableName: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Creates the table; false when another process made it between our look and now. */
async function createTable(client: DynamoDBClient, table: TableDefinition): Promise<boolean> {
  try {
    await client.send(new CreateTableCommand(table.createTable));
    return true;
  } catch (error) {
    if (error instanceof ResourceInUseException) return false;
    throw error;
  }
}

async function waitUntilActive(
  client: DynamoDBClient,
  TableName: string,
  timeoutMs: number,
): Promise<TableDescription> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const description = await describeTable(client, TableName);
    if (description?.TableStatus === 'ACTIVE') return description;
    if (Date.now() > deadline) {
      throw new Error(
        `table ${TableName} is still ${description?.TableStatus ?? 'missing'} after ${timeoutMs} ms`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_POLL_MS));
  }
}

/** Turns time to live on as the template says; says so when the table has another setting. */
async function ensureTimeToLive(
  client: DynamoDBClient,
  table: TableDefinition,
  justCreated: boolean,
): Promise<TableWarning | undefined> {
  const wanted = table.timeToLiveAttribute;
  if (justCreated && wanted === undefined) return undefined;
  const TableName = table.tableName;
  const current = justCreated
    ? undefined
    : (await client.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription;
  const enabledOn =
    current?.TimeToLiveStatus === 'ENABLED' || current?.TimeToLiveStatus === 'ENABLING'
      ? current.AttributeName
      : undefined;
  if (enabledOn === wanted) return undefined;
  const property = 'Properties.TimeToLiveSpecification';
  if (enabledOn !== undefined) {
    // Moving it to another attribute (or off) changes which items expire: left to the developer.
    const want = wanted === undefined ? 'off' : `on ${wanted}`;
    return warning(
      table,
      property,
      `time to live: on ${enabledOn} in DynamoDB Local, ${want} in the template`,
    );
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName,
      TimeToLiveSpecification: { Enabled: true, AttributeName: wanted },
    }),
  );
  return undefined;
}

function warning(table: TableDefinition, property: string, difference: string): TableWarning {
  return {
    resource: table.logicalId,
    property,
    tableName: table.tableName,
    message: `table ${table.tableName}: ${difference}; ${KEEP_ADVICE}`,
  };
}
