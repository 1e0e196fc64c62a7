import { paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from './aws-clients.js';

/**
 * Every item a Query matches, page after page: a filter can leave a page short or empty while more
 * follow. Stop early by breaking out of the loop; no page past the one in hand is read.
 *
 * @example
 * for await (const item of queryItems({ TableName, KeyConditionExpression, … })) ids.push(item.id);
 */
export async function* queryItems(input: QueryCommandInput): AsyncGenerator<Record<string, unknown>> {
  for await (const page of paginateQuery({ client: dynamo() }, input)) yield* page.Items ?? [];
}
