import { describe, expect, it } from 'vitest';
import { leadingKeysOf } from '../../../../src/services/dynamodb/leading-keys.js';
import { permissionsFor } from '../../../../src/services/dynamodb/permissions.js';

const keysOf = (operation: string, input: Record<string, unknown>) =>
  permissionsFor(operation, input, 'us-east-1', '123456789012').map((permission) =>
    leadingKeysOf(permission, 'pk'),
  );

describe('dynamodb:LeadingKeys', () => {
  it.each([
    ['GetItem', { TableName: 't', Key: { pk: { S: 'a' }, sk: { S: 'x' } } }, [['a']]],
    ['PutItem', { TableName: 't', Item: { pk: { N: '42' }, other: { S: 'y' } } }, [['42']]],
    [
      'Query',
      {
        TableName: 't',
        KeyConditionExpression: 'pk = :v AND sk > :s',
        ExpressionAttributeValues: { ':v': { S: 'b' } },
      },
      [['b']],
    ],
    [
      'Query',
      {
        TableName: 't',
        KeyConditionExpression: '#p = :v',
        ExpressionAttributeNames: { '#p': 'pk' },
        ExpressionAttributeValues: { ':v': { S: 'c' } },
      },
      [['c']],
    ],
    [
      'Query',
      {
        TableName: 't',
        KeyConditions: { pk: { AttributeValueList: [{ S: 'd' }], ComparisonOperator: 'EQ' } },
      },
      [['d']],
    ],
    [
      'BatchWriteItem',
      {
        RequestItems: {
          t: [{ PutRequest: { Item: { pk: { S: 'e' } } } }, { DeleteRequest: { Key: { pk: { S: 'f' } } } }],
        },
      },
      [['e', 'f']],
    ],
    ['Scan', { TableName: 't' }, [undefined]],
  ])('reads the partition keys of %s', (operation, input, expected) => {
    expect(keysOf(operation, input)).toEqual(expected);
  });
});
