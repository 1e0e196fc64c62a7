import { tableNameOfArn } from './arns.js';
import { arrayOf, objectOf } from './request-json.js';

/** One IAM decision a DynamoDB request needs. */
export interface DynamoDbPermission {
  action: string;
  resource: string;
  /** The items (keys or whole items) the decision covers, for `dynamodb:LeadingKeys`. */
  items?: Array<Record<string, unknown>>;
  /** A Query's key condition, for `dynamodb:LeadingKeys`. */
  query?: Record<string, unknown>;
}

/**
 * What IAM must allow for a DynamoDB or DynamoDB Streams request, as DynamoDB's authorization
 * reference lists it: the operation on each table (or index, or stream) it names; a transaction
 * needs the action of each item it holds (`dynamodb:PutItem`, `:UpdateItem`, …); listings act on `*`.
 * Item requests say which items they touch (`items`, `query`), from which the service reads the
 * partition keys for `dynamodb:LeadingKeys`.
 */
export function permissionsFor(
  operation: string,
  input: Record<string, unknown>,
  region: string,
  accountId: string,
): DynamoDbPermission[] {
  const action = `dynamodb:${operation}`;
  const table = (name: unknown, index?: unknown): string => {
    const text = String(name ?? '');
    const base = text.startsWith('arn:') ? text : `arn:aws:dynamodb:${region}:${accountId}:table/${text}`;
    return typeof index === 'string' && index !== '' ? `${base}/index/${index}` : base;
  };
  switch (operation) {
    case 'ListTables':
    case 'ListStreams':
    case 'DescribeLimits':
    case 'DescribeEndpoints':
    case 'ListGlobalTables':
    case 'ListBackups':
      return [{ action, resource: '*' }];
    case 'GetItem':
    case 'DeleteItem':
    case 'UpdateItem':
      return [{ action, resource: table(input.TableName), items: [objectOf(input.Key)] }];
    case 'PutItem':
      return [{ action, resource: table(input.TableName), items: [objectOf(input.Item)] }];
    case 'Query':
      return [{ action, resource: table(input.TableName, input.IndexName), query: input }];
    case 'BatchGetItem':
      return Object.entries(objectOf(input.RequestItems)).map(([name, request]) => ({
        action,
        resource: table(name),
        items: arrayOf(objectOf(request).Keys).map(objectOf),
      }));
    case 'BatchWriteItem':
      return Object.entries(objectOf(input.RequestItems)).map(([name, requests]) => ({
        action,
        resource: table(name),
        items: arrayOf(requests).map((request) => {
          const { PutRequest, DeleteRequest } = objectOf(request);
          return objectOf(PutRequest ? objectOf(PutRequest).Item : objectOf(DeleteRequest).Key);
        }),
      }));
    case 'TransactGetItems':
      return arrayOf(input.TransactItems).map((item) => {
        const get = objectOf(objectOf(item).Get);
        return { action: 'dynamodb:GetItem', resource: table(get.TableName), items: [objectOf(get.Key)] };
      });
    case 'TransactWriteItems':
      return arrayOf(input.TransactItems).flatMap((item) =>
        Object.entries(objectOf(item)).map(([kind, body]) => {
          const request = objectOf(body);
          return {
            action: `dynamodb:${TRANSACT_ACTIONS[kind] ?? kind}`,
            resource: table(request.TableName),
            items: [objectOf(request.Item ?? request.Key)],
          };
        }),
      );
    case 'DescribeStream':
    case 'GetShardIterator':
      return [{ action, resource: String(input.StreamArn ?? '*') }];
    case 'GetRecords':
      // The iterator is opaque; the stream it reads is not known here.
      return [{ action, resource: `arn:aws:dynamodb:${region}:${accountId}:table/*/stream/*` }];
    case 'ExecuteStatement':
      return partiql(String(input.Statement ?? ''), table);
    case 'BatchExecuteStatement':
    case 'ExecuteTransaction':
      return arrayOf(input.Statements ?? input.TransactStatements).flatMap((statement) =>
        partiql(String(objectOf(statement).Statement ?? ''), table),
      );
    default:
      return [
        {
          action,
          resource: table(
            input.TableName ?? tableNameOfArn(String(input.ResourceArn ?? '')),
            input.IndexName,
          ),
        },
      ];
  }
}

const TRANSACT_ACTIONS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};

/** PartiQL statements need `dynamodb:PartiQL<Select|Insert|Update|Delete>` on the table they name. */
function partiql(statement: string, table: (name: unknown) => string): DynamoDbPermission[] {
  const verb = /^\s*(SELECT|INSERT|UPDATE|DELETE)\b/i.exec(statement)?.[1]?.toUpperCase();
  const name =
    /\b(?:FROM|INTO)\s+"?([\w.-]+)"?/i.exec(statement)?.[1] ??
    /^\s*UPDATE\s+"?([\w.-]+)"?/i.exec(statement)?.[1];
  if (!verb || !name) return [{ action: 'dynamodb:PartiQLSelect', resource: '*' }];
  return [{ action: `dynamodb:PartiQL${verb[0]}${verb.slice(1).toLowerCase()}`, resource: table(name) }];
}
