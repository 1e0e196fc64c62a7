import { tableNameOfArn } from './arns.js';
import { arrayOf, objectOf } from './request-json.js';

/** The operations that change items (PartiQL ones only when their statement does). */
const WRITE_OPERATIONS = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'ExecuteTransaction',
]);

export function mayWrite(operation: string): boolean {
  return WRITE_OPERATIONS.has(operation);
}

/**
 * The tables a successful write request wrote to, from its input. A batch may leave some items
 * unprocessed and a PartiQL batch may fail statement by statement: a table named here was then
 * possibly not written, which is harmless to those who only wake up on it.
 */
export function tablesWritten(operation: string, input: Record<string, unknown>): string[] {
  const names = new Set<string>();
  const add = (name: unknown) => {
    if (typeof name !== 'string' || name === '') return;
    names.add(name.startsWith('arn:') ? (tableNameOfArn(name) ?? name) : name);
  };
  switch (operation) {
    case 'PutItem':
    case 'UpdateItem':
    case 'DeleteItem':
      add(input.TableName);
      break;
    case 'BatchWriteItem':
      for (const name of Object.keys(objectOf(input.RequestItems))) add(name);
      break;
    case 'TransactWriteItems':
      for (const item of arrayOf(input.TransactItems)) {
        const entry = objectOf(item);
        // ConditionCheck reads; the three others write.
        for (const kind of ['Put', 'Update', 'Delete']) add(objectOf(entry[kind]).TableName);
      }
      break;
    case 'ExecuteStatement':
      add(tableOfStatement(input.Statement));
      break;
    case 'BatchExecuteStatement':
      for (const item of arrayOf(input.Statements)) add(tableOfStatement(objectOf(item).Statement));
      break;
    case 'ExecuteTransaction':
      for (const item of arrayOf(input.TransactStatements)) add(tableOfStatement(objectOf(item).Statement));
      break;
  }
  return [...names];
}

/**
 * The table a PartiQL write statement writes to: `INSERT INTO "t" …`, `UPDATE "t" …`,
 * `DELETE FROM "t" …` (quoted or not); nothing for a SELECT.
 */
const WRITE_STATEMENT =
  /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:"((?:[^"]|"")+)"|([A-Za-z0-9_.-]+))/i;

export function tableOfStatement(statement: unknown): string | undefined {
  if (typeof statement !== 'string') return undefined;
  const match = WRITE_STATEMENT.exec(statement);
  if (!match) return undefined;
  return match[1] !== undefined ? match[1].replaceAll('""', '"') : match[2];
}
