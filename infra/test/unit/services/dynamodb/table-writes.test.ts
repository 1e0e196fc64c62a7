import { describe, expect, it } from 'vitest';
import { tableOfStatement, tablesWritten } from '../../../../src/services/dynamodb/table-writes.js';

describe('tables a write goes to', () => {
  it('reads the table of PartiQL writes, quoted or not, and none of reads', () => {
    expect(tableOfStatement(`INSERT INTO "Photos" VALUE {'pk': 'a'}`)).toBe('Photos');
    expect(tableOfStatement(`  update Photos SET n = 1 WHERE pk = 'a'`)).toBe('Photos');
    expect(tableOfStatement(`DELETE FROM "odd""name" WHERE pk = 'a'`)).toBe('odd"name');
    expect(tableOfStatement(`SELECT * FROM "Photos"`)).toBeUndefined();
    expect(tableOfStatement(42)).toBeUndefined();
  });

  it('names each table of a batch or transaction once, by name even when given an ARN', () => {
    const arn = 'arn:aws:dynamodb:eu-west-3:123456789012:table/Feed';

    const batch = tablesWritten('BatchWriteItem', { RequestItems: { Photos: [], [arn]: [] } });
    const transaction = tablesWritten('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 'Photos' } },
        { Delete: { TableName: 'Photos' } },
        { ConditionCheck: { TableName: 'Users' } },
      ],
    });
    const statements = tablesWritten('BatchExecuteStatement', {
      Statements: [{ Statement: 'UPDATE "Feed" SET n = 1' }, { Statement: 'SELECT * FROM "Users"' }],
    });

    expect(batch).toEqual(['Photos', 'Feed']);
    expect(transaction).toEqual(['Photos']);
    expect(statements).toEqual(['Feed']);
  });

  it('ignores input of the wrong shape instead of failing', () => {
    expect(tablesWritten('PutItem', {})).toEqual([]);
    expect(tablesWritten('TransactWriteItems', { TransactItems: 'nope' })).toEqual([]);
    expect(tablesWritten('BatchWriteItem', { RequestItems: null })).toEqual([]);
  });
});
