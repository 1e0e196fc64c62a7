import type { DynamoDbPermission } from './permissions.js';
import { objectOf } from './request-json.js';

/**
 * `dynamodb:LeadingKeys`: the partition key values a request touches, as IAM sees them (strings:
 * `S` as is, `N` as written, `B` in base64). A Query gives its value in the key condition, by
 * expression (`#pk = :v`, `pk = :v`) or by the legacy `KeyConditions`. Undefined when the request
 * names no item (a Scan, a table operation): the key is then absent, as on AWS.
 */
export function leadingKeysOf(permission: DynamoDbPermission, partitionKey: string): string[] | undefined {
  if (permission.items) {
    return permission.items
      .map((item) => attributeText(item[partitionKey]))
      .filter((value) => value !== undefined);
  }
  if (permission.query) return queryValue(permission.query, partitionKey);
  return undefined;
}

function queryValue(query: Record<string, unknown>, partitionKey: string): string[] | undefined {
  const legacy = objectOf(objectOf(query.KeyConditions)[partitionKey]).AttributeValueList;
  if (Array.isArray(legacy)) {
    const value = attributeText(legacy[0]);
    return value === undefined ? [] : [value];
  }
  const expression = typeof query.KeyConditionExpression === 'string' ? query.KeyConditionExpression : '';
  const names = objectOf(query.ExpressionAttributeNames);
  const values = objectOf(query.ExpressionAttributeValues);
  for (const match of expression.matchAll(/([#\w.-]+)\s*=\s*(:[\w]+)/g)) {
    const [, operand = '', placeholder = ''] = match;
    const name = operand.startsWith('#') ? names[operand] : operand;
    if (name !== partitionKey) continue;
    const value = attributeText(values[placeholder]);
    return value === undefined ? [] : [value];
  }
  return [];
}

function attributeText(value: unknown): string | undefined {
  const attribute = objectOf(value);
  for (const type of ['S', 'N', 'B'] as const) {
    if (typeof attribute[type] === 'string') return attribute[type] as string;
  }
  return undefined;
}
